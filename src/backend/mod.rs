//! One async interface over every way into Tentabo: the REST API, a direct
//! PostgreSQL connection, and the built-in demo data.
//!
//! The app holds an `Arc<dyn Backend>` and calls it from spawned tasks only;
//! views never await.

pub mod api;
pub mod demo;
pub mod postgres;

mod error;
mod pager;
mod query;
pub mod signin;

pub use error::{BackendError, BackendResult};
pub use pager::{fetch_all, fetch_all_with};
pub use query::*;

use crate::domain::*;
use async_trait::async_trait;
use std::sync::Arc;

/// Which kind of backend is behind the interface (shown in the header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Demo,
    Api,
    Postgres,
}

impl BackendKind {
    pub fn label(self) -> &'static str {
        match self {
            BackendKind::Demo => "demo",
            BackendKind::Api => "api",
            BackendKind::Postgres => "postgres",
        }
    }
}

/// Something a backend may not be able to do at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    ReassignLead,
    UnlinkPartner,
}

#[async_trait]
pub trait Backend: Send + Sync {
    fn kind(&self) -> BackendKind;
    /// Where the data comes from, for the header: `demo`, a URL without
    /// credentials, a database name.
    fn location(&self) -> String;
    /// How many rows to ask for per page when reading a whole list (the API
    /// caps pages at 100; in-process backends take everything at once).
    fn preferred_page_size(&self) -> u32 {
        PageRequest::MAX_SIZE
    }
    /// How many pages to read at once when reading a whole list. The API
    /// gains from concurrency; a keyset-paged database wants pages in order.
    fn page_concurrency(&self) -> usize {
        8
    }
    /// A warning to show once after connecting (the TUI in its status
    /// line, the CLI on stderr): a remote database reached in clear text.
    fn notice(&self) -> Option<String> {
        None
    }
    /// Why this backend cannot do `what` at all (the app does not offer it).
    fn cannot(&self, _what: Capability) -> Option<&'static str> {
        None
    }

    async fn whoami(&self) -> BackendResult<Me>;

    // Leads
    async fn list_leads(&self, q: &LeadQuery, page: PageRequest) -> BackendResult<Page<Lead>>;
    async fn get_lead(&self, id: Id) -> BackendResult<LeadDetail>;
    /// Lead and order writes may name only companies the writer sees (a
    /// partner user: the distributors its partner is actively linked to).
    async fn create_lead(&self, draft: &LeadDraft) -> BackendResult<Lead>;
    /// `expected_updated_at`: the version the user edited; a newer row is a conflict.
    async fn update_lead(
        &self,
        id: Id,
        draft: &LeadDraft,
        expected_updated_at: Option<Timestamp>,
    ) -> BackendResult<Lead>;
    async fn change_lead_status(
        &self,
        id: Id,
        status: LeadStatus,
        reason: Option<&str>,
    ) -> BackendResult<Lead>;
    /// Only to an enabled user who would see the lead and, for a writer
    /// scoped to a company, who works for a company the writer sees.
    async fn reassign_lead(&self, id: Id, owner_id: Id) -> BackendResult<Lead>;
    async fn add_lead_note(&self, id: Id, content: &str) -> BackendResult<LeadNote>;
    async fn add_lead_activity(&self, id: Id, draft: &ActivityDraft)
        -> BackendResult<LeadActivity>;

    // Catalogue
    async fn list_products(&self, include_inactive: bool) -> BackendResult<Vec<Product>>;
    async fn list_durations(&self) -> BackendResult<Vec<Duration>>;
    async fn calculate_price(
        &self,
        product_id: Id,
        quantity: i64,
        duration_id: Option<Id>,
    ) -> BackendResult<PriceCalculation>;

    // Orders
    async fn list_orders(&self, q: &OrderQuery, page: PageRequest) -> BackendResult<Page<Order>>;
    async fn get_order(&self, id: Id) -> BackendResult<OrderDetail>;
    async fn create_order(&self, draft: &OrderDraft) -> BackendResult<OrderDetail>;
    async fn change_order_status(
        &self,
        id: Id,
        status: OrderStatus,
        reason: Option<&str>,
    ) -> BackendResult<Order>;
    async fn add_order_note(&self, id: Id, note: &NoteDraft) -> BackendResult<RecordNote>;
    async fn order_quote(&self, id: Id) -> BackendResult<OrderQuote>;
    async fn activate_order(&self, id: Id, req: &ActivationDraft) -> BackendResult<Contract>;

    // Contracts
    async fn list_contracts(
        &self,
        q: &ContractQuery,
        page: PageRequest,
    ) -> BackendResult<Page<Contract>>;
    async fn get_contract(&self, id: Id) -> BackendResult<ContractDetail>;
    async fn change_contract_status(
        &self,
        id: Id,
        status: ContractStatus,
        reason: Option<&str>,
    ) -> BackendResult<Contract>;
    async fn add_contract_note(&self, id: Id, note: &NoteDraft) -> BackendResult<RecordNote>;
    async fn contract_invoices(&self, id: Id) -> BackendResult<ContractInvoices>;

    // Partners and distributors
    async fn list_companies(
        &self,
        kind: CompanyKind,
        q: &CompanyQuery,
        page: PageRequest,
    ) -> BackendResult<Page<Company>>;
    async fn get_company(&self, kind: CompanyKind, id: Id) -> BackendResult<Company>;
    async fn create_company(
        &self,
        kind: CompanyKind,
        draft: &CompanyDraft,
    ) -> BackendResult<Company>;
    /// `read`: the company as the user read it (the form's or the list's
    /// row). Only the fields the draft changes from it are written, and a
    /// company changed since then is refused with a `Conflict` that names
    /// its current values. `None` writes every field, unchecked.
    async fn update_company(
        &self,
        kind: CompanyKind,
        id: Id,
        draft: &CompanyDraft,
        read: Option<&Company>,
    ) -> BackendResult<Company>;
    async fn delete_company(&self, kind: CompanyKind, id: Id) -> BackendResult<()>;
    /// Links of a distributor; `active_only` as the API's `is_active` filter.
    async fn distributor_partners(
        &self,
        distributor_id: Id,
        active_only: bool,
    ) -> BackendResult<Vec<DistributorPartnerLink>>;
    async fn link_partner(
        &self,
        distributor_id: Id,
        partner_id: Id,
        notes: Option<&str>,
    ) -> BackendResult<DistributorPartnerLink>;
    async fn unlink_partner(&self, distributor_id: Id, partner_id: Id) -> BackendResult<()>;

    // Users
    async fn list_users(&self, q: &UserQuery, page: PageRequest) -> BackendResult<Page<User>>;
    /// In the three user changes, `read` is the user as the administrator
    /// read it: a user whose enabled flag, role or company has changed
    /// since is refused with a `Conflict` that says what it is now.
    async fn set_user_enabled(
        &self,
        id: Id,
        enabled: bool,
        reason: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User>;
    async fn set_user_role(
        &self,
        id: Id,
        role: UserRole,
        reason: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User>;
    async fn set_user_company(
        &self,
        id: Id,
        to: CompanyAssignment,
        read: Option<&User>,
    ) -> BackendResult<User>;
}

pub type SharedBackend = Arc<dyn Backend>;
