//! Products with their price tiers, and durations.

use crate::backend::demo::data::DemoData;
use crate::backend::demo::rng::Rng;
use crate::domain::*;

/// (name, unit, type index, active, tiers as (min, max, price per unit))
type CatalogueEntry = (
    &'static str,
    &'static str,
    usize,
    bool,
    &'static [(i64, Option<i64>, &'static str)],
);

pub(super) fn seed_catalogue(r: &mut Rng, d: &mut DemoData, t0: Timestamp) {
    let types = [r.uuid(), r.uuid(), r.uuid()];
    // (name, unit, type, active, tiers [(min, max, price)])
    let catalogue: [CatalogueEntry; 8] = [
        (
            "Object Storage",
            "TB",
            0,
            true,
            &[
                (1, Some(10), "18.5000"),
                (11, Some(100), "15.2500"),
                (101, None, "12.0000"),
            ],
        ),
        (
            "Backup Vault",
            "TB",
            0,
            true,
            &[(1, Some(50), "22.0000"), (51, None, "19.9900")],
        ),
        (
            "Archive Cold Tier",
            "TB",
            0,
            true,
            &[(10, Some(500), "4.3350"), (501, None, "3.1000")],
        ),
        (
            "Endpoint Backup",
            "seat",
            1,
            true,
            &[
                (1, Some(24), "6.9000"),
                (25, Some(249), "5.4900"),
                (250, None, "4.2500"),
            ],
        ),
        (
            "M365 Protection",
            "user",
            1,
            true,
            &[(1, Some(99), "3.3350"), (100, None, "2.8750")],
        ),
        (
            "Edge Appliance",
            "appliance",
            2,
            true,
            &[(1, Some(4), "249.0000"), (5, None, "219.0000")],
        ),
        (
            "Premium Support",
            "contract",
            1,
            true,
            &[(1, None, "450.0000")],
        ),
        (
            "Legacy Tape Bridge",
            "drive",
            2,
            false,
            &[(1, None, "99.0000")],
        ),
    ];
    for (name, unit, ty, active, tiers) in catalogue {
        let id = r.uuid();
        let price_tiers = tiers
            .iter()
            .map(|(min, max, price)| PriceTier {
                id: r.uuid(),
                product_id: id,
                min_quantity: *min,
                max_quantity: *max,
                price_per_unit: price.parse().expect("seed price"),
                period: "month".into(),
                created_at: t0,
                updated_at: t0,
            })
            .collect();
        d.products.push(Product {
            id,
            name: name.into(),
            type_id: types[ty],
            unit: unit.into(),
            description: Some(format!("{name}, billed per {unit}")),
            is_active: active,
            created_at: t0,
            updated_at: t0,
            price_tiers,
        });
    }
    for (months, pct) in [(1, "0"), (12, "10"), (24, "15"), (36, "20")] {
        d.durations.push(Duration {
            id: r.uuid(),
            months,
            discount_percentage: pct.parse().expect("seed pct"),
            name: if months == 1 {
                "1 month".into()
            } else {
                format!("{months} months")
            },
            created_at: t0,
            updated_at: t0,
        });
    }
}
