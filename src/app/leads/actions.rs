//! Leads tab actions on several cards at once, and the owner/partner
//! filters.

use crate::app::component::Component;
use crate::app::form::{Form, FormPurpose};
use crate::app::history::{Change, Direction, Step};
use crate::app::keymap::Action;
use crate::app::leads::LeadView;
use crate::app::leads::QueuedMove;
use crate::app::messages::count;
use crate::app::msg::{Msg, Res};
use crate::app::*;
use crate::domain::transitions;

impl App {
    /// The Leads tab's own actions (the router handles the common ones).
    pub(in crate::app) fn leads_act(&mut self, action: Action) {
        match action {
            Action::Left => self.leads.sideways(-1),
            Action::Right => self.leads.sideways(1),
            Action::MovePrev => self.move_selected_by(-1),
            Action::MoveNext => self.move_selected_by(1),
            Action::MovePick => self.pick_lead_status(),
            Action::NewLead => {
                let form = self.new_lead_form();
                self.overlays.push(Overlay::Form(Box::new(form)));
            }
            Action::EditLead => {
                if let Some(l) = self.leads.selected() {
                    let form = self.edit_lead_form(l);
                    self.overlays.push(Overlay::Form(Box::new(form)));
                }
            }
            Action::AddNote => {
                if let Some(l) = self.leads.selected() {
                    let form = Form::text(
                        format!("Note on “{}”", l.title),
                        FormPurpose::LeadNote { id: l.id },
                        "Note",
                        "content",
                    );
                    self.overlays.push(Overlay::Form(Box::new(form)));
                }
            }
            Action::AddActivity => {
                if let Some(id) = self.leads.selected().map(|l| l.id) {
                    self.overlays
                        .push(Overlay::Form(Box::new(Form::activity(id))));
                }
            }
            Action::ToggleView => {
                let keep = self.leads.selected().map(|l| l.id);
                self.leads.view = match self.leads.view {
                    LeadView::Board => LeadView::Table,
                    LeadView::Table => LeadView::Board,
                };
                if let Some(id) = keep {
                    self.leads.select_id(id);
                }
            }
            Action::ToggleMine => {
                self.leads.mine_only = !self.leads.mine_only;
                self.leads.rebuild(self.me_id());
                self.notice(if self.leads.mine_only {
                    "Showing only your leads"
                } else {
                    "Showing every lead"
                });
            }
            Action::ToggleSelect => {
                if let Some(id) = self.leads.selected().map(|l| l.id) {
                    if !self.leads.marked.remove(&id) {
                        self.leads.marked.insert(id);
                    }
                    self.leads.step(1);
                }
            }
            Action::Reassign => self.pick_owner_for_reassign(),
            Action::ScopeLeads => self.pick_lead_scope(),
            Action::ConvertLead => self.convert_lead(),
            _ => {}
        }
    }

    /// The leads a move applies to: the marked ones, or the selected one.
    pub(in crate::app) fn move_targets(&self) -> Vec<Id> {
        if !self.leads.marked.is_empty() {
            let mut ids: Vec<Id> = self.leads.marked.iter().copied().collect();
            ids.sort();
            ids
        } else {
            self.leads
                .selected()
                .map(|l| vec![l.id])
                .unwrap_or_default()
        }
    }

    pub(in crate::app) fn move_selected_by(&mut self, delta: isize) {
        let Some(current) = self.leads.selected().map(|l| l.status) else {
            return;
        };
        let n = LeadStatus::ALL.len() as isize;
        let next = current.index() as isize + delta;
        if !(0..n).contains(&next) {
            return;
        }
        let status = LeadStatus::ALL[next as usize];
        let ids = self.move_targets();
        self.move_leads(ids, status, None);
        if self.leads.view == LeadView::Board {
            // Follow the card.
            self.leads.col = next as usize;
        }
    }

    /// Moves cards at once (optimistic) and asks the backend; refusals put
    /// the card back with the reason.
    pub fn move_leads(&mut self, ids: Vec<Id>, status: LeadStatus, reason: Option<String>) {
        if ids.len() > 1 {
            self.move_leads_in_bulk(ids, status, reason);
            return;
        }
        let me = self.me_id();
        for id in ids {
            let Some(from) = self.leads.all.iter().find(|l| l.id == id).map(|l| l.status) else {
                continue;
            };
            if let Err(e) = transitions::check_lead_transition(from, status) {
                self.error(e.to_string());
                continue;
            }
            self.leads.set_status(id, status, me);
            // One write at a time per lead: a move made while another of
            // the same lead is on its way waits for it, in order.
            let step = QueuedMove {
                from,
                to: status,
                reason: reason.clone(),
            };
            match self.leads.writing.get_mut(&id) {
                Some(queue) => queue.push_back(step),
                None => {
                    self.leads.writing.insert(id, Default::default());
                    self.send_move(id, step);
                }
            }
            self.leads.select_id(id);
        }
        self.leads.marked.clear();
    }

    /// Sends one move; if its answer never comes, looks at the lead.
    pub(in crate::app) fn send_move(&mut self, id: Id, step: QueuedMove) {
        let b = self.session.backend.clone();
        let QueuedMove { from, to, reason } = step;
        self.call(async move {
            let (b, r) = (&b, reason.as_deref());
            let result = crate::app::once::write_once(
                false,
                || crate::app::once::lead_in(b, id, to),
                || b.change_lead_status(id, to, r),
            )
            .await;
            Msg::LeadMoved { id, from, result }
        });
    }

    /// A move's answer: the next queued move of that lead goes, or, on a
    /// failure, the queued ones are dropped and the lead is read again so
    /// the card shows what the server has.
    pub(in crate::app) fn lead_moved(&mut self, id: Id, from: LeadStatus, result: Res<Lead>) {
        match result {
            Ok(lead) => {
                let next = self.leads.writing.get_mut(&id).and_then(|q| q.pop_front());
                match next {
                    Some(step) => self.send_move(id, step),
                    None => {
                        self.leads.writing.remove(&id);
                        let (title, status) = (lead.title.clone(), lead.status);
                        self.leads.upsert(lead, self.me_id());
                        self.notice(format!("Moved “{title}” to {}", status.label()));
                    }
                }
            }
            Err(e) => {
                let dropped = self.leads.writing.remove(&id).map_or(0, |q| q.len());
                self.leads.set_status(id, from, self.me_id());
                let b = self.session.backend.clone();
                self.load(crate::app::requests::Target::Lead(id), async move {
                    Msg::LeadRefreshed(b.get_lead(id).await.map(|d| d.lead))
                });
                let also = if dropped > 0 {
                    format!(" ({} of it not sent)", count(dropped, "later move"))
                } else {
                    String::new()
                };
                self.failed(
                    &format!("Move refused{also}; the card shows the server's state"),
                    e,
                );
            }
        }
    }

    pub(in crate::app) fn pick_lead_status(&mut self) {
        let ids = self.move_targets();
        let Some(current) = self.leads.selected().map(|l| l.status) else {
            return;
        };
        let options = LeadStatus::ALL
            .iter()
            .filter(|s| ids.len() > 1 || **s != current)
            .map(|s| (s.label().to_string(), PickValue::LeadStatus(*s)))
            .collect();
        let title = if ids.len() > 1 {
            format!("Move {} leads to…", ids.len())
        } else {
            "Move to…".into()
        };
        self.overlays.push(Overlay::Picker(Picker::new(
            title,
            options,
            PickPurpose::MoveLeads(ids),
        )));
    }

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
                "Moved {moved} of {} to {}",
                count(total, "lead"),
                status.label()
            ));
        } else {
            self.error(format!(
                "Moved {moved} of {} to {}; put back {}",
                count(total, "lead"),
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
        let mut people: Vec<(String, PickValue)> = self
            .names
            .users
            .iter()
            .map(|(id, name)| (name.clone(), PickValue::Id(Some(*id))))
            .collect();
        if people.is_empty() {
            if let Some(me) = &self.session.me {
                people.push((
                    format!("{} (you)", me.display_name()),
                    PickValue::Id(Some(me.id)),
                ));
            }
        }
        people.sort_by(|a, b| a.0.cmp(&b.0));
        let title = format!("Give {} to…", count(ids.len(), "lead"));
        self.overlays.push(Overlay::Picker(Picker::new(
            title,
            people,
            PickPurpose::Reassign(ids),
        )));
    }

    /// Gives leads to `owner`, one write each; what went through can be undone.
    pub(in crate::app) fn reassign(&mut self, ids: Vec<Id>, owner: Id) {
        let to = (owner, self.names.user(owner));
        self.leads.marked.clear();
        let steps = ids
            .iter()
            .filter_map(|id| self.leads.all.iter().find(|l| l.id == *id))
            .map(|l| Step::LeadOwner {
                id: l.id,
                title: l.title.clone(),
                from: (l.owner_id, self.names.user(l.owner_id)),
                to: to.clone(),
            })
            .collect();
        self.run_change(Change::new(steps, None), Direction::Forward);
    }

    /// A picker of partners and owners to narrow the board to.
    pub(in crate::app) fn pick_lead_scope(&mut self) {
        let mut options = vec![(
            "Everyone (clear)".to_string(),
            PickValue::LeadScope(LeadScope::Everyone),
        )];
        let mut partners: Vec<(String, PickValue)> = self
            .names
            .partners
            .iter()
            .map(|(id, n)| {
                (
                    format!("Partner: {n}"),
                    PickValue::LeadScope(LeadScope::Partner(*id)),
                )
            })
            .collect();
        partners.sort_by(|a, b| a.0.cmp(&b.0));
        let mut owners: Vec<(String, PickValue)> = {
            let mut seen = std::collections::HashSet::new();
            self.leads
                .all
                .iter()
                .filter(|l| seen.insert(l.owner_id))
                .map(|l| {
                    (
                        format!("Owner: {}", self.names.user(l.owner_id)),
                        PickValue::LeadScope(LeadScope::Owner(l.owner_id)),
                    )
                })
                .collect()
        };
        owners.sort_by(|a, b| a.0.cmp(&b.0));
        options.extend(partners);
        options.extend(owners);
        self.overlays.push(Overlay::Picker(Picker::new(
            "Show leads of…",
            options,
            PickPurpose::LeadScope,
        )));
    }

    pub(in crate::app) fn set_lead_scope(&mut self, scope: LeadScope) {
        let me = self.me_id();
        let text = match scope {
            LeadScope::Partner(id) => {
                self.leads.set_scope(Some(id), None, me);
                format!("Showing leads of {}", self.names.partner(Some(id)))
            }
            LeadScope::Owner(id) => {
                self.leads.set_scope(None, Some(id), me);
                format!("Showing leads of {}", self.names.user(id))
            }
            LeadScope::Everyone => {
                self.leads.set_scope(None, None, me);
                "Showing every lead".to_string()
            }
        };
        self.notice(text);
    }
}
