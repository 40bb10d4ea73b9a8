//! The catalogue, pricing and the orders tab: list, detail, create (priced as
//! the domain prices, all or nothing), the status machine with its roles,
//! notes, quotes and activation into a contract.

use super::*;
use tentabo::domain::pricing::{self, PricingError};

pub async fn check_catalogue(f: &impl Fixture) {
    let b = f.backend_as("alice").await;
    let active = ok!(b.list_products(false).await);
    assert!(!active.is_empty());
    assert!(active.iter().all(|p| p.is_active), "inactive excluded");
    for p in &active {
        assert!(!p.price_tiers.is_empty(), "{} has tiers", p.name);
        assert!(p.price_tiers.iter().all(|t| t.product_id == p.id));
        assert!(p
            .price_tiers
            .iter()
            .all(|t| t.max_quantity.is_none_or(|m| m >= t.min_quantity)));
    }
    assert!(active.iter().all(|p| p.name != "Legacy Tape Bridge"));
    let names: HashSet<&str> = active.iter().map(|p| p.name.as_str()).collect();
    for n in [
        "Object Storage",
        "Backup Vault",
        "Archive Cold Tier",
        "Premium Support",
    ] {
        assert!(names.contains(n), "{n} offered");
    }

    let all = ok!(b.list_products(true).await);
    let legacy = all
        .iter()
        .find(|p| p.name == "Legacy Tape Bridge")
        .expect("the inactive product is listed on request");
    assert!(!legacy.is_active);
    for p in &active {
        assert!(
            all.iter().any(|q| q.id == p.id),
            "{} in the full list",
            p.name
        );
    }

    let durations = ok!(b.list_durations().await);
    assert_eq!(durations.len(), 4);
    let mut months: Vec<i32> = durations.iter().map(|d| d.months).collect();
    months.sort();
    assert_eq!(months, vec![1, 12, 24, 36]);
    assert_eq!(duration(&durations, 1).discount_percentage, Decimal::ZERO);
    assert!(durations
        .iter()
        .all(|d| d.discount_percentage >= Decimal::ZERO && d.discount_percentage < dec("100")));
}

pub async fn check_calculate_price_matches_domain(f: &impl Fixture) {
    let b = f.backend_as("bob").await;
    let (products, durations) = catalogue(&b).await;
    let mut durs: Vec<Option<&Duration>> = vec![None];
    durs.extend(durations.iter().map(Some));
    let mut priced = 0;
    for p in &products {
        let mut quantities = vec![0i64];
        for t in &p.price_tiers {
            quantities.extend([t.min_quantity - 1, t.min_quantity, t.min_quantity + 7]);
            if let Some(max) = t.max_quantity {
                quantities.extend([max, max + 1]);
            }
        }
        quantities.sort();
        quantities.dedup();
        for q in quantities.into_iter().filter(|q| *q >= 0) {
            for d in &durs {
                let want = pricing::price_line(p, q, *d);
                let got = b.calculate_price(p.id, q, d.map(|d| d.id)).await;
                match (want, got) {
                    (Ok(w), Ok(g)) => {
                        assert_eq!(g, w, "{} × {q}", p.name);
                        priced += 1;
                    }
                    (Err(PricingError::BadQuantity(_)), Err(e)) => assert!(
                        matches!(e, BackendError::Rule(_) | BackendError::Validation { .. }),
                        "{} × {q}: {e:?}",
                        p.name
                    ),
                    (Err(_), Err(e)) => {
                        assert!(
                            matches!(e, BackendError::Rule(_)),
                            "{} × {q}: {e:?}",
                            p.name
                        )
                    }
                    other => panic!("{} × {q}: domain and backend disagree: {other:?}", p.name),
                }
            }
        }
    }
    assert!(priced > 50, "priced {priced} lines");

    // An inactive product cannot be priced, an unknown one is not found.
    let legacy = ok!(b.list_products(true).await)
        .into_iter()
        .find(|p| !p.is_active)
        .expect("an inactive product");
    expect_err!(
        b.calculate_price(legacy.id, 1, None).await,
        BackendError::Rule(_)
    );
    expect_err!(
        b.calculate_price(uuid::Uuid::new_v4(), 1, None).await,
        BackendError::NotFound(_)
    );
}

pub async fn check_order_paging_and_filters(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let q = OrderQuery::default();
    let ids = assert_paging("orders", 9, |p| demo.list_orders(&q, p), |o| o.id).await;
    assert!(!ids.is_empty());
    let all = all_orders(&demo, &q).await;
    assert_eq!(all.len(), ids.len());

    let mut sum = 0;
    for s in OrderStatus::ALL {
        let q = OrderQuery {
            status: Some(*s),
            ..Default::default()
        };
        let rows = all_orders(&demo, &q).await;
        assert!(rows.iter().all(|o| o.status == *s), "status filter {s}");
        assert_eq!(rows.len(), all.iter().filter(|o| o.status == *s).count());
        sum += rows.len();
    }
    assert_eq!(sum, all.len());

    let alpine = partner(&demo, "Alpine Systems").await;
    let q = OrderQuery {
        partner_id: Some(alpine.id),
        ..Default::default()
    };
    let rows = all_orders(&demo, &q).await;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|o| o.partner_id == Some(alpine.id)));
    assert_eq!(
        rows.len(),
        all.iter()
            .filter(|o| o.partner_id == Some(alpine.id))
            .count()
    );

    let first = &all[0];
    let q = OrderQuery {
        text: Some(first.order_number.to_lowercase()),
        ..Default::default()
    };
    let hits = all_orders(&demo, &q).await;
    assert!(hits.iter().any(|o| o.id == first.id), "found by number");

    if let Some(with_lead) = all.iter().find(|o| o.lead_id.is_some()) {
        let q = OrderQuery {
            lead_id: with_lead.lead_id,
            ..Default::default()
        };
        let rows = all_orders(&demo, &q).await;
        assert!(rows.iter().any(|o| o.id == with_lead.id));
        assert!(rows.iter().all(|o| o.lead_id == with_lead.lead_id));
    }
}

pub async fn check_order_detail(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let page = ok!(demo
        .list_orders(&OrderQuery::default(), PageRequest::first(15))
        .await);
    let months = [1, 12, 24, 36];
    for listed in &page.items {
        let d = ok!(demo.get_order(listed.id).await);
        assert_eq!(&d.order, listed, "detail and list agree");
        assert!(!d.items.is_empty(), "{} has lines", listed.order_number);
        assert!(d.items.iter().all(|i| i.order_id == listed.id));
        assert!(d.items.iter().all(|i| months.contains(&i.duration_months)));
        assert!(d.items.iter().all(|i| !i.product_name.is_empty()));
        let subtotal: Decimal = d.items.iter().map(|i| i.subtotal).sum();
        let discount: Decimal = d.items.iter().map(|i| i.discount_amount).sum();
        assert_eq!(subtotal, listed.subtotal, "{}", listed.order_number);
        assert_eq!(discount, listed.discount_amount, "{}", listed.order_number);
        assert_eq!(
            listed.total_amount,
            listed.subtotal - listed.discount_amount + listed.tax_amount
        );
        assert!(d
            .notes
            .iter()
            .all(|n| n.order_id.is_none_or(|o| o == listed.id)));
        if let Some(c) = &d.contract {
            assert_eq!(c.order_id, Some(listed.id));
        }
    }
    expect_err!(
        demo.get_order(uuid::Uuid::new_v4()).await,
        BackendError::NotFound(_)
    );
}

pub async fn check_create_order_totals(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let alice_me = me(&alice).await;
    let alpine = partner(&alice, "Alpine Systems").await;
    let lead = first_lead(&alice, &LeadQuery::default()).await;
    let (products, durations) = catalogue(&alice).await;
    let lines = [
        ("Object Storage", 12, 12),
        ("Backup Vault", 3, 1),
        ("M365 Protection", 150, 36),
        ("Endpoint Backup", 25, 24),
    ];
    let draft = OrderDraft {
        partner_id: Some(alpine.id),
        distributor_id: None,
        lead_id: Some(lead.id),
        notes_internal: Some("Suite order".into()),
        items: lines
            .iter()
            .map(|(name, qty, months)| OrderLineDraft {
                product_id: product(&products, name).id,
                duration_id: duration(&durations, *months).id,
                quantity: *qty,
            })
            .collect(),
    };
    let expected: Vec<PriceCalculation> = lines
        .iter()
        .map(|(name, qty, months)| {
            pricing::price_order_line(
                product(&products, name),
                *qty,
                Some(duration(&durations, *months)),
            )
            .expect("priceable")
        })
        .collect();
    let totals = pricing::order_totals(expected.iter());

    let d = ok!(alice.create_order(&draft).await);
    let o = &d.order;
    assert_eq!(o.status, OrderStatus::Created);
    assert_eq!(o.partner_id, Some(alpine.id));
    assert_eq!(o.distributor_id, None);
    assert_eq!(o.lead_id, Some(lead.id));
    assert_eq!(o.created_by, alice_me.id);
    assert_eq!(o.notes_internal.as_deref(), Some("Suite order"));
    assert!(o.order_number.starts_with("ORD-"), "{}", o.order_number);
    assert_eq!(o.subtotal, totals.subtotal);
    assert_eq!(o.discount_amount, totals.discount_amount);
    assert_eq!(o.tax_amount, totals.tax_amount);
    assert_eq!(o.total_amount, totals.total_amount);
    assert_eq!(
        o.total_amount,
        expected.iter().map(|c| c.total).sum::<Decimal>()
    );
    assert!(o.sent_at.is_none() && o.fulfilled_at.is_none() && o.cancelled_at.is_none());

    assert_eq!(d.items.len(), lines.len());
    for ((name, qty, months), want) in lines.iter().zip(&expected) {
        let p = product(&products, name);
        let item = d
            .items
            .iter()
            .find(|i| i.product_id == p.id)
            .unwrap_or_else(|| panic!("a line for {name}"));
        assert_eq!(item.order_id, o.id);
        assert_eq!(item.duration_id, duration(&durations, *months).id);
        assert_eq!(item.quantity, *qty);
        assert_eq!(item.unit_price, want.unit_price, "{name}");
        assert_eq!(item.discount_percentage, want.discount_percentage, "{name}");
        assert_eq!(item.subtotal, want.subtotal, "{name}");
        assert_eq!(item.discount_amount, want.discount_amount, "{name}");
        assert_eq!(item.total, want.total, "{name}");
        assert_eq!(item.product_name, p.name);
        assert_eq!(item.product_unit, p.unit);
        assert_eq!(item.duration_months, *months);
    }

    // Read back, listed, found by its lead.
    let again = ok!(alice.get_order(o.id).await);
    assert_eq!(&again.order, o);
    assert_eq!(again.items.len(), d.items.len());
    assert!(again.contract.is_none());
    let q = OrderQuery {
        lead_id: Some(lead.id),
        ..Default::default()
    };
    assert!(all_orders(&alice, &q).await.iter().any(|x| x.id == o.id));
    let demo = f.backend_as("demo").await;
    assert_eq!(&ok!(demo.get_order(o.id).await).order, o);
}

pub async fn check_create_order_is_atomic(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let alpine = partner(&alice, "Alpine Systems").await;
    let (products, durations) = catalogue(&alice).await;
    let all_products = ok!(alice.list_products(true).await);
    let legacy = all_products
        .iter()
        .find(|p| p.name == "Legacy Tape Bridge")
        .expect("inactive product");
    let cold = product(&products, "Archive Cold Tier");
    let below_tiers = cold
        .price_tiers
        .iter()
        .map(|t| t.min_quantity)
        .min()
        .expect("tiers")
        - 1;
    assert!(below_tiers >= 1, "the cold tier starts above 1");
    let good = OrderLineDraft {
        product_id: product(&products, "Object Storage").id,
        duration_id: duration(&durations, 12).id,
        quantity: 5,
    };
    let before_all = order_total(&demo, &OrderQuery::default()).await;
    let before_mine = order_total(&alice, &OrderQuery::default()).await;

    // A good line, then one with no tier for its quantity.
    let draft = OrderDraft {
        partner_id: Some(alpine.id),
        items: vec![
            good.clone(),
            OrderLineDraft {
                product_id: cold.id,
                duration_id: duration(&durations, 1).id,
                quantity: below_tiers,
            },
        ],
        ..Default::default()
    };
    expect_err!(alice.create_order(&draft).await, BackendError::Rule(_));

    // An inactive product.
    let draft = OrderDraft {
        partner_id: Some(alpine.id),
        items: vec![
            good.clone(),
            OrderLineDraft {
                product_id: legacy.id,
                duration_id: duration(&durations, 1).id,
                quantity: 1,
            },
        ],
        ..Default::default()
    };
    expect_err!(alice.create_order(&draft).await, BackendError::Rule(_));

    // No lines at all.
    let draft = OrderDraft {
        partner_id: Some(alpine.id),
        ..Default::default()
    };
    expect_err!(
        alice.create_order(&draft).await,
        BackendError::Rule(_) | BackendError::Validation { .. }
    );

    assert_eq!(
        order_total(&demo, &OrderQuery::default()).await,
        before_all,
        "nothing created"
    );
    assert_eq!(
        order_total(&alice, &OrderQuery::default()).await,
        before_mine
    );

    // The good line alone goes through.
    let draft = OrderDraft {
        partner_id: Some(alpine.id),
        items: vec![good],
        ..Default::default()
    };
    ok!(alice.create_order(&draft).await);
    assert_eq!(
        order_total(&demo, &OrderQuery::default()).await,
        before_all + 1
    );
}

pub async fn check_order_status_machine(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let fiona = f.backend_as("fiona").await;
    let o = alpine_order(f).await.order;
    assert_eq!(o.status, OrderStatus::Created);

    // Skipping steps is refused, for everyone.
    for to in [OrderStatus::InFulfillment, OrderStatus::Fulfilled] {
        expect_err!(
            demo.change_order_status(o.id, to, None).await,
            BackendError::Rule(_)
        );
    }
    // A partner user cannot cancel.
    expect_err!(
        alice
            .change_order_status(o.id, OrderStatus::Cancelled, None)
            .await,
        BackendError::Forbidden(_)
    );
    assert_eq!(
        ok!(demo.get_order(o.id).await).order.status,
        OrderStatus::Created
    );

    let sent = ok!(alice
        .change_order_status(o.id, OrderStatus::Sent, None)
        .await);
    assert_eq!(sent.status, OrderStatus::Sent);
    assert!(sent.sent_at.is_some());
    // A fulfiller cannot cancel either.
    expect_err!(
        fiona
            .change_order_status(o.id, OrderStatus::Cancelled, None)
            .await,
        BackendError::Forbidden(_)
    );
    expect_err!(
        alice
            .change_order_status(o.id, OrderStatus::Sent, None)
            .await,
        BackendError::Rule(_)
    );
    let inf = ok!(alice
        .change_order_status(o.id, OrderStatus::InFulfillment, None)
        .await);
    assert_eq!(inf.status, OrderStatus::InFulfillment);
    // A partner user cannot fulfil.
    expect_err!(
        alice
            .change_order_status(o.id, OrderStatus::Fulfilled, None)
            .await,
        BackendError::Forbidden(_)
    );
    assert_eq!(
        ok!(demo.get_order(o.id).await).order.status,
        OrderStatus::InFulfillment
    );
    let done = ok!(fiona
        .change_order_status(o.id, OrderStatus::Fulfilled, None)
        .await);
    assert_eq!(done.status, OrderStatus::Fulfilled);
    assert!(done.fulfilled_at.is_some());
    assert!(done.cancelled_at.is_none());

    // Fulfilled is final.
    for to in OrderStatus::ALL {
        expect_err!(
            demo.change_order_status(o.id, *to, None).await,
            BackendError::Rule(_)
        );
    }
    let read = ok!(alice.get_order(o.id).await).order;
    assert_eq!(read.status, OrderStatus::Fulfilled);
    let q = OrderQuery {
        status: Some(OrderStatus::Fulfilled),
        ..Default::default()
    };
    assert!(all_orders(&alice, &q).await.iter().any(|x| x.id == o.id));
}

pub async fn check_order_cancel(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let admin = f.backend_as("admin").await;
    // From each cancellable state, an admin cancels.
    for steps in 0..3 {
        let o = alpine_order(f).await.order;
        let path = [OrderStatus::Sent, OrderStatus::InFulfillment];
        for to in &path[..steps] {
            ok!(demo.change_order_status(o.id, *to, None).await);
        }
        let who = if steps == 1 { &admin } else { &demo };
        let c = ok!(who
            .change_order_status(o.id, OrderStatus::Cancelled, None)
            .await);
        assert_eq!(c.status, OrderStatus::Cancelled);
        assert!(c.cancelled_at.is_some());
        // Cancelled is final.
        for to in OrderStatus::ALL {
            expect_err!(
                demo.change_order_status(o.id, *to, None).await,
                BackendError::Rule(_)
            );
        }
        // And cannot be activated.
        let fiona = f.backend_as("fiona").await;
        expect_err!(
            fiona
                .activate_order(o.id, &ActivationDraft::default())
                .await,
            BackendError::Rule(_)
        );
    }
}

pub async fn check_order_status_reason_adds_note(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let o = alpine_order(f).await.order;
    let before = ok!(demo.get_order(o.id).await).notes.len();

    let reason = "Customer signed the quote";
    ok!(demo
        .change_order_status(o.id, OrderStatus::Sent, Some(reason))
        .await);
    let d = ok!(demo.get_order(o.id).await);
    assert_eq!(d.notes.len(), before + 1, "one note for the reason");
    let note = d
        .notes
        .iter()
        .find(|n| n.content.contains(reason))
        .expect("the reason is in a note");
    assert!(note.is_internal, "the reason note is internal");
    assert_eq!(note.created_by, me(&demo).await.id);

    // Without a reason, no note.
    ok!(demo
        .change_order_status(o.id, OrderStatus::InFulfillment, None)
        .await);
    assert_eq!(ok!(demo.get_order(o.id).await).notes.len(), before + 1);
}

pub async fn check_order_note(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let alice_me = me(&alice).await;
    let o = first_order(&alice).await;
    let before = ok!(alice.get_order(o.id).await).notes.len();
    let draft = NoteDraft {
        content: "Partner confirmed the quantities.".into(),
        is_internal: false,
        is_pinned: true,
    };
    let n = ok!(alice.add_order_note(o.id, &draft).await);
    assert_eq!(n.content, draft.content);
    assert!(n.is_pinned && !n.is_internal);
    assert_eq!(n.created_by, alice_me.id);
    if let Some(oid) = n.order_id {
        assert_eq!(oid, o.id);
    }
    let d = ok!(alice.get_order(o.id).await);
    assert_eq!(d.notes.len(), before + 1);
    let got = d.notes.iter().find(|x| x.id == n.id).expect("note listed");
    assert_eq!(got.content, draft.content);
    assert!(got.is_pinned);

    let err = expect_err!(
        alice
            .add_order_note(
                o.id,
                &NoteDraft {
                    content: " ".into(),
                    ..Default::default()
                },
            )
            .await,
        BackendError::Validation { .. }
    );
    assert!(err.field_errors().iter().any(|e| e.field == "content"));
    assert_eq!(ok!(alice.get_order(o.id).await).notes.len(), before + 1);
}

pub async fn check_order_quote(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let o = first_order(&alice).await;
    let q = ok!(alice.order_quote(o.id).await);
    assert_eq!(q.order_id, o.id);
    assert_eq!(q.order_number, o.order_number);
    assert!(!q.provider.is_empty());
}

pub async fn check_activate_order(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let fiona = f.backend_as("fiona").await;
    let created = alpine_order(f).await.order;

    // Not before it is fulfilled.
    expect_err!(
        fiona
            .activate_order(created.id, &ActivationDraft::default())
            .await,
        BackendError::Rule(_)
    );
    let order = fulfil(f, created.id).await;
    // Not by a partner user.
    expect_err!(
        alice
            .activate_order(order.id, &ActivationDraft::default())
            .await,
        BackendError::Forbidden(_)
    );
    let before = contract_total(&alice, &ContractQuery::default()).await;

    let c = ok!(fiona
        .activate_order(
            order.id,
            &ActivationDraft {
                activation_date: None,
                expiration_date: None,
                notes_internal: Some("Activated by the suite".into()),
            },
        )
        .await);
    assert_eq!(c.status, ContractStatus::Active);
    assert_eq!(c.order_id, Some(order.id));
    assert_eq!(c.total_value, order.total_amount);
    assert_eq!(c.partner_id, order.partner_id);
    assert_eq!(c.distributor_id, order.distributor_id);
    assert!(
        c.contract_number.starts_with("CNT-"),
        "{}",
        c.contract_number
    );
    assert!(c.cancelled_at.is_none());

    // Once only.
    expect_err!(
        fiona
            .activate_order(order.id, &ActivationDraft::default())
            .await,
        BackendError::Rule(_)
    );
    assert_eq!(
        contract_total(&alice, &ContractQuery::default()).await,
        before + 1
    );

    // The partner sees it; the order knows it where the backend tells.
    let d = ok!(alice.get_contract(c.id).await);
    assert_eq!(d.contract.id, c.id);
    assert_eq!(d.contract.total_value, order.total_amount);
    let listed = all_contracts(&alice, &ContractQuery::default()).await;
    assert!(listed.iter().any(|x| x.id == c.id));
    if let Some(linked) = ok!(alice.get_order(order.id).await).contract {
        assert_eq!(linked.id, c.id);
    }
}

/// The first order `b` lists.
pub async fn first_order(b: &B) -> Order {
    ok!(b
        .list_orders(&OrderQuery::default(), PageRequest::first(1))
        .await)
    .items
    .into_iter()
    .next()
    .expect("an order")
}
