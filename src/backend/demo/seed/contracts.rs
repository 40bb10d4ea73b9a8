//! One seeded contract, from an order or direct from billing.

use super::channel::{channel, owner_for};
use crate::backend::demo::data::DemoData;
use crate::backend::demo::rng::Rng;
use crate::domain::*;
use chrono::Duration as Span;
use rust_decimal::Decimal;

pub(super) fn contract(
    r: &mut Rng,
    d: &DemoData,
    now: Timestamp,
    n: usize,
    order: Option<&Order>,
    k: usize,
) -> Contract {
    let id = r.uuid();
    let (partner_id, distributor_id) = match order {
        Some(o) => (o.partner_id, o.distributor_id),
        None => channel(r, d),
    };
    // Spread expirations: every 6th expires within 30 days; some already expired.
    let (status, expires_in_days) = match n % 12 {
        0 | 6 => (ContractStatus::Active, r.range(1, 30)),
        1 => (ContractStatus::Active, r.range(31, 60)),
        2 => (ContractStatus::Active, r.range(61, 90)),
        3 => (ContractStatus::Expired, -r.range(1, 120)),
        4 => (
            *r.pick(&[ContractStatus::Cancelled, ContractStatus::Lost]),
            r.range(-200, 200),
        ),
        5 => (
            *r.pick(&[ContractStatus::Upgraded, ContractStatus::Downgraded]),
            r.range(30, 400),
        ),
        _ => (ContractStatus::Active, r.range(91, 700)),
    };
    let expiration = now + Span::days(expires_in_days) + Span::hours(12);
    let activation = expiration - Span::days(365 * r.range(1, 3));
    let periodicity = *r.pick(&[1, 3, 6, 12]);
    let (total, per_period) = match order {
        Some(o) => (o.total_amount, None),
        None => {
            let per = Decimal::new(r.range(200, 40000) * 10, 2);
            let months = (expiration - activation).num_days() / 30;
            (
                per * Decimal::from((months / periodicity as i64).max(1)),
                Some(per),
            )
        }
    };
    let user_id = match order {
        Some(o) => o.created_by,
        None => owner_for(r, d, partner_id, distributor_id),
    };
    let customer = r.pick(&d.customers).clone();
    Contract {
        id,
        contract_number: contract_number(activation, id),
        order_id: order.map(|o| o.id),
        status,
        contract_type: ContractType::ALL[(k + n) % 4],
        user_id,
        customer_id: customer.0,
        customer_name: Some(customer.1),
        partner_id,
        distributor_id,
        activation_date: activation,
        expiration_date: Some(expiration),
        renewed_from_id: None,
        periodicity_months: per_period.map(|_| periodicity),
        value_per_period: per_period,
        total_value: total,
        currency: "EUR".into(),
        notes_internal: None,
        billing_provider: if order.is_some() {
            "mock".into()
        } else {
            "pennylane".into()
        },
        billing_customer_id: Some(format!("PL-{:05}", 1000 + n)),
        billing_invoices: (0..(n % 4))
            .map(|i| format!("{i:02}{}", &id.simple().to_string()[8..16]))
            .collect(),
        created_at: activation,
        updated_at: activation,
        cancelled_at: (status == ContractStatus::Cancelled).then_some(activation + Span::days(200)),
    }
}
