//! The Orders tab: the orders list and the order builder, with the
//! product catalogue the builder prices from.

pub mod actions;
pub mod builder;

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
