//! The Contracts tab: quick views, sorting, marks for bulk status changes,
//! and the invoices and order of the contract open in detail.

pub mod actions;

use super::records::RecordList;
use crate::domain::*;
use std::collections::HashSet;

/// Everything the Contracts tab owns.
#[derive(Default)]
pub struct ContractsTab {
    pub list: RecordList<Contract>,
    pub view: ContractView,
    /// Index into `CONTRACT_SORTS`.
    pub sort: usize,
    /// Contracts narrowed to one partner (a jump from the Partners tab; Esc clears).
    pub partner_filter: Option<Id>,
    /// Contracts marked for a bulk status change.
    pub marked: HashSet<Id>,
    /// Invoices and the originating order of the contract open in detail.
    pub invoices: Option<(Id, Result<ContractInvoices, String>)>,
    pub order: Option<(Id, Box<OrderDetail>)>,
}

/// The contracts tab's one-key quick views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContractView {
    #[default]
    All,
    Active,
    Expiring30,
    Expiring60,
    Expiring90,
    Expired,
    Closed,
    Mine,
}

impl ContractView {
    pub const ALL: [ContractView; 8] = [
        ContractView::All,
        ContractView::Active,
        ContractView::Expiring30,
        ContractView::Expiring60,
        ContractView::Expiring90,
        ContractView::Expired,
        ContractView::Closed,
        ContractView::Mine,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ContractView::All => "all",
            ContractView::Active => "active",
            ContractView::Expiring30 => "expiring ≤30d",
            ContractView::Expiring60 => "expiring ≤60d",
            ContractView::Expiring90 => "expiring ≤90d",
            ContractView::Expired => "expired",
            ContractView::Closed => "cancelled/lost",
            ContractView::Mine => "mine",
        }
    }
    pub fn keeps(self, c: &Contract, now: Timestamp, me: Option<Id>) -> bool {
        match self {
            ContractView::All => true,
            ContractView::Active => c.status == ContractStatus::Active,
            ContractView::Expiring30 => c.expires_within(now, 30),
            ContractView::Expiring60 => c.expires_within(now, 60),
            ContractView::Expiring90 => c.expires_within(now, 90),
            ContractView::Expired => c.status == ContractStatus::Expired,
            ContractView::Closed => {
                matches!(c.status, ContractStatus::Cancelled | ContractStatus::Lost)
            }
            ContractView::Mine => Some(c.user_id) == me,
        }
    }
}

use super::component::{Component, Cx};
use super::keymap::{Action, Context};
use super::requests::Target;
use super::update::CONTRACT_SORTS;
use super::{Detail, Overlay};
use std::cmp::Reverse;

impl ContractsTab {
    /// Recomputes the visible rows from the quick view, scope and sort.
    pub fn rebuild(&mut self, now: Timestamp, me: Option<Id>) {
        let (view, scope) = (self.view, self.partner_filter);
        let keep =
            |c: &Contract| view.keeps(c, now, me) && scope.is_none_or(|p| c.partner_id == Some(p));
        let list = &mut self.list;
        let id = |c: &Contract| c.id;
        match self.sort {
            1 => list.rebuild(keep, 1, |c| (Reverse(c.total_value), c.id), id),
            2 => list.rebuild(keep, 2, |c| (c.status.index(), c.id), id),
            3 => list.rebuild(keep, 3, |c| c.contract_number.clone(), id),
            4 => list.rebuild(keep, 4, |c| (c.customer_name.clone(), c.id), id),
            // Soonest expiration first; none last.
            _ => list.rebuild(
                keep,
                0,
                |c| (c.expiration_date.is_none(), c.expiration_date, c.id),
                id,
            ),
        }
    }
}

impl Component for ContractsTab {
    fn context(&self) -> Context {
        Context::Contracts
    }

    fn filter(&self) -> &str {
        &self.list.filter
    }

    fn set_filter(&mut self, text: String, cx: &Cx) {
        self.list.filter = text;
        self.rebuild(cx.now, cx.me);
    }

    fn step(&mut self, delta: isize) {
        let len = self.list.len();
        self.list.cursor.step(delta, len);
    }

    fn next_sort(&mut self, cx: &Cx) -> Option<String> {
        self.sort = (self.sort + 1) % CONTRACT_SORTS.len();
        self.rebuild(cx.now, cx.me);
        Some(format!("Contracts sorted by {}", CONTRACT_SORTS[self.sort]))
    }

    fn open(&self) -> Option<(Overlay, Option<Target>)> {
        let id = self.list.selected()?.id;
        let detail = Detail::Contract {
            id,
            data: None,
            scroll: 0,
        };
        Some((Overlay::Detail(detail), Some(Target::ContractDetail(id))))
    }

    fn refresh(&self) -> Vec<Target> {
        vec![Target::Contracts]
    }

    fn copy_text(&self, summary: bool, names: &super::Names) -> Option<super::copy::Copied> {
        super::copy::contract(self.list.selected()?, summary, names)
    }

    fn badge(&self, _names: &super::Names) -> Option<String> {
        (!self.marked.is_empty()).then(|| format!("{} marked", self.marked.len()))
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Open,
            Action::QuickView,
            Action::CycleSort,
            Action::ChangeStatus,
            Action::ToggleSelect,
            Action::Export,
        ]
    }
}
