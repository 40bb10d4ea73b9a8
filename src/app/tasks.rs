//! Starting background work. Every backend call runs on a tokio task and
//! reports back through the channel tagged with its request id (see
//! `requests`): loads are latest-wins per target, writes answer their sender.

use super::msg::{Msg, Reload};
use super::requests::{Job, ReqId, Target};
use super::App;
use crate::backend::*;
use crate::domain::*;
use std::future::Future;

impl App {
    /// Starts a load of `target`; an earlier load of it still running is
    /// superseded (its answer will be dropped).
    pub(super) fn load<F>(&mut self, target: Target, fut: F) -> ReqId
    where
        F: Future<Output = Msg> + Send + 'static,
    {
        self.requests.start(Job::Load(target), fut)
    }

    /// Starts a read that fills no list (a quote, a price check, a sign-in).
    pub(super) fn read<F>(&mut self, fut: F) -> ReqId
    where
        F: Future<Output = Msg> + Send + 'static,
    {
        self.requests.start(Job::Read, fut)
    }

    /// Starts a write; the caller keeps the id to recognise the answer.
    pub(super) fn call<F>(&mut self, fut: F) -> ReqId
    where
        F: Future<Output = Msg> + Send + 'static,
    {
        self.requests.start(Job::Write, fut)
    }

    pub fn load_all(&mut self) {
        self.start_load(Target::Me);
        self.load_leads();
        self.load_orders();
        self.load_contracts();
        self.load_companies();
        self.load_channel_users();
    }

    pub fn load_leads(&mut self) {
        let b = self.session.backend.clone();
        self.load(Target::Leads, async move {
            let (size, conc) = (b.preferred_page_size(), b.page_concurrency());
            Msg::Leads(
                fetch_all_with(size, conc, |p| {
                    let b = b.clone();
                    async move { b.list_leads(&LeadQuery::default(), p).await }
                })
                .await,
            )
        });
    }

    pub fn load_orders(&mut self) {
        let b = self.session.backend.clone();
        self.load(Target::Orders, async move {
            let (size, conc) = (b.preferred_page_size(), b.page_concurrency());
            Msg::Orders(
                fetch_all_with(size, conc, |p| {
                    let b = b.clone();
                    async move { b.list_orders(&OrderQuery::default(), p).await }
                })
                .await,
            )
        });
    }

    pub fn load_contracts(&mut self) {
        let b = self.session.backend.clone();
        self.load(Target::Contracts, async move {
            let (size, conc) = (b.preferred_page_size(), b.page_concurrency());
            Msg::Contracts(
                fetch_all_with(size, conc, |p| {
                    let b = b.clone();
                    async move { b.list_contracts(&ContractQuery::default(), p).await }
                })
                .await,
            )
        });
    }

    pub fn load_companies(&mut self) {
        for kind in [CompanyKind::Distributor, CompanyKind::Partner] {
            let b = self.session.backend.clone();
            self.load(Target::Companies(kind), async move {
                let (size, conc) = (b.preferred_page_size(), b.page_concurrency());
                Msg::Companies(
                    kind,
                    fetch_all_with(size, conc, |p| {
                        let b = b.clone();
                        async move { b.list_companies(kind, &CompanyQuery::default(), p).await }
                    })
                    .await,
                )
            });
        }
    }

    pub fn load_lead_detail(&mut self, id: Id) {
        let b = self.session.backend.clone();
        self.load(Target::LeadDetail(id), async move {
            Msg::LeadDetail(b.get_lead(id).await)
        });
    }

    pub fn load_order_detail(&mut self, id: Id) {
        let b = self.session.backend.clone();
        self.load(Target::OrderDetail(id), async move {
            Msg::OrderDetail(b.get_order(id).await)
        });
    }

    pub fn load_contract_detail(&mut self, id: Id) {
        let b = self.session.backend.clone();
        self.load(Target::ContractDetail(id), async move {
            Msg::ContractDetail(b.get_contract(id).await)
        });
    }

    /// Invoices and the originating order of a contract, once per opening.
    pub fn load_contract_extras(&mut self, id: Id, order_id: Option<Id>) {
        if self
            .contracts
            .invoices
            .as_ref()
            .is_none_or(|(c, _)| *c != id)
        {
            let b = self.session.backend.clone();
            self.load(Target::Invoices(id), async move {
                Msg::Invoices(id, b.contract_invoices(id).await)
            });
        }
        if let Some(order_id) = order_id {
            if self.contracts.order.as_ref().is_none_or(|(c, _)| *c != id) {
                let b = self.session.backend.clone();
                self.load(Target::ContractOrder(id), async move {
                    Msg::ContractOrder(id, b.get_order(order_id).await)
                });
            }
        }
    }

    /// Runs a write and reports it as `Done`.
    pub(super) fn write<F>(&mut self, what: impl Into<String>, reload: Reload, fut: F) -> ReqId
    where
        F: Future<Output = BackendResult<()>> + Send + 'static,
    {
        let what = what.into();
        self.call(async move {
            Msg::Done {
                what,
                result: fut.await,
                reload,
            }
        })
    }

    pub fn reload(&mut self, what: Reload) {
        match what {
            Reload::Nothing => {}
            Reload::Leads => self.load_leads(),
            Reload::LeadDetail(id) => {
                self.load_leads();
                self.load_lead_detail(id);
            }
            Reload::Orders => {
                self.load_orders();
                self.load_contracts();
            }
            Reload::OrderDetail(id) => {
                self.load_orders();
                self.load_contracts();
                self.load_order_detail(id);
            }
            Reload::Contracts => self.load_contracts(),
            Reload::Companies => self.load_companies(),
        }
    }

    /// The periodic refresh: like `r`, but a list whose load is still
    /// running is left to finish (a slow server is not asked again and again).
    pub fn refresh_idle(&mut self) {
        let busy = [Target::Leads, Target::Orders, Target::Contracts]
            .into_iter()
            .chain([
                Target::Companies(CompanyKind::Partner),
                Target::Companies(CompanyKind::Distributor),
                Target::Users,
            ])
            .any(|t| self.requests.is_loading(t));
        if !busy {
            self.refresh_current();
        }
    }

    /// Starts the load that fills `target`.
    pub fn start_load(&mut self, target: Target) {
        match target {
            Target::Me => {
                let b = self.session.backend.clone();
                self.load(Target::Me, async move { Msg::Me(b.whoami().await) });
            }
            Target::Leads => self.load_leads(),
            Target::Orders => self.load_orders(),
            Target::Contracts => self.load_contracts(),
            Target::Companies(_) => self.load_companies(),
            Target::Users => self.load_channel_users(),
            Target::Links => self.load_channel_links(),
            Target::Catalogue => self.load_catalogue(),
            Target::LeadDetail(id) => self.load_lead_detail(id),
            Target::OrderDetail(id) => self.load_order_detail(id),
            Target::ContractDetail(id) => self.load_contract_detail(id),
            Target::Invoices(_) | Target::ContractOrder(_) | Target::Lead(_) => {}
        }
    }
}
