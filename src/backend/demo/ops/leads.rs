//! Lead operations: list, read, create, edit, move, reassign, notes, activities.

use super::*;
use crate::backend::demo::data::DemoData;
use crate::backend::*;
use crate::domain::attach::Channel;
use crate::domain::scope::Actor;
use crate::domain::transitions::*;
use crate::domain::validation::*;
use crate::domain::*;
use chrono::Utc;
use uuid::Uuid;

impl DemoData {
    pub(super) fn visible_lead(&self, actor: &Actor, id: Id) -> BackendResult<usize> {
        let pos = self.lead_pos(id).ok_or_else(|| not_found("Lead"))?;
        let l = &self.leads[pos];
        if !actor.sees_record(l.partner_id, l.distributor_id) {
            return Err(BackendError::Forbidden("Access denied to this lead".into()));
        }
        Ok(pos)
    }

    pub fn list_leads(&self, actor: &Actor, q: &LeadQuery, page: PageRequest) -> Page<Lead> {
        let mut rows: Vec<Lead> = self
            .leads
            .iter()
            .filter(|l| actor.sees_record(l.partner_id, l.distributor_id))
            .filter(|l| q.status.is_none_or(|s| l.status == s))
            .filter(|l| q.owner_id.is_none_or(|o| l.owner_id == o))
            .filter(|l| q.partner_id.is_none_or(|p| l.partner_id == Some(p)))
            .filter(|l| {
                q.text.as_deref().is_none_or(|t| {
                    text_hit(
                        t,
                        &[
                            Some(&l.title),
                            Some(&l.organization),
                            Some(&l.contact_name),
                            l.contact_email.as_deref(),
                        ],
                    )
                })
            })
            .cloned()
            .collect();
        rows.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        Page::slice(rows, page)
    }

    pub fn get_lead(&self, actor: &Actor, id: Id) -> BackendResult<LeadDetail> {
        let pos = self.visible_lead(actor, id)?;
        let mut history: Vec<LeadStatusChange> = self
            .history
            .iter()
            .filter(|h| h.lead_id == id)
            .cloned()
            .collect();
        history.sort_by_key(|h| h.changed_at);
        Ok(LeadDetail {
            lead: self.leads[pos].clone(),
            activities: self
                .activities
                .iter()
                .filter(|a| a.lead_id == id)
                .cloned()
                .collect(),
            notes: self
                .lead_notes
                .iter()
                .filter(|n| n.lead_id == id)
                .cloned()
                .collect(),
            status_history: Some(history),
        })
    }

    pub fn create_lead(&mut self, actor: &Actor, draft: &LeadDraft) -> BackendResult<Lead> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let errors = validate_lead(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        let to = Channel::new(draft.partner_id, draft.distributor_id);
        self.check_channel(actor, to, None)?;
        let now = Utc::now();
        let lead = Lead {
            id: Uuid::new_v4(),
            title: draft.title.trim().into(),
            organization: draft.organization.trim().into(),
            contact_name: draft.contact_name.trim().into(),
            contact_email: draft.contact_email.clone(),
            contact_phone: draft.contact_phone.clone(),
            value: draft.value,
            currency: if draft.currency.is_empty() {
                "EUR".into()
            } else {
                draft.currency.clone().into()
            },
            status: draft.status.unwrap_or(LeadStatus::New),
            probability: draft.probability,
            expected_close_date: draft.expected_close_date,
            partner_id: draft.partner_id,
            distributor_id: draft.distributor_id,
            provider_name: "manual".into(),
            provider_id: None,
            owner_id: actor.id,
            last_sync_at: None,
            sync_status: "synced".into(),
            created_at: now,
            updated_at: now,
        };
        self.leads.push(lead.clone());
        self.lead_index.insert(lead.id, self.leads.len() - 1);
        Ok(lead)
    }

    pub fn update_lead(
        &mut self,
        actor: &Actor,
        id: Id,
        draft: &LeadDraft,
        expected: Option<Timestamp>,
    ) -> BackendResult<Lead> {
        let pos = self.visible_lead(actor, id)?;
        let errors = validate_lead(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        let current = &self.leads[pos];
        let before = Channel::new(current.partner_id, current.distributor_id);
        let to = Channel::new(draft.partner_id, draft.distributor_id);
        self.check_channel(actor, to, Some(before))?;
        let current = &self.leads[pos];
        if let Some(expected) = expected {
            if current.updated_at != expected {
                return Err(BackendError::Conflict {
                    message: format!(
                        "“{}” was changed by someone else at {}; reload it to see their values",
                        current.title,
                        current.updated_at.format("%Y-%m-%d %H:%M:%S")
                    ),
                });
            }
        }
        let old_status = current.status;
        let new_status = draft.status.unwrap_or(old_status);
        let l = &mut self.leads[pos];
        l.title = draft.title.trim().into();
        l.organization = draft.organization.trim().into();
        l.contact_name = draft.contact_name.trim().into();
        l.contact_email = draft.contact_email.clone();
        l.contact_phone = draft.contact_phone.clone();
        l.value = draft.value;
        if !draft.currency.is_empty() {
            l.currency = draft.currency.clone().into();
        }
        l.status = new_status;
        l.probability = draft.probability;
        l.expected_close_date = draft.expected_close_date;
        l.partner_id = draft.partner_id;
        l.distributor_id = draft.distributor_id;
        l.updated_at = Utc::now().max(l.updated_at + chrono::Duration::microseconds(1));
        Ok(l.clone())
    }

    pub fn change_lead_status(
        &mut self,
        actor: &Actor,
        id: Id,
        status: LeadStatus,
        reason: Option<&str>,
    ) -> BackendResult<Lead> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let pos = self.visible_lead(actor, id)?;
        let old = self.leads[pos].status;
        check_lead_transition(old, status)?;
        let now = Utc::now();
        self.history.push(LeadStatusChange {
            id: Uuid::new_v4(),
            lead_id: id,
            old_status: Some(old),
            new_status: status,
            changed_by_user_id: Some(actor.id),
            reason: reason.map(str::to_string).filter(|r| !r.trim().is_empty()),
            changed_at: now,
        });
        let l = &mut self.leads[pos];
        l.status = status;
        l.updated_at = now.max(l.updated_at + chrono::Duration::microseconds(1));
        Ok(l.clone())
    }

    pub fn reassign_lead(&mut self, actor: &Actor, id: Id, owner_id: Id) -> BackendResult<Lead> {
        let pos = self.visible_lead(actor, id)?;
        let owner = self
            .user(owner_id)
            .ok_or_else(|| BackendError::NotFound(format!("User {owner_id} not found")))?;
        let lead = &self.leads[pos];
        let record = Channel::new(lead.partner_id, lead.distributor_id);
        actor.may_give_to(owner, record, self.linked())?;
        let l = &mut self.leads[pos];
        l.owner_id = owner_id;
        l.updated_at = Utc::now().max(l.updated_at + chrono::Duration::microseconds(1));
        Ok(l.clone())
    }

    pub fn add_lead_note(
        &mut self,
        actor: &Actor,
        id: Id,
        content: &str,
    ) -> BackendResult<LeadNote> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        self.visible_lead(actor, id)?;
        let errors = validate_note(content);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        let now = Utc::now();
        let note = LeadNote {
            id: Uuid::new_v4(),
            lead_id: id,
            content: content.to_string(),
            provider_name: None,
            provider_id: None,
            created_by_user_id: Some(actor.id),
            created_at: now,
            updated_at: now,
        };
        self.lead_notes.push(note.clone());
        Ok(note)
    }

    pub fn add_lead_activity(
        &mut self,
        actor: &Actor,
        id: Id,
        draft: &ActivityDraft,
    ) -> BackendResult<LeadActivity> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let pos = self.visible_lead(actor, id)?;
        let errors = validate_activity(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        let now = Utc::now();
        let a = LeadActivity {
            id: Uuid::new_v4(),
            lead_id: id,
            activity_type: draft.activity_type.clone(),
            subject: draft.subject.clone(),
            description: draft.description.clone(),
            due_date: draft.due_date,
            done: draft.done,
            provider_name: self.leads[pos].provider_name.to_string(),
            provider_id: None,
            done_at: None,
            user_id: Some(actor.id),
            created_at: now,
            updated_at: now,
        };
        self.activities.push(a.clone());
        Ok(a)
    }
}
