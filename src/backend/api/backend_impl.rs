//! The `Backend` trait over the endpoint modules.

use super::companies::{no_unlink, NO_UNLINK};
use super::ApiBackend;
use crate::backend::*;
use crate::domain::*;

const NO_REASSIGN: &str = "the Tentabo API has no endpoint for reassigning a lead to another owner";

#[async_trait]
impl Backend for ApiBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Api
    }
    fn location(&self) -> String {
        self.server.url().to_string()
    }
    fn preferred_page_size(&self) -> u32 {
        PageRequest::MAX_SIZE
    }
    fn cannot(&self, what: Capability) -> Option<&'static str> {
        Some(match what {
            Capability::ReassignLead => NO_REASSIGN,
            Capability::UnlinkPartner => NO_UNLINK,
        })
    }

    async fn whoami(&self) -> BackendResult<Me> {
        self.fetch_me().await
    }

    async fn list_leads(&self, q: &LeadQuery, page: PageRequest) -> BackendResult<Page<Lead>> {
        self.leads_page(q, page).await
    }
    async fn get_lead(&self, id: Id) -> BackendResult<LeadDetail> {
        self.lead_detail(id).await
    }
    async fn create_lead(&self, draft: &LeadDraft) -> BackendResult<Lead> {
        self.post_lead(draft).await
    }
    async fn update_lead(
        &self,
        id: Id,
        draft: &LeadDraft,
        expected_updated_at: Option<Timestamp>,
    ) -> BackendResult<Lead> {
        self.put_lead(id, draft, expected_updated_at).await
    }
    async fn change_lead_status(
        &self,
        id: Id,
        status: LeadStatus,
        reason: Option<&str>,
    ) -> BackendResult<Lead> {
        self.put_lead_status(id, status, reason).await
    }
    async fn reassign_lead(&self, _id: Id, _owner_id: Id) -> BackendResult<Lead> {
        Err(BackendError::Unsupported(NO_REASSIGN.into()))
    }
    async fn add_lead_note(&self, id: Id, content: &str) -> BackendResult<LeadNote> {
        self.post_lead_note(id, content).await
    }
    async fn add_lead_activity(
        &self,
        id: Id,
        draft: &ActivityDraft,
    ) -> BackendResult<LeadActivity> {
        self.post_lead_activity(id, draft).await
    }

    async fn list_products(&self, include_inactive: bool) -> BackendResult<Vec<Product>> {
        self.products(include_inactive).await
    }
    async fn list_durations(&self) -> BackendResult<Vec<Duration>> {
        self.durations().await
    }
    async fn calculate_price(
        &self,
        product_id: Id,
        quantity: i64,
        duration_id: Option<Id>,
    ) -> BackendResult<PriceCalculation> {
        self.price(product_id, quantity, duration_id).await
    }

    async fn list_orders(&self, q: &OrderQuery, page: PageRequest) -> BackendResult<Page<Order>> {
        self.orders_page(q, page).await
    }
    async fn get_order(&self, id: Id) -> BackendResult<OrderDetail> {
        self.order_detail(id).await
    }
    async fn create_order(&self, draft: &OrderDraft) -> BackendResult<OrderDetail> {
        self.post_order(draft).await
    }
    async fn change_order_status(
        &self,
        id: Id,
        status: OrderStatus,
        reason: Option<&str>,
    ) -> BackendResult<Order> {
        self.put_order_status(id, status, reason).await
    }
    async fn add_order_note(&self, id: Id, note: &NoteDraft) -> BackendResult<RecordNote> {
        self.post_order_note(id, note).await
    }
    async fn order_quote(&self, id: Id) -> BackendResult<OrderQuote> {
        self.quote(id).await
    }
    async fn activate_order(&self, id: Id, req: &ActivationDraft) -> BackendResult<Contract> {
        self.post_activation(id, req).await
    }

    async fn list_contracts(
        &self,
        q: &ContractQuery,
        page: PageRequest,
    ) -> BackendResult<Page<Contract>> {
        self.contracts_page(q, page).await
    }
    async fn get_contract(&self, id: Id) -> BackendResult<ContractDetail> {
        self.contract_detail(id).await
    }
    async fn change_contract_status(
        &self,
        id: Id,
        status: ContractStatus,
        reason: Option<&str>,
    ) -> BackendResult<Contract> {
        self.put_contract_status(id, status, reason).await
    }
    async fn add_contract_note(&self, id: Id, note: &NoteDraft) -> BackendResult<RecordNote> {
        self.post_contract_note(id, note).await
    }
    async fn contract_invoices(&self, id: Id) -> BackendResult<ContractInvoices> {
        self.invoices(id).await
    }

    async fn list_companies(
        &self,
        kind: CompanyKind,
        q: &CompanyQuery,
        page: PageRequest,
    ) -> BackendResult<Page<Company>> {
        self.companies_page(kind, q, page).await
    }
    async fn get_company(&self, kind: CompanyKind, id: Id) -> BackendResult<Company> {
        self.company(kind, id).await
    }
    async fn create_company(
        &self,
        kind: CompanyKind,
        draft: &CompanyDraft,
    ) -> BackendResult<Company> {
        self.post_company(kind, draft).await
    }
    async fn update_company(
        &self,
        kind: CompanyKind,
        id: Id,
        draft: &CompanyDraft,
        read: Option<&Company>,
    ) -> BackendResult<Company> {
        self.put_company(kind, id, draft, read).await
    }
    async fn delete_company(&self, kind: CompanyKind, id: Id) -> BackendResult<()> {
        self.remove_company(kind, id).await
    }
    async fn distributor_partners(
        &self,
        distributor_id: Id,
        active_only: bool,
    ) -> BackendResult<Vec<DistributorPartnerLink>> {
        self.links(distributor_id, active_only).await
    }
    async fn link_partner(
        &self,
        distributor_id: Id,
        partner_id: Id,
        notes: Option<&str>,
    ) -> BackendResult<DistributorPartnerLink> {
        self.post_link(distributor_id, partner_id, notes).await
    }
    async fn unlink_partner(&self, _distributor_id: Id, _partner_id: Id) -> BackendResult<()> {
        Err(no_unlink())
    }

    async fn list_users(&self, q: &UserQuery, page: PageRequest) -> BackendResult<Page<User>> {
        self.users_page(q, page).await
    }
    async fn set_user_enabled(
        &self,
        id: Id,
        enabled: bool,
        reason: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.put_user_enabled(id, enabled, reason, read).await
    }
    async fn set_user_role(
        &self,
        id: Id,
        role: UserRole,
        reason: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.put_user_role(id, role, reason, read).await
    }
    async fn set_user_company(
        &self,
        id: Id,
        to: CompanyAssignment,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.put_user_company(id, to, read).await
    }
}
