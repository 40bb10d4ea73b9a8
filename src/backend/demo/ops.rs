//! Every backend operation on the in-memory tables, checked against an
//! actor with the domain's rules. The demo backend calls these with its
//! signed-in user; the test fake server with the user behind each token.

use super::data::{DemoData, LinkRow};
use crate::backend::*;
use crate::domain::pricing::{order_totals, price_line, price_order_line};
use crate::domain::scope::Actor;
use crate::domain::transitions::*;
use crate::domain::validation::*;
use crate::domain::*;
use chrono::Utc;
use uuid::Uuid;

fn not_found(what: &str) -> BackendError {
    BackendError::NotFound(format!("{what} not found"))
}

impl DemoData {
    pub fn me_for(&self, actor: &Actor) -> BackendResult<Me> {
        if actor.is_admin_account() {
            let a = self
                .admins
                .iter()
                .find(|a| a.id == actor.id)
                .ok_or_else(|| not_found("Admin account"))?;
            return Ok(Me {
                id: a.id,
                user_type: UserType::Admin,
                username: Some(a.username.clone()),
                email: a.email.clone(),
                full_name: a.full_name.clone(),
                role: None,
                is_enabled: a.is_active,
                created_at: a.created_at,
                last_login: None,
                partner_id: None,
                distributor_id: None,
            });
        }
        let u = self.user(actor.id).ok_or_else(|| not_found("User"))?;
        Ok(Me {
            id: u.id,
            user_type: UserType::User,
            username: u.username.clone(),
            email: u.email.clone(),
            full_name: u.full_name.clone(),
            role: Some(u.role),
            is_enabled: u.is_enabled,
            created_at: u.created_at,
            last_login: u.last_login,
            partner_id: u.partner_id,
            distributor_id: u.distributor_id,
        })
    }

    /// The actor for a username: a regular user first, then an admin account.
    pub fn actor_for(&self, username: &str) -> Option<Actor> {
        if let Some(u) = self
            .users
            .iter()
            .find(|u| u.username.as_deref() == Some(username))
        {
            return Some(Actor {
                id: u.id,
                user_type: UserType::User,
                role: Some(u.role),
                partner_id: u.partner_id,
                distributor_id: u.distributor_id,
            });
        }
        self.admins
            .iter()
            .find(|a| a.username == username)
            .map(|a| Actor {
                id: a.id,
                user_type: UserType::Admin,
                role: None,
                partner_id: None,
                distributor_id: None,
            })
    }

    // ---- leads -------------------------------------------------------------

    fn visible_lead(&self, actor: &Actor, id: Id) -> BackendResult<usize> {
        let pos = self.lead_pos(id).ok_or_else(|| not_found("Lead"))?;
        let l = &self.leads[pos];
        if !actor.sees_record(l.partner_id, l.distributor_id) {
            return Err(BackendError::Forbidden("Access denied to this lead".into()));
        }
        Ok(pos)
    }

    pub fn list_leads(&self, actor: &Actor, q: &LeadQuery, page: PageRequest) -> Page<Lead> {
        let mut rows: Vec<Lead> = self
            .leads
            .iter()
            .filter(|l| actor.sees_record(l.partner_id, l.distributor_id))
            .filter(|l| q.status.is_none_or(|s| l.status == s))
            .filter(|l| q.owner_id.is_none_or(|o| l.owner_id == o))
            .filter(|l| q.partner_id.is_none_or(|p| l.partner_id == Some(p)))
            .filter(|l| {
                q.text.as_deref().is_none_or(|t| {
                    text_hit(
                        t,
                        &[
                            Some(&l.title),
                            Some(&l.organization),
                            Some(&l.contact_name),
                            l.contact_email.as_deref(),
                        ],
                    )
                })
            })
            .cloned()
            .collect();
        rows.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        Page::slice(rows, page)
    }

    pub fn get_lead(&self, actor: &Actor, id: Id) -> BackendResult<LeadDetail> {
        let pos = self.visible_lead(actor, id)?;
        let mut history: Vec<LeadStatusChange> = self
            .history
            .iter()
            .filter(|h| h.lead_id == id)
            .cloned()
            .collect();
        history.sort_by_key(|h| h.changed_at);
        Ok(LeadDetail {
            lead: self.leads[pos].clone(),
            activities: self
                .activities
                .iter()
                .filter(|a| a.lead_id == id)
                .cloned()
                .collect(),
            notes: self
                .lead_notes
                .iter()
                .filter(|n| n.lead_id == id)
                .cloned()
                .collect(),
            status_history: Some(history),
        })
    }

    fn check_channel(
        &self,
        actor: &Actor,
        partner_id: Option<Id>,
        distributor_id: Option<Id>,
    ) -> BackendResult<()> {
        if let Some(p) = partner_id {
            if !self.partners.iter().any(|x| x.id == p) {
                return Err(BackendError::NotFound(format!("Partner {p} not found")));
            }
        }
        if let Some(d) = distributor_id {
            if !self.distributors.iter().any(|x| x.id == d) {
                return Err(BackendError::NotFound(format!("Distributor {d} not found")));
            }
        }
        if !actor.sees_record(partner_id, distributor_id) {
            return Err(BackendError::Forbidden(
                "That partner/distributor is outside what you may work on".into(),
            ));
        }
        Ok(())
    }

    pub fn create_lead(&mut self, actor: &Actor, draft: &LeadDraft) -> BackendResult<Lead> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let errors = validate_lead(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        self.check_channel(actor, draft.partner_id, draft.distributor_id)?;
        let now = Utc::now();
        let lead = Lead {
            id: Uuid::new_v4(),
            title: draft.title.trim().into(),
            organization: draft.organization.trim().into(),
            contact_name: draft.contact_name.trim().into(),
            contact_email: draft.contact_email.clone(),
            contact_phone: draft.contact_phone.clone(),
            value: draft.value,
            currency: if draft.currency.is_empty() {
                "EUR".into()
            } else {
                draft.currency.clone().into()
            },
            status: draft.status.unwrap_or(LeadStatus::New),
            probability: draft.probability,
            expected_close_date: draft.expected_close_date,
            partner_id: draft.partner_id,
            distributor_id: draft.distributor_id,
            provider_name: "manual".into(),
            provider_id: None,
            owner_id: actor.id,
            last_sync_at: None,
            sync_status: "synced".into(),
            created_at: now,
            updated_at: now,
        };
        self.leads.push(lead.clone());
        self.lead_index.insert(lead.id, self.leads.len() - 1);
        Ok(lead)
    }

    pub fn update_lead(
        &mut self,
        actor: &Actor,
        id: Id,
        draft: &LeadDraft,
        expected: Option<Timestamp>,
    ) -> BackendResult<Lead> {
        let pos = self.visible_lead(actor, id)?;
        let errors = validate_lead(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        self.check_channel(actor, draft.partner_id, draft.distributor_id)?;
        let current = &self.leads[pos];
        if let Some(expected) = expected {
            if current.updated_at != expected {
                return Err(BackendError::Conflict {
                    message: format!(
                        "“{}” was changed by someone else at {}; reload it to see their values",
                        current.title,
                        current.updated_at.format("%Y-%m-%d %H:%M:%S")
                    ),
                });
            }
        }
        let old_status = current.status;
        let new_status = draft.status.unwrap_or(old_status);
        let l = &mut self.leads[pos];
        l.title = draft.title.trim().into();
        l.organization = draft.organization.trim().into();
        l.contact_name = draft.contact_name.trim().into();
        l.contact_email = draft.contact_email.clone();
        l.contact_phone = draft.contact_phone.clone();
        l.value = draft.value;
        if !draft.currency.is_empty() {
            l.currency = draft.currency.clone().into();
        }
        l.status = new_status;
        l.probability = draft.probability;
        l.expected_close_date = draft.expected_close_date;
        l.partner_id = draft.partner_id;
        l.distributor_id = draft.distributor_id;
        l.updated_at = Utc::now().max(l.updated_at + chrono::Duration::microseconds(1));
        Ok(l.clone())
    }

    pub fn change_lead_status(
        &mut self,
        actor: &Actor,
        id: Id,
        status: LeadStatus,
        reason: Option<&str>,
    ) -> BackendResult<Lead> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let pos = self.visible_lead(actor, id)?;
        let old = self.leads[pos].status;
        check_lead_transition(old, status)?;
        let now = Utc::now();
        self.history.push(LeadStatusChange {
            id: Uuid::new_v4(),
            lead_id: id,
            old_status: Some(old),
            new_status: status,
            changed_by_user_id: Some(actor.id),
            reason: reason.map(str::to_string).filter(|r| !r.trim().is_empty()),
            changed_at: now,
        });
        let l = &mut self.leads[pos];
        l.status = status;
        l.updated_at = now.max(l.updated_at + chrono::Duration::microseconds(1));
        Ok(l.clone())
    }

    pub fn reassign_lead(&mut self, actor: &Actor, id: Id, owner_id: Id) -> BackendResult<Lead> {
        let pos = self.visible_lead(actor, id)?;
        if self.user(owner_id).is_none() {
            return Err(BackendError::NotFound(format!("User {owner_id} not found")));
        }
        let l = &mut self.leads[pos];
        l.owner_id = owner_id;
        l.updated_at = Utc::now().max(l.updated_at + chrono::Duration::microseconds(1));
        Ok(l.clone())
    }

    pub fn add_lead_note(
        &mut self,
        actor: &Actor,
        id: Id,
        content: &str,
    ) -> BackendResult<LeadNote> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        self.visible_lead(actor, id)?;
        let errors = validate_note(content);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        let now = Utc::now();
        let note = LeadNote {
            id: Uuid::new_v4(),
            lead_id: id,
            content: content.to_string(),
            provider_name: None,
            provider_id: None,
            created_by_user_id: Some(actor.id),
            created_at: now,
            updated_at: now,
        };
        self.lead_notes.push(note.clone());
        Ok(note)
    }

    pub fn add_lead_activity(
        &mut self,
        actor: &Actor,
        id: Id,
        draft: &ActivityDraft,
    ) -> BackendResult<LeadActivity> {
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let pos = self.visible_lead(actor, id)?;
        let errors = validate_activity(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        let now = Utc::now();
        let a = LeadActivity {
            id: Uuid::new_v4(),
            lead_id: id,
            activity_type: draft.activity_type.clone(),
            subject: draft.subject.clone(),
            description: draft.description.clone(),
            due_date: draft.due_date,
            done: draft.done,
            provider_name: self.leads[pos].provider_name.to_string(),
            provider_id: None,
            done_at: None,
            user_id: Some(actor.id),
            created_at: now,
            updated_at: now,
        };
        self.activities.push(a.clone());
        Ok(a)
    }

    // ---- catalogue ---------------------------------------------------------

    pub fn list_products(&self, include_inactive: bool) -> Vec<Product> {
        self.products
            .iter()
            .filter(|p| include_inactive || p.is_active)
            .cloned()
            .collect()
    }

    pub fn calculate_price(
        &self,
        product_id: Id,
        quantity: i64,
        duration_id: Option<Id>,
    ) -> BackendResult<PriceCalculation> {
        let p = self
            .products
            .iter()
            .find(|p| p.id == product_id)
            .ok_or_else(|| BackendError::NotFound(format!("Product {product_id} not found")))?;
        let dur = match duration_id {
            Some(d) => Some(
                self.durations
                    .iter()
                    .find(|x| x.id == d)
                    .ok_or_else(|| BackendError::NotFound(format!("Duration {d} not found")))?,
            ),
            None => None,
        };
        Ok(price_line(p, quantity, dur)?)
    }

    // ---- orders ------------------------------------------------------------

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
        self.check_channel(actor, draft.partner_id, draft.distributor_id)?;
        if let Some(l) = draft.lead_id {
            if self.lead_pos(l).is_none() {
                return Err(BackendError::NotFound(format!("Lead {l} not found")));
            }
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
        let totals = order_totals(priced.iter().map(|(_, _, c)| c));
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

    fn push_note(
        &mut self,
        actor: &Actor,
        order_id: Option<Id>,
        contract_id: Option<Id>,
        note: &NoteDraft,
    ) -> BackendResult<RecordNote> {
        let errors = validate_note(&note.content);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        let now = Utc::now();
        let n = RecordNote {
            id: Uuid::new_v4(),
            order_id,
            contract_id,
            content: note.content.clone(),
            is_internal: note.is_internal,
            is_pinned: note.is_pinned,
            created_by: actor.id,
            created_at: now,
            updated_at: now,
        };
        self.notes.push(n.clone());
        Ok(n)
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

    // ---- contracts ---------------------------------------------------------

    fn visible_contract(&self, actor: &Actor, id: Id) -> BackendResult<usize> {
        let pos = self
            .contracts
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| not_found("Contract"))?;
        let c = &self.contracts[pos];
        if !actor.sees_record(c.partner_id, c.distributor_id) {
            return Err(BackendError::Forbidden("Access denied".into()));
        }
        Ok(pos)
    }

    pub fn list_contracts(
        &self,
        actor: &Actor,
        q: &ContractQuery,
        page: PageRequest,
    ) -> Page<Contract> {
        let now = Utc::now();
        let mut rows: Vec<Contract> = self
            .contracts
            .iter()
            .filter(|c| actor.sees_record(c.partner_id, c.distributor_id))
            .filter(|c| q.status.is_none_or(|s| c.status == s))
            .filter(|c| q.partner_id.is_none_or(|p| c.partner_id == Some(p)))
            .filter(|c| q.distributor_id.is_none_or(|d| c.distributor_id == Some(d)))
            .filter(|c| {
                q.expiring_within_days
                    .is_none_or(|days| c.expires_within(now, days))
            })
            .filter(|c| {
                q.text.as_deref().is_none_or(|t| {
                    text_hit(
                        t,
                        &[
                            Some(&c.contract_number),
                            c.customer_name.as_deref(),
                            c.notes_internal.as_deref(),
                        ],
                    )
                })
            })
            .cloned()
            .collect();
        rows.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        Page::slice(rows, page)
    }

    pub fn get_contract(&self, actor: &Actor, id: Id) -> BackendResult<ContractDetail> {
        let pos = self.visible_contract(actor, id)?;
        Ok(ContractDetail {
            contract: self.contracts[pos].clone(),
            notes: self
                .notes
                .iter()
                .filter(|n| n.contract_id == Some(id))
                .cloned()
                .collect(),
            renewed_by: self
                .contracts
                .iter()
                .filter(|c| c.renewed_from_id == Some(id))
                .map(|c| c.id)
                .collect(),
        })
    }

    pub fn change_contract_status(
        &mut self,
        actor: &Actor,
        id: Id,
        status: ContractStatus,
        reason: Option<&str>,
    ) -> BackendResult<Contract> {
        let pos = self.visible_contract(actor, id)?;
        let old = self.contracts[pos].status;
        check_contract_transition(actor, old, status)?;
        let now = Utc::now();
        let c = &mut self.contracts[pos];
        c.status = status;
        c.updated_at = now;
        if status == ContractStatus::Cancelled {
            c.cancelled_at = Some(now);
        }
        let contract = c.clone();
        if let Some(reason) = reason.filter(|r| !r.trim().is_empty()) {
            let note = NoteDraft {
                content: status_change_note(old.as_str(), status.as_str(), reason),
                is_internal: true,
                is_pinned: false,
            };
            self.push_note(actor, None, Some(id), &note)?;
        }
        Ok(contract)
    }

    pub fn add_contract_note(
        &mut self,
        actor: &Actor,
        id: Id,
        note: &NoteDraft,
    ) -> BackendResult<RecordNote> {
        self.visible_contract(actor, id)?;
        self.push_note(actor, None, Some(id), note)
    }

    pub fn contract_invoices(&self, actor: &Actor, id: Id) -> BackendResult<ContractInvoices> {
        let pos = self.visible_contract(actor, id)?;
        let c = &self.contracts[pos];
        Ok(ContractInvoices {
            contract_id: c.id,
            contract_number: c.contract_number.clone(),
            invoices: c
                .billing_invoices
                .iter()
                .map(|inv| Invoice {
                    invoice_id: inv.clone(),
                    invoice_number: Some(format!(
                        "INV-{}",
                        inv.chars().take(8).collect::<String>().to_uppercase()
                    )),
                    status: Some("paid".into()),
                    amount: Some(c.total_value),
                    currency: Some(c.currency.clone()),
                    created_at: Some(serde_util::format_utc(&c.activation_date)),
                })
                .collect(),
            provider: "mock".into(),
            message: "Invoice data will be integrated with Pennylane billing provider".into(),
        })
    }

    // ---- partners and distributors -----------------------------------------

    fn sees_company(&self, actor: &Actor, kind: CompanyKind, id: Id) -> bool {
        let linked = |d, p| self.actively_linked(d, p);
        match kind {
            CompanyKind::Partner => actor.sees_partner(id, linked),
            CompanyKind::Distributor => actor.sees_distributor(id, linked),
        }
    }

    pub fn list_companies(
        &self,
        actor: &Actor,
        kind: CompanyKind,
        q: &CompanyQuery,
        page: PageRequest,
    ) -> Page<Company> {
        let rows: Vec<Company> = self
            .company_list(kind)
            .iter()
            .filter(|c| self.sees_company(actor, kind, c.id))
            .filter(|c| q.is_active.is_none_or(|a| c.is_active == a))
            .filter(|c| {
                q.search
                    .as_deref()
                    .is_none_or(|s| text_hit(s, &[Some(&c.name)]))
            })
            .cloned()
            .collect();
        Page::slice(rows, page)
    }

    pub fn get_company(&self, actor: &Actor, kind: CompanyKind, id: Id) -> BackendResult<Company> {
        let c = self
            .company_list(kind)
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| {
                BackendError::NotFound(format!("{} {id} not found", capitalize(kind.label())))
            })?;
        if !self.sees_company(actor, kind, id) {
            return Err(BackendError::Forbidden(format!(
                "Access denied to this {}",
                kind.label()
            )));
        }
        Ok(c.clone())
    }

    fn require_admin(actor: &Actor) -> BackendResult<()> {
        if actor.can_administer() {
            Ok(())
        } else {
            Err(BackendError::Forbidden("Admin privileges required".into()))
        }
    }

    fn check_registration_unique(
        &self,
        kind: CompanyKind,
        draft: &CompanyDraft,
        except: Option<Id>,
    ) -> BackendResult<()> {
        if let Some(reg) = draft
            .registration_number
            .as_deref()
            .filter(|r| !r.is_empty())
        {
            if self
                .company_list(kind)
                .iter()
                .any(|c| Some(c.id) != except && c.registration_number.as_deref() == Some(reg))
            {
                return Err(BackendError::Rule(format!(
                    "{} with registration number '{reg}' already exists",
                    capitalize(kind.label())
                )));
            }
        }
        Ok(())
    }

    pub fn create_company(
        &mut self,
        actor: &Actor,
        kind: CompanyKind,
        draft: &CompanyDraft,
    ) -> BackendResult<Company> {
        Self::require_admin(actor)?;
        let errors = validate_company(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        self.check_registration_unique(kind, draft, None)?;
        let now = Utc::now();
        let c = company_from_draft(Uuid::new_v4(), draft, now, now);
        self.company_list_mut(kind).push(c.clone());
        Ok(c)
    }

    pub fn update_company(
        &mut self,
        actor: &Actor,
        kind: CompanyKind,
        id: Id,
        draft: &CompanyDraft,
    ) -> BackendResult<Company> {
        Self::require_admin(actor)?;
        let errors = validate_company(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        // An unknown company is not found, whatever the draft says (as the server).
        let pos = self
            .company_list(kind)
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| {
                BackendError::NotFound(format!("{} {id} not found", capitalize(kind.label())))
            })?;
        self.check_registration_unique(kind, draft, Some(id))?;
        let list = self.company_list_mut(kind);
        let updated = company_from_draft(id, draft, list[pos].created_at, Utc::now());
        list[pos] = updated.clone();
        Ok(updated)
    }

    pub fn delete_company(
        &mut self,
        actor: &Actor,
        kind: CompanyKind,
        id: Id,
    ) -> BackendResult<()> {
        Self::require_admin(actor)?;
        let name = self
            .company_list(kind)
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .ok_or_else(|| {
                BackendError::NotFound(format!("{} {id} not found", capitalize(kind.label())))
            })?;
        // Orders, contracts, leads and users reference the row without a
        // cascade: the database refuses, and so do we.
        let refs = |pid: Option<Id>, did: Option<Id>| match kind {
            CompanyKind::Partner => pid == Some(id),
            CompanyKind::Distributor => did == Some(id),
        };
        let orders = self
            .orders
            .iter()
            .filter(|o| refs(o.partner_id, o.distributor_id))
            .count();
        let contracts = self
            .contracts
            .iter()
            .filter(|c| refs(c.partner_id, c.distributor_id))
            .count();
        let leads = self
            .leads
            .iter()
            .filter(|l| refs(l.partner_id, l.distributor_id))
            .count();
        let users = self
            .users
            .iter()
            .filter(|u| refs(u.partner_id, u.distributor_id))
            .count();
        if orders + contracts + leads + users > 0 {
            return Err(BackendError::Rule(format!(
                "Cannot delete {} {name}: it still has {orders} orders, {contracts} contracts, {leads} leads and {users} users. Deactivate it instead.",
                kind.label()
            )));
        }
        self.company_list_mut(kind).retain(|c| c.id != id);
        self.links.retain(|l| match kind {
            CompanyKind::Partner => l.partner_id != id,
            CompanyKind::Distributor => l.distributor_id != id,
        });
        Ok(())
    }

    fn link_view(&self, l: &LinkRow) -> Option<DistributorPartnerLink> {
        let partner = self.partners.iter().find(|p| p.id == l.partner_id)?.clone();
        Some(DistributorPartnerLink {
            id: l.id,
            distributor_id: l.distributor_id,
            partner_id: l.partner_id,
            partner,
            assigned_at: l.assigned_at,
            assigned_by: l.assigned_by,
            is_active: l.is_active,
            notes: l.notes.clone(),
            created_at: l.created_at,
            updated_at: l.updated_at,
        })
    }

    pub fn distributor_partners(
        &self,
        actor: &Actor,
        distributor_id: Id,
        active_only: bool,
    ) -> BackendResult<Vec<DistributorPartnerLink>> {
        if !self.sees_company(actor, CompanyKind::Distributor, distributor_id) {
            return Err(BackendError::Forbidden(
                "Access denied to this distributor".into(),
            ));
        }
        Ok(self
            .links
            .iter()
            .filter(|l| l.distributor_id == distributor_id && (!active_only || l.is_active))
            .filter_map(|l| self.link_view(l))
            .collect())
    }

    pub fn link_partner(
        &mut self,
        actor: &Actor,
        distributor_id: Id,
        partner_id: Id,
        notes: Option<&str>,
    ) -> BackendResult<DistributorPartnerLink> {
        Self::require_admin(actor)?;
        let d = self
            .distributors
            .iter()
            .find(|d| d.id == distributor_id)
            .ok_or_else(|| {
                BackendError::NotFound(format!("Distributor {distributor_id} not found"))
            })?
            .name
            .clone();
        let p = self
            .partners
            .iter()
            .find(|p| p.id == partner_id)
            .ok_or_else(|| BackendError::NotFound(format!("Partner {partner_id} not found")))?
            .name
            .clone();
        let now = Utc::now();
        if let Some(existing) = self
            .links
            .iter_mut()
            .find(|l| l.distributor_id == distributor_id && l.partner_id == partner_id)
        {
            if existing.is_active {
                return Err(BackendError::Rule(format!(
                    "Partner {p} is already linked to distributor {d}"
                )));
            }
            // Re-activating an ended link keeps its row (the pair is unique).
            existing.is_active = true;
            existing.updated_at = now;
            existing.assigned_at = now;
            existing.notes = notes.map(str::to_string);
            let row = existing.clone();
            return self.link_view(&row).ok_or_else(|| not_found("Partner"));
        }
        let row = LinkRow {
            id: Uuid::new_v4(),
            distributor_id,
            partner_id,
            assigned_at: now,
            assigned_by: actor.is_admin_account().then_some(actor.id),
            is_active: true,
            notes: notes.map(str::to_string),
            created_at: now,
            updated_at: now,
        };
        self.links.push(row.clone());
        self.link_view(&row).ok_or_else(|| not_found("Partner"))
    }

    /// Ends a link (keeps the row, inactive, so its history stays).
    pub fn unlink_partner(
        &mut self,
        actor: &Actor,
        distributor_id: Id,
        partner_id: Id,
    ) -> BackendResult<()> {
        Self::require_admin(actor)?;
        let link = self
            .links
            .iter_mut()
            .find(|l| {
                l.distributor_id == distributor_id && l.partner_id == partner_id && l.is_active
            })
            .ok_or_else(|| {
                BackendError::NotFound("No active link between that distributor and partner".into())
            })?;
        link.is_active = false;
        link.updated_at = Utc::now();
        Ok(())
    }

    // ---- users -------------------------------------------------------------

    pub fn list_users(
        &self,
        actor: &Actor,
        q: &UserQuery,
        page: PageRequest,
    ) -> BackendResult<Page<User>> {
        Self::require_admin(actor)?;
        let rows: Vec<User> = self
            .users
            .iter()
            .filter(|u| q.role.is_none_or(|r| u.role == r))
            .filter(|u| q.is_enabled.is_none_or(|e| u.is_enabled == e))
            .filter(|u| q.partner_id.is_none_or(|p| u.partner_id == Some(p)))
            .filter(|u| q.distributor_id.is_none_or(|d| u.distributor_id == Some(d)))
            .cloned()
            .collect();
        Ok(Page::slice(rows, page))
    }

    fn user_mut(&mut self, id: Id) -> BackendResult<&mut User> {
        self.users
            .iter_mut()
            .find(|u| u.id == id)
            .ok_or_else(|| BackendError::NotFound(format!("User {id} not found")))
    }

    pub fn set_user_enabled(
        &mut self,
        actor: &Actor,
        id: Id,
        enabled: bool,
    ) -> BackendResult<User> {
        Self::require_admin(actor)?;
        let by = actor.is_admin_account().then_some(actor.id);
        let u = self.user_mut(id)?;
        let now = Utc::now();
        u.is_enabled = enabled;
        if enabled {
            u.enabled_by = by.or(u.enabled_by);
            u.enabled_at = Some(now);
        }
        u.updated_at = now;
        Ok(u.clone())
    }

    pub fn set_user_role(&mut self, actor: &Actor, id: Id, role: UserRole) -> BackendResult<User> {
        Self::require_admin(actor)?;
        let u = self.user_mut(id)?;
        u.role = role;
        u.updated_at = Utc::now();
        Ok(u.clone())
    }

    pub fn set_user_company(
        &mut self,
        actor: &Actor,
        id: Id,
        to: CompanyAssignment,
    ) -> BackendResult<User> {
        Self::require_admin(actor)?;
        if to.partner_id.is_some() && to.distributor_id.is_some() {
            return Err(BackendError::Rule(
                "Cannot assign user to both partner and distributor. Provide only one.".into(),
            ));
        }
        if let Some(p) = to.partner_id {
            if !self.partners.iter().any(|x| x.id == p) {
                return Err(BackendError::NotFound(format!("Partner {p} not found")));
            }
        }
        if let Some(d) = to.distributor_id {
            if !self.distributors.iter().any(|x| x.id == d) {
                return Err(BackendError::NotFound(format!("Distributor {d} not found")));
            }
        }
        let u = self.user_mut(id)?;
        u.partner_id = to.partner_id;
        u.distributor_id = to.distributor_id;
        u.updated_at = Utc::now();
        Ok(u.clone())
    }
}

pub fn company_from_draft(
    id: Id,
    d: &CompanyDraft,
    created_at: Timestamp,
    updated_at: Timestamp,
) -> Company {
    let clean = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    Company {
        id,
        name: d.name.trim().to_string(),
        legal_name: clean(&d.legal_name),
        registration_number: clean(&d.registration_number),
        email: clean(&d.email),
        phone: clean(&d.phone),
        website: clean(&d.website),
        address_line1: clean(&d.address_line1),
        address_line2: clean(&d.address_line2),
        city: clean(&d.city),
        postal_code: clean(&d.postal_code),
        country: if d.country.trim().is_empty() {
            "France".into()
        } else {
            d.country.clone()
        },
        is_active: d.is_active,
        notes: clean(&d.notes),
        created_at,
        updated_at,
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
