//! Applying results of background work to the state.

use super::msg::{Msg, Reload};
use super::requests::{Reply, ReqId};
use super::*;
use std::cmp::Reverse;

/// Sort columns of the orders table, in `s` order.
pub const ORDER_SORTS: [&str; 4] = ["created", "total", "status", "number"];
/// Sort columns of the contracts table.
pub const CONTRACT_SORTS: [&str; 5] = ["expires", "value", "status", "number", "customer"];

impl App {
    /// Applies one answer, if it is still wanted (see `requests`).
    pub fn handle_msg(&mut self, reply: Reply) {
        if !self.requests.finish(&reply) {
            tracing::debug!(id = reply.id.0, "superseded answer dropped");
            return;
        }
        let (id, msg) = (reply.id, reply.msg);
        self.apply(id, msg);
        self.quit_if_saved();
    }

    fn apply(&mut self, id: ReqId, msg: Msg) {
        self.history_observe(&msg);
        // New lists change the Partners tab's counts; other results do not.
        if matches!(
            msg,
            Msg::Leads(_)
                | Msg::Orders(_)
                | Msg::Contracts(_)
                | Msg::Companies(..)
                | Msg::Users(_)
                | Msg::LeadSaved(_)
                | Msg::Channel(_)
        ) {
            self.partners.channel.counts = None;
        }
        match msg {
            Msg::Me(Ok(me)) => {
                let first = self.session.me.is_none();
                self.names.me = Some(me.id);
                self.session.me = Some(me);
                self.leads.rebuild(self.me_id());
                if first {
                    // Now we know whose drafts to offer.
                    self.offer_drafts(true);
                }
            }
            Msg::Me(Err(e)) => self.failed("Who am I?", e),
            Msg::Catalogue(Ok(cat)) => {
                self.orders.catalogue_loading = false;
                self.orders.catalogue = Some(cat);
                self.check_prices();
            }
            Msg::Catalogue(Err(e)) => {
                self.orders.catalogue_loading = false;
                self.orders.catalogue_error = Some(e.to_string());
                self.failed("Loading products and durations failed", e);
            }
            Msg::PriceChecked(key, result) => self.price_checked(key, result),
            Msg::OrderCreated(result) => self.order_created(result),
            Msg::Quote(result) => self.quote_ready(result),
            Msg::Leads(Ok(leads)) => {
                let me = self.me_id();
                self.leads.set_leads(leads, me);
            }
            Msg::Leads(Err(e)) => {
                self.leads.load_error = Some(e.to_string());
                self.failed_in(Tab::Leads, "Loading leads failed", e);
            }
            Msg::Orders(Ok(orders)) => {
                let names = self.names.clone();
                self.orders.list.set(orders, |o| {
                    format!(
                        "{} {} {}",
                        o.order_number,
                        names.partner(o.partner_id),
                        o.status
                    )
                });
                self.rebuild_orders();
            }
            Msg::Orders(Err(e)) => {
                self.orders.list.error = Some(e.to_string());
                self.failed_in(Tab::Orders, "Loading orders failed", e);
            }
            Msg::Contracts(Ok(contracts)) => {
                let names = self.names.clone();
                self.contracts.list.set(contracts, |c| {
                    format!(
                        "{} {} {} {}",
                        c.contract_number,
                        c.customer_name.as_deref().unwrap_or(""),
                        names.partner(c.partner_id),
                        names.distributor(c.distributor_id)
                    )
                });
                self.rebuild_contracts();
            }
            Msg::Contracts(Err(e)) => {
                self.contracts.list.error = Some(e.to_string());
                self.failed_in(Tab::Contracts, "Loading contracts failed", e);
            }
            Msg::Companies(kind, Ok(list)) => {
                let names: HashMap<Id, String> =
                    list.iter().map(|c| (c.id, c.name.clone())).collect();
                let target = match kind {
                    CompanyKind::Partner => {
                        self.names.partners = names;
                        &mut self.partners.partners
                    }
                    CompanyKind::Distributor => {
                        self.names.distributors = names;
                        &mut self.partners.distributors
                    }
                };
                target.set(list, |c| {
                    format!(
                        "{} {} {}",
                        c.name,
                        c.city.as_deref().unwrap_or(""),
                        c.registration_number.as_deref().unwrap_or("")
                    )
                });
                self.rebuild_companies(kind);
                self.rebuild_channel_users();
                if kind == CompanyKind::Distributor {
                    self.load_channel_links();
                }
                // Names may have arrived after the lists that show them.
                self.rebuild_orders();
                self.rebuild_contracts();
            }
            Msg::Companies(kind, Err(e)) => {
                let list = match kind {
                    CompanyKind::Distributor => &mut self.partners.distributors,
                    CompanyKind::Partner => &mut self.partners.partners,
                };
                list.error = Some(e.to_string());
                self.failed_in(
                    Tab::Partners,
                    &format!("Loading {} failed", kind.plural()),
                    e,
                )
            }
            Msg::Users(result) => self.users_loaded(result),
            Msg::Invoices(id, r) => {
                self.contracts.invoices = Some((id, r.map_err(|e| e.to_string())))
            }
            Msg::ContractOrder(id, Ok(order)) => self.contracts.order = Some((id, Box::new(order))),
            Msg::ContractOrder(_, Err(e)) => self.failed("Loading the contract's order failed", e),
            Msg::LeadDetail(result) => self.set_detail(result.map(|d| Detail::Lead {
                id: d.lead.id,
                data: Some(Box::new(d)),
                scroll: 0,
            })),
            Msg::OrderDetail(result) => self.set_detail(result.map(|d| Detail::Order {
                id: d.order.id,
                data: Some(Box::new(d)),
                scroll: 0,
            })),
            Msg::ContractDetail(result) => {
                if let Ok(d) = &result {
                    self.load_contract_extras(d.contract.id, d.contract.order_id);
                }
                self.set_detail(result.map(|d| Detail::Contract {
                    id: d.contract.id,
                    data: Some(Box::new(d)),
                    scroll: 0,
                }))
            }

            Msg::LeadMoved {
                id: lead,
                from,
                result,
            } => self.lead_moved(lead, from, result),
            Msg::LeadRefreshed(Ok(lead)) => self.leads.upsert(lead, self.me_id()),
            Msg::LeadRefreshed(Err(e)) => self.failed("Reading the lead again failed", e),
            Msg::LeadSaved(result) => match result {
                Ok(lead) => {
                    let open = self.close_form(id);
                    let (lead_id, title) = (lead.id, lead.title.clone());
                    self.leads.upsert(lead, self.me_id());
                    if open {
                        self.leads.select_id(lead_id);
                    }
                    self.notice(format!("Saved “{title}”"));
                }
                Err(e) if e.needs_login() => self.failed("Save failed", e),
                Err(e) => self.form_failed(id, "Save failed", e),
            },
            Msg::SignedIn(Ok(backend)) => {
                self.close_form(id);
                self.use_backend(backend);
                self.notice("Signed in");
            }
            Msg::SignedIn(Err(e)) => self.form_failed(id, "Sign-in failed", e),
            Msg::LeadsMoved { status, results } => self.apply_bulk_move(status, results),

            Msg::Report { result, reload } => {
                match result {
                    Ok(text) => self.notice(text),
                    Err(text) => self.error(text),
                }
                self.reload(reload);
            }

            Msg::Done {
                what,
                result,
                reload,
            } => match result {
                Ok(()) => {
                    self.close_form(id);
                    self.notice(what);
                    self.reload(reload);
                }
                Err(e) => {
                    if e.needs_login() {
                        self.failed(&format!("{what}: failed"), e);
                    } else {
                        self.form_failed(id, &format!("{what}: failed"), e);
                    }
                    if reload != Reload::Nothing {
                        self.reload(reload);
                    }
                }
            },
            Msg::Channel(m) => self.channel_msg(m),
            Msg::History(outcome) => self.history_done(outcome),
        }
    }

    fn set_detail(&mut self, result: Result<Detail, crate::backend::BackendError>) {
        match result {
            Ok(detail) => {
                let key = detail_key(&detail);
                // Replace the open detail of the same record, keeping its scroll.
                for o in self.overlays.iter_mut() {
                    if let Overlay::Detail(existing) = o {
                        if detail_key(existing) == key {
                            let scroll = detail_scroll(existing);
                            *existing = detail;
                            set_detail_scroll(existing, scroll);
                            return;
                        }
                    }
                }
            }
            Err(e) => self.failed("Could not open", e),
        }
    }

    /// The form waiting for request `id`, wherever it is in the stack.
    fn form_of(&mut self, id: ReqId) -> Option<usize> {
        self.overlays
            .iter()
            .position(|o| matches!(o, Overlay::Form(f) if f.request == Some(id)))
    }

    /// Closes the form that sent `id` (it saved); false when it was closed
    /// meanwhile. No other form is touched.
    fn close_form(&mut self, id: ReqId) -> bool {
        match self.form_of(id) {
            Some(i) => {
                self.overlays.remove(i);
                true
            }
            None => false,
        }
    }

    /// A failed save keeps its form and everything typed in it; when that
    /// form was closed meanwhile the status bar says what failed.
    fn form_failed(&mut self, id: ReqId, what: &str, e: crate::backend::BackendError) {
        let text = e.to_string();
        match self.form_of(id) {
            Some(i) => {
                if let Overlay::Form(f) = &mut self.overlays[i] {
                    f.submitting = false;
                    f.request = None;
                    if super::once::outcome_unknown(&e) {
                        f.doubt = f.doubt.or(f.sent_at);
                    }
                    f.set_errors(e.field_errors());
                    partners::rule_on_field(f, &e);
                    f.error = Some(text.clone());
                }
                self.error(text);
            }
            None => self.error(format!("{what}: {text}")),
        }
    }

    /// Sorts one not-yet-cached order of the orders or contracts list, so a
    /// later `s` never has to; the run loop calls this while idle. Returns
    /// whether there was anything to do.
    pub fn warm_caches(&mut self) -> bool {
        if self.contracts.list.loaded {
            if let Some(s) = (0..CONTRACT_SORTS.len()).find(|s| !self.contracts.list.has_order(*s))
            {
                let keep = std::mem::replace(&mut self.contracts.sort, s);
                self.rebuild_contracts();
                self.contracts.sort = keep;
                self.rebuild_contracts();
                return true;
            }
        }
        if self.orders.list.loaded {
            if let Some(s) = (0..ORDER_SORTS.len()).find(|s| !self.orders.list.has_order(*s)) {
                let keep = std::mem::replace(&mut self.orders.sort, s);
                self.rebuild_orders();
                self.orders.sort = keep;
                self.rebuild_orders();
                return true;
            }
        }
        false
    }

    pub fn rebuild_orders(&mut self) {
        let (status, partner) = (self.orders.status_filter, self.orders.partner_filter);
        let keep = |o: &Order| {
            status.is_none_or(|s| o.status == s) && partner.is_none_or(|p| o.partner_id == Some(p))
        };
        let list = &mut self.orders.list;
        let id = |o: &Order| o.id;
        match self.orders.sort {
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

    pub fn rebuild_contracts(&mut self) {
        let (view, now, me) = (self.contracts.view, self.now, self.me_id());
        let scope = self.contracts.partner_filter;
        let keep =
            |c: &Contract| view.keeps(c, now, me) && scope.is_none_or(|p| c.partner_id == Some(p));
        let list = &mut self.contracts.list;
        let id = |c: &Contract| c.id;
        match self.contracts.sort {
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

fn detail_key(d: &Detail) -> (u8, Id) {
    match d {
        Detail::Lead { id, .. } => (0, *id),
        Detail::Order { id, .. } => (1, *id),
        Detail::Contract { id, .. } => (2, *id),
    }
}

fn detail_scroll(d: &Detail) -> u16 {
    match d {
        Detail::Lead { scroll, .. }
        | Detail::Order { scroll, .. }
        | Detail::Contract { scroll, .. } => *scroll,
    }
}

fn set_detail_scroll(d: &mut Detail, value: u16) {
    match d {
        Detail::Lead { scroll, .. }
        | Detail::Order { scroll, .. }
        | Detail::Contract { scroll, .. } => *scroll = value,
    }
}
