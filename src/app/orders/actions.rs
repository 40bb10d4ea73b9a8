//! Orders tab actions: the list's keys, status changes along the server's
//! state machine, activation, quotes, filters (the builder is in
//! `building`).

use crate::app::form::{Form, FormPurpose};
use crate::app::keymap::Action;
use crate::app::msg::{Msg, Reload};
use crate::app::*;
use crate::backend::BackendError;
use crate::domain::scope::Actor;
use crate::domain::transitions::{allowed_order_targets, check_activation};

impl App {
    /// The Orders tab's own actions (the router handles the common ones).
    pub(in crate::app) fn orders_act(&mut self, action: Action) {
        match action {
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
            | Action::CloseBuilder => self.builder_action(action),
            Action::NewOrder => self.open_builder(),
            Action::Activate => self.activation_form(),
            Action::Quote => self.request_quote(),
            Action::ChangeStatus => self.pick_order_status(),
            Action::QuickView => self.cycle_order_status_filter(),
            Action::ScopeLeads => self.pick_order_scope(),
            Action::AddNote => {
                if let Some(o) = self.orders.list.selected() {
                    let form = Form::text(
                        format!("Note on {}", o.order_number),
                        FormPurpose::OrderNote { id: o.id },
                        "Note",
                        "content",
                    );
                    self.overlays.push(Overlay::Form(Box::new(form)));
                }
            }
            _ => {}
        }
    }

    pub(in crate::app) fn actor(&self) -> Option<Actor> {
        self.session.me.as_ref().map(Actor::from_me)
    }

    /// Distributor users place orders for their distributor.
    pub fn builder_needs_distributor(&self) -> bool {
        self.session
            .me
            .as_ref()
            .is_some_and(|m| m.role == Some(UserRole::Distributor))
    }

    // ---- the orders list ----------------------------------------------------

    /// The selected order, or the one open in detail.
    fn order_in_focus(&self) -> Option<Order> {
        if let Some(Overlay::Detail(Detail::Order { id, data, .. })) = self.overlays.last() {
            return data
                .as_ref()
                .map(|d| d.order.clone())
                .or_else(|| self.orders.list.all.iter().find(|o| o.id == *id).cloned());
        }
        self.orders.list.selected().cloned()
    }

    pub(in crate::app) fn pick_order_status(&mut self) {
        let Some(actor) = self.actor() else {
            self.error("Still signing in; try again in a moment");
            return;
        };
        let Some(o) = self.order_in_focus() else {
            return;
        };
        let targets = allowed_order_targets(&actor, o.status);
        if targets.is_empty() {
            let why = if transitions::order_targets(o.status).is_empty() {
                format!("{} orders cannot change status", o.status.label())
            } else {
                "Your role may not move this order further (admins and fulfillers fulfil; only admins cancel)".to_string()
            };
            self.error(why);
            return;
        }
        self.overlays.push(Overlay::Picker(Picker::new(
            format!("{} → …", o.order_number),
            targets
                .iter()
                .map(|s| (s.label().to_string(), PickValue::OrderStatus(*s)))
                .collect(),
            PickPurpose::OrderStatus(o.id),
        )));
    }

    pub(in crate::app) fn activation_form(&mut self) {
        let Some(actor) = self.actor() else {
            self.error("Still signing in; try again in a moment");
            return;
        };
        let Some(o) = self.order_in_focus() else {
            return;
        };
        let has_contract = self
            .contracts
            .list
            .all
            .iter()
            .any(|c| c.order_id == Some(o.id))
            || matches!(self.overlays.last(), Some(Overlay::Detail(Detail::Order { data: Some(d), .. })) if d.contract.is_some());
        if let Err(e) = check_activation(&actor, o.status, has_contract, o.partner_id.is_some()) {
            self.error(e.to_string());
            return;
        }
        let today = self.now.format("%Y-%m-%d").to_string();
        let title = format!("Activate {} into a contract", o.order_number);
        self.overlays.push(Overlay::Form(Box::new(Form::activation(
            title, o.id, &today,
        ))));
    }

    pub(in crate::app) fn submit_activation(&mut self, form: &mut Form, id: Id) {
        let mut errors = Vec::new();
        let mut date = |name: &'static str| -> Option<Timestamp> {
            let v = form.value(name).trim();
            if v.is_empty() {
                return None;
            }
            match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(d) => d.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
                Err(_) => {
                    errors.push(crate::domain::validation::FieldError {
                        field: name,
                        message: crate::domain::validation::date_problem(v),
                    });
                    None
                }
            }
        };
        let draft = ActivationDraft {
            activation_date: date("activation_date"),
            expiration_date: date("expiration_date"),
            notes_internal: Some(form.value("notes_internal").trim().to_string())
                .filter(|n| !n.is_empty()),
        };
        if let (Some(a), Some(e)) = (draft.activation_date, draft.expiration_date) {
            if e <= a {
                errors.push(crate::domain::validation::FieldError {
                    field: "expiration_date",
                    message: "must be after the start".into(),
                });
            }
        }
        if !errors.is_empty() {
            form.set_errors(&errors);
            return;
        }
        form.submitting = true;
        let b = self.session.backend.clone();
        form.request = Some(self.write(
            "Order activated: the contract is in the Contracts tab",
            Reload::OrderDetail(id),
            async move { b.activate_order(id, &draft).await.map(|_| ()) },
        ));
    }

    pub(in crate::app) fn request_quote(&mut self) {
        let Some(o) = self.order_in_focus() else {
            return;
        };
        let b = self.session.backend.clone();
        self.read(async move { Msg::Quote(b.order_quote(o.id).await) });
        self.notice(format!("Asking for the quote of {}…", o.order_number));
    }

    pub(in crate::app) fn quote_ready(&mut self, result: Result<OrderQuote, BackendError>) {
        match result {
            Ok(q) => {
                let link = q.quote_pdf_url.or(q.quote_url).unwrap_or_default();
                self.notice(format!(
                    "Quote for {} ({}): {} {link}",
                    q.order_number, q.provider, q.message
                ));
            }
            Err(e) => self.failed("Quote", e),
        }
    }

    /// `f` in the Orders tab: all → created → sent → … → all.
    pub(in crate::app) fn cycle_order_status_filter(&mut self) {
        // Pipeline order: created → sent → in fulfillment → fulfilled → cancelled.
        let flow = OrderStatus::FLOW;
        self.orders.status_filter = match self.orders.status_filter {
            None => Some(flow[0]),
            Some(s) => flow.get(s.flow_index() + 1).copied(),
        };
        self.rebuild_orders();
        self.notice(match self.orders.status_filter {
            Some(s) => format!("Only {} orders", s.label()),
            None => "Orders in every status".into(),
        });
    }

    pub(in crate::app) fn pick_order_scope(&mut self) {
        let mut options = vec![("All partners".to_string(), PickValue::Id(None))];
        let mut partners: Vec<&Company> = self.partners.partners.all.iter().collect();
        partners.sort_by_key(|c| c.name.to_lowercase());
        options.extend(
            partners
                .iter()
                .map(|c| (c.name.clone(), PickValue::Id(Some(c.id)))),
        );
        self.overlays.push(Overlay::Picker(Picker::new(
            "Orders of…",
            options,
            PickPurpose::OrderScope,
        )));
    }

    pub(in crate::app) fn set_order_scope(&mut self, partner: Option<Id>, label: &str) {
        self.orders.partner_filter = partner;
        self.rebuild_orders();
        self.notice(match self.orders.partner_filter {
            Some(_) => format!("Only the orders of {label}"),
            None => "Orders of every partner".into(),
        });
    }
}
