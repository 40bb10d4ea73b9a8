//! Orders with their lines; the contracts activated from them (and direct
//! ones), renewals, and notes on both.

use super::channel::{channel, owner_for};
use super::contracts::contract;
use super::SeedSize;
use crate::backend::demo::data::DemoData;
use crate::backend::demo::rng::Rng;
use crate::domain::pricing::price_order_line;
use crate::domain::*;
use chrono::Duration as Span;

pub(super) fn seed_orders_and_contracts(
    r: &mut Rng,
    d: &mut DemoData,
    now: Timestamp,
    size: SeedSize,
) {
    let active_products: Vec<Product> =
        d.products.iter().filter(|p| p.is_active).cloned().collect();
    let durations = d.durations.clone();
    let mut fulfilled_orders: Vec<usize> = Vec::new();
    for i in 0..size.orders {
        let (partner_id, distributor_id) = channel(r, d);
        let created_by = owner_for(r, d, partner_id, distributor_id);
        let lead_id = (!d.leads.is_empty() && r.chance(40))
            .then(|| d.leads[r.range(0, d.leads.len() as i64) as usize].id);
        let created = now - Span::days(r.range(1, 300));
        let id = r.uuid();
        let mut lines = Vec::new();
        for _ in 0..r.range(1, 4) {
            let p = r.pick(&active_products);
            let dur = r.pick(&durations);
            let min = p
                .price_tiers
                .iter()
                .map(|t| t.min_quantity)
                .min()
                .unwrap_or(1)
                .max(1);
            let qty = min + r.range(0, 60);
            if let Ok(calc) = price_order_line(p, qty, Some(dur)) {
                lines.push((p.clone(), dur.clone(), calc));
            }
        }
        let totals = crate::domain::pricing::order_totals(lines.iter().map(|(_, _, c)| c));
        let status = *r.pick(&[
            OrderStatus::Created,
            OrderStatus::Sent,
            OrderStatus::Sent,
            OrderStatus::InFulfillment,
            OrderStatus::Fulfilled,
            OrderStatus::Fulfilled,
            OrderStatus::Fulfilled,
            OrderStatus::Cancelled,
        ]);
        let step = |k: i64| created + Span::days(k);
        let order = Order {
            id,
            order_number: order_number(created, id),
            status,
            created_by,
            partner_id,
            distributor_id,
            lead_id,
            subtotal: totals.subtotal,
            discount_amount: totals.discount_amount,
            tax_amount: totals.tax_amount,
            total_amount: totals.total_amount,
            notes_internal: (i % 7 == 0).then(|| "Customer asked for a single invoice".into()),
            created_at: created,
            updated_at: created,
            sent_at: matches!(
                status,
                OrderStatus::Sent | OrderStatus::InFulfillment | OrderStatus::Fulfilled
            )
            .then(|| step(1)),
            fulfilled_at: (status == OrderStatus::Fulfilled).then(|| step(5)),
            cancelled_at: (status == OrderStatus::Cancelled).then(|| step(2)),
            billing_provider: Some("mock".into()),
            billing_quote_id: None,
            crm_provider: Some("manual".into()),
            crm_deal_id: None,
        };
        for (p, dur, c) in lines {
            d.items.push(OrderItem {
                id: r.uuid(),
                order_id: id,
                product_id: p.id,
                duration_id: dur.id,
                quantity: c.quantity,
                unit_price: c.unit_price,
                discount_percentage: c.discount_percentage,
                subtotal: c.subtotal,
                discount_amount: c.discount_amount,
                total: c.total,
                product_name: p.name.clone(),
                product_type: "storage".into(),
                product_unit: p.unit.clone(),
                duration_months: dur.months,
                created_at: created,
                updated_at: created,
            });
        }
        if status == OrderStatus::Fulfilled && partner_id.is_some() {
            fulfilled_orders.push(d.orders.len());
        }
        d.orders.push(order);
    }

    // Contracts: most fulfilled orders were activated; the rest are direct
    // contracts (synced from billing, no order).
    let mut made = 0;
    let order_contracts = fulfilled_orders
        .len()
        .saturating_sub(fulfilled_orders.len() / 5);
    for (k, oi) in fulfilled_orders
        .into_iter()
        .take(order_contracts)
        .enumerate()
    {
        if made >= size.contracts {
            break;
        }
        let o = d.orders[oi].clone();
        let c = contract(r, d, now, made, Some(&o), k);
        d.contracts.push(c);
        made += 1;
    }
    while made < size.contracts {
        let c = contract(r, d, now, made, None, made);
        d.contracts.push(c);
        made += 1;
    }
    // A few renewals: the newer contract points at an expired one.
    let expired: Vec<usize> = (0..d.contracts.len())
        .filter(|i| d.contracts[*i].status == ContractStatus::Expired)
        .collect();
    for (n, ei) in expired.into_iter().take(size.contracts / 10).enumerate() {
        let target = (ei + 1 + n * 3) % d.contracts.len();
        if target != ei
            && d.contracts[target].renewed_from_id.is_none()
            && d.contracts[target].status == ContractStatus::Active
        {
            d.contracts[target].renewed_from_id = Some(d.contracts[ei].id);
        }
    }
    // Notes on some orders and contracts.
    for i in (0..d.contracts.len()).step_by(4) {
        let c = &d.contracts[i];
        d.notes.push(RecordNote {
            id: r.uuid(),
            order_id: None,
            contract_id: Some(c.id),
            content: "Renewal call scheduled with the customer.".into(),
            is_internal: true,
            is_pinned: i % 8 == 0,
            created_by: c.user_id,
            created_at: c.activation_date + Span::days(3),
            updated_at: c.activation_date + Span::days(3),
        });
    }
    for i in (0..d.orders.len()).step_by(6) {
        let o = &d.orders[i];
        d.notes.push(RecordNote {
            id: r.uuid(),
            order_id: Some(o.id),
            contract_id: None,
            content: "Checked quantities with the partner.".into(),
            is_internal: false,
            is_pinned: false,
            created_by: o.created_by,
            created_at: o.created_at + Span::hours(2),
            updated_at: o.created_at + Span::hours(2),
        });
    }
}
