//! Who sees what: partner users their partner's records, distributor users
//! their distributor's and its actively linked partners, restricted admins
//! no records, admins and fulfillers everything.

use super::*;

pub async fn check_partner_scoping(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let alpine = partner(&demo, "Alpine Systems").await;

    let leads = all_leads(&alice, &LeadQuery::default()).await;
    assert!(!leads.is_empty());
    assert!(leads.iter().all(|l| l.partner_id == Some(alpine.id)));
    let q = LeadQuery {
        partner_id: Some(alpine.id),
        ..Default::default()
    };
    assert_eq!(
        leads.len(),
        all_leads(&demo, &q).await.len(),
        "alice sees every Alpine lead"
    );
    assert_eq!(
        lead_total(&alice, &LeadQuery::default()).await,
        leads.len() as u64
    );

    let orders = all_orders(&alice, &OrderQuery::default()).await;
    assert!(!orders.is_empty());
    assert!(orders.iter().all(|o| o.partner_id == Some(alpine.id)));
    let contracts = all_contracts(&alice, &ContractQuery::default()).await;
    assert!(!contracts.is_empty());
    assert!(contracts.iter().all(|c| c.partner_id == Some(alpine.id)));

    // Asking for another partner's records gives nothing.
    let brume = partner(&demo, "Brume Informatique").await;
    let q = LeadQuery {
        partner_id: Some(brume.id),
        ..Default::default()
    };
    assert!(all_leads(&alice, &q).await.is_empty());

    // Its own partner, and only the distributors it is actively linked to.
    let ps = all_companies(&alice, CompanyKind::Partner, &CompanyQuery::default()).await;
    assert_eq!(
        ps.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        vec!["Alpine Systems"]
    );
    let ds = all_companies(&alice, CompanyKind::Distributor, &CompanyQuery::default()).await;
    assert_eq!(
        ds.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        vec!["Nordic Channel Distribution"],
        "the Sud-Ouest link has ended"
    );
    expect_err!(
        alice.get_company(CompanyKind::Partner, brume.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
}

pub async fn check_partner_cannot_touch_other_partners_lead(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let theirs = first_lead_of(f, "Brume Informatique").await;
    let before = ok!(demo.get_lead(theirs.id).await);

    expect_err!(
        alice.get_lead(theirs.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    let other = if theirs.status == LeadStatus::Won {
        LeadStatus::Lost
    } else {
        LeadStatus::Won
    };
    expect_err!(
        alice
            .change_lead_status(theirs.id, other, Some("mine now"))
            .await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    expect_err!(
        alice.add_lead_note(theirs.id, "Sneaky note").await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    expect_err!(
        alice
            .add_lead_activity(
                theirs.id,
                &ActivityDraft {
                    activity_type: "call".into(),
                    subject: Some("Sneaky call".into()),
                    ..Default::default()
                },
            )
            .await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    let mut d = LeadDraft::from_lead(&theirs);
    d.title = "Taken over".into();
    expect_err!(
        alice
            .update_lead(theirs.id, &d, Some(theirs.updated_at))
            .await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );

    let after = ok!(demo.get_lead(theirs.id).await);
    assert_eq!(after.lead, before.lead, "unchanged");
    assert_eq!(after.notes, before.notes);
    assert_eq!(after.activities, before.activities);
    assert_eq!(after.status_history, before.status_history);

    // Nor move its own lead to another partner.
    let mine = first_lead(&alice, &LeadQuery::default()).await;
    let brume = partner(&demo, "Brume Informatique").await;
    let mut d = LeadDraft::from_lead(&mine);
    d.partner_id = Some(brume.id);
    expect_err!(
        alice.update_lead(mine.id, &d, Some(mine.updated_at)).await,
        BackendError::Forbidden(_)
    );
    assert_eq!(ok!(demo.get_lead(mine.id).await).lead, mine);
    // Nor create one for another partner.
    let mut d = LeadDraft::from_lead(&mine);
    d.title = "For Brume".into();
    d.status = None;
    d.partner_id = Some(brume.id);
    expect_err!(alice.create_lead(&d).await, BackendError::Forbidden(_));
}

pub async fn check_partner_cannot_touch_other_partners_order(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let alpine = partner(&demo, "Alpine Systems").await;
    let orders = all_orders(&demo, &OrderQuery::default()).await;
    let theirs = orders
        .iter()
        .find(|o| o.partner_id != Some(alpine.id) && o.status == OrderStatus::Created)
        .or_else(|| orders.iter().find(|o| o.partner_id != Some(alpine.id)))
        .expect("an order of another partner");
    let before = ok!(demo.get_order(theirs.id).await);
    expect_err!(
        alice.get_order(theirs.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    expect_err!(
        alice
            .change_order_status(theirs.id, OrderStatus::Sent, None)
            .await,
        BackendError::Forbidden(_) | BackendError::NotFound(_) | BackendError::Rule(_)
    );
    expect_err!(
        alice
            .add_order_note(
                theirs.id,
                &NoteDraft {
                    content: "Sneaky".into(),
                    ..Default::default()
                },
            )
            .await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    expect_err!(
        alice.order_quote(theirs.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    let after = ok!(demo.get_order(theirs.id).await);
    assert_eq!(after.order, before.order);
    assert_eq!(after.notes, before.notes);

    // Nor order for another partner.
    let brume = partner(&demo, "Brume Informatique").await;
    let (products, durations) = catalogue(&alice).await;
    let before_total = order_total(&demo, &OrderQuery::default()).await;
    expect_err!(
        alice
            .create_order(&OrderDraft {
                partner_id: Some(brume.id),
                items: vec![OrderLineDraft {
                    product_id: product(&products, "Object Storage").id,
                    duration_id: duration(&durations, 1).id,
                    quantity: 1,
                }],
                ..Default::default()
            })
            .await,
        BackendError::Forbidden(_)
    );
    assert_eq!(
        order_total(&demo, &OrderQuery::default()).await,
        before_total
    );

    // Contracts of another partner are out of reach too.
    let theirs = all_contracts(&demo, &ContractQuery::default())
        .await
        .into_iter()
        .find(|c| c.partner_id != Some(alpine.id))
        .expect("a contract of another partner");
    expect_err!(
        alice.get_contract(theirs.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    expect_err!(
        alice
            .add_contract_note(
                theirs.id,
                &NoteDraft {
                    content: "Sneaky".into(),
                    ..Default::default()
                },
            )
            .await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
}

pub async fn check_distributor_scoping(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let carol = f.backend_as("carol").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;

    let leads = all_leads(&carol, &LeadQuery::default()).await;
    assert!(!leads.is_empty());
    assert!(leads.iter().all(|l| l.distributor_id == Some(nordic.id)));
    let everything = all_leads(&demo, &LeadQuery::default()).await;
    assert_eq!(
        leads.len(),
        everything
            .iter()
            .filter(|l| l.distributor_id == Some(nordic.id))
            .count(),
        "carol sees every Nordic lead"
    );
    let orders = all_orders(&carol, &OrderQuery::default()).await;
    assert!(!orders.is_empty());
    assert!(orders.iter().all(|o| o.distributor_id == Some(nordic.id)));
    let contracts = all_contracts(&carol, &ContractQuery::default()).await;
    assert!(!contracts.is_empty());
    assert!(contracts
        .iter()
        .all(|c| c.distributor_id == Some(nordic.id)));

    // Its actively linked partners only, and itself.
    let ps = all_companies(&carol, CompanyKind::Partner, &CompanyQuery::default()).await;
    let names: HashSet<&str> = ps.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        HashSet::from(["Alpine Systems", "Brume Informatique", "Cobalt IT"])
    );
    let ds = all_companies(&carol, CompanyKind::Distributor, &CompanyQuery::default()).await;
    assert_eq!(ds.iter().map(|c| c.id).collect::<Vec<_>>(), vec![nordic.id]);

    // Sud-Ouest's ended link to Alpine does not count for dave.
    let dave = f.backend_as("dave").await;
    let ps = all_companies(&dave, CompanyKind::Partner, &CompanyQuery::default()).await;
    let names: HashSet<&str> = ps.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        HashSet::from(["Cobalt IT", "Delta Réseaux", "Écume Cloud"])
    );
    let sud = distributor(&demo, "Sud-Ouest Distribution").await;
    let dave_leads = all_leads(&dave, &LeadQuery::default()).await;
    assert!(dave_leads.iter().all(|l| l.distributor_id == Some(sud.id)));
    assert!(leads
        .iter()
        .all(|l| dave_leads.iter().all(|d| d.id != l.id)));

    // A colleague at the same distributor sees the same.
    let gus = f.backend_as("gus").await;
    assert_eq!(
        lead_total(&gus, &LeadQuery::default()).await,
        leads.len() as u64
    );

    // A Sud-Ouest lead is out of carol's reach.
    let theirs = dave_leads.first().expect("Sud-Ouest has leads");
    expect_err!(
        carol.get_lead(theirs.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    expect_err!(
        carol.add_lead_note(theirs.id, "Sneaky").await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    assert_eq!(
        ok!(demo.get_lead(theirs.id).await).notes.len(),
        ok!(dave.get_lead(theirs.id).await).notes.len()
    );
}

pub async fn check_restricted_admin_sees_no_records(f: &impl Fixture) {
    let ralph = f.backend_as("ralph").await;
    assert_eq!(lead_total(&ralph, &LeadQuery::default()).await, 0);
    assert!(all_leads(&ralph, &LeadQuery::default()).await.is_empty());
    assert_eq!(order_total(&ralph, &OrderQuery::default()).await, 0);
    assert_eq!(contract_total(&ralph, &ContractQuery::default()).await, 0);
    let lead = first_lead_of(f, "Alpine Systems").await;
    expect_err!(
        ralph.get_lead(lead.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    // But it administers users.
    assert_eq!(all_users(&ralph, &UserQuery::default()).await.len(), 12);
}

pub async fn check_fulfiller_and_admin_account_see_all(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let leads = lead_total(&demo, &LeadQuery::default()).await;
    let orders = order_total(&demo, &OrderQuery::default()).await;
    let contracts = contract_total(&demo, &ContractQuery::default()).await;
    assert!(leads > 0 && orders > 0 && contracts > 0);
    // Everything, including records without a distributor.
    assert!(all_leads(&demo, &LeadQuery::default())
        .await
        .iter()
        .any(|l| l.distributor_id.is_none()));
    for who in ["fiona", "admin"] {
        let b = f.backend_as(who).await;
        assert_eq!(lead_total(&b, &LeadQuery::default()).await, leads, "{who}");
        assert_eq!(
            order_total(&b, &OrderQuery::default()).await,
            orders,
            "{who}"
        );
        assert_eq!(
            contract_total(&b, &ContractQuery::default()).await,
            contracts,
            "{who}"
        );
        let ps = all_companies(&b, CompanyKind::Partner, &CompanyQuery::default()).await;
        assert_eq!(ps.len(), 6, "{who}");
    }
    // The fulfiller reads any lead.
    let fiona = f.backend_as("fiona").await;
    let lead = first_lead_of(f, "Écume Cloud").await;
    assert_eq!(ok!(fiona.get_lead(lead.id).await).lead, lead);
}
