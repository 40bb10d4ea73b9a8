//! Running changes: new ones (reassignments, contract status, company
//! activation), undos and redos. Each step is one backend write, in turn;
//! the answer comes back as `Msg::History`, and only the steps that went
//! through are kept to undo (or redo).

use super::{Change, Step};
use crate::app::messages::count;
use crate::app::msg::{Msg, Res};
use crate::app::once;
use crate::app::App;
use crate::backend::{BackendError, SharedBackend};
use crate::domain::*;

/// Why a change runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A new write, from a key or a form.
    Forward,
    Undo,
    Redo,
}

/// What a step's write gave back.
pub enum Written {
    Lead(Box<Lead>),
    Contract,
    Company,
}

/// A change's answer: per step, in order.
pub struct Outcome {
    pub direction: Direction,
    /// The change as run (for an undo, the inverse of what was done).
    pub change: Change,
    pub results: Vec<Res<Written>>,
}

/// A step made ready to send: a company write needs the whole company.
enum Prepared {
    LeadStatus(Id, LeadStatus),
    LeadOwner(Id, Id),
    ContractStatus(Id, ContractStatus),
    /// The new values, and the company as listed (a company changed since
    /// is refused with its current values).
    Company(CompanyKind, Id, Box<(CompanyDraft, Company)>),
    Gone(String),
}

impl Prepared {
    /// Sends the step at most once: an answer that never came is looked
    /// for (is the record as the step left it?) before it is called failed.
    async fn send(self, b: &SharedBackend, reason: Option<&str>) -> Res<Written> {
        match self {
            Prepared::LeadStatus(id, to) => once::write_once(
                false,
                || once::lead_in(b, id, to),
                || b.change_lead_status(id, to, reason),
            )
            .await
            .map(|l| Written::Lead(Box::new(l))),
            Prepared::LeadOwner(id, to) => once::write_once(
                false,
                || async move {
                    let lead = b.get_lead(id).await?.lead;
                    Ok((lead.owner_id == to).then_some(lead))
                },
                || b.reassign_lead(id, to),
            )
            .await
            .map(|l| Written::Lead(Box::new(l))),
            Prepared::ContractStatus(id, to) => once::write_once(
                false,
                || once::contract_in(b, id, to),
                || async move { b.change_contract_status(id, to, reason).await.map(|_| ()) },
            )
            .await
            .map(|_| Written::Contract),
            Prepared::Company(kind, id, parts) => {
                let (draft, read) = *parts;
                let to = draft.is_active;
                once::write_once(
                    false,
                    || async move {
                        let c = b.get_company(kind, id).await?;
                        Ok((c.is_active == to).then_some(()))
                    },
                    || async {
                        b.update_company(kind, id, &draft, Some(&read))
                            .await
                            .map(|_| ())
                    },
                )
                .await
                .map(|_| Written::Company)
            }
            Prepared::Gone(what) => Err(BackendError::NotFound(what)),
        }
    }
}

impl App {
    /// Sends `change` to the backend, one step after another.
    pub(in crate::app) fn run_change(&mut self, change: Change, direction: Direction) {
        let prepared: Vec<Prepared> = change.steps.iter().map(|s| self.prepare(s)).collect();
        let b = self.session.backend.clone();
        self.call(async move {
            let mut results = Vec::new();
            for p in prepared {
                results.push(p.send(&b, change.reason.as_deref()).await);
            }
            Msg::History(Outcome {
                direction,
                change,
                results,
            })
        });
    }

    fn prepare(&self, step: &Step) -> Prepared {
        match step {
            Step::LeadStatus { id, to, .. } => Prepared::LeadStatus(*id, *to),
            Step::LeadOwner { id, to, .. } => Prepared::LeadOwner(*id, to.0),
            Step::ContractStatus { id, to, .. } => Prepared::ContractStatus(*id, *to),
            Step::CompanyActive {
                kind, id, name, to, ..
            } => {
                let list = match kind {
                    CompanyKind::Distributor => &self.partners.distributors,
                    CompanyKind::Partner => &self.partners.partners,
                };
                match list.all.iter().find(|c| c.id == *id) {
                    Some(c) => {
                        let mut draft = CompanyDraft::from_company(c);
                        draft.is_active = *to;
                        Prepared::Company(*kind, *id, Box::new((draft, c.clone())))
                    }
                    None => Prepared::Gone(format!("{} {name} is no longer listed", kind.label())),
                }
            }
        }
    }

    /// `z`/`u`: undoes the last change, as a new write.
    pub(in crate::app) fn undo_write(&mut self) {
        match self.history.take_undo() {
            Some(last) => {
                let inverse = last.inverse();
                self.notice(format!("Undoing: {}…", inverse.describe()));
                self.run_change(inverse, Direction::Undo);
            }
            None => self.error("Nothing to undo: moves, reassignments, contract status and company activation can be undone"),
        }
    }

    /// `Z`/`U`: does again what was undone last.
    pub(in crate::app) fn redo_write(&mut self) {
        match self.history.take_redo() {
            Some(change) => {
                self.notice(format!("Redoing: {}…", change.describe()));
                self.run_change(change, Direction::Redo);
            }
            None => self.error("Nothing to redo"),
        }
    }

    /// What the undo key would do now, for the help.
    pub fn undo_hint(&self) -> String {
        match self.history.next_undo() {
            Some(c) => format!("Undo: {}", c.describe()),
            None => {
                "Undo the last move, reassignment, status or activation change (none yet)".into()
            }
        }
    }

    pub fn redo_hint(&self) -> String {
        match self.history.next_redo() {
            Some(c) => format!("Redo: {}", c.describe()),
            None => "Redo what was undone last (nothing yet)".into(),
        }
    }

    /// Lead moves go their own way (the card moves at once); their
    /// answers are watched here to keep what went through.
    pub(in crate::app) fn history_observe(&mut self, msg: &Msg) {
        let steps = match msg {
            Msg::LeadMoved {
                id,
                from,
                result: Ok(lead),
            } => vec![(*id, *from, lead)],
            Msg::LeadsMoved { results, .. } => results
                .iter()
                .filter_map(|(id, from, _, r)| r.as_ref().ok().map(|l| (*id, *from, l)))
                .collect(),
            _ => return,
        };
        let steps = steps
            .into_iter()
            .filter(|(_, from, lead)| *from != lead.status)
            .map(|(id, from, lead)| Step::LeadStatus {
                id,
                title: lead.title.clone(),
                from,
                to: lead.status,
            })
            .collect();
        self.history.record(Change::new(steps, None));
    }

    /// A change's answer: the records are updated, what went through is
    /// kept to undo (or redo), and the status bar says what happened.
    pub(in crate::app) fn history_done(&mut self, o: Outcome) {
        let me = self.me_id();
        let total = o.change.steps.len();
        let (mut done, mut refused) = (Vec::new(), Vec::new());
        let (mut leads, mut contracts, mut companies) = (false, false, false);
        let mut login: Option<BackendError> = None;
        for (step, result) in o.change.steps.iter().zip(o.results) {
            // Written or refused, the list is read again: a refusal may mean
            // the record moved on, and the next try starts from what it is.
            match step {
                Step::ContractStatus { .. } => contracts = true,
                Step::CompanyActive { .. } => companies = true,
                Step::LeadStatus { .. } | Step::LeadOwner { .. } => {}
            }
            match result {
                Ok(Written::Lead(lead)) => self.leads.upsert(*lead, me),
                Ok(Written::Contract | Written::Company) => {}
                Err(e) => {
                    leads |= matches!(step, Step::LeadStatus { .. } | Step::LeadOwner { .. });
                    refused.push(format!("{}: {e}", step.subject()));
                    if e.needs_login() && login.is_none() {
                        login = Some(e);
                    }
                    continue;
                }
            }
            done.push(step.clone());
        }
        if leads {
            self.load_leads();
        }
        if contracts {
            self.load_contracts();
        }
        if companies {
            self.load_companies();
        }
        let ran = Change::new(done, o.change.reason.clone());
        let n = ran.steps.len();
        let text = match o.direction {
            Direction::Forward => {
                let text = forward_text(&o.change, n, total, &refused);
                self.history.record(ran);
                text
            }
            Direction::Undo => {
                let text = if refused.is_empty() {
                    Ok(format!("Undone: {}", ran.describe()))
                } else {
                    Err(format!(
                        "Undo refused ({n} of {total} put back; the rest is dropped from the history): {}",
                        refused.join("; ")
                    ))
                };
                let mut again = ran.inverse();
                again.reason = Some("redo".into());
                self.history.undone(again);
                text
            }
            Direction::Redo => {
                let text = if refused.is_empty() {
                    Ok(format!("Redone: {}", ran.describe()))
                } else {
                    Err(format!(
                        "Redo refused ({n} of {total} done): {}",
                        refused.join("; ")
                    ))
                };
                self.history.redone(ran);
                text
            }
        };
        match (text, login) {
            (Ok(t), _) => self.notice(t),
            // An expired session opens the sign-in form, saying what failed.
            (Err(t), Some(e)) => self.failed(&t, e),
            (Err(t), None) => self.error(t),
        }
    }
}

/// The status line of a new change (the words each write always had).
fn forward_text(
    change: &Change,
    done: usize,
    total: usize,
    refused: &[String],
) -> Result<String, String> {
    let why = refused.join("; ");
    match change.steps.first() {
        Some(Step::LeadOwner { to, .. }) if refused.is_empty() => {
            Ok(format!("Gave {} to {}", count(done, "lead"), to.1))
        }
        Some(Step::LeadOwner { to, .. }) => Err(format!(
            "Gave {done} of {} to {}; refused: {why}",
            count(total, "lead"),
            to.1
        )),
        Some(Step::ContractStatus { to, .. }) if refused.is_empty() => Ok(format!(
            "{done} of {} now {}",
            count(total, "contract"),
            to.label()
        )),
        Some(Step::ContractStatus { to, .. }) => Err(format!(
            "{done} of {total} now {}; refused: {why}",
            to.label()
        )),
        Some(Step::CompanyActive { kind, name, to, .. }) if refused.is_empty() => Ok(format!(
            "{} {} {name}",
            if *to { "Reactivated" } else { "Deactivated" },
            kind.label()
        )),
        Some(Step::CompanyActive { name, .. }) => Err(format!("Could not change {name}: {why}")),
        _ if refused.is_empty() => Ok(format!("Done: {}", change.describe())),
        _ => Err(format!("Refused: {why}")),
    }
}
