//! The orders tab: list, detail, creation priced by the domain, the status
//! machine with its timestamps and reason notes, notes, quotes, activation.

use super::attach::check_channel;
use super::catalogue::{durations_by_id, products_by_id};
use super::error::R;
use super::leads::{valid, visible_lead};
use super::paging::{self, query, ListSpec, Order as ListOrder};
use super::rows::{self, get};
use super::sql::{text_filter, Sql};
use super::types::Pg;
use super::{scope, PostgresBackend};
use crate::backend::*;
use crate::domain::attach::Channel;
use crate::domain::pricing::{checked_order_totals, price_order_line};
use crate::domain::scope::Actor;
use crate::domain::transitions::{check_activation, check_order_transition, status_change_note};
use crate::domain::validation::validate_note;
use crate::domain::*;
use chrono::Utc;
use deadpool_postgres::GenericClient;
use deadpool_postgres::Transaction;

/// One order the actor may see (404, then 403, as the server).
pub(super) async fn visible_order<C: GenericClient>(
    c: &C,
    actor: &Actor,
    id: Id,
    lock: bool,
) -> R<Order> {
    let mut q = Sql::default();
    let idp = q.bind(id);
    let cond = scope::records(&mut q, actor, "o");
    q.text = format!(
        "SELECT {}, ({cond}) AS visible FROM orders o WHERE o.id = {idp}{}",
        rows::ORDER,
        if lock { " FOR UPDATE" } else { "" }
    );
    let found = paging::rows(c, &q).await?;
    let r = found
        .first()
        .ok_or_else(|| BackendError::NotFound("Order not found".into()))?;
    if !get::<bool>(r, "visible")? {
        return Err(BackendError::Forbidden("Access denied".into()).into());
    }
    rows::order(r)
}

/// Inserts an order or contract note (the polymorphic `notes` table).
pub(super) async fn insert_note(
    tx: &Transaction<'_>,
    actor: &Actor,
    order_id: Option<Id>,
    contract_id: Option<Id>,
    note: &NoteDraft,
) -> R<RecordNote> {
    let row = tx
        .query_one(
            &format!(
                "INSERT INTO notes AS n (order_id, contract_id, content, is_internal, is_pinned, \
                 created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {}",
                rows::NOTE
            ),
            &[
                &order_id,
                &contract_id,
                &note.content,
                &note.is_internal,
                &note.is_pinned,
                &actor.id,
            ],
        )
        .await?;
    rows::note(&row)
}

/// A reason becomes an internal note, which records a `users` row: an
/// admin account cannot leave one.
pub(super) fn reason_note(
    actor: &Actor,
    from: &str,
    to: &str,
    reason: Option<&str>,
) -> R<Option<NoteDraft>> {
    let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    actor.can_record_work().map_err(BackendError::Forbidden)?;
    Ok(Some(NoteDraft {
        content: status_change_note(from, to, reason),
        is_internal: true,
        is_pinned: false,
    }))
}

/// The orders list as SQL: its identity, statements and filter.
pub(super) fn order_list<'a>(
    actor: &'a Actor,
    q: &'a OrderQuery,
) -> (ListSpec, impl Fn() -> Sql + Sync + 'a) {
    let filter = move || {
        let mut s = Sql::new("WHERE ");
        let cond = scope::records(&mut s, actor, "o");
        s.push(&cond);
        if let Some(st) = q.status {
            let p = s.bind(Pg(st));
            s.and(&format!("o.status = {p}"));
        }
        if let Some(pid) = q.partner_id {
            let p = s.bind(pid);
            s.and(&format!("o.partner_id = {p}"));
        }
        if let Some(l) = q.lead_id {
            let p = s.bind(l);
            s.and(&format!("o.lead_id = {p}"));
        }
        text_filter(
            &mut s,
            q.text.as_deref(),
            &[
                "o.order_number",
                "(SELECT p.name FROM partners p WHERE p.id = o.partner_id)",
                "o.notes_internal",
            ],
        );
        s
    };
    let spec = ListSpec {
        key: format!("orders|{}|{q:?}", scope::fingerprint(actor)),
        select: format!("SELECT {} FROM orders o", rows::ORDER),
        count: "SELECT count(*) FROM orders o".into(),
        order: ListOrder::Newest("o"),
    };
    (spec, filter)
}

impl PostgresBackend {
    pub(super) async fn orders_page(&self, q: &OrderQuery, page: PageRequest) -> R<Page<Order>> {
        let (c, actor) = self.reader().await?;
        let (spec, filter) = order_list(&actor, q);
        paging::read_page(&c, &self.lists, spec, &filter, page, rows::order, |o| {
            Some((o.created_at, o.id))
        })
        .await
    }

    /// The order, its lines, notes and contract: four pipelined queries.
    pub(super) async fn order_detail(&self, id: Id) -> R<OrderDetail> {
        let (c, actor) = self.reader().await?;
        let items = format!(
            "SELECT {} FROM order_items i WHERE i.order_id = $1 ORDER BY i.created_at, i.id",
            rows::ITEM
        );
        let notes = format!(
            "SELECT {} FROM notes n WHERE n.order_id = $1 ORDER BY n.created_at, n.id",
            rows::NOTE
        );
        let contract = format!(
            "SELECT {} FROM {} WHERE c.order_id = $1 ORDER BY c.created_at LIMIT 1",
            rows::CONTRACT,
            rows::CONTRACT_FROM
        );
        let params_1: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&id];
        let params_2: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&id];
        let params_3: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&id];
        let (order, items, notes, contract) = tokio::try_join!(
            visible_order(&c, &actor, id, false),
            query(&c, &items, &params_1),
            query(&c, &notes, &params_2),
            query(&c, &contract, &params_3),
        )?;
        Ok(OrderDetail {
            order,
            items: rows::all(&items, rows::item)?,
            notes: rows::all(&notes, rows::note)?,
            contract: contract.first().map(rows::contract).transpose()?,
        })
    }

    /// The order and all its lines in one transaction: every line is priced
    /// (exactly, by the domain) before anything is written, and a failure
    /// at any point leaves no row behind.
    pub(super) async fn order_create(&self, d: &OrderDraft) -> R<OrderDetail> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        if d.items.is_empty() {
            return Err(BackendError::Rule("Order must have at least one item".into()).into());
        }
        let to = Channel::new(d.partner_id, d.distributor_id);
        let [p, dist] = check_channel(&tx, &actor, to, None).await?;
        for (kind, company) in [("Partner", p), ("Distributor", dist)] {
            if let Some((name, false)) = company {
                return Err(BackendError::Rule(format!("{kind} {name} is not active")).into());
            }
        }
        if let Some(l) = d.lead_id {
            visible_lead(&tx, &actor, l, false)
                .await
                .map_err(|e| match e.into_backend() {
                    BackendError::NotFound(_) => {
                        BackendError::NotFound(format!("Lead {l} not found"))
                    }
                    other => other,
                })?;
        }
        if let Some(line) = d.items.iter().find(|l| i32::try_from(l.quantity).is_err()) {
            return Err(
                BackendError::Rule(format!("Quantity {} is too large", line.quantity)).into(),
            );
        }
        let pids: Vec<Id> = d.items.iter().map(|l| l.product_id).collect();
        let dids: Vec<Id> = d.items.iter().map(|l| l.duration_id).collect();
        let (products, durations) =
            tokio::try_join!(products_by_id(&tx, &pids), durations_by_id(&tx, &dids))?;
        let mut priced = Vec::with_capacity(d.items.len());
        for line in &d.items {
            let p = products
                .iter()
                .find(|e| e.product.id == line.product_id)
                .ok_or_else(|| {
                    BackendError::NotFound(format!("Product {} not found", line.product_id))
                })?;
            let dur = durations
                .iter()
                .find(|x| x.id == line.duration_id)
                .ok_or_else(|| {
                    BackendError::NotFound(format!("Duration {} not found", line.duration_id))
                })?;
            priced.push((
                p,
                dur,
                price_order_line(&p.product, line.quantity, Some(dur))?,
            ));
        }
        let totals = checked_order_totals(priced.iter().map(|(_, _, c)| c))?;
        let id = uuid::Uuid::new_v4();
        let notes = d.notes_internal.clone().filter(|n| !n.trim().is_empty());
        let row = tx
            .query_one(
                &format!(
                    "INSERT INTO orders AS o (id, order_number, status, created_by, partner_id, \
                     distributor_id, lead_id, subtotal, discount_amount, tax_amount, \
                     total_amount, notes_internal, billing_provider, crm_provider, \
                     billing_metadata, crm_metadata) \
                     VALUES ($1, $2, 'CREATED', $3, $4, $5, $6, $7, $8, $9, $10, $11, 'mock', \
                     'manual', '{{}}'::jsonb, '{{}}'::jsonb) RETURNING {}",
                    rows::ORDER
                ),
                &[
                    &id,
                    &order_number(Utc::now(), id),
                    &actor.id,
                    &d.partner_id,
                    &d.distributor_id,
                    &d.lead_id,
                    &totals.subtotal,
                    &totals.discount_amount,
                    &totals.tax_amount,
                    &totals.total_amount,
                    &notes,
                ],
            )
            .await?;
        let order = rows::order(&row)?;
        // All lines in one statement; clock_timestamp() keeps their order.
        let mut ins = Sql::new(
            "INSERT INTO order_items AS i (order_id, product_id, duration_id, quantity, \
             unit_price, discount_percentage, subtotal, discount_amount, total, product_name, \
             product_type, product_unit, duration_months, created_at, updated_at) VALUES ",
        );
        let oid = ins.bind(id);
        for (n, (p, dur, calc)) in priced.iter().enumerate() {
            let vals = [
                ins.bind(p.product.id),
                ins.bind(dur.id),
                ins.bind(calc.quantity as i32),
                ins.bind(calc.unit_price),
                ins.bind(calc.discount_percentage),
                ins.bind(calc.subtotal),
                ins.bind(calc.discount_amount),
                ins.bind(calc.total),
                ins.bind(p.product.name.clone()),
                ins.bind(p.type_name.clone()),
                ins.bind(p.product.unit.clone()),
                ins.bind(dur.months),
            ];
            ins.push(&format!(
                "{}({oid}, {}, clock_timestamp(), clock_timestamp())",
                if n == 0 { "" } else { ", " },
                vals.join(", ")
            ));
        }
        ins.push(&format!(" RETURNING {}", rows::ITEM));
        let items = rows::all(&paging::rows(&tx, &ins).await?, rows::item)?;
        tx.commit().await?;
        Ok(OrderDetail {
            order,
            items,
            notes: Vec::new(),
            contract: None,
        })
    }

    pub(super) async fn order_status(
        &self,
        id: Id,
        status: OrderStatus,
        reason: Option<&str>,
    ) -> R<Order> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        let current = visible_order(&tx, &actor, id, true).await?;
        check_order_transition(&actor, current.status, status)?;
        let note = reason_note(&actor, current.status.as_str(), status.as_str(), reason)?;
        let stamp = match status {
            OrderStatus::Sent => ", sent_at = now()",
            OrderStatus::Fulfilled => ", fulfilled_at = now()",
            OrderStatus::Cancelled => ", cancelled_at = now()",
            _ => "",
        };
        let row = tx
            .query_one(
                &format!(
                    "UPDATE orders AS o SET status = $2, updated_at = now(){stamp} \
                     WHERE o.id = $1 RETURNING {}",
                    rows::ORDER
                ),
                &[&id, &Pg(status)],
            )
            .await?;
        let order = rows::order(&row)?;
        if let Some(n) = note {
            insert_note(&tx, &actor, Some(id), None, &n).await?;
        }
        tx.commit().await?;
        Ok(order)
    }

    pub(super) async fn order_note(&self, id: Id, note: &NoteDraft) -> R<RecordNote> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        visible_order(&tx, &actor, id, false).await?;
        valid(validate_note(&note.content))?;
        let n = insert_note(&tx, &actor, Some(id), None, note).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// The server's placeholder: no billing provider makes quotes yet.
    pub(super) async fn quote(&self, id: Id) -> R<OrderQuote> {
        let (c, actor) = self.reader().await?;
        let o = visible_order(&c, &actor, id, false).await?;
        Ok(OrderQuote {
            order_id: o.id,
            order_number: o.order_number,
            quote_id: o.billing_quote_id,
            quote_url: None,
            quote_pdf_url: None,
            provider: "mock".into(),
            generated_at: Utc::now(),
            message: "Quote generation will be integrated with Pennylane billing provider".into(),
        })
    }

    /// A fulfilled order becomes a contract.
    pub(super) async fn order_activate(&self, id: Id, req: &ActivationDraft) -> R<Contract> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        let order = visible_order(&tx, &actor, id, true).await?;
        let has_contract = tx
            .query_opt(
                "SELECT 1 FROM contracts WHERE order_id = $1 LIMIT 1",
                &[&id],
            )
            .await?
            .is_some();
        check_activation(
            &actor,
            order.status,
            has_contract,
            order.partner_id.is_some(),
        )?;
        // contracts.user_id references users.
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        // The contract points at the order's companies: the activator must
        // be allowed to attach them (fulfillers see all; kept for any role
        // that may activate within a scope).
        let to = Channel::new(order.partner_id, order.distributor_id);
        check_channel(&tx, &actor, to, None).await?;
        let activation = req.activation_date.unwrap_or_else(Utc::now);
        if req.expiration_date.is_some_and(|e| e <= activation) {
            return Err(
                BackendError::Rule("Expiration date must be after activation date".into()).into(),
            );
        }
        // contracts.customer_id is NOT NULL (a Pennylane billing customer) but
        // an order names none, and the server's own activation leaves it out
        // (and fails). Pick the most sensible one: the customer of the
        // partner's latest contract, else a customer named like the partner,
        // else the first customer by name.
        let customer: Option<Id> = tx
            .query_one(
                "SELECT COALESCE( \
                   (SELECT c.customer_id FROM contracts c WHERE c.partner_id = $1 \
                    ORDER BY c.created_at DESC LIMIT 1), \
                   (SELECT pc.id FROM pennylane_customers pc JOIN partners p ON p.id = $1 \
                    WHERE lower(pc.name) IN (lower(p.name), lower(coalesce(p.legal_name, ''))) \
                    ORDER BY pc.id LIMIT 1), \
                   (SELECT pc.id FROM pennylane_customers pc ORDER BY pc.name, pc.id LIMIT 1) \
                 ) AS customer_id",
                &[&order.partner_id],
            )
            .await
            .map(|r| r.get("customer_id"))?;
        let customer = customer.ok_or_else(|| {
            BackendError::Rule(
                "Cannot activate order: no billing customer exists (sync customers from Pennylane first)"
                    .into(),
            )
        })?;
        let cid = uuid::Uuid::new_v4();
        let row = tx
            .query_one(
                &format!(
                    "WITH c AS (INSERT INTO contracts (id, contract_number, order_id, status, \
                     contract_type, billing_provider, billing_invoices, billing_metadata, \
                     user_id, customer_id, partner_id, distributor_id, activation_date, \
                     expiration_date, total_value, currency, notes_internal) \
                     VALUES ($1, $2, $3, 'ACTIVE', 'OTHER', 'mock', '[]'::jsonb, '{{}}'::jsonb, \
                     $4, $5, $6, $7, COALESCE($8, now()), $9, $10, 'EUR', $11) RETURNING *) \
                     SELECT {} FROM c LEFT JOIN pennylane_customers pc ON pc.id = c.customer_id",
                    rows::CONTRACT
                ),
                &[
                    &cid,
                    &contract_number(Utc::now(), cid),
                    &id,
                    &actor.id,
                    &customer,
                    &order.partner_id,
                    &order.distributor_id,
                    &req.activation_date,
                    &req.expiration_date,
                    &order.total_amount,
                    &req.notes_internal,
                ],
            )
            .await?;
        let contract = rows::contract(&row)?;
        tx.commit().await?;
        Ok(contract)
    }
}
