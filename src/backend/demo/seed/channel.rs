//! The channel: the admin account, distributors, partners and their links;
//! and, for the records, a channel and someone who works it.

use crate::backend::demo::data::{AdminAccount, DemoData, LinkRow};
use crate::backend::demo::rng::Rng;
use crate::domain::*;
use chrono::Duration as Span;

/// The admin account, two distributors, six partners and their links.
pub(super) fn seed_channel(r: &mut Rng, d: &mut DemoData, t0: Timestamp) {
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
            r,
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
            r,
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

/// A partner and a distributor that belong together (or none).
pub(super) fn channel(r: &mut Rng, d: &DemoData) -> (Option<Id>, Option<Id>) {
    let active_links: Vec<&LinkRow> = d.links.iter().filter(|l| l.is_active).collect();
    if r.chance(85) {
        let l = r.pick(&active_links);
        (Some(l.partner_id), Some(l.distributor_id))
    } else {
        (Some(d.partners[5].id), None)
    }
}

/// A user who works for that channel (the partner's user, the distributor's, or demo).
pub(super) fn owner_for(
    r: &mut Rng,
    d: &DemoData,
    partner: Option<Id>,
    distributor: Option<Id>,
) -> Id {
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
