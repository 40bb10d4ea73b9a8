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
