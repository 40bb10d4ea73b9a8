//! Order operations: list, read, create (priced all or nothing), status, notes,
//! quote, activation into a contract.

use super::*;
use crate::backend::demo::data::DemoData;
use crate::backend::*;
use crate::domain::attach::Channel;
use crate::domain::pricing::{checked_order_totals, price_order_line};
use crate::domain::scope::Actor;
use crate::domain::transitions::*;
use crate::domain::*;
use chrono::Utc;
use uuid::Uuid;

impl DemoData {
    fn visible_order(&self, actor: &Actor, id: Id) -> BackendResult<usize> {
        let pos = self
            .orders
            .iter()
            .position(|o| o.id == id)
            .ok_or_else(|| not_found("Order"))?;
        let o = &self.orders[pos];
        if !actor.sees_record(o.partner_id, o.distributor_id) {
            return Err(BackendError::Forbidden("Access denied".into()));
        }
        Ok(pos)
    }

    pub fn list_orders(&self, actor: &Actor, q: &OrderQuery, page: PageRequest) -> Page<Order> {
        let partner_names = |id: Option<Id>| {
            id.and_then(|p| self.partners.iter().find(|x| x.id == p))
                .map(|x| x.name.as_str())
        };
        let mut rows: Vec<Order> = self
            .orders
            .iter()
            .filter(|o| actor.sees_record(o.partner_id, o.distributor_id))
            .filter(|o| q.status.is_none_or(|s| o.status == s))
            .filter(|o| q.partner_id.is_none_or(|p| o.partner_id == Some(p)))
            .filter(|o| q.lead_id.is_none_or(|l| o.lead_id == Some(l)))
            .filter(|o| {
                q.text.as_deref().is_none_or(|t| {
                    text_hit(
                        t,
                        &[
                            Some(&o.order_number),
                            partner_names(o.partner_id),
                            o.notes_internal.as_deref(),
                        ],
                    )
                })
            })
            .cloned()
            .collect();
        rows.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        Page::slice(rows, page)
    }

    pub fn get_order(&self, actor: &Actor, id: Id) -> BackendResult<OrderDetail> {
        let pos = self.visible_order(actor, id)?;
        Ok(OrderDetail {
            order: self.orders[pos].clone(),
            items: self
                .items
                .iter()
                .filter(|i| i.order_id == id)
                .cloned()
                .collect(),
            notes: self
                .notes
                .iter()
                .filter(|n| n.order_id == Some(id))
                .cloned()
                .collect(),
            contract: self
                .contracts
                .iter()
                .find(|c| c.order_id == Some(id))
                .cloned(),
        })
    }

    pub fn create_order(
        &mut self,
        actor: &Actor,
        draft: &OrderDraft,
    ) -> BackendResult<OrderDetail> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        if draft.items.is_empty() {
            return Err(BackendError::Rule(
                "Order must have at least one item".into(),
            ));
        }
        for (kind, id) in [
            (CompanyKind::Partner, draft.partner_id),
            (CompanyKind::Distributor, draft.distributor_id),
        ] {
            if let Some(id) = id {
                let c = self
                    .company_list(kind)
                    .iter()
                    .find(|c| c.id == id)
                    .ok_or_else(|| {
                        BackendError::NotFound(format!(
                            "{} {id} not found",
                            capitalize(kind.label())
                        ))
                    })?;
                if !c.is_active {
                    return Err(BackendError::Rule(format!(
                        "{} {} is not active",
                        capitalize(kind.label()),
                        c.name
                    )));
                }
            }
        }
        self.check_channel(
            actor,
            Channel::new(draft.partner_id, draft.distributor_id),
            None,
        )?;
        if let Some(l) = draft.lead_id {
            // A lead out of reach is one the order cannot name either.
            self.visible_lead(actor, l).map_err(|e| match e {
                BackendError::NotFound(_) => BackendError::NotFound(format!("Lead {l} not found")),
                other => other,
            })?;
        }
        // Price every line first: all or nothing.
        let mut priced = Vec::new();
        for line in &draft.items {
            let p = self
                .products
                .iter()
                .find(|p| p.id == line.product_id)
                .ok_or_else(|| {
                    BackendError::NotFound(format!("Product {} not found", line.product_id))
                })?;
            let d = self
                .durations
                .iter()
                .find(|d| d.id == line.duration_id)
                .ok_or_else(|| {
                    BackendError::NotFound(format!("Duration {} not found", line.duration_id))
                })?;
            let calc = price_order_line(p, line.quantity, Some(d))?;
            priced.push((p.clone(), d.clone(), calc));
        }
        let totals = checked_order_totals(priced.iter().map(|(_, _, c)| c))?;
        let now = Utc::now();
        let id = Uuid::new_v4();
        let order = Order {
            id,
            order_number: order_number(now, id),
            status: OrderStatus::Created,
            created_by: actor.id,
            partner_id: draft.partner_id,
            distributor_id: draft.distributor_id,
            lead_id: draft.lead_id,
            subtotal: totals.subtotal,
            discount_amount: totals.discount_amount,
            tax_amount: totals.tax_amount,
            total_amount: totals.total_amount,
            notes_internal: draft
                .notes_internal
                .clone()
                .filter(|n| !n.trim().is_empty()),
            created_at: now,
            updated_at: now,
            sent_at: None,
            fulfilled_at: None,
            cancelled_at: None,
            billing_provider: Some("mock".into()),
            billing_quote_id: None,
            crm_provider: Some("manual".into()),
            crm_deal_id: None,
        };
        self.orders.push(order);
        for (p, d, c) in priced {
            self.items.push(OrderItem {
                id: Uuid::new_v4(),
                order_id: id,
                product_id: p.id,
                duration_id: d.id,
                quantity: c.quantity,
                unit_price: c.unit_price,
                discount_percentage: c.discount_percentage,
                subtotal: c.subtotal,
                discount_amount: c.discount_amount,
                total: c.total,
                product_name: p.name.clone(),
                product_type: "storage".into(),
                product_unit: p.unit.clone(),
                duration_months: d.months,
                created_at: now,
                updated_at: now,
            });
        }
        self.get_order(actor, id)
    }

    pub fn change_order_status(
        &mut self,
        actor: &Actor,
        id: Id,
        status: OrderStatus,
        reason: Option<&str>,
    ) -> BackendResult<Order> {
        let pos = self.visible_order(actor, id)?;
        let old = self.orders[pos].status;
        check_order_transition(actor, old, status)?;
        if reason.is_some_and(|r| !r.trim().is_empty()) {
            // The reason becomes a note, which records a regular user.
            actor.can_record_work().map_err(BackendError::Forbidden)?;
        }
        let now = Utc::now();
        let o = &mut self.orders[pos];
        o.status = status;
        o.updated_at = now;
        match status {
            OrderStatus::Sent => o.sent_at = Some(now),
            OrderStatus::Fulfilled => o.fulfilled_at = Some(now),
            OrderStatus::Cancelled => o.cancelled_at = Some(now),
            _ => {}
        }
        let order = o.clone();
        if let Some(reason) = reason.filter(|r| !r.trim().is_empty()) {
            self.notes.push(RecordNote {
                id: Uuid::new_v4(),
                order_id: Some(id),
                contract_id: None,
                content: status_change_note(old.as_str(), status.as_str(), reason),
                is_internal: true,
                is_pinned: false,
                created_by: actor.id,
                created_at: now,
                updated_at: now,
            });
        }
        Ok(order)
    }

    pub fn add_order_note(
        &mut self,
        actor: &Actor,
        id: Id,
        note: &NoteDraft,
    ) -> BackendResult<RecordNote> {
        self.visible_order(actor, id)?;
        self.push_note(actor, Some(id), None, note)
    }

    pub fn order_quote(&self, actor: &Actor, id: Id) -> BackendResult<OrderQuote> {
        let pos = self.visible_order(actor, id)?;
        let o = &self.orders[pos];
        Ok(OrderQuote {
            order_id: o.id,
            order_number: o.order_number.clone(),
            quote_id: None,
            quote_url: None,
            quote_pdf_url: None,
            provider: "mock".into(),
            generated_at: Utc::now(),
            message: "Quote generation is not yet integrated with billing provider".into(),
        })
    }

    pub fn activate_order(
        &mut self,
        actor: &Actor,
        id: Id,
        req: &ActivationDraft,
    ) -> BackendResult<Contract> {
        let pos = self.visible_order(actor, id)?;
        let o = self.orders[pos].clone();
        let has_contract = self.contracts.iter().any(|c| c.order_id == Some(id));
        check_activation(actor, o.status, has_contract, o.partner_id.is_some())?;
        // The contract points at the order's companies: the activator must
        // be allowed to attach them (fulfillers see all; kept for any role
        // that may activate within a scope).
        actor.may_attach(
            Channel::new(o.partner_id, o.distributor_id),
            None,
            self.linked(),
        )?;
        let now = Utc::now();
        let activation = req.activation_date.unwrap_or(now);
        if let Some(exp) = req.expiration_date {
            if exp <= activation {
                return Err(BackendError::Rule(
                    "Expiration date must be after activation date".into(),
                ));
            }
        }
        let customer = self
            .customers
            .first()
            .cloned()
            .ok_or_else(|| BackendError::Rule("No billing customer exists".into()))?;
        let cid = Uuid::new_v4();
        let c = Contract {
            id: cid,
            contract_number: contract_number(now, cid),
            order_id: Some(id),
            status: ContractStatus::Active,
            contract_type: ContractType::Other,
            user_id: actor.id,
            customer_id: customer.0,
            customer_name: Some(customer.1),
            partner_id: o.partner_id,
            distributor_id: o.distributor_id,
            activation_date: activation,
            expiration_date: req.expiration_date,
            renewed_from_id: None,
            periodicity_months: None,
            value_per_period: None,
            total_value: o.total_amount,
            currency: "EUR".into(),
            notes_internal: req.notes_internal.clone(),
            billing_provider: "mock".into(),
            billing_customer_id: None,
            billing_invoices: Vec::new(),
            created_at: now,
            updated_at: now,
            cancelled_at: None,
        };
        self.contracts.push(c.clone());
        Ok(c)
    }
}
