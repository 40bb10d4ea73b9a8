//! Deterministic demo data: two distributors, six partners, a dozen users,
//! eight products with tiers, four durations, ~300 leads, ~120 orders and
//! ~80 contracts (some expiring within 30 days). Dates are relative to `now`
//! so "expiring soon" always means something; everything else depends only
//! on the seed.

use super::data::{AdminAccount, DemoData, LinkRow};
use super::rng::Rng;
use crate::domain::pricing::price_order_line;
use crate::domain::*;
use chrono::Duration as Span;
use rust_decimal::Decimal;

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

const ORGS: &[&str] = &[
    "Acme Industries",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Wayne Foods",
    "Hooli",
    "Vandelay Import",
    "Soylent Labs",
    "Cyberdyne",
    "Tyrell Bio",
    "Wonka Confiserie",
    "Oceanic Air",
    "Massive Dynamic",
    "Aperture Science",
    "Gringotts Finance",
    "Pied Piper",
    "Dunder Mifflin",
    "Bluth Company",
    "Prestige Worldwide",
    "Los Pollos",
    "Monarch Solutions",
    "Nakatomi Trading",
    "Sirius Cybernetics",
    "Blue Sun",
    "Virtucon",
    "Weyland Mining",
    "Ollivanders",
    "Krusty Krab",
    "Sterling Cooper",
];
const FIRST: &[&str] = &[
    "Anne", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jules", "Karim",
    "Léa", "Marc", "Nina", "Oscar", "Paul", "Quentin", "Rose", "Sami", "Théo", "Ulla", "Victor",
];
const LAST: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Roux", "Fournier", "Morel",
];
const TOPICS: &[&str] = &[
    "Backup renewal",
    "Object storage 200 TB",
    "DR site",
    "Archive migration",
    "S3 gateway",
    "Seat expansion",
    "Cold storage pilot",
    "Ransomware vault",
    "Edge appliances",
    "Multi-site sync",
    "M365 backup",
    "Tape replacement",
    "Analytics lake",
    "Compliance archive",
];

/// (username, full name, role, partner index, distributor index, enabled)
type Person = (
    &'static str,
    &'static str,
    UserRole,
    Option<usize>,
    Option<usize>,
    bool,
);
/// (name, unit, type index, active, tiers as (min, max, price per unit))
type CatalogueEntry = (
    &'static str,
    &'static str,
    usize,
    bool,
    &'static [(i64, Option<i64>, &'static str)],
);

pub fn seed(now: Timestamp, size: SeedSize) -> DemoData {
    let mut r = Rng::new(SEED);
    let mut d = DemoData::default();
    let t0 = now - Span::days(400);

    // Admin account (database admin, like the server's bootstrap admin).
    d.admins.push(AdminAccount {
        id: r.uuid(),
        username: "admin".into(),
        email: "admin@tentabo.local".into(),
        full_name: Some("Tentabo Administrator".into()),
        is_active: true,
        created_at: t0,
    });

    // Distributors and partners.
    let dist_names = [
        ("Nordic Channel Distribution", "Oslo", "Norway"),
        ("Sud-Ouest Distribution", "Bordeaux", "France"),
    ];
    for (i, (name, city, country)) in dist_names.iter().enumerate() {
        d.distributors.push(company(
            &mut r,
            name,
            city,
            country,
            &format!("DIST-{:04}", i + 1),
            true,
            t0,
        ));
    }
    let partner_names = [
        ("Alpine Systems", "Grenoble"),
        ("Brume Informatique", "Nantes"),
        ("Cobalt IT", "Lyon"),
        ("Delta Réseaux", "Lille"),
        ("Écume Cloud", "Marseille"),
        ("Fjord Data", "Rennes"),
    ];
    for (i, (name, city)) in partner_names.iter().enumerate() {
        d.partners.push(company(
            &mut r,
            name,
            city,
            "France",
            &format!("FR{:09}", 100 + i),
            i != 5,
            t0,
        ));
    }
    // d1 ↔ p1 p2 p3; d2 ↔ p3 p4 p5 (p3 shared); p6 unlinked; one inactive link.
    let admin_id = d.admins[0].id;
    for (di, pi, active) in [
        (0, 0, true),
        (0, 1, true),
        (0, 2, true),
        (1, 2, true),
        (1, 3, true),
        (1, 4, true),
        (1, 0, false),
    ] {
        let at = t0 + Span::days(r.range(0, 30));
        d.links.push(LinkRow {
            id: r.uuid(),
            distributor_id: d.distributors[di].id,
            partner_id: d.partners[pi].id,
            assigned_at: at,
            assigned_by: Some(admin_id),
            is_active: active,
            notes: (!active).then(|| "Ended after the 2025 reorganisation".to_string()),
            created_at: at,
            updated_at: at,
        });
    }

    // Users: (username, full name, role, partner idx, distributor idx, enabled)
    let people: [Person; 12] = [
        ("demo", "Demo User", UserRole::Admin, None, None, true),
        (
            "fiona",
            "Fiona Fulfil",
            UserRole::Fulfiller,
            None,
            None,
            true,
        ),
        (
            "ralph",
            "Ralph Restricted",
            UserRole::RestrictedAdmin,
            None,
            None,
            true,
        ),
        (
            "carol",
            "Carol Nordic",
            UserRole::Distributor,
            None,
            Some(0),
            true,
        ),
        (
            "dave",
            "Dave Sud-Ouest",
            UserRole::Distributor,
            None,
            Some(1),
            true,
        ),
        (
            "alice",
            "Alice Alpine",
            UserRole::Partner,
            Some(0),
            None,
            true,
        ),
        ("bob", "Bob Brume", UserRole::Partner, Some(1), None, true),
        (
            "chen",
            "Chen Cobalt",
            UserRole::Partner,
            Some(2),
            None,
            true,
        ),
        ("dina", "Dina Delta", UserRole::Partner, Some(3), None, true),
        ("eric", "Eric Écume", UserRole::Partner, Some(4), None, true),
        (
            "fanny",
            "Fanny Fjord",
            UserRole::Partner,
            Some(5),
            None,
            false,
        ),
        (
            "gus",
            "Gus Nordic",
            UserRole::Distributor,
            None,
            Some(0),
            true,
        ),
    ];
    for (username, full, role, p, di, enabled) in people {
        let created = t0 + Span::days(r.range(0, 60));
        d.users.push(User {
            id: r.uuid(),
            provider: "ldap".into(),
            provider_id: format!("uid={username},ou=people,dc=tentabo,dc=local"),
            email: format!("{username}@tentabo.local"),
            full_name: Some(full.into()),
            username: Some(username.into()),
            role,
            is_enabled: enabled,
            partner_id: p.map(|i| d.partners[i].id),
            distributor_id: di.map(|i| d.distributors[i].id),
            enabled_by: enabled.then_some(admin_id),
            enabled_at: enabled.then_some(created),
            created_at: created,
            updated_at: created,
            last_login: enabled.then(|| now - Span::hours(r.range(1, 400))),
        });
    }

    seed_catalogue(&mut r, &mut d, t0);

    for i in 0..20 {
        let name = format!(
            "{} {}",
            ORGS[i % ORGS.len()],
            ["SAS", "SARL", "SA", "GmbH"][i % 4]
        );
        d.customers.push((r.uuid(), name));
    }

    seed_leads(&mut r, &mut d, now, size.leads);
    seed_orders_and_contracts(&mut r, &mut d, now, size);
    d.reindex_leads();
    d
}

fn company(
    r: &mut Rng,
    name: &str,
    city: &str,
    country: &str,
    reg: &str,
    active: bool,
    t0: Timestamp,
) -> Company {
    let slug: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let created = t0 + Span::days(r.range(0, 20));
    Company {
        id: r.uuid(),
        name: name.into(),
        legal_name: Some(format!("{name} SAS")),
        registration_number: Some(reg.into()),
        email: Some(format!("contact@{slug}.example")),
        phone: Some(format!(
            "+33 1 {:02} {:02} {:02} {:02}",
            r.range(10, 99),
            r.range(10, 99),
            r.range(10, 99),
            r.range(10, 99)
        )),
        website: Some(format!("https://{slug}.example")),
        address_line1: Some(format!("{} rue de la République", r.range(1, 120))),
        address_line2: None,
        city: Some(city.into()),
        postal_code: Some(format!("{:05}", r.range(10000, 95999))),
        country: country.into(),
        is_active: active,
        notes: None,
        created_at: created,
        updated_at: created,
    }
}

fn seed_catalogue(r: &mut Rng, d: &mut DemoData, t0: Timestamp) {
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

/// A partner and a distributor that belong together (or none).
fn channel(r: &mut Rng, d: &DemoData) -> (Option<Id>, Option<Id>) {
    let active_links: Vec<&LinkRow> = d.links.iter().filter(|l| l.is_active).collect();
    if r.chance(85) {
        let l = r.pick(&active_links);
        (Some(l.partner_id), Some(l.distributor_id))
    } else {
        (Some(d.partners[5].id), None)
    }
}

/// A user who works for that channel (the partner's user, the distributor's, or demo).
fn owner_for(r: &mut Rng, d: &DemoData, partner: Option<Id>, distributor: Option<Id>) -> Id {
    let mut candidates: Vec<Id> = d
        .users
        .iter()
        .filter(|u| u.is_enabled)
        .filter(|u| {
            (u.partner_id.is_some() && u.partner_id == partner)
                || (u.distributor_id.is_some() && u.distributor_id == distributor)
        })
        .map(|u| u.id)
        .collect();
    candidates.push(d.users[0].id); // demo works every deal
    *r.pick(&candidates)
}

fn seed_leads(r: &mut Rng, d: &mut DemoData, now: Timestamp, count: usize) {
    let weights = [22, 18, 16, 12, 10, 12, 10]; // new … lost, in percent
    for i in 0..count {
        let status = {
            let mut roll = r.range(0, 100);
            let mut s = LeadStatus::New;
            for (k, w) in weights.iter().enumerate() {
                if roll < *w {
                    s = LeadStatus::ALL[k];
                    break;
                }
                roll -= w;
            }
            s
        };
        let (partner_id, distributor_id) = channel(r, d);
        let owner_id = owner_for(r, d, partner_id, distributor_id);
        let org = *r.pick(ORGS);
        let (first, last) = (*r.pick(FIRST), *r.pick(LAST));
        let created = now - Span::days(r.range(1, 360)) - Span::minutes(r.range(0, 1440));
        let updated = created + Span::days(r.range(0, (now - created).num_days().max(1)));
        let value = Decimal::new(r.range(50, 5000) * 1000 + [0, 500, 990][i % 3], 2);
        let probability = match status {
            LeadStatus::Won => 100,
            LeadStatus::Lost => 0,
            s => (s.index() as i64 * 15 + r.range(0, 15)) as i32,
        };
        let close = now + Span::days(r.range(-45, 120));
        let slug: String = org
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let lead = Lead {
            id: r.uuid(),
            title: format!("{} – {}", r.pick(TOPICS), org),
            organization: org.into(),
            contact_name: format!("{first} {last}"),
            contact_email: Some(format!("{}.{}@{slug}.example", ascii(first), ascii(last))),
            contact_phone: r.chance(70).then(|| {
                format!(
                    "+33 6 {:02} {:02} {:02} {:02}",
                    r.range(10, 99),
                    r.range(10, 99),
                    r.range(10, 99),
                    r.range(10, 99)
                )
            }),
            value: (!r.chance(5)).then_some(value),
            currency: "EUR".into(),
            status,
            probability: (!r.chance(5)).then_some(probability),
            expected_close_date: (!r.chance(8)).then_some(close),
            partner_id,
            distributor_id,
            provider_name: if r.chance(70) {
                "manual".into()
            } else {
                "pipedrive".into()
            },
            provider_id: None,
            owner_id,
            last_sync_at: None,
            sync_status: "synced".into(),
            created_at: created,
            updated_at: updated,
        };
        // History: walk from new to the current status.
        if i < 2000 {
            let mut at = created;
            let mut prev: Option<LeadStatus> = None;
            let path: Vec<LeadStatus> = match status {
                LeadStatus::Lost => vec![LeadStatus::New, LeadStatus::Contacted, LeadStatus::Lost],
                s => LeadStatus::ALL[..=s.index()].to_vec(),
            };
            for s in path {
                d.history.push(LeadStatusChange {
                    id: r.uuid(),
                    lead_id: lead.id,
                    old_status: prev,
                    new_status: s,
                    changed_by_user_id: Some(owner_id),
                    reason: (s == LeadStatus::Lost).then(|| "Chose a competitor".to_string()),
                    changed_at: at,
                });
                prev = Some(s);
                // Never past the last update (nor, so, in the future), but
                // always after the previous step, so the order is unambiguous.
                let next = (at + Span::days(r.range(1, 10))).min(updated);
                at = if next > at {
                    next
                } else {
                    at + Span::seconds(1)
                };
            }
            if r.chance(40) {
                d.lead_notes.push(LeadNote {
                    id: r.uuid(),
                    lead_id: lead.id,
                    content: format!("{first} wants a quote before the end of the quarter."),
                    provider_name: None,
                    provider_id: None,
                    created_by_user_id: Some(owner_id),
                    created_at: updated,
                    updated_at: updated,
                });
            }
            if r.chance(50) {
                let done = r.chance(50);
                let due = now + Span::days(r.range(-10, 20));
                d.activities.push(LeadActivity {
                    id: r.uuid(),
                    lead_id: lead.id,
                    activity_type: r.pick(ACTIVITY_TYPES).to_string(),
                    subject: Some(format!("Follow up with {first}")),
                    description: None,
                    due_date: Some(due),
                    done,
                    provider_name: lead.provider_name.to_string(),
                    provider_id: None,
                    done_at: done.then_some(due),
                    user_id: Some(owner_id),
                    created_at: created,
                    updated_at: created,
                });
            }
        }
        d.leads.push(lead);
    }
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' | 'è' | 'ë' => 'e',
            'ï' => 'i',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

fn seed_orders_and_contracts(r: &mut Rng, d: &mut DemoData, now: Timestamp, size: SeedSize) {
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

fn contract(
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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
