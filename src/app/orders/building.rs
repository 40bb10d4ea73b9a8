//! The order builder's keys and background work: opening it (also from
//! a lead), the catalogue, choices, live server price checks, submitting.

use crate::app::builder::{Catalogue, Choice, ChoiceKind, OrderBuilder};
use crate::app::keymap::{Action, Context};
use crate::app::msg::Msg;
use crate::app::pick::PickEvent;
use crate::app::records::RecordList;
use crate::app::*;
use crate::backend::BackendError;
use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

impl App {
    // ---- opening and closing the builder ----------------------------------

    /// Opens the builder, resuming the order being built if there is one.
    pub(in crate::app) fn open_builder(&mut self) {
        if self.orders.builder.is_none() {
            let (partner, distributor) = self.own_channel();
            self.orders.builder = Some(OrderBuilder::new(partner, distributor, None));
        }
        self.tab = Tab::Orders;
        self.filter_bar.active = false;
        self.orders.builder_open = true;
        self.load_catalogue();
    }

    /// The partner and distributor a new order defaults to: the user's own
    /// (the API's `/auth/me` may not say which, but then the server lists
    /// that one alone).
    pub(in crate::app) fn own_channel(&self) -> (Option<Id>, Option<Id>) {
        let me = self.session.me.as_ref();
        let only = |list: &RecordList<Company>| {
            let mut active = list.all.iter().filter(|c| c.is_active);
            match (active.next(), active.next()) {
                (Some(c), None) => Some(c.id),
                _ => None,
            }
        };
        let role = me.and_then(|m| m.role);
        let partner = me.and_then(|m| m.partner_id).or_else(|| {
            (role == Some(UserRole::Partner))
                .then(|| only(&self.partners.partners))
                .flatten()
        });
        let distributor = me.and_then(|m| m.distributor_id).or_else(|| {
            (role == Some(UserRole::Distributor))
                .then(|| only(&self.partners.distributors))
                .flatten()
        });
        (partner, distributor)
    }

    /// `o` on a lead card: the builder, pre-filled from the lead.
    pub(in crate::app) fn convert_lead(&mut self) {
        let Some(l) = self.leads.selected() else {
            return;
        };
        let (id, title) = (l.id, l.title.clone());
        let (own_partner, own_distributor) = self.own_channel();
        let partner = l.partner_id.or(own_partner);
        let distributor = l.distributor_id.or(own_distributor);
        if self.orders.builder.as_ref().is_some_and(|b| !b.is_empty()) {
            self.open_builder();
            self.error(
                "An order is already being built: submit it, or X to discard it, then o again",
            );
            return;
        }
        self.orders.builder = Some(OrderBuilder::new(partner, distributor, Some(id)));
        self.open_builder();
        self.notice(format!("New order from lead “{title}”: a to add a line"));
    }

    /// Loads products and durations once (again after a failure).
    pub(in crate::app) fn load_catalogue(&mut self) {
        if self.orders.catalogue.is_some() || self.orders.catalogue_loading {
            return;
        }
        self.orders.catalogue_loading = true;
        self.orders.catalogue_error = None;
        let b = self.session.backend.clone();
        self.load(crate::app::requests::Target::Catalogue, async move {
            // Inactive products too, so a line whose product was retired
            // says so instead of vanishing; the search offers active ones.
            let products = b.list_products(true).await;
            let durations = b.list_durations().await;
            Msg::Catalogue(products.and_then(|products| {
                Ok(Catalogue {
                    products,
                    durations: durations?,
                })
            }))
        });
    }

    // ---- keys --------------------------------------------------------------

    /// Keys while the builder is on screen. Keys it does not use fall
    /// through to the global bindings (tabs, help, quit).
    pub(in crate::app) fn builder_key(&mut self, key: KeyEvent) {
        let Some(b) = self.orders.builder.as_mut() else {
            self.orders.builder_open = false;
            return;
        };
        if b.submitting {
            self.notice("Submitting the order…");
            return;
        }
        if b.choice.is_some() {
            self.choice_key(key);
            return;
        }
        if let Some(input) = b.editing.as_mut() {
            if key.code == KeyCode::Char('s')
                && key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL)
            {
                // Ctrl-S right after typing: keep the quantity and submit.
                b.editing = None;
                self.submit_order();
                return;
            }
            match key.code {
                KeyCode::Enter | KeyCode::Esc | KeyCode::Tab => {
                    b.editing = None;
                    if key.code == KeyCode::Tab {
                        b.step(1);
                    }
                }
                KeyCode::Up | KeyCode::Down => {
                    b.editing = None;
                    b.step(if key.code == KeyCode::Up { -1 } else { 1 });
                }
                _ => {
                    input.handle_event(&Event::Key(key));
                    b.sync_editing();
                }
            }
            self.check_prices();
            return;
        }
        let action = self.prefs.keys.action_for(Context::Builder, &key);
        if action == Some(Action::Quit) && !self.orders.quit_warned && !b.is_empty() {
            // Quitting would lose the order being built: ask once.
            self.orders.quit_warned = true;
            self.error("An order is being built and not submitted: q again quits and keeps it as a draft (S submits, Esc keeps it here)");
            return;
        }
        self.orders.quit_warned = false;
        if let Some(action) = action {
            self.act(action);
        }
    }

    fn choice_key(&mut self, key: KeyEvent) {
        let keys = self.prefs.keys.clone();
        let Some(b) = self.orders.builder.as_mut() else {
            return;
        };
        let Some(choice) = b.choice.as_mut() else {
            return;
        };
        match choice.list.handle_key(&keys, &key) {
            PickEvent::None => {}
            PickEvent::Closed => b.choice = None,
            PickEvent::Refused(why) => self.error(why),
            PickEvent::Chosen(label, id) => {
                let kind = choice.kind;
                b.choice = None;
                self.chose(kind, label, id);
            }
        }
    }

    fn chose(&mut self, kind: ChoiceKind, label: String, id: Option<Id>) {
        let Some(b) = self.orders.builder.as_mut() else {
            return;
        };
        match kind {
            ChoiceKind::NewLine => {
                if let Some(product) = id {
                    b.add_line(product, None);
                    self.open_choice(ChoiceKind::Duration);
                }
            }
            ChoiceKind::Product => {
                if let Some(product) = id {
                    b.set_product(product);
                }
            }
            ChoiceKind::Duration => {
                b.set_duration(id);
                // A fresh line goes straight to its quantity.
                if b.lines.get(b.cursor).is_some_and(|l| l.quantity == "1") {
                    // Empty: what is typed replaces the 1 (Enter keeps it).
                    b.editing = Some(tui_input::Input::default());
                }
            }
            ChoiceKind::Partner => {
                b.remember();
                b.partner_id = id;
                self.notice(format!("Partner: {label}"));
            }
            ChoiceKind::Distributor => {
                b.remember();
                b.distributor_id = id;
                self.notice(format!("Distributor: {label}"));
            }
            ChoiceKind::Lead => {
                b.remember();
                b.lead_id = id;
            }
        }
        self.check_prices();
    }

    fn open_choice(&mut self, kind: ChoiceKind) {
        let options: Vec<(String, Option<Id>)> = match kind {
            ChoiceKind::NewLine | ChoiceKind::Product => {
                let Some(cat) = &self.orders.catalogue else {
                    self.error("Still loading the products; try again in a moment");
                    return;
                };
                cat.products
                    .iter()
                    .filter(|p| p.is_active)
                    .map(|p| {
                        let from = p
                            .price_tiers
                            .iter()
                            .map(|t| t.price_per_unit)
                            .min()
                            .map(|m| format!(" · from {} €/{}", money::format_amount(m), p.unit))
                            .unwrap_or_default();
                        (format!("{}{from}", p.name), Some(p.id))
                    })
                    .collect()
            }
            ChoiceKind::Duration => {
                let Some(cat) = &self.orders.catalogue else {
                    return;
                };
                let mut ds: Vec<&Duration> = cat.durations.iter().collect();
                ds.sort_by_key(|d| d.months);
                ds.into_iter()
                    .map(|d| {
                        (
                            format!("{} · −{}%", d.name, d.discount_percentage.normalize()),
                            Some(d.id),
                        )
                    })
                    .collect()
            }
            ChoiceKind::Partner => {
                if let Some(p) = self.session.me.as_ref().and_then(|m| m.partner_id) {
                    self.error(format!(
                        "Your orders are for your own partner ({})",
                        self.names.partner(Some(p))
                    ));
                    return;
                }
                companies(&self.partners.partners.all)
            }
            ChoiceKind::Distributor => {
                if let Some(d) = self.session.me.as_ref().and_then(|m| m.distributor_id) {
                    self.error(format!(
                        "Your orders go through your own distributor ({})",
                        self.names.distributor(Some(d))
                    ));
                    return;
                }
                let mut o = vec![("(none)".to_string(), None)];
                o.extend(companies(&self.partners.distributors.all));
                o
            }
            ChoiceKind::Lead => {
                let mut o = vec![("(none)".to_string(), None)];
                o.extend(
                    self.leads
                        .all
                        .iter()
                        .map(|l| (format!("{} · {}", l.title, l.organization), Some(l.id))),
                );
                o
            }
        };
        if options.is_empty() {
            self.error("Nothing to choose from");
            return;
        }
        if let Some(b) = self.orders.builder.as_mut() {
            b.choice = Some(Choice::new(kind, options));
        }
    }

    /// Builder actions from keys or the palette.
    pub(in crate::app) fn builder_action(&mut self, action: Action) {
        if !(self.tab == Tab::Orders && self.orders.builder_open) {
            self.open_builder();
            if action == Action::CloseBuilder {
                return;
            }
        }
        let has_line = self
            .orders
            .builder
            .as_ref()
            .is_some_and(|b| b.cursor < b.lines.len());
        match action {
            Action::AddLine => self.open_choice(ChoiceKind::NewLine),
            Action::ChangeProduct if has_line => self.open_choice(ChoiceKind::Product),
            Action::ChangeDuration if has_line => self.open_choice(ChoiceKind::Duration),
            Action::PickPartner => self.open_choice(ChoiceKind::Partner),
            Action::PickDistributor => self.open_choice(ChoiceKind::Distributor),
            Action::PickLead => self.open_choice(ChoiceKind::Lead),
            Action::RemoveLine => {
                if let Some(b) = self.orders.builder.as_mut() {
                    if b.remove_line() {
                        self.notice("Line removed (u to undo)");
                    }
                }
            }
            Action::EditQuantity => {
                if let Some(b) = self.orders.builder.as_mut() {
                    b.start_editing();
                }
            }
            Action::Undo => {
                let undone = self.orders.builder.as_mut().is_some_and(|b| b.undo());
                if undone {
                    self.notice("Undone");
                } else {
                    self.error("Nothing to undo");
                }
                self.check_prices();
            }
            Action::SubmitOrder => self.submit_order(),
            Action::DiscardOrder => {
                self.orders.builder = None;
                self.orders.builder_open = false;
                self.notice("Order discarded");
            }
            Action::CloseBuilder => {
                self.orders.builder_open = false;
                if self.orders.builder.as_ref().is_some_and(|b| !b.is_empty()) {
                    self.notice("The order is kept: n to go back to it");
                }
            }
            Action::Up => self.builder_step(-1),
            Action::Down => self.builder_step(1),
            Action::Top => self.builder_step(isize::MIN / 2),
            Action::Bottom => self.builder_step(isize::MAX / 2),
            _ => {}
        }
    }

    fn builder_step(&mut self, delta: isize) {
        if let Some(b) = self.orders.builder.as_mut() {
            b.step(delta);
        }
    }

    /// Asks the server to price each complete line once, to cross-check
    /// the figures computed here.
    pub(in crate::app) fn check_prices(&mut self) {
        let (Some(b), Some(cat)) = (&self.orders.builder, &self.orders.catalogue) else {
            return;
        };
        let keys: Vec<_> = b
            .lines
            .iter()
            .filter(|l| b.price(cat, l).price.is_some())
            .filter_map(OrderBuilder::price_key)
            .filter(|k| !self.orders.price_requests.contains(k))
            .collect();
        for key in keys {
            self.orders.price_requests.insert(key);
            let backend = self.session.backend.clone();
            self.read(async move {
                let (product, quantity, duration) = key;
                Msg::PriceChecked(
                    key,
                    backend.calculate_price(product, quantity, duration).await,
                )
            });
        }
    }

    pub(in crate::app) fn price_checked(
        &mut self,
        key: crate::app::builder::PriceKey,
        result: Result<PriceCalculation, BackendError>,
    ) {
        if let Err(e) = &result {
            if e.needs_login() {
                // Ask again once signed in.
                self.orders.price_requests.remove(&key);
                self.failed("Checking a price", e.clone());
                return;
            }
        }
        if let Some(b) = self.orders.builder.as_mut() {
            b.server.insert(key, result.map_err(|e| e.to_string()));
        }
    }

    fn submit_order(&mut self) {
        let needs_distributor = self.builder_needs_distributor();
        let (Some(b), Some(cat)) = (self.orders.builder.as_mut(), self.orders.catalogue.as_ref())
        else {
            self.error("Still loading the products; try again in a moment");
            return;
        };
        match b.draft(cat, needs_distributor) {
            Err(why) => {
                b.error = Some(why.clone());
                self.error(format!("Not submitted: {why}"));
            }
            Ok(draft) => {
                b.submitting = true;
                b.error = None;
                // After a submit whose answer never came, look first: an
                // order is never created twice.
                let doubt = b.doubt;
                let since = doubt.unwrap_or_else(chrono::Utc::now);
                b.sent_at = Some(since);
                let me = self.me_id();
                let backend = self.session.backend.clone();
                self.call(async move {
                    let (b, d) = (&backend, &draft);
                    Msg::OrderCreated(
                        crate::app::once::write_once(
                            doubt.is_some(),
                            || crate::app::once::find_created_order(b, d, me, since),
                            || b.create_order(d),
                        )
                        .await,
                    )
                });
                self.notice("Submitting the order…");
            }
        }
    }

    pub(in crate::app) fn order_created(&mut self, result: Result<OrderDetail, BackendError>) {
        match result {
            Ok(d) => {
                self.orders.builder = None;
                self.orders.builder_open = false;
                self.notice(format!(
                    "Order {} created: total {}",
                    d.order.order_number,
                    money::format_money(d.order.total_amount, "EUR")
                ));
                let id = d.order.id;
                self.overlays.push(Overlay::Detail(Detail::Order {
                    id,
                    data: Some(Box::new(d)),
                    scroll: 0,
                }));
                self.load_orders();
                self.load_leads();
            }
            Err(e) => {
                let unknown = crate::app::once::outcome_unknown(&e);
                if let Some(b) = self.orders.builder.as_mut() {
                    b.submitting = false;
                    if unknown {
                        b.doubt = b.doubt.or(b.sent_at);
                        b.error = Some(format!(
                            "Unknown whether the order was created: {e} (S looks first, never creates it twice)"
                        ));
                    } else {
                        b.error = Some(format!("The server refused the order: {e}"));
                    }
                }
                self.failed("Submitting the order failed (everything typed is kept)", e);
            }
        }
    }
}

fn companies(list: &[Company]) -> Vec<(String, Option<Id>)> {
    let mut v: Vec<&Company> = list.iter().filter(|c| c.is_active).collect();
    v.sort_by_key(|c| c.name.to_lowercase());
    v.into_iter()
        .map(|c| (c.name.clone(), Some(c.id)))
        .collect()
}
