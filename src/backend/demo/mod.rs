//! The demo backend: seeded data in memory, the same rules as the server.

pub mod data;
pub mod ops;
pub mod rng;
pub mod seed;

use super::*;
use crate::domain::scope::Actor;
use data::DemoData;
use std::sync::{Arc, RwLock};

pub use seed::SeedSize;

/// The in-memory store, shareable (the test fake server wraps the same one).
pub type SharedData = Arc<RwLock<DemoData>>;

pub struct DemoBackend {
    data: SharedData,
    actor: Actor,
}

/// The user the demo signs in as when none is named.
pub const DEMO_USER: &str = "demo";

impl DemoBackend {
    /// Seeds fresh data and signs in as `username` (default `demo`, an admin).
    pub fn new(size: SeedSize, username: Option<&str>) -> Result<Self, BackendError> {
        Self::new_at(chrono::Utc::now(), size, username)
    }

    /// Seeds relative to a fixed clock (render tests and benchmarks).
    pub fn new_at(
        now: Timestamp,
        size: SeedSize,
        username: Option<&str>,
    ) -> Result<Self, BackendError> {
        let data = seed::seed(now, size);
        Self::with_data(Arc::new(RwLock::new(data)), username.unwrap_or(DEMO_USER))
    }

    /// Signs in as `username`; a disabled account is refused, as by the
    /// server and the database backend.
    pub fn with_data(data: SharedData, username: &str) -> Result<Self, BackendError> {
        let actor = {
            let d = data.read().map_err(|_| poisoned())?;
            let found = d.actor_for(username).ok_or_else(|| {
                BackendError::NotFound(format!("no demo user named `{username}`"))
            })?;
            d.current_actor(&found)?
        };
        Ok(DemoBackend { data, actor })
    }

    pub fn data(&self) -> SharedData {
        self.data.clone()
    }

    /// Every call acts as the signed-in user as the data has them now.
    fn read<T>(&self, f: impl FnOnce(&DemoData, &Actor) -> BackendResult<T>) -> BackendResult<T> {
        let d = self.data.read().map_err(|_| poisoned())?;
        let actor = d.current_actor(&self.actor)?;
        f(&d, &actor)
    }

    fn write<T>(
        &self,
        f: impl FnOnce(&mut DemoData, &Actor) -> BackendResult<T>,
    ) -> BackendResult<T> {
        let mut d = self.data.write().map_err(|_| poisoned())?;
        let actor = d.current_actor(&self.actor)?;
        f(&mut d, &actor)
    }
}

fn poisoned() -> BackendError {
    BackendError::Database("demo store is unusable after an earlier crash".into())
}

#[async_trait]
impl Backend for DemoBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Demo
    }
    fn location(&self) -> String {
        "built-in demo data".into()
    }
    fn preferred_page_size(&self) -> u32 {
        u32::MAX / 2
    }

    async fn whoami(&self) -> BackendResult<Me> {
        self.read(|d, a| d.me_for(a))
    }

    async fn list_leads(&self, q: &LeadQuery, page: PageRequest) -> BackendResult<Page<Lead>> {
        self.read(|d, a| Ok(d.list_leads(a, q, page)))
    }
    async fn get_lead(&self, id: Id) -> BackendResult<LeadDetail> {
        self.read(|d, a| d.get_lead(a, id))
    }
    async fn create_lead(&self, draft: &LeadDraft) -> BackendResult<Lead> {
        self.write(|d, a| d.create_lead(a, draft))
    }
    async fn update_lead(
        &self,
        id: Id,
        draft: &LeadDraft,
        expected: Option<Timestamp>,
    ) -> BackendResult<Lead> {
        self.write(|d, a| d.update_lead(a, id, draft, expected))
    }
    async fn change_lead_status(
        &self,
        id: Id,
        status: LeadStatus,
        reason: Option<&str>,
    ) -> BackendResult<Lead> {
        self.write(|d, a| d.change_lead_status(a, id, status, reason))
    }
    async fn reassign_lead(&self, id: Id, owner_id: Id) -> BackendResult<Lead> {
        self.write(|d, a| d.reassign_lead(a, id, owner_id))
    }
    async fn add_lead_note(&self, id: Id, content: &str) -> BackendResult<LeadNote> {
        self.write(|d, a| d.add_lead_note(a, id, content))
    }
    async fn add_lead_activity(
        &self,
        id: Id,
        draft: &ActivityDraft,
    ) -> BackendResult<LeadActivity> {
        self.write(|d, a| d.add_lead_activity(a, id, draft))
    }

    async fn list_products(&self, include_inactive: bool) -> BackendResult<Vec<Product>> {
        self.read(|d, _| Ok(d.list_products(include_inactive)))
    }
    async fn list_durations(&self) -> BackendResult<Vec<Duration>> {
        self.read(|d, _| Ok(d.durations.clone()))
    }
    async fn calculate_price(
        &self,
        product_id: Id,
        quantity: i64,
        duration_id: Option<Id>,
    ) -> BackendResult<PriceCalculation> {
        self.read(|d, _| d.calculate_price(product_id, quantity, duration_id))
    }

    async fn list_orders(&self, q: &OrderQuery, page: PageRequest) -> BackendResult<Page<Order>> {
        self.read(|d, a| Ok(d.list_orders(a, q, page)))
    }
    async fn get_order(&self, id: Id) -> BackendResult<OrderDetail> {
        self.read(|d, a| d.get_order(a, id))
    }
    async fn create_order(&self, draft: &OrderDraft) -> BackendResult<OrderDetail> {
        self.write(|d, a| d.create_order(a, draft))
    }
    async fn change_order_status(
        &self,
        id: Id,
        status: OrderStatus,
        reason: Option<&str>,
    ) -> BackendResult<Order> {
        self.write(|d, a| d.change_order_status(a, id, status, reason))
    }
    async fn add_order_note(&self, id: Id, note: &NoteDraft) -> BackendResult<RecordNote> {
        self.write(|d, a| d.add_order_note(a, id, note))
    }
    async fn order_quote(&self, id: Id) -> BackendResult<OrderQuote> {
        self.read(|d, a| d.order_quote(a, id))
    }
    async fn activate_order(&self, id: Id, req: &ActivationDraft) -> BackendResult<Contract> {
        self.write(|d, a| d.activate_order(a, id, req))
    }

    async fn list_contracts(
        &self,
        q: &ContractQuery,
        page: PageRequest,
    ) -> BackendResult<Page<Contract>> {
        self.read(|d, a| Ok(d.list_contracts(a, q, page)))
    }
    async fn get_contract(&self, id: Id) -> BackendResult<ContractDetail> {
        self.read(|d, a| d.get_contract(a, id))
    }
    async fn change_contract_status(
        &self,
        id: Id,
        status: ContractStatus,
        reason: Option<&str>,
    ) -> BackendResult<Contract> {
        self.write(|d, a| d.change_contract_status(a, id, status, reason))
    }
    async fn add_contract_note(&self, id: Id, note: &NoteDraft) -> BackendResult<RecordNote> {
        self.write(|d, a| d.add_contract_note(a, id, note))
    }
    async fn contract_invoices(&self, id: Id) -> BackendResult<ContractInvoices> {
        self.read(|d, a| d.contract_invoices(a, id))
    }

    async fn list_companies(
        &self,
        kind: CompanyKind,
        q: &CompanyQuery,
        page: PageRequest,
    ) -> BackendResult<Page<Company>> {
        self.read(|d, a| Ok(d.list_companies(a, kind, q, page)))
    }
    async fn get_company(&self, kind: CompanyKind, id: Id) -> BackendResult<Company> {
        self.read(|d, a| d.get_company(a, kind, id))
    }
    async fn create_company(
        &self,
        kind: CompanyKind,
        draft: &CompanyDraft,
    ) -> BackendResult<Company> {
        self.write(|d, a| d.create_company(a, kind, draft))
    }
    async fn update_company(
        &self,
        kind: CompanyKind,
        id: Id,
        draft: &CompanyDraft,
        read: Option<&Company>,
    ) -> BackendResult<Company> {
        self.write(|d, a| d.update_company(a, kind, id, draft, read))
    }
    async fn delete_company(&self, kind: CompanyKind, id: Id) -> BackendResult<()> {
        self.write(|d, a| d.delete_company(a, kind, id))
    }
    async fn distributor_partners(
        &self,
        distributor_id: Id,
        active_only: bool,
    ) -> BackendResult<Vec<DistributorPartnerLink>> {
        self.read(|d, a| d.distributor_partners(a, distributor_id, active_only))
    }
    async fn link_partner(
        &self,
        distributor_id: Id,
        partner_id: Id,
        notes: Option<&str>,
    ) -> BackendResult<DistributorPartnerLink> {
        self.write(|d, a| d.link_partner(a, distributor_id, partner_id, notes))
    }
    async fn unlink_partner(&self, distributor_id: Id, partner_id: Id) -> BackendResult<()> {
        self.write(|d, a| d.unlink_partner(a, distributor_id, partner_id))
    }

    async fn list_users(&self, q: &UserQuery, page: PageRequest) -> BackendResult<Page<User>> {
        self.read(|d, a| d.list_users(a, q, page))
    }
    async fn set_user_enabled(
        &self,
        id: Id,
        enabled: bool,
        _reason: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.write(|d, a| d.set_user_enabled(a, id, enabled, read))
    }
    async fn set_user_role(
        &self,
        id: Id,
        role: UserRole,
        _reason: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.write(|d, a| d.set_user_role(a, id, role, read))
    }
    async fn set_user_company(
        &self,
        id: Id,
        to: CompanyAssignment,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.write(|d, a| d.set_user_company(a, id, to, read))
    }
}
