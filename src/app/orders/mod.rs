//! The Orders tab: the orders list and the order builder, with the
//! product catalogue the builder prices from.

pub mod actions;
pub mod builder;
mod building;

use super::records::RecordList;
use crate::domain::*;
use builder::{Catalogue, OrderBuilder, PriceKey};
use std::collections::HashSet;

/// Everything the Orders tab owns.
#[derive(Default)]
pub struct OrdersTab {
    pub list: RecordList<Order>,
    /// Index into `ORDER_SORTS`.
    pub sort: usize,
    /// Only one status (`f`) and only one partner (`F`, or a jump).
    pub status_filter: Option<OrderStatus>,
    pub partner_filter: Option<Id>,
    /// The order being built; kept across tab switches until submitted or discarded.
    pub builder: Option<OrderBuilder>,
    /// Whether the tab shows the builder (rather than the list).
    pub builder_open: bool,
    pub catalogue: Option<Catalogue>,
    pub catalogue_loading: bool,
    /// Why the catalogue could not be loaded (`r` in the builder retries).
    pub catalogue_error: Option<String>,
    /// Server price checks already asked for.
    pub price_requests: HashSet<PriceKey>,
    /// `q` was pressed once with an unsubmitted order: a second `q` quits.
    pub quit_warned: bool,
}

use super::component::{Component, Cx};
use super::keymap::{Action, Context};
use super::requests::Target;
use super::update::ORDER_SORTS;
use super::{Detail, Overlay};
use std::cmp::Reverse;

impl OrdersTab {
    /// Recomputes the visible rows from the filters and the sort.
    pub fn rebuild(&mut self) {
        let (status, partner) = (self.status_filter, self.partner_filter);
        let keep = |o: &Order| {
            status.is_none_or(|s| o.status == s) && partner.is_none_or(|p| o.partner_id == Some(p))
        };
        let list = &mut self.list;
        let id = |o: &Order| o.id;
        match self.sort {
            1 => list.rebuild(keep, 1, |o| (Reverse(o.total_amount), o.id), id),
            2 => list.rebuild(
                keep,
                2,
                |o| (o.status.flow_index(), Reverse(o.created_at), o.id),
                id,
            ),
            3 => list.rebuild(keep, 3, |o| o.order_number.clone(), id),
            _ => list.rebuild(keep, 0, |o| (Reverse(o.created_at), o.id), id),
        }
    }
}

impl Component for OrdersTab {
    fn context(&self) -> Context {
        if self.builder_open {
            Context::Builder
        } else {
            Context::Orders
        }
    }

    fn filter(&self) -> &str {
        &self.list.filter
    }

    fn set_filter(&mut self, text: String, _cx: &Cx) {
        self.list.filter = text;
        self.rebuild();
    }

    fn step(&mut self, delta: isize) {
        if self.builder_open {
            if let Some(b) = self.builder.as_mut() {
                b.step(delta);
            }
            return;
        }
        let len = self.list.len();
        self.list.cursor.step(delta, len);
    }

    fn next_sort(&mut self, _cx: &Cx) -> Option<String> {
        self.sort = (self.sort + 1) % ORDER_SORTS.len();
        self.rebuild();
        Some(format!("Orders sorted by {}", ORDER_SORTS[self.sort]))
    }

    fn open(&self) -> Option<(Overlay, Option<Target>)> {
        let id = self.list.selected()?.id;
        let detail = Detail::Order {
            id,
            data: None,
            scroll: 0,
        };
        Some((Overlay::Detail(detail), Some(Target::OrderDetail(id))))
    }

    fn refresh(&self) -> Vec<Target> {
        if self.builder_open {
            vec![Target::Orders, Target::Catalogue]
        } else {
            vec![Target::Orders]
        }
    }

    fn hints(&self) -> &'static [Action] {
        if self.builder_open {
            &[
                Action::AddLine,
                Action::EditQuantity,
                Action::SubmitOrder,
                Action::Undo,
                Action::CloseBuilder,
                Action::RemoveLine,
                Action::PickPartner,
            ]
        } else {
            &[
                Action::Open,
                Action::NewOrder,
                Action::ChangeStatus,
                Action::CycleSort,
                Action::QuickView,
                Action::Activate,
            ]
        }
    }

    fn copy_text(&self, summary: bool, names: &super::Names) -> Option<super::copy::Copied> {
        if self.builder_open {
            return None;
        }
        super::copy::order(self.list.selected()?, summary, names)
    }

    fn unavailable(&self, action: Action) -> Option<&'static str> {
        let builder_action = matches!(
            action,
            Action::AddLine
                | Action::RemoveLine
                | Action::EditQuantity
                | Action::ChangeProduct
                | Action::ChangeDuration
                | Action::PickPartner
                | Action::PickDistributor
                | Action::PickLead
                | Action::Undo
                | Action::SubmitOrder
                | Action::DiscardOrder
                | Action::CloseBuilder
        );
        (builder_action && !self.builder_open).then_some("only while building an order (n)")
    }
}
