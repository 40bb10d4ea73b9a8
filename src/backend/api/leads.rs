//! `/leads`: list, detail, create, edit, status, notes, activities.

use super::server::Call;
use super::wire::{ContentBody, LeadBody, StatusBody};
use super::{filters, reason, ApiBackend};
use crate::backend::{BackendError, BackendResult, LeadQuery, Page, PageRequest};
use crate::domain::transitions::check_lead_transition;
use crate::domain::validation::{validate_activity, validate_lead, validate_note};
use crate::domain::*;

impl ApiBackend {
    pub(super) async fn leads_page(
        &self,
        q: &LeadQuery,
        req: PageRequest,
    ) -> BackendResult<Page<Lead>> {
        let list = Call::get("/leads").query_opt("status_filter", q.status.map(LeadStatus::as_str));
        if filters::lead_needs_client(q) {
            self.filtered_page(list, req, format!("{q:?}"), |l| filters::lead_matches(q, l))
                .await
        } else {
            self.page(list, req).await
        }
    }

    /// The API has no status history: `status_history` stays `None`.
    pub(super) async fn lead_detail(&self, id: Id) -> BackendResult<LeadDetail> {
        let mut detail: LeadDetail = self.call(Call::get(format!("/leads/{id}"))).await?;
        detail.status_history = None;
        Ok(detail)
    }

    pub(super) async fn post_lead(&self, draft: &LeadDraft) -> BackendResult<Lead> {
        self.require_work().await?;
        check_fields(validate_lead(draft))?;
        let status = draft.status.unwrap_or(LeadStatus::New);
        self.call(Call::post("/leads").json(&LeadBody::new(draft, Some(status)))?)
            .await
    }

    /// The server has no version check. With `expected` the lead is read
    /// first and a newer `updated_at` is a conflict. Edits of one lead made
    /// through this process are serialized, so among them the check and the
    /// write are atomic; against other clients it is best effort (a change
    /// landing between the read and the write still wins).
    pub(super) async fn put_lead(
        &self,
        id: Id,
        draft: &LeadDraft,
        expected: Option<Timestamp>,
    ) -> BackendResult<Lead> {
        check_fields(validate_lead(draft))?;
        let _serialized = match expected {
            Some(_) => Some(edit_lock(id).lock().await),
            None => None,
        };
        if let Some(expected) = expected {
            let current = self.lead_detail(id).await?.lead;
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
        self.call(Call::put(format!("/leads/{id}")).json(&LeadBody::new(draft, draft.status))?)
            .await
    }

    /// The server checks no transition rule; the client refuses a move to
    /// the status the lead already has, like the other backends.
    pub(super) async fn put_lead_status(
        &self,
        id: Id,
        status: LeadStatus,
        why: Option<&str>,
    ) -> BackendResult<Lead> {
        self.require_work().await?;
        let current = self.lead_detail(id).await?.lead;
        check_lead_transition(current.status, status)?;
        let body = StatusBody {
            status: status.as_str(),
            reason: reason(why),
        };
        self.call(Call::put(format!("/leads/{id}/status")).json(&body)?)
            .await
    }

    pub(super) async fn post_lead_note(&self, id: Id, content: &str) -> BackendResult<LeadNote> {
        self.require_work().await?;
        check_fields(validate_note(content))?;
        self.call(Call::post(format!("/leads/{id}/notes")).json(&ContentBody { content })?)
            .await
    }

    pub(super) async fn post_lead_activity(
        &self,
        id: Id,
        draft: &ActivityDraft,
    ) -> BackendResult<LeadActivity> {
        self.require_work().await?;
        check_fields(validate_activity(draft))?;
        self.call(Call::post(format!("/leads/{id}/activities")).json(draft)?)
            .await
    }
}

/// One of a few locks, picked by record id (striped, so nothing grows).
pub(super) fn edit_lock(id: Id) -> &'static tokio::sync::Mutex<()> {
    static LOCKS: [tokio::sync::Mutex<()>; 16] = [const { tokio::sync::Mutex::const_new(()) }; 16];
    &LOCKS[(id.as_u128() % 16) as usize]
}

/// Local validation first, so field errors show before anything is sent.
pub(super) fn check_fields(errors: Vec<validation::FieldError>) -> BackendResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BackendError::invalid(errors))
    }
}
