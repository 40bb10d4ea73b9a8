//! The Leads tab: a kanban board (or table) of leads by status. Its state
//! lives in `state`, its writes (moves, bulk moves, reassignment, scope)
//! in `actions`.

pub mod actions;
mod form;
pub mod state;

pub use state::*;

use super::component::{Component, Cx};
use super::keymap::{Action, Context};
use super::requests::Target;
use super::{Detail, Names, Overlay};
use crate::domain::LeadStatus;

impl Component for LeadsState {
    fn context(&self) -> Context {
        Context::Leads
    }

    fn filter(&self) -> &str {
        &self.filter
    }

    fn set_filter(&mut self, text: String, cx: &Cx) {
        LeadsState::set_filter(self, &text, cx.me);
    }

    fn step(&mut self, delta: isize) {
        match self.view {
            LeadView::Board => {
                let col = self.col;
                let len = self.columns[col].len();
                self.cursors[col].step(delta, len);
            }
            LeadView::Table => {
                let len = self.visible_count();
                self.table_cursor.step(delta, len);
            }
        }
    }

    fn next_sort(&mut self, cx: &Cx) -> Option<String> {
        let next = self.sort.next();
        self.set_sort(next, cx.me);
        Some(format!("Cards sorted by {}", self.sort.label()))
    }

    fn open(&self) -> Option<(Overlay, Option<Target>)> {
        let id = self.selected()?.id;
        let detail = Detail::Lead {
            id,
            data: None,
            scroll: 0,
        };
        Some((Overlay::Detail(detail), Some(Target::LeadDetail(id))))
    }

    fn refresh(&self) -> Vec<Target> {
        vec![Target::Leads]
    }

    fn badge(&self, names: &Names) -> Option<String> {
        let mut scope = Vec::new();
        if self.mine_only {
            scope.push("mine".to_string());
        }
        if let Some(p) = self.partner_scope {
            scope.push(names.partner(Some(p)));
        }
        if let Some(o) = self.owner_scope {
            scope.push(format!("@{}", names.user(o)));
        }
        if !self.marked.is_empty() {
            scope.push(format!("{} marked", self.marked.len()));
        }
        (!scope.is_empty()).then(|| scope.join(" · "))
    }

    fn copy_text(&self, summary: bool, names: &Names) -> Option<super::copy::Copied> {
        super::copy::lead(self.selected()?, summary, names)
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Open,
            Action::MoveNext,
            Action::NewLead,
            Action::ToggleView,
            Action::AddNote,
            Action::ConvertLead,
            Action::MovePick,
        ]
    }
}

impl LeadsState {
    /// h/l on the board: the neighbouring column.
    pub fn sideways(&mut self, delta: isize) {
        if self.view == LeadView::Board {
            let n = LeadStatus::ALL.len() as isize;
            self.col = (self.col as isize + delta).clamp(0, n - 1) as usize;
        }
    }
}
