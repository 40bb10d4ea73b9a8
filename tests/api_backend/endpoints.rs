//! Every list, detail and write the tabs use, through the wire format.

use crate::common::*;
use crate::support::FakeServer;
use std::collections::HashSet;
use tentabo::backend::*;
use tentabo::domain::pricing::price_line;
use tentabo::domain::*;

#[tokio::test]
async fn whoami_for_users_and_admin_accounts() {
    let fake = FakeServer::start().await;
    let alice = fake.backend_as("alice").await.whoami().await.unwrap();
    assert_eq!(alice.user_type, UserType::User);
    assert_eq!(alice.role, Some(UserRole::Partner));
    assert_eq!(alice.full_name.as_deref(), Some("Alice Alpine"));
    let admin = fake.backend_as("admin").await;
    assert_eq!(admin.kind(), BackendKind::Api);
    assert_eq!(admin.location(), fake.url);
    assert_eq!(admin.preferred_page_size(), 100);
    assert_eq!(admin.whoami().await.unwrap().user_type, UserType::Admin);
}

#[tokio::test]
async fn lead_lists_page_and_filter() {
    let fake = FakeServer::start().await;
    let demo = fake.backend_as("demo").await;
    let total = fake.data.read().unwrap().leads.len() as u64;

    let p1 = demo
        .list_leads(&LeadQuery::default(), PageRequest::first(7))
        .await
        .unwrap();
    assert_eq!((p1.page, p1.page_size, p1.total_items), (1, 7, total));
    assert_eq!(p1.items.len(), 7);
    let all = all_leads(&demo, &LeadQuery::default()).await;
    assert_eq!(all.len() as u64, total);
    assert_eq!(
        all.iter().map(|l| l.id).collect::<HashSet<_>>().len(),
        all.len()
    );
    // A page larger than the server's cap is stitched from 100-row pages.
    let big = demo
        .list_leads(
            &LeadQuery::default(),
            PageRequest {
                page: 2,
                page_size: 150,
            },
        )
        .await
        .unwrap();
    let expected: Vec<Id> = all.iter().skip(150).take(150).map(|l| l.id).collect();
    assert_eq!(big.items.iter().map(|l| l.id).collect::<Vec<_>>(), expected);
    assert_eq!(big.total_items, total);

    // Server-side status filter.
    let q = LeadQuery {
        status: Some(LeadStatus::Won),
        ..Default::default()
    };
    let won = all_leads(&demo, &q).await;
    assert!(!won.is_empty() && won.iter().all(|l| l.status == LeadStatus::Won));
    assert!(
        fake.requests().iter().any(|s| s.path == "/leads"),
        "status goes to the server"
    );

    // Client-side text and owner filters, with true totals and full pages.
    let lead = all[3].clone();
    let q = LeadQuery {
        text: Some(lead.organization.to_uppercase()),
        ..Default::default()
    };
    let hits = all_leads(&demo, &q).await;
    assert!(hits.iter().any(|l| l.id == lead.id));
    let page = demo.list_leads(&q, PageRequest::first(1)).await.unwrap();
    assert_eq!(page.total_items, hits.len() as u64);
    assert_eq!(page.items.len(), 1);
    let q = LeadQuery {
        owner_id: Some(lead.owner_id),
        ..Default::default()
    };
    let mine = all_leads(&demo, &q).await;
    assert!(mine.iter().all(|l| l.owner_id == lead.owner_id));
    let nothing = LeadQuery {
        text: Some("zzq-no-such-lead".into()),
        ..Default::default()
    };
    let page = demo
        .list_leads(&nothing, PageRequest::first(5))
        .await
        .unwrap();
    assert_eq!((page.total_items, page.items.len()), (0, 0));

    // Scoped on the server: alice sees only Alpine's leads.
    let alice = fake.backend_as("alice").await;
    let alpine = partner_named(&alice, "Alpine Systems").await;
    let theirs = all_leads(&alice, &LeadQuery::default()).await;
    assert!(!theirs.is_empty() && theirs.iter().all(|l| l.partner_id == Some(alpine.id)));
}

#[tokio::test]
async fn lead_detail_and_writes() {
    let fake = FakeServer::start().await;
    let alice = fake.backend_as("alice").await;
    let demo = fake.backend_as("demo").await;
    let alpine = partner_named(&alice, "Alpine Systems").await;

    let created = alice
        .create_lead(&lead_draft("Balloon telemetry", Some(alpine.id)))
        .await
        .unwrap();
    assert_eq!(created.status, LeadStatus::New);
    assert_eq!(
        created.value.unwrap().to_string(),
        "12345.67",
        "decimals exact"
    );
    assert_eq!(created.owner_id, alice.whoami().await.unwrap().id);
    let found = all_leads(
        &demo,
        &LeadQuery {
            text: Some("balloon TELEMETRY".into()),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(found.len(), 1);

    let e = alice
        .create_lead(&LeadDraft {
            title: " ".into(),
            ..lead_draft("x", None)
        })
        .await
        .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "title", "checked before sending");

    let mut draft = LeadDraft::from_lead(&created);
    draft.value = Some("99999.99".parse().unwrap());
    draft.contact_phone = Some("+33 1 23 45 67 89".into());
    let updated = alice
        .update_lead(created.id, &draft, Some(created.updated_at))
        .await
        .unwrap();
    assert_eq!(updated.value.unwrap().to_string(), "99999.99");
    assert_eq!(updated.contact_phone.as_deref(), Some("+33 1 23 45 67 89"));

    let moved = alice
        .change_lead_status(created.id, LeadStatus::Qualified, Some("budget ok"))
        .await
        .unwrap();
    assert_eq!(moved.status, LeadStatus::Qualified);
    let e = alice
        .change_lead_status(created.id, LeadStatus::Qualified, None)
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Rule(_)), "{e:?}");

    let note = alice
        .add_lead_note(created.id, "Called them")
        .await
        .unwrap();
    assert_eq!(note.content, "Called them");
    let activity = alice
        .add_lead_activity(
            created.id,
            &ActivityDraft {
                activity_type: "meeting".into(),
                subject: Some("Kick-off".into()),
                done: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(activity.done);

    let detail = alice.get_lead(created.id).await.unwrap();
    assert_eq!(detail.lead.status, LeadStatus::Qualified);
    assert_eq!(detail.notes.len(), 1);
    assert_eq!(detail.activities.len(), 1);
    assert!(detail.status_history.is_none());
}

#[tokio::test]
async fn catalogue_and_pricing() {
    let fake = FakeServer::start().await;
    let alice = fake.backend_as("alice").await;
    let active = alice.list_products(false).await.unwrap();
    let every = alice.list_products(true).await.unwrap();
    assert_eq!(active.len(), 7);
    assert_eq!(every.len(), 8);
    assert!(active
        .iter()
        .all(|p| p.is_active && !p.price_tiers.is_empty()));
    let durations = alice.list_durations().await.unwrap();
    assert_eq!(
        durations.iter().map(|d| d.months).collect::<Vec<_>>(),
        vec![1, 12, 24, 36]
    );
    for p in &active {
        let d = &durations[1];
        let q = p.price_tiers[0].min_quantity.max(1) + 2;
        let server = alice.calculate_price(p.id, q, Some(d.id)).await.unwrap();
        let local = price_line(p, q, Some(d)).unwrap();
        assert_eq!(server, local, "{}", p.name);
    }
    let e = alice
        .calculate_price(uuid::Uuid::new_v4(), 1, None)
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::NotFound(_)));
}

#[tokio::test]
async fn order_lifecycle_to_contract() {
    let fake = FakeServer::start().await;
    let alice = fake.backend_as("alice").await;
    let fiona = fake.backend_as("fiona").await;
    let demo = fake.backend_as("demo").await;
    let alpine = partner_named(&alice, "Alpine Systems").await;
    let products = alice.list_products(false).await.unwrap();
    let durations = alice.list_durations().await.unwrap();
    let object = products
        .iter()
        .find(|p| p.name == "Object Storage")
        .unwrap();
    let support = products
        .iter()
        .find(|p| p.name == "Premium Support")
        .unwrap();
    let draft = OrderDraft {
        partner_id: Some(alpine.id),
        distributor_id: None,
        lead_id: None,
        notes_internal: Some("via the API".into()),
        items: vec![
            OrderLineDraft {
                product_id: object.id,
                duration_id: durations[1].id,
                quantity: 12,
            },
            OrderLineDraft {
                product_id: support.id,
                duration_id: durations[0].id,
                quantity: 1,
            },
        ],
    };
    let created = alice.create_order(&draft).await.unwrap();
    assert_eq!(created.items.len(), 2, "lines read back after the create");
    assert_eq!(created.order.status, OrderStatus::Created);
    let lines: Vec<_> = created
        .items
        .iter()
        .map(|i| {
            let p = products.iter().find(|p| p.id == i.product_id).unwrap();
            let d = durations.iter().find(|d| d.id == i.duration_id).unwrap();
            price_line(p, i.quantity, Some(d)).unwrap()
        })
        .collect();
    let totals = pricing::order_totals(lines.iter());
    assert_eq!(created.order.total_amount, totals.total_amount);

    // Lists: server status filter; client filters by number and partner.
    let q = OrderQuery {
        text: Some(created.order.order_number.to_lowercase()),
        ..Default::default()
    };
    let found = fetch_all(100, |p| alice.list_orders(&q, p)).await.unwrap();
    assert_eq!(found.len(), 1);
    let q = OrderQuery {
        text: Some("alpine".into()),
        status: Some(OrderStatus::Created),
        ..Default::default()
    };
    let by_partner = fetch_all(100, |p| demo.list_orders(&q, p)).await.unwrap();
    assert!(by_partner.iter().any(|o| o.id == created.order.id));
    assert!(by_partner.iter().all(|o| o.status == OrderStatus::Created));

    let id = created.order.id;
    alice
        .change_order_status(id, OrderStatus::Sent, None)
        .await
        .unwrap();
    alice
        .change_order_status(id, OrderStatus::InFulfillment, Some("customer signed"))
        .await
        .unwrap();
    let e = alice
        .change_order_status(id, OrderStatus::Fulfilled, None)
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Forbidden(_)), "{e:?}");
    let done = fiona
        .change_order_status(id, OrderStatus::Fulfilled, None)
        .await
        .unwrap();
    assert!(done.fulfilled_at.is_some());

    let note = alice
        .add_order_note(
            id,
            &NoteDraft {
                content: "Pinned".into(),
                is_internal: true,
                is_pinned: true,
            },
        )
        .await
        .unwrap();
    assert!(note.is_pinned && note.order_id == Some(id));
    let quote = alice.order_quote(id).await.unwrap();
    assert_eq!(quote.order_number, created.order.order_number);
    let detail = alice.get_order(id).await.unwrap();
    assert_eq!(detail.notes.len(), 2, "the reason note and the pinned one");
    assert!(
        detail.contract.is_none(),
        "the API's detail has no contract"
    );

    let contract = fiona
        .activate_order(id, &ActivationDraft::default())
        .await
        .unwrap();
    assert_eq!(contract.order_id, Some(id));
    assert_eq!(contract.total_value, created.order.total_amount);
    let e = fiona
        .activate_order(id, &ActivationDraft::default())
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Rule(_)), "{e:?}");
}

#[tokio::test]
async fn contracts_list_detail_and_writes() {
    let fake = FakeServer::start().await;
    let demo = fake.backend_as("demo").await;
    let none = ContractQuery::default();
    let all = fetch_all(100, |p| demo.list_contracts(&none, p))
        .await
        .unwrap();
    assert_eq!(all.len(), fake.data.read().unwrap().contracts.len());
    let q = ContractQuery {
        expiring_within_days: Some(30),
        ..Default::default()
    };
    let soon = fetch_all(100, |p| demo.list_contracts(&q, p))
        .await
        .unwrap();
    let now = chrono::Utc::now();
    assert!(!soon.is_empty() && soon.iter().all(|c| c.expires_within(now, 30)));
    let page = demo
        .list_contracts(&q, PageRequest::first(2))
        .await
        .unwrap();
    assert_eq!(page.total_items, soon.len() as u64);

    let c = all
        .iter()
        .find(|c| c.status == ContractStatus::Active)
        .unwrap()
        .clone();
    let q = ContractQuery {
        text: Some(c.contract_number.clone()),
        status: Some(ContractStatus::Active),
        ..Default::default()
    };
    assert_eq!(
        fetch_all(100, |p| demo.list_contracts(&q, p))
            .await
            .unwrap()
            .len(),
        1
    );
    let detail = demo.get_contract(c.id).await.unwrap();
    assert_eq!(detail.contract, c);
    let inv = demo.contract_invoices(c.id).await.unwrap();
    assert_eq!(inv.invoices.len(), c.billing_invoices.len());
    let changed = demo
        .change_contract_status(c.id, ContractStatus::Upgraded, Some("bigger plan"))
        .await
        .unwrap();
    assert_eq!(changed.status, ContractStatus::Upgraded);
    demo.add_contract_note(
        c.id,
        &NoteDraft {
            content: "Renewal call".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let detail = demo.get_contract(c.id).await.unwrap();
    assert_eq!(detail.notes.len(), 2);
    let e = demo
        .change_contract_status(c.id, ContractStatus::Active, None)
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Rule(_)));
}

#[tokio::test]
async fn partners_distributors_and_links() {
    let fake = FakeServer::start().await;
    let demo = fake.backend_as("demo").await;
    let none = CompanyQuery::default();
    let partners = fetch_all(100, |p| demo.list_companies(CompanyKind::Partner, &none, p))
        .await
        .unwrap();
    assert_eq!(partners.len(), 6);
    let q = CompanyQuery {
        search: Some("cobalt".into()),
        is_active: Some(true),
    };
    let hits = demo
        .list_companies(CompanyKind::Partner, &q, PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(hits.items.len(), 1);
    assert_eq!(hits.items[0].name, "Cobalt IT");
    let dists = demo
        .list_companies(
            CompanyKind::Distributor,
            &CompanyQuery::default(),
            PageRequest::first(10),
        )
        .await
        .unwrap();
    assert_eq!(dists.total_items, 2);
    let nordic = dists
        .items
        .iter()
        .find(|d| d.name.starts_with("Nordic"))
        .unwrap()
        .clone();
    assert_eq!(
        demo.get_company(CompanyKind::Distributor, nordic.id)
            .await
            .unwrap(),
        nordic
    );

    let created = demo
        .create_company(
            CompanyKind::Partner,
            &CompanyDraft {
                name: "Glacier Data".into(),
                email: Some("hello@glacier.example".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut draft = CompanyDraft::from_company(&created);
    draft.city = Some("Annecy".into());
    let updated = demo
        .update_company(CompanyKind::Partner, created.id, &draft, None)
        .await
        .unwrap();
    assert_eq!(updated.city.as_deref(), Some("Annecy"));

    let active = demo.distributor_partners(nordic.id, true).await.unwrap();
    let every = demo.distributor_partners(nordic.id, false).await.unwrap();
    assert!(active.iter().all(|l| l.is_active));
    assert!(every.len() >= active.len());
    let link = demo
        .link_partner(nordic.id, created.id, Some("new reseller"))
        .await
        .unwrap();
    assert_eq!(link.partner.name, "Glacier Data");
    assert_eq!(
        demo.distributor_partners(nordic.id, true)
            .await
            .unwrap()
            .len(),
        active.len() + 1
    );

    demo.delete_company(CompanyKind::Partner, created.id)
        .await
        .unwrap();
    let e = demo
        .get_company(CompanyKind::Partner, created.id)
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::NotFound(_)));

    let alice = fake.backend_as("alice").await;
    let e = alice
        .create_company(
            CompanyKind::Partner,
            &CompanyDraft {
                name: "Not allowed".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Forbidden(_)));
}

#[tokio::test]
async fn users_admin() {
    let fake = FakeServer::start().await;
    let demo = fake.backend_as("demo").await;
    let none = UserQuery::default();
    let all = fetch_all(100, |p| demo.list_users(&none, p)).await.unwrap();
    assert_eq!(all.len(), 12);
    let q = UserQuery {
        role: Some(UserRole::Distributor),
        ..Default::default()
    };
    let dists = demo.list_users(&q, PageRequest::first(50)).await.unwrap();
    assert!(dists.items.iter().all(|u| u.role == UserRole::Distributor));
    assert_eq!(dists.total_items, 3);
    let alpine = partner_named(&demo, "Alpine Systems").await;
    let q = UserQuery {
        partner_id: Some(alpine.id),
        ..Default::default()
    };
    let alpine_users = demo.list_users(&q, PageRequest::first(50)).await.unwrap();
    assert_eq!(alpine_users.total_items, 1, "client-side company filter");
    let q = UserQuery {
        is_enabled: Some(false),
        ..Default::default()
    };
    let disabled = demo.list_users(&q, PageRequest::first(50)).await.unwrap();
    assert_eq!(disabled.items[0].username.as_deref(), Some("fanny"));

    let bob = all
        .iter()
        .find(|u| u.username.as_deref() == Some("bob"))
        .unwrap();
    let off = demo
        .set_user_enabled(bob.id, false, Some("left"), None)
        .await
        .unwrap();
    assert!(!off.is_enabled);
    assert!(
        fake.try_backend_as("bob").await.is_err(),
        "bob can no longer sign in"
    );
    demo.set_user_enabled(bob.id, true, None, None)
        .await
        .unwrap();
    let role = demo
        .set_user_role(bob.id, UserRole::Fulfiller, None, None)
        .await
        .unwrap();
    assert_eq!(role.role, UserRole::Fulfiller);
    let nordic = demo
        .list_companies(
            CompanyKind::Distributor,
            &CompanyQuery::default(),
            PageRequest::first(10),
        )
        .await
        .unwrap()
        .items[0]
        .clone();
    let moved = demo
        .set_user_company(
            bob.id,
            CompanyAssignment {
                partner_id: None,
                distributor_id: Some(nordic.id),
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        (moved.partner_id, moved.distributor_id),
        (None, Some(nordic.id))
    );
    let cleared = demo
        .set_user_company(bob.id, CompanyAssignment::default(), None)
        .await
        .unwrap();
    assert_eq!((cleared.partner_id, cleared.distributor_id), (None, None));
}
