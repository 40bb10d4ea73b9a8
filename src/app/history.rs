//! Undo and redo of writes: lead moves (one or many), reassignments,
//! contract status changes and company activation. Undoing is a new write
//! through the backend, under the same rules as any other (it may be
//! refused, and the reason is shown); the running of changes is in `run`.

mod run;

pub use run::{Direction, Outcome, Written};

use super::messages::count;
use crate::domain::*;

/// How many changes are kept to undo.
pub const LIMIT: usize = 50;

/// One record's change, with what it was and what it became.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    LeadStatus {
        id: Id,
        title: String,
        from: LeadStatus,
        to: LeadStatus,
    },
    LeadOwner {
        id: Id,
        title: String,
        from: (Id, String),
        to: (Id, String),
    },
    ContractStatus {
        id: Id,
        number: String,
        from: ContractStatus,
        to: ContractStatus,
    },
    CompanyActive {
        kind: CompanyKind,
        id: Id,
        name: String,
        from: bool,
        to: bool,
    },
}

impl Step {
    /// The step that puts it back.
    pub fn inverse(&self) -> Step {
        let mut s = self.clone();
        match &mut s {
            Step::LeadStatus { from, to, .. } => std::mem::swap(from, to),
            Step::LeadOwner { from, to, .. } => std::mem::swap(from, to),
            Step::ContractStatus { from, to, .. } => std::mem::swap(from, to),
            Step::CompanyActive { from, to, .. } => std::mem::swap(from, to),
        }
        s
    }

    /// What running it does, for a person: `move “Cold vault” to New`.
    pub fn describe(&self) -> String {
        match self {
            Step::LeadStatus { title, to, .. } => format!("move “{title}” to {}", to.label()),
            Step::LeadOwner { title, to, .. } => format!("give “{title}” to {}", to.1),
            Step::ContractStatus { number, to, .. } => format!("set {number} to {}", to.label()),
            Step::CompanyActive { kind, name, to, .. } => format!(
                "{} {} {name}",
                if *to { "reactivate" } else { "deactivate" },
                kind.label()
            ),
        }
    }

    /// The record's name in a refusal: `“Cold vault”`, `CNT-…`.
    pub fn subject(&self) -> String {
        match self {
            Step::LeadStatus { title, .. } | Step::LeadOwner { title, .. } => format!("“{title}”"),
            Step::ContractStatus { number, .. } => number.clone(),
            Step::CompanyActive { name, .. } => name.clone(),
        }
    }
}

/// One user action: the steps of a bulk move, or a single one.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub steps: Vec<Step>,
    /// The reason given, kept in the record's history by the backend.
    pub reason: Option<String>,
}

impl Change {
    pub fn new(steps: Vec<Step>, reason: Option<String>) -> Change {
        Change { steps, reason }
    }

    pub fn inverse(&self) -> Change {
        Change {
            steps: self.steps.iter().map(Step::inverse).collect(),
            reason: Some("undo".into()),
        }
    }

    /// What running it does: one step's words, or a count.
    pub fn describe(&self) -> String {
        match self.steps.as_slice() {
            [] => "nothing".into(),
            [one] => one.describe(),
            [first, ..] => {
                let n = self.steps.len();
                let same_target = self
                    .steps
                    .iter()
                    .all(|s| s.describe_target() == first.describe_target());
                match (first, same_target) {
                    (Step::LeadStatus { to, .. }, true) => {
                        format!("move {} to {}", count(n, "lead"), to.label())
                    }
                    (Step::LeadOwner { to, .. }, true) => format!("give {n} leads to {}", to.1),
                    (Step::ContractStatus { to, .. }, true) => {
                        format!("set {n} contracts to {}", to.label())
                    }
                    (Step::LeadStatus { .. } | Step::LeadOwner { .. }, false) => {
                        format!("put {n} leads back")
                    }
                    _ => format!("change {n} records back"),
                }
            }
        }
    }
}

impl Step {
    fn describe_target(&self) -> String {
        match self {
            Step::LeadStatus { to, .. } => to.label().to_string(),
            Step::LeadOwner { to, .. } => to.0.to_string(),
            Step::ContractStatus { to, .. } => to.label().to_string(),
            Step::CompanyActive { id, to, .. } => format!("{id}{to}"),
        }
    }
}

/// The changes to undo and to redo, newest last.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// A new change: it can be undone, and what was undone before can no
    /// longer be redone.
    pub fn record(&mut self, change: Change) {
        if change.steps.is_empty() {
            return;
        }
        self.redo.clear();
        self.push_undo(change);
    }

    fn push_undo(&mut self, change: Change) {
        self.undo.push(change);
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// What `undo` would run now (the inverse of the last change).
    pub fn next_undo(&self) -> Option<Change> {
        self.undo.last().map(Change::inverse)
    }

    /// What `redo` would run now.
    pub fn next_redo(&self) -> Option<&Change> {
        self.redo.last()
    }

    pub fn take_undo(&mut self) -> Option<Change> {
        self.undo.pop()
    }

    pub fn take_redo(&mut self) -> Option<Change> {
        self.redo.pop()
    }

    /// What was undone, to redo.
    pub fn undone(&mut self, original: Change) {
        if !original.steps.is_empty() {
            self.redo.push(original);
        }
    }

    /// What was redone, to undo again (the redo stack is kept).
    pub fn redone(&mut self, change: Change) {
        if !change.steps.is_empty() {
            self.push_undo(change);
        }
    }

    /// A new session: the changes were someone else's.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(n: u128, from: LeadStatus, to: LeadStatus) -> Change {
        Change::new(
            vec![Step::LeadStatus {
                id: Id::from_u128(n),
                title: format!("lead {n}"),
                from,
                to,
            }],
            None,
        )
    }

    #[test]
    fn undo_runs_the_inverse_and_redo_the_original() {
        let mut h = History::default();
        h.record(moved(1, LeadStatus::New, LeadStatus::Won));
        assert_eq!(
            h.next_undo().unwrap().describe(),
            "move “lead 1” to NEW".replace("NEW", LeadStatus::New.label())
        );
        let last = h.take_undo().unwrap();
        h.undone(last.clone());
        assert_eq!(h.next_redo(), Some(&last));
        assert!(h.next_undo().is_none());
        let again = h.take_redo().unwrap();
        h.redone(again);
        assert!(h.next_undo().is_some());
    }

    #[test]
    fn a_new_change_forgets_the_redo_and_the_oldest_beyond_the_limit() {
        let mut h = History::default();
        h.record(moved(1, LeadStatus::New, LeadStatus::Won));
        let c = h.take_undo().unwrap();
        h.undone(c);
        h.record(moved(2, LeadStatus::New, LeadStatus::Lost));
        assert!(h.next_redo().is_none());
        for i in 0..(LIMIT as u128 + 5) {
            h.record(moved(i, LeadStatus::New, LeadStatus::Won));
        }
        assert_eq!(h.undo_len(), LIMIT);
        const { assert!(LIMIT >= 20) };
    }

    #[test]
    fn a_bulk_change_is_told_by_its_count() {
        let mut steps = moved(1, LeadStatus::New, LeadStatus::Won).steps;
        steps.extend(moved(2, LeadStatus::Contacted, LeadStatus::Won).steps);
        let c = Change::new(steps, None);
        assert_eq!(
            c.describe(),
            format!("move 2 leads to {}", LeadStatus::Won.label())
        );
        assert_eq!(c.inverse().describe(), "put 2 leads back");
    }
}
