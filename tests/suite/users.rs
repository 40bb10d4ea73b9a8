//! Who am I, and the users tab: list (admins only), enable/disable, role and
//! company changes.

use super::*;

pub async fn check_whoami_regular_users(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let alpine = partner(&demo, "Alpine Systems").await;
    for (username, role) in [
        ("demo", UserRole::Admin),
        ("fiona", UserRole::Fulfiller),
        ("ralph", UserRole::RestrictedAdmin),
        ("carol", UserRole::Distributor),
        ("alice", UserRole::Partner),
    ] {
        let m = me(&f.backend_as(username).await).await;
        assert_eq!(m.user_type, UserType::User, "{username}");
        assert_eq!(m.role, Some(role), "{username}");
        assert_eq!(m.username.as_deref(), Some(username));
        assert!(m.is_enabled, "{username} is enabled");
        // The API does not return the company links; where known they are right.
        if username == "carol" {
            assert!(m.partner_id.is_none());
            if let Some(d) = m.distributor_id {
                assert_eq!(d, nordic.id, "carol works for Nordic");
            }
        }
        if username == "alice" {
            assert!(m.distributor_id.is_none());
            if let Some(p) = m.partner_id {
                assert_eq!(p, alpine.id, "alice works for Alpine");
            }
        }
    }
    // Each user is somebody else.
    let a = me(&f.backend_as("alice").await).await;
    let b = me(&f.backend_as("bob").await).await;
    assert_ne!(a.id, b.id);
    // The signed-in user is the one the users list knows by that name.
    assert_eq!(user_named(&demo, "alice").await.id, a.id);
}

pub async fn check_whoami_admin_account(f: &impl Fixture) {
    let m = me(&f.backend_as("admin").await).await;
    assert_eq!(m.user_type, UserType::Admin);
    assert_eq!(m.role, None);
    assert_eq!(m.username.as_deref(), Some("admin"));
    assert_eq!(m.role_label(), "admin account");
    // An admin account is not one of the regular users.
    let demo = f.backend_as("demo").await;
    let users = all_users(&demo, &UserQuery::default()).await;
    assert!(users.iter().all(|u| u.id != m.id));
}

pub async fn check_list_users_admin_only(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let users = all_users(&demo, &UserQuery::default()).await;
    assert_eq!(users.len(), 12, "the seed has a dozen users");
    let names: HashSet<&str> = users.iter().filter_map(|u| u.username.as_deref()).collect();
    for n in [
        "demo", "fiona", "ralph", "carol", "gus", "dave", "alice", "bob", "chen", "dina", "eric",
        "fanny",
    ] {
        assert!(names.contains(n), "{n} listed");
    }

    // Filters.
    let partners = all_users(
        &demo,
        &UserQuery {
            role: Some(UserRole::Partner),
            ..Default::default()
        },
    )
    .await;
    assert!(partners.iter().all(|u| u.role == UserRole::Partner));
    assert_eq!(partners.len(), 6, "alice, bob, chen, dina, eric, fanny");
    let disabled = all_users(
        &demo,
        &UserQuery {
            is_enabled: Some(false),
            ..Default::default()
        },
    )
    .await;
    assert!(disabled.iter().all(|u| !u.is_enabled));
    assert!(disabled
        .iter()
        .any(|u| u.username.as_deref() == Some("fanny")));
    let alpine = partner(&demo, "Alpine Systems").await;
    let alpine_users = all_users(
        &demo,
        &UserQuery {
            partner_id: Some(alpine.id),
            ..Default::default()
        },
    )
    .await;
    assert!(alpine_users.iter().all(|u| u.partner_id == Some(alpine.id)));
    assert!(alpine_users
        .iter()
        .any(|u| u.username.as_deref() == Some("alice")));
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let nordic_users = all_users(
        &demo,
        &UserQuery {
            distributor_id: Some(nordic.id),
            ..Default::default()
        },
    )
    .await;
    let nordic_names: HashSet<&str> = nordic_users
        .iter()
        .filter_map(|u| u.username.as_deref())
        .collect();
    assert_eq!(nordic_names, HashSet::from(["carol", "gus"]));

    // Admin accounts and restricted admins may list; nobody else.
    for who in ["admin", "ralph"] {
        let b = f.backend_as(who).await;
        assert_eq!(
            all_users(&b, &UserQuery::default()).await.len(),
            12,
            "{who}"
        );
    }
    for who in ["alice", "carol", "fiona"] {
        let b = f.backend_as(who).await;
        expect_err!(
            b.list_users(&UserQuery::default(), PageRequest::first(10))
                .await,
            BackendError::Forbidden(_)
        );
    }
}

pub async fn check_user_enable_disable(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let bob = user_named(&demo, "bob").await;
    assert!(bob.is_enabled);

    let off = ok!(demo
        .set_user_enabled(bob.id, false, Some("Left Brume"), Some(&bob))
        .await);
    assert_eq!(off.id, bob.id);
    assert!(!off.is_enabled);
    let disabled = all_users(
        &demo,
        &UserQuery {
            is_enabled: Some(false),
            ..Default::default()
        },
    )
    .await;
    assert!(disabled.iter().any(|u| u.id == bob.id));
    assert!(!user_named(&demo, "bob").await.is_enabled);

    let on = ok!(demo.set_user_enabled(bob.id, true, None, Some(&off)).await);
    assert!(on.is_enabled);
    assert!(on.enabled_at.is_some());
    assert!(user_named(&demo, "bob").await.is_enabled);

    let alice = f.backend_as("alice").await;
    expect_err!(
        alice.set_user_enabled(bob.id, false, None, None).await,
        BackendError::Forbidden(_)
    );
    assert!(user_named(&demo, "bob").await.is_enabled, "unchanged");
}

pub async fn check_user_role_change(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let gus = user_named(&demo, "gus").await;
    assert_eq!(gus.role, UserRole::Distributor);

    let changed = ok!(demo
        .set_user_role(
            gus.id,
            UserRole::Fulfiller,
            Some("Helps fulfil"),
            Some(&gus)
        )
        .await);
    assert_eq!(changed.role, UserRole::Fulfiller);
    let fulfillers = all_users(
        &demo,
        &UserQuery {
            role: Some(UserRole::Fulfiller),
            ..Default::default()
        },
    )
    .await;
    assert!(fulfillers.iter().any(|u| u.id == gus.id));
    let back = ok!(demo
        .set_user_role(gus.id, UserRole::Distributor, None, Some(&changed))
        .await);
    assert_eq!(back.role, UserRole::Distributor);

    let carol = f.backend_as("carol").await;
    expect_err!(
        carol
            .set_user_role(gus.id, UserRole::Admin, None, None)
            .await,
        BackendError::Forbidden(_)
    );
    assert_eq!(user_named(&demo, "gus").await.role, UserRole::Distributor);
}

pub async fn check_user_company_move(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let gus = user_named(&demo, "gus").await;
    let sud = distributor(&demo, "Sud-Ouest Distribution").await;
    let brume = partner(&demo, "Brume Informatique").await;

    // Both at once is a rule error, and changes nothing.
    expect_err!(
        demo.set_user_company(
            gus.id,
            CompanyAssignment {
                partner_id: Some(brume.id),
                distributor_id: Some(sud.id),
            },
            None,
        )
        .await,
        BackendError::Rule(_)
    );
    assert_eq!(
        user_named(&demo, "gus").await.distributor_id,
        gus.distributor_id
    );

    // An unknown company.
    expect_err!(
        demo.set_user_company(
            gus.id,
            CompanyAssignment {
                partner_id: Some(uuid::Uuid::new_v4()),
                distributor_id: None,
            },
            None,
        )
        .await,
        BackendError::NotFound(_)
    );

    // Not an admin.
    let alice = f.backend_as("alice").await;
    expect_err!(
        alice
            .set_user_company(
                gus.id,
                CompanyAssignment {
                    partner_id: None,
                    distributor_id: Some(sud.id),
                },
                None,
            )
            .await,
        BackendError::Forbidden(_)
    );

    // To another distributor: gus now sees Sud-Ouest's records.
    let moved = ok!(demo
        .set_user_company(
            gus.id,
            CompanyAssignment {
                partner_id: None,
                distributor_id: Some(sud.id),
            },
            None,
        )
        .await);
    assert_eq!(moved.distributor_id, Some(sud.id));
    assert_eq!(moved.partner_id, None);
    let as_gus = f.backend_as("gus").await;
    let leads = all_leads(&as_gus, &LeadQuery::default()).await;
    assert!(!leads.is_empty(), "Sud-Ouest has leads");
    assert!(leads.iter().all(|l| l.distributor_id == Some(sud.id)));

    // To a partner: the distributor link is cleared.
    let moved = ok!(demo
        .set_user_company(
            gus.id,
            CompanyAssignment {
                partner_id: Some(brume.id),
                distributor_id: None,
            },
            None,
        )
        .await);
    assert_eq!(moved.partner_id, Some(brume.id));
    assert_eq!(moved.distributor_id, None);
    let listed = user_named(&demo, "gus").await;
    assert_eq!(
        (listed.partner_id, listed.distributor_id),
        (Some(brume.id), None)
    );
}
