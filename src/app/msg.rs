//! Results of background work, delivered to the update loop. Views never
//! await: every backend call runs on a task and comes back as one of these.

use crate::backend::{BackendError, SharedBackend};
use crate::domain::*;

pub type Res<T> = Result<T, BackendError>;

// Each message is moved once through the channel; boxing the big variants
// would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum Msg {
    Me(Res<Me>),
    Leads(Res<Vec<Lead>>),
    Orders(Res<Vec<Order>>),
    Contracts(Res<Vec<Contract>>),
    Companies(CompanyKind, Res<Vec<Company>>),
    Users(Res<Vec<User>>),
    Invoices(Id, Res<ContractInvoices>),
    ContractOrder(Id, Res<OrderDetail>),
    /// Products and durations for the order builder.
    Catalogue(Res<super::builder::Catalogue>),
    /// The server's price for a builder line.
    PriceChecked(super::builder::PriceKey, Res<PriceCalculation>),
    /// The builder's submit finished; on failure everything typed stays.
    OrderCreated(Res<OrderDetail>),
    Quote(Res<OrderQuote>),

    LeadDetail(Res<LeadDetail>),
    OrderDetail(Res<OrderDetail>),
    ContractDetail(Res<ContractDetail>),
    /// A lead move finished; on failure the card goes back to `from`.
    LeadMoved {
        id: Id,
        from: LeadStatus,
        result: Res<Lead>,
    },
    /// One lead read again (after a refused move).
    LeadRefreshed(Res<Lead>),
    /// A bulk move finished: per lead, its old status and title, and the result.
    LeadsMoved {
        status: LeadStatus,
        results: Vec<(Id, LeadStatus, String, Res<Lead>)>,
    },
    /// A lead create/edit finished; on failure the form stays open with its input.
    LeadSaved(Res<Lead>),
    /// A sign-in finished: on success, the backend on the new session.
    SignedIn(Res<SharedBackend>),
    /// A bulk action's summary (per-item failures included) for the status
    /// bar; then reload `reload`.
    Report {
        result: Result<String, String>,
        reload: Reload,
    },
    /// Any other write: a notice on success, the error otherwise; then reload `reload`.
    Done {
        what: String,
        result: Res<()>,
        reload: Reload,
    },
    // Partners
    Channel(super::partners::ChannelMsg),
    /// A change, undo or redo finished (see `history`).
    History(super::history::Outcome),
}

impl Msg {
    /// Whether this answers a load (data to show) rather than a write.
    pub fn is_load(&self) -> bool {
        matches!(
            self,
            Msg::Me(_)
                | Msg::Leads(_)
                | Msg::Orders(_)
                | Msg::Contracts(_)
                | Msg::Companies(..)
                | Msg::Users(_)
                | Msg::Invoices(..)
                | Msg::ContractOrder(..)
                | Msg::Catalogue(_)
                | Msg::PriceChecked(..)
                | Msg::Quote(_)
                | Msg::LeadDetail(_)
                | Msg::OrderDetail(_)
                | Msg::ContractDetail(_)
                | Msg::LeadRefreshed(_)
                | Msg::Channel(super::partners::ChannelMsg::Links(_))
        )
    }
}

/// What to reload after a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reload {
    Nothing,
    Leads,
    LeadDetail(Id),
    Orders,
    /// The orders and contracts, and the order open in detail.
    OrderDetail(Id),
    Contracts,
    Companies,
}
