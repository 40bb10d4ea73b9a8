//! Leads tab actions on several cards at once, and the owner/partner
//! filters.

use crate::app::msg::{Msg, Reload};
use crate::app::*;
use crate::domain::transitions;

impl App {
    /// Moves marked cards at once (optimistic), then one task moves them on
    /// the backend in turn; the summary names each refusal and puts those
    /// cards back.
    pub(in crate::app) fn move_leads_in_bulk(
        &mut self,
        ids: Vec<Id>,
        status: LeadStatus,
        reason: Option<String>,
    ) {
        let me = self.me_id();
        let mut moving = Vec::new();
        for id in ids {
            let Some(lead) = self.leads.all.iter().find(|l| l.id == id) else {
                continue;
            };
            if transitions::check_lead_transition(lead.status, status).is_ok() {
                moving.push((id, lead.status, lead.title.clone()));
            }
        }
        self.leads.marked.clear();
        if moving.is_empty() {
            self.notice(format!(
                "Nothing to move: the marked leads are already {}",
                status.label()
            ));
            return;
        }
        for (id, _, _) in &moving {
            self.leads.set_status(*id, status, me);
        }

        let b = self.session.backend.clone();
        self.call(async move {
            let mut results = Vec::new();
            for (id, from, title) in moving {
                let r = b.change_lead_status(id, status, reason.as_deref()).await;
                results.push((id, from, title, r));
            }
            Msg::LeadsMoved { status, results }
        });
    }

    pub(in crate::app) fn apply_bulk_move(
        &mut self,
        status: LeadStatus,
        results: Vec<(Id, LeadStatus, String, msg::Res<Lead>)>,
    ) {
        let me = self.me_id();
        let total = results.len();
        let mut refused = Vec::new();
        for (id, from, title, r) in results {
            match r {
                Ok(lead) => self.leads.upsert(lead, me),
                Err(e) => {
                    self.leads.set_status(id, from, me);
                    refused.push(format!("“{title}”: {e}"));
                }
            }
        }
        let moved = total - refused.len();
        if refused.is_empty() {
            self.notice(format!(
                "Moved {moved} of {total} leads to {}",
                status.label()
            ));
        } else {
            self.error(format!(
                "Moved {moved} of {total} leads to {}; put back {}",
                status.label(),
                refused.join("; ")
            ));
        }
    }

    /// A picker of people to give the marked (or selected) leads to.
    pub(in crate::app) fn pick_owner_for_reassign(&mut self) {
        let ids = if self.leads.marked.is_empty() {
            self.leads
                .selected()
                .map(|l| vec![l.id])
                .unwrap_or_default()
        } else {
            self.leads.marked.iter().copied().collect()
        };
        if ids.is_empty() {
            return;
        }
        let mut people: Vec<(String, String)> = self
            .names
            .users
            .iter()
            .map(|(id, name)| (name.clone(), id.to_string()))
            .collect();
        if people.is_empty() {
            if let Some(me) = &self.session.me {
                people.push((format!("{} (you)", me.display_name()), me.id.to_string()));
            }
        }
        people.sort();
        let title = format!("Give {} lead(s) to…", ids.len());
        self.overlays.push(Overlay::Picker(Picker {
            title,
            options: people,
            cursor: 0,
            purpose: PickPurpose::Reassign(ids),
        }));
    }

    pub(in crate::app) fn reassign(&mut self, ids: Vec<Id>, owner: Id) {
        let b = self.session.backend.clone();
        let name = self.names.user(owner);
        self.leads.marked.clear();
        self.call(async move {
            let total = ids.len();
            let mut refused = Vec::new();
            for id in ids {
                if let Err(e) = b.reassign_lead(id, owner).await {
                    refused.push(e.to_string());
                }
            }
            let done = total - refused.len();
            let result = if refused.is_empty() {
                Ok(format!("Gave {done} lead(s) to {name}"))
            } else {
                refused.dedup();
                Err(format!(
                    "Gave {done} of {total} lead(s) to {name}; refused: {}",
                    refused.join("; ")
                ))
            };
            Msg::Report {
                result,
                reload: Reload::Leads,
            }
        });
    }

    /// A picker of partners and owners to narrow the board to.
    pub(in crate::app) fn pick_lead_scope(&mut self) {
        let mut options = vec![("Everyone (clear)".to_string(), "clear".to_string())];
        let mut partners: Vec<(String, String)> = self
            .names
            .partners
            .iter()
            .map(|(id, n)| (format!("Partner: {n}"), format!("partner:{id}")))
            .collect();
        partners.sort();
        let mut owners: Vec<(String, String)> = {
            let mut seen = std::collections::HashSet::new();
            self.leads
                .all
                .iter()
                .filter(|l| seen.insert(l.owner_id))
                .map(|l| {
                    (
                        format!("Owner: {}", self.names.user(l.owner_id)),
                        format!("owner:{}", l.owner_id),
                    )
                })
                .collect()
        };
        owners.sort();
        options.extend(partners);
        options.extend(owners);
        self.overlays.push(Overlay::Picker(Picker {
            title: "Show leads of…".into(),
            options,
            cursor: 0,
            purpose: PickPurpose::LeadScope,
        }));
    }

    pub(in crate::app) fn set_lead_scope(&mut self, value: &str, label: &str) {
        let (kind, id) = value.split_once(':').unwrap_or((value, ""));
        let id = Id::parse_str(id).ok();
        let me = self.me_id();
        match kind {
            "partner" => self.leads.set_scope(id, None, me),
            "owner" => self.leads.set_scope(None, id, me),
            _ => self.leads.set_scope(None, None, me),
        }
        self.notice(if kind == "clear" {
            "Showing every lead".to_string()
        } else {
            format!(
                "Showing leads of {}",
                label.split_once(": ").map_or(label, |x| x.1)
            )
        });
    }
}
