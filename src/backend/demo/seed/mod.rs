//! Deterministic demo data: two distributors, six partners, a dozen users,
//! eight products with tiers, four durations, ~300 leads, ~120 orders and
//! ~80 contracts (some expiring within 30 days). Dates are relative to `now`
//! so "expiring soon" always means something; everything else depends only
//! on the seed.

mod catalogue;
mod channel;
mod contracts;
mod leads;
mod names;
mod orders;
mod people;

use super::data::DemoData;
use super::rng::Rng;
use crate::domain::*;
use chrono::Duration as Span;

/// How much data to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedSize {
    pub leads: usize,
    pub orders: usize,
    pub contracts: usize,
}

impl Default for SeedSize {
    fn default() -> Self {
        SeedSize {
            leads: 300,
            orders: 120,
            contracts: 80,
        }
    }
}

const SEED: u64 = 0x07E4_7AB0;

pub fn seed(now: Timestamp, size: SeedSize) -> DemoData {
    let mut r = Rng::new(SEED);
    let mut d = DemoData::default();
    let t0 = now - Span::days(400);

    channel::seed_channel(&mut r, &mut d, t0);
    people::seed_users(&mut r, &mut d, now, t0);
    catalogue::seed_catalogue(&mut r, &mut d, t0);

    for i in 0..20 {
        let name = format!(
            "{} {}",
            names::ORGS[i % names::ORGS.len()],
            ["SAS", "SARL", "SA", "GmbH"][i % 4]
        );
        d.customers.push((r.uuid(), name));
    }

    leads::seed_leads(&mut r, &mut d, now, size.leads);
    orders::seed_orders_and_contracts(&mut r, &mut d, now, size);
    d.reindex_leads();
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rust_decimal::Decimal;

    fn fixed_now() -> Timestamp {
        chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
    }

    #[test]
    fn seed_has_the_promised_shape() {
        let d = seed(fixed_now(), SeedSize::default());
        assert_eq!(d.distributors.len(), 2);
        assert_eq!(d.partners.len(), 6);
        assert_eq!(d.users.len(), 12);
        assert_eq!(d.products.len(), 8);
        assert_eq!(d.durations.len(), 4);
        assert_eq!(d.leads.len(), 300);
        assert_eq!(d.orders.len(), 120);
        assert_eq!(d.contracts.len(), 80);
        for s in LeadStatus::ALL {
            assert!(d.leads.iter().any(|l| l.status == *s), "no lead in {s}");
        }
        let expiring = d
            .contracts
            .iter()
            .filter(|c| c.expires_within(fixed_now(), 30))
            .count();
        assert!(expiring >= 5, "only {expiring} expiring");
        // Orders' totals equal their lines.
        for o in &d.orders {
            let sum: Decimal = d
                .items
                .iter()
                .filter(|i| i.order_id == o.id)
                .map(|i| i.total)
                .sum();
            assert_eq!(sum, o.total_amount, "{}", o.order_number);
        }
    }

    #[test]
    fn seed_is_deterministic() {
        let a = seed(fixed_now(), SeedSize::default());
        let b = seed(fixed_now(), SeedSize::default());
        assert_eq!(a.leads, b.leads);
        assert_eq!(a.contracts, b.contracts);
    }

    #[test]
    fn seed_scales() {
        let d = seed(
            fixed_now(),
            SeedSize {
                leads: 5000,
                orders: 10,
                contracts: 5,
            },
        );
        assert_eq!(d.leads.len(), 5000);
        assert_eq!(d.lead_index.len(), 5000);
    }
}
