//! A direct PostgreSQL backend: the Tentabo database read and written by the
//! client itself, with the server's rules (scoping, state machines,
//! pricing, validation) applied here and every write in one transaction.
//!
//! ```no_run
//! # async fn f() -> Result<(), tentabo::backend::BackendError> {
//! use tentabo::backend::postgres::PostgresBackend;
//! let b = PostgresBackend::connect("postgres://tentabo@db/tentabo?sslmode=require", "alice").await?;
//! # Ok(()) }
//! ```

mod actor;
mod attach;
mod catalogue;
mod companies;
mod connect;
mod contracts;
mod error;
mod explain;
mod leads;
pub mod load;
mod orders;
mod paging;
mod rows;
mod schema;
mod scope;
mod sql;
mod sslmode;
mod tls;
mod types;
mod users;

pub use connect::redacted;
pub use explain::ExplainList;

use super::*;
use crate::domain::scope::Actor;
use deadpool_postgres::{Object, Pool, Transaction};
use error::{Fail, R};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;
use tokio_postgres::IsolationLevel;

/// How often a write is attempted when the database reports a
/// serialization failure or a deadlock.
const MAX_ATTEMPTS: u32 = 5;

pub struct PostgresBackend {
    pool: Pool,
    location: String,
    database: String,
    actor: RwLock<Actor>,
    lists: paging::ListCache,
    retries: AtomicU64,
    tls: bool,
    /// The warning to show once: a remote database reached in clear text.
    notice: Option<String>,
}

impl PostgresBackend {
    /// Connects to `url` (a `postgres://` URL or a key=value string) and acts
    /// as `as_username`: a `users` row with that username, or else an
    /// `admin_users` account. Checks the schema first.
    pub async fn connect(url: &str, as_username: &str) -> Result<Self, BackendError> {
        let target = connect::parse(url)?;
        let mut location = connect::describe(&target.config);
        let database = target
            .config
            .get_dbname()
            .or(target.config.get_user())
            .unwrap_or("postgres")
            .to_string();
        let (pool, tls_seen) = connect::pool(&target)?;
        let client = connect::get(&pool).await.map_err(|e| match e {
            BackendError::Network(m) => BackendError::Network(format!("{location}: {m}")),
            other => other,
        })?;
        let tls = tls_seen.seen();
        let local = sslmode::is_local(&target.config);
        let notice = sslmode::clear_text_notice(local, tls, target.ssl, &location);
        if let Some(n) = &notice {
            tracing::warn!("{n}");
        }
        if tls {
            location.push_str(" (TLS)");
        }
        schema::check(&client, &database)
            .await
            .map_err(Fail::into_backend)?;
        let actor = actor::by_username(&client, as_username, &database)
            .await
            .map_err(Fail::into_backend)?;
        drop(client);
        Ok(PostgresBackend {
            pool,
            location,
            database,
            actor: RwLock::new(actor),
            lists: paging::ListCache::default(),
            retries: AtomicU64::new(0),
            tls,
            notice,
        })
    }

    /// Whether the first connection used TLS (with `sslmode=prefer` the
    /// server decides).
    pub fn uses_tls(&self) -> bool {
        self.tls
    }

    /// The database name.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// How many write transactions were run again after a serialization
    /// failure or a deadlock (for tests and diagnostics).
    pub fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }

    fn actor(&self) -> Actor {
        match self.actor.read() {
            Ok(a) => a.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn set_actor(&self, a: &Actor) {
        if let Ok(mut cur) = self.actor.write() {
            *cur = a.clone();
        }
    }

    async fn conn(&self) -> R<Object> {
        Ok(self.pool.get().await?)
    }

    /// Starts a write transaction. REPEATABLE READ gives every check of a
    /// write one snapshot; a concurrent change to a locked row then fails
    /// with a serialization error, and [`Self::write`] starts over.
    async fn begin(c: &mut Object) -> R<Transaction<'_>> {
        Ok(c.build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .start()
            .await?)
    }

    /// A connection for a read, and the actor as the database has it now:
    /// a disabled user reads nothing more, a moved one reads its new scope
    /// (the next list load after the change, as the server's per-request
    /// user lookup does).
    async fn reader(&self) -> R<(Object, Actor)> {
        let c = self.conn().await?;
        let a = actor::refresh(&c, &self.actor()).await?;
        self.set_actor(&a);
        Ok((c, a))
    }

    /// Re-reads the actor inside a write (role, company, enabled).
    async fn fresh_actor(&self, tx: &Transaction<'_>) -> R<Actor> {
        let a = actor::refresh(tx, &self.actor()).await?;
        self.set_actor(&a);
        Ok(a)
    }

    /// Runs a write (one transaction per attempt) and retries it from the
    /// start, a bounded number of times, when the database could not
    /// serialize it.
    async fn write<T, F, Fut>(&self, mut op: F) -> BackendResult<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = R<T>>,
    {
        let mut attempt = 1;
        loop {
            match op().await {
                Ok(v) => {
                    self.lists.invalidate();
                    return Ok(v);
                }
                Err(f) if f.retryable() && attempt < MAX_ATTEMPTS => {
                    self.retries.fetch_add(1, Ordering::Relaxed);
                    // Back off a little, with jitter so two writers part.
                    let jitter = uuid::Uuid::new_v4().as_bytes()[0] as u64 % 20;
                    let ms = (10u64 << attempt) + jitter;
                    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
                    attempt += 1;
                }
                Err(f) => return Err(f.into_backend()),
            }
        }
    }
}

fn done<T>(r: R<T>) -> BackendResult<T> {
    r.map_err(Fail::into_backend)
}

#[async_trait]
impl Backend for PostgresBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Postgres
    }
    fn location(&self) -> String {
        self.location.clone()
    }
    fn notice(&self) -> Option<String> {
        self.notice.clone()
    }
    fn page_concurrency(&self) -> usize {
        // Pages in order let each one continue the previous one's keyset.
        1
    }
    fn preferred_page_size(&self) -> u32 {
        5000
    }

    async fn whoami(&self) -> BackendResult<Me> {
        done(
            async {
                let (c, a) = self.reader().await?;
                let (me, a) = actor::me(&c, &a).await?;
                self.set_actor(&a);
                Ok(me)
            }
            .await,
        )
    }

    async fn list_leads(&self, q: &LeadQuery, page: PageRequest) -> BackendResult<Page<Lead>> {
        done(self.leads_page(q, page).await)
    }
    async fn get_lead(&self, id: Id) -> BackendResult<LeadDetail> {
        done(self.lead_detail(id).await)
    }
    async fn create_lead(&self, draft: &LeadDraft) -> BackendResult<Lead> {
        self.write(|| self.lead_create(draft)).await
    }
    async fn update_lead(
        &self,
        id: Id,
        draft: &LeadDraft,
        expected_updated_at: Option<Timestamp>,
    ) -> BackendResult<Lead> {
        self.write(|| self.lead_update(id, draft, expected_updated_at))
            .await
    }
    async fn change_lead_status(
        &self,
        id: Id,
        status: LeadStatus,
        reason: Option<&str>,
    ) -> BackendResult<Lead> {
        self.write(|| self.lead_status(id, status, reason)).await
    }
    async fn reassign_lead(&self, id: Id, owner_id: Id) -> BackendResult<Lead> {
        self.write(|| self.lead_reassign(id, owner_id)).await
    }
    async fn add_lead_note(&self, id: Id, content: &str) -> BackendResult<LeadNote> {
        self.write(|| self.lead_note(id, content)).await
    }
    async fn add_lead_activity(
        &self,
        id: Id,
        draft: &ActivityDraft,
    ) -> BackendResult<LeadActivity> {
        self.write(|| self.lead_activity(id, draft)).await
    }

    async fn list_products(&self, include_inactive: bool) -> BackendResult<Vec<Product>> {
        done(self.products(include_inactive).await)
    }
    async fn list_durations(&self) -> BackendResult<Vec<Duration>> {
        done(self.durations().await)
    }
    async fn calculate_price(
        &self,
        product_id: Id,
        quantity: i64,
        duration_id: Option<Id>,
    ) -> BackendResult<PriceCalculation> {
        done(self.price(product_id, quantity, duration_id).await)
    }

    async fn list_orders(&self, q: &OrderQuery, page: PageRequest) -> BackendResult<Page<Order>> {
        done(self.orders_page(q, page).await)
    }
    async fn get_order(&self, id: Id) -> BackendResult<OrderDetail> {
        done(self.order_detail(id).await)
    }
    async fn create_order(&self, draft: &OrderDraft) -> BackendResult<OrderDetail> {
        self.write(|| self.order_create(draft)).await
    }
    async fn change_order_status(
        &self,
        id: Id,
        status: OrderStatus,
        reason: Option<&str>,
    ) -> BackendResult<Order> {
        self.write(|| self.order_status(id, status, reason)).await
    }
    async fn add_order_note(&self, id: Id, note: &NoteDraft) -> BackendResult<RecordNote> {
        self.write(|| self.order_note(id, note)).await
    }
    async fn order_quote(&self, id: Id) -> BackendResult<OrderQuote> {
        done(self.quote(id).await)
    }
    async fn activate_order(&self, id: Id, req: &ActivationDraft) -> BackendResult<Contract> {
        self.write(|| self.order_activate(id, req)).await
    }

    async fn list_contracts(
        &self,
        q: &ContractQuery,
        page: PageRequest,
    ) -> BackendResult<Page<Contract>> {
        done(self.contracts_page(q, page).await)
    }
    async fn get_contract(&self, id: Id) -> BackendResult<ContractDetail> {
        done(self.contract_detail(id).await)
    }
    async fn change_contract_status(
        &self,
        id: Id,
        status: ContractStatus,
        reason: Option<&str>,
    ) -> BackendResult<Contract> {
        self.write(|| self.contract_status(id, status, reason))
            .await
    }
    async fn add_contract_note(&self, id: Id, note: &NoteDraft) -> BackendResult<RecordNote> {
        self.write(|| self.contract_note(id, note)).await
    }
    async fn contract_invoices(&self, id: Id) -> BackendResult<ContractInvoices> {
        done(self.invoices(id).await)
    }

    async fn list_companies(
        &self,
        kind: CompanyKind,
        q: &CompanyQuery,
        page: PageRequest,
    ) -> BackendResult<Page<Company>> {
        done(self.companies_page(kind, q, page).await)
    }
    async fn get_company(&self, kind: CompanyKind, id: Id) -> BackendResult<Company> {
        done(self.company(kind, id).await)
    }
    async fn create_company(
        &self,
        kind: CompanyKind,
        draft: &CompanyDraft,
    ) -> BackendResult<Company> {
        self.write(|| self.company_create(kind, draft)).await
    }
    async fn update_company(
        &self,
        kind: CompanyKind,
        id: Id,
        draft: &CompanyDraft,
        read: Option<&Company>,
    ) -> BackendResult<Company> {
        self.write(|| self.company_update(kind, id, draft, read))
            .await
    }
    async fn delete_company(&self, kind: CompanyKind, id: Id) -> BackendResult<()> {
        self.write(|| self.company_delete(kind, id)).await
    }
    async fn distributor_partners(
        &self,
        distributor_id: Id,
        active_only: bool,
    ) -> BackendResult<Vec<DistributorPartnerLink>> {
        done(self.links(distributor_id, active_only).await)
    }
    async fn link_partner(
        &self,
        distributor_id: Id,
        partner_id: Id,
        notes: Option<&str>,
    ) -> BackendResult<DistributorPartnerLink> {
        self.write(|| self.link(distributor_id, partner_id, notes))
            .await
    }
    async fn unlink_partner(&self, distributor_id: Id, partner_id: Id) -> BackendResult<()> {
        self.write(|| self.unlink(distributor_id, partner_id)).await
    }

    async fn list_users(&self, q: &UserQuery, page: PageRequest) -> BackendResult<Page<User>> {
        done(self.users_page(q, page).await)
    }
    async fn set_user_enabled(
        &self,
        id: Id,
        enabled: bool,
        reason: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.write(|| self.user_enabled(id, enabled, reason, read))
            .await
    }
    async fn set_user_role(
        &self,
        id: Id,
        role: UserRole,
        reason: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.write(|| self.user_role(id, role, reason, read)).await
    }
    async fn set_user_company(
        &self,
        id: Id,
        to: CompanyAssignment,
        read: Option<&User>,
    ) -> BackendResult<User> {
        self.write(|| self.user_company(id, to, read)).await
    }
}
