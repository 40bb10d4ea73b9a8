//! Scoping on writes as on reads: records point only at companies their
//! writer sees, leads go only to users of the writer's scope who would see
//! them, and the acting user is read again on every call, so a disabled
//! or moved user loses access at once.
//!
//! The real server checks none of the company rules on lead and order
//! writes (its lead endpoints have no tenant check at all), has no
//! reassignment endpoint, and lets a restricted admin link companies it
//! cannot see; the fake server applies the demo's rules instead. It does
//! read the user on every request, as the real server does.

use super::*;

fn lead_for(title: &str, partner_id: Option<Id>, distributor_id: Option<Id>) -> LeadDraft {
    LeadDraft {
        title: title.into(),
        organization: "Zephyr Ballooning".into(),
        contact_name: "Zoé Zéphyr".into(),
        currency: "EUR".into(),
        partner_id,
        distributor_id,
        ..Default::default()
    }
}

pub async fn check_partner_attaches_only_linked_distributors(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let alpine = partner(&demo, "Alpine Systems").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let sud = distributor(&demo, "Sud-Ouest Distribution").await;
    let before = lead_total(&demo, &LeadQuery::default()).await;

    // Sud-Ouest's link to Alpine has ended: not Alpine's to use.
    let d = lead_for("Via Sud-Ouest", Some(alpine.id), Some(sud.id));
    expect_err!(alice.create_lead(&d).await, BackendError::Forbidden(_));
    assert_eq!(lead_total(&demo, &LeadQuery::default()).await, before);
    let d = lead_for("Via Nordic", Some(alpine.id), Some(nordic.id));
    let mine = ok!(alice.create_lead(&d).await);
    assert_eq!(mine.distributor_id, Some(nordic.id));

    // Nor may an edit move a lead there.
    let mut moved = LeadDraft::from_lead(&mine);
    moved.distributor_id = Some(sud.id);
    expect_err!(
        alice
            .update_lead(mine.id, &moved, Some(mine.updated_at))
            .await,
        BackendError::Forbidden(_)
    );
    assert_eq!(ok!(demo.get_lead(mine.id).await).lead, mine);

    // A lead an admin put there keeps its distributor through alice's edits.
    let theirs = ok!(demo
        .create_lead(&lead_for(
            "Old Sud-Ouest deal",
            Some(alpine.id),
            Some(sud.id)
        ))
        .await);
    let mut retitled = LeadDraft::from_lead(&theirs);
    retitled.title = "Old Sud-Ouest deal, revived".into();
    let saved = ok!(alice
        .update_lead(theirs.id, &retitled, Some(theirs.updated_at))
        .await);
    assert_eq!(saved.distributor_id, Some(sud.id));

    // Orders follow the same rule.
    let (products, durations) = catalogue(&alice).await;
    let total = order_total(&demo, &OrderQuery::default()).await;
    let order = |distributor_id| OrderDraft {
        partner_id: Some(alpine.id),
        distributor_id,
        items: vec![OrderLineDraft {
            product_id: product(&products, "Object Storage").id,
            duration_id: duration(&durations, 1).id,
            quantity: 1,
        }],
        ..Default::default()
    };
    expect_err!(
        alice.create_order(&order(Some(sud.id))).await,
        BackendError::Forbidden(_)
    );
    assert_eq!(order_total(&demo, &OrderQuery::default()).await, total);
}

pub async fn check_distributor_attaches_only_linked_partners(f: &impl Fixture) {
    let carol = f.backend_as("carol").await;
    let demo = f.backend_as("demo").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let delta = partner(&demo, "Delta Réseaux").await;
    let brume = partner(&demo, "Brume Informatique").await;
    let before = lead_total(&demo, &LeadQuery::default()).await;

    let d = lead_for("Delta via Nordic", Some(delta.id), Some(nordic.id));
    expect_err!(carol.create_lead(&d).await, BackendError::Forbidden(_));
    assert_eq!(lead_total(&demo, &LeadQuery::default()).await, before);
    let d = lead_for("Brume via Nordic", Some(brume.id), Some(nordic.id));
    let lead = ok!(carol.create_lead(&d).await);
    let mut moved = LeadDraft::from_lead(&lead);
    moved.partner_id = Some(delta.id);
    expect_err!(
        carol
            .update_lead(lead.id, &moved, Some(lead.updated_at))
            .await,
        BackendError::Forbidden(_)
    );
    assert_eq!(ok!(demo.get_lead(lead.id).await).lead, lead);
}

/// Reassignment is absent from the REST API: `Unsupported` there.
pub async fn check_reassign_stays_in_scope(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let alice = f.backend_as("alice").await;
    let carol = f.backend_as("carol").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let alpine = partner(&demo, "Alpine Systems").await;
    let lead = ok!(alice
        .create_lead(&lead_for("Hand-over", Some(alpine.id), Some(nordic.id)))
        .await);
    let alice_u = user_named(&demo, "alice").await;
    let bob_u = user_named(&demo, "bob").await;
    let carol_u = user_named(&demo, "carol").await;
    let demo_u = user_named(&demo, "demo").await;
    let dave_u = user_named(&demo, "dave").await;

    // To carol: she works for Nordic, linked to Alpine, and sees the lead.
    match alice.reassign_lead(lead.id, carol_u.id).await {
        Err(BackendError::Unsupported(_)) => return,
        other => assert_eq!(ok!(other).owner_id, carol_u.id),
    }
    // Back to alice, by carol.
    assert_eq!(
        ok!(carol.reassign_lead(lead.id, alice_u.id).await).owner_id,
        alice_u.id
    );
    // Not to bob (Brume: outside alice's scope, and he would not see it),
    // nor to the admin (no company of alice's), nor to dave (Sud-Ouest).
    for (who, to) in [("bob", &bob_u), ("demo", &demo_u), ("dave", &dave_u)] {
        let e = alice.reassign_lead(lead.id, to.id).await;
        assert!(
            matches!(e, Err(BackendError::Forbidden(_) | BackendError::Rule(_))),
            "alice → {who}: {e:?}"
        );
    }
    // carol may not hand it to bob either: he would not see it.
    expect_err!(
        carol.reassign_lead(lead.id, bob_u.id).await,
        BackendError::Rule(_)
    );
    // An admin may give it to anyone who sees it, but not to bob or to a
    // disabled user.
    expect_err!(
        demo.reassign_lead(lead.id, bob_u.id).await,
        BackendError::Rule(_)
    );
    assert_eq!(
        ok!(demo.reassign_lead(lead.id, carol_u.id).await).owner_id,
        carol_u.id
    );
    ok!(demo
        .set_user_enabled(alice_u.id, false, None, Some(&alice_u))
        .await);
    expect_err!(
        demo.reassign_lead(lead.id, alice_u.id).await,
        BackendError::Rule(_)
    );
    assert_eq!(ok!(demo.get_lead(lead.id).await).lead.owner_id, carol_u.id);
}

pub async fn check_links_need_companies_the_actor_sees(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let ralph = f.backend_as("ralph").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let delta = partner(&demo, "Delta Réseaux").await;
    // A restricted admin administers users but sees no company.
    expect_err!(
        ralph.link_partner(nordic.id, delta.id, None).await,
        BackendError::Forbidden(_)
    );
    let links = ok!(demo.distributor_partners(nordic.id, true).await);
    assert!(links.iter().all(|l| l.partner_id != delta.id));
}

pub async fn check_acting_user_is_read_again(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    // Signed in before the changes below.
    let carol = f.backend_as("carol").await;
    let gus = f.backend_as("gus").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let sud = distributor(&demo, "Sud-Ouest Distribution").await;
    assert!(!all_leads(&carol, &LeadQuery::default()).await.is_empty());
    let gus_leads = all_leads(&gus, &LeadQuery::default()).await;
    assert!(gus_leads
        .iter()
        .all(|l| l.distributor_id == Some(nordic.id)));

    // Disabled: the next read is refused, and so is a write.
    let carol_u = user_named(&demo, "carol").await;
    ok!(demo
        .set_user_enabled(carol_u.id, false, Some("left"), Some(&carol_u))
        .await);
    expect_err!(
        carol
            .list_leads(&LeadQuery::default(), PageRequest::first(10))
            .await,
        BackendError::Forbidden(_) | BackendError::Unauthorized(_)
    );
    expect_err!(
        carol.whoami().await,
        BackendError::Forbidden(_) | BackendError::Unauthorized(_)
    );
    expect_err!(
        carol
            .create_lead(&lead_for("After leaving", None, Some(nordic.id)))
            .await,
        BackendError::Forbidden(_) | BackendError::Unauthorized(_)
    );

    // Moved: the next read shows the new distributor's records only.
    let gus_u = user_named(&demo, "gus").await;
    let to_sud = CompanyAssignment {
        partner_id: None,
        distributor_id: Some(sud.id),
    };
    ok!(demo.set_user_company(gus_u.id, to_sud, Some(&gus_u)).await);
    let now = all_leads(&gus, &LeadQuery::default()).await;
    assert!(!now.is_empty(), "Sud-Ouest has leads");
    assert!(now.iter().all(|l| l.distributor_id == Some(sud.id)));
    let old = gus_leads.first().expect("a Nordic lead");
    expect_err!(
        gus.get_lead(old.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
    if let Some(d) = me(&gus).await.distributor_id {
        assert_eq!(d, sud.id, "whoami has the new company (where it says)");
    }
}
