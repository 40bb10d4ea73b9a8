//! The seeded users, one per role and company.

use crate::backend::demo::data::DemoData;
use crate::backend::demo::rng::Rng;
use crate::domain::*;
use chrono::Duration as Span;

/// (username, full name, role, partner index, distributor index, enabled)
type Person = (
    &'static str,
    &'static str,
    UserRole,
    Option<usize>,
    Option<usize>,
    bool,
);

pub(super) fn seed_users(r: &mut Rng, d: &mut DemoData, now: Timestamp, t0: Timestamp) {
    let admin_id = d.admins[0].id;
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
}
