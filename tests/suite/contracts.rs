//! The contracts tab: list and filters (expiring soon), detail with notes,
//! status changes (admins only, a state machine), notes, invoices.

use super::*;
use chrono::Utc;

pub async fn check_contract_paging_and_filters(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let q = ContractQuery::default();
    let ids = assert_paging("contracts", 11, |p| demo.list_contracts(&q, p), |c| c.id).await;
    assert!(!ids.is_empty());
    let all = all_contracts(&demo, &q).await;
    assert_eq!(all.len(), ids.len());

    let mut sum = 0;
    for s in ContractStatus::ALL {
        let q = ContractQuery {
            status: Some(*s),
            ..Default::default()
        };
        let rows = all_contracts(&demo, &q).await;
        assert!(rows.iter().all(|c| c.status == *s), "status filter {s}");
        assert_eq!(rows.len(), all.iter().filter(|c| c.status == *s).count());
        sum += rows.len();
    }
    assert_eq!(sum, all.len());
    assert!(all.iter().any(|c| c.status == ContractStatus::Active));

    let alpine = partner(&demo, "Alpine Systems").await;
    let q = ContractQuery {
        partner_id: Some(alpine.id),
        ..Default::default()
    };
    let rows = all_contracts(&demo, &q).await;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|c| c.partner_id == Some(alpine.id)));
    assert_eq!(
        rows.len(),
        all.iter()
            .filter(|c| c.partner_id == Some(alpine.id))
            .count()
    );

    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let q = ContractQuery {
        distributor_id: Some(nordic.id),
        ..Default::default()
    };
    let rows = all_contracts(&demo, &q).await;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|c| c.distributor_id == Some(nordic.id)));

    let first = &all[0];
    let q = ContractQuery {
        text: Some(first.contract_number.clone()),
        ..Default::default()
    };
    assert!(all_contracts(&demo, &q)
        .await
        .iter()
        .any(|c| c.id == first.id));

    // Filters combine.
    let q = ContractQuery {
        status: Some(ContractStatus::Active),
        partner_id: Some(alpine.id),
        ..Default::default()
    };
    let rows = all_contracts(&demo, &q).await;
    assert!(rows
        .iter()
        .all(|c| c.status == ContractStatus::Active && c.partner_id == Some(alpine.id)));
}

pub async fn check_contract_expiring_filter(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let now = Utc::now();
    let all = all_contracts(&demo, &ContractQuery::default()).await;
    let q = ContractQuery {
        expiring_within_days: Some(30),
        ..Default::default()
    };
    let soon = all_contracts(&demo, &q).await;
    assert!(
        !soon.is_empty(),
        "the seed has contracts expiring within 30 days"
    );
    for c in &soon {
        assert_eq!(c.status, ContractStatus::Active, "{}", c.contract_number);
        let left = c.days_left(now).expect("an expiration date");
        // A day of slack either side: the backend's clock is not ours.
        assert!(
            (-1..=31).contains(&left),
            "{}: {left} days",
            c.contract_number
        );
    }
    // None missed (away from the edges).
    for c in all
        .iter()
        .filter(|c| c.status == ContractStatus::Active)
        .filter(|c| c.days_left(now).is_some_and(|d| (1..=29).contains(&d)))
    {
        assert!(
            soon.iter().any(|s| s.id == c.id),
            "{} expires in {:?} days",
            c.contract_number,
            c.days_left(now)
        );
    }
    // Expired contracts never count as expiring.
    assert!(soon.iter().all(|c| c.status != ContractStatus::Expired));
    // Combined with a partner.
    let alpine = partner(&demo, "Alpine Systems").await;
    let q = ContractQuery {
        expiring_within_days: Some(30),
        partner_id: Some(alpine.id),
        ..Default::default()
    };
    let rows = all_contracts(&demo, &q).await;
    assert!(rows.iter().all(|c| c.partner_id == Some(alpine.id)));
    assert!(rows.iter().all(|c| soon.iter().any(|s| s.id == c.id)));
    // A longer window holds the shorter one.
    let q = ContractQuery {
        expiring_within_days: Some(90),
        ..Default::default()
    };
    let later = all_contracts(&demo, &q).await;
    assert!(soon.iter().all(|s| later.iter().any(|c| c.id == s.id)));
    assert!(later.len() >= soon.len());
}

pub async fn check_get_contract_and_notes(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let page = ok!(demo
        .list_contracts(&ContractQuery::default(), PageRequest::first(12))
        .await);
    let mut saw_notes = false;
    for listed in &page.items {
        let d = ok!(demo.get_contract(listed.id).await);
        assert_eq!(&d.contract, listed, "detail and list agree");
        assert!(d
            .notes
            .iter()
            .all(|n| n.contract_id.is_none_or(|c| c == listed.id)));
        saw_notes |= !d.notes.is_empty();
        for r in &d.renewed_by {
            let renewal = ok!(demo.get_contract(*r).await).contract;
            assert_eq!(renewal.renewed_from_id, Some(listed.id));
        }
    }
    assert!(saw_notes, "seeded contracts carry notes");
    expect_err!(
        demo.get_contract(uuid::Uuid::new_v4()).await,
        BackendError::NotFound(_)
    );

    // A note, as the partner who owns the contract.
    let alice = f.backend_as("alice").await;
    let alice_me = me(&alice).await;
    let c = ok!(alice
        .list_contracts(&ContractQuery::default(), PageRequest::first(1))
        .await)
    .items
    .into_iter()
    .next()
    .expect("alice has a contract");
    let before = ok!(alice.get_contract(c.id).await).notes.len();
    let draft = NoteDraft {
        content: "Customer asked about renewal pricing.".into(),
        is_internal: true,
        is_pinned: false,
    };
    let n = ok!(alice.add_contract_note(c.id, &draft).await);
    assert_eq!(n.content, draft.content);
    assert!(n.is_internal && !n.is_pinned);
    assert_eq!(n.created_by, alice_me.id);
    if let Some(cid) = n.contract_id {
        assert_eq!(cid, c.id);
    }
    let d = ok!(demo.get_contract(c.id).await);
    assert_eq!(d.notes.len(), before + 1);
    assert!(d
        .notes
        .iter()
        .any(|x| x.id == n.id && x.content == draft.content));
    let err = expect_err!(
        alice
            .add_contract_note(
                c.id,
                &NoteDraft {
                    content: String::new(),
                    ..Default::default()
                },
            )
            .await,
        BackendError::Validation { .. }
    );
    assert!(err.field_errors().iter().any(|e| e.field == "content"));
    assert_eq!(ok!(demo.get_contract(c.id).await).notes.len(), before + 1);
}

pub async fn check_contract_status_rules(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let (_, c) = alpine_contract(f).await;
    assert_eq!(c.status, ContractStatus::Active);

    // Only admins change a contract's status.
    for who in ["alice", "fiona", "carol"] {
        let b = f.backend_as(who).await;
        expect_err!(
            b.change_contract_status(c.id, ContractStatus::Expired, None)
                .await,
            BackendError::Forbidden(_)
        );
    }
    assert_eq!(
        ok!(demo.get_contract(c.id).await).contract.status,
        ContractStatus::Active
    );

    // Not to itself, not to lost.
    for to in [ContractStatus::Active, ContractStatus::Lost] {
        expect_err!(
            demo.change_contract_status(c.id, to, None).await,
            BackendError::Rule(_)
        );
    }
    let before_notes = ok!(demo.get_contract(c.id).await).notes.len();
    let reason = "Customer did not renew";
    let expired = ok!(demo
        .change_contract_status(c.id, ContractStatus::Expired, Some(reason))
        .await);
    assert_eq!(expired.status, ContractStatus::Expired);
    let d = ok!(demo.get_contract(c.id).await);
    assert_eq!(d.contract.status, ContractStatus::Expired);
    assert_eq!(d.notes.len(), before_notes + 1);
    let note = d
        .notes
        .iter()
        .find(|n| n.content.contains(reason))
        .expect("the reason is noted");
    assert!(note.is_internal);

    // Expired: only cancellation remains.
    for to in [
        ContractStatus::Active,
        ContractStatus::Upgraded,
        ContractStatus::Downgraded,
        ContractStatus::Lost,
    ] {
        expect_err!(
            demo.change_contract_status(c.id, to, None).await,
            BackendError::Rule(_)
        );
    }
    let cancelled = ok!(demo
        .change_contract_status(c.id, ContractStatus::Cancelled, None)
        .await);
    assert_eq!(cancelled.status, ContractStatus::Cancelled);
    assert!(cancelled.cancelled_at.is_some());
    assert_eq!(
        ok!(demo.get_contract(c.id).await).notes.len(),
        before_notes + 1,
        "no reason, no note"
    );
    // Cancelled is final.
    for to in ContractStatus::ALL {
        expect_err!(
            demo.change_contract_status(c.id, *to, None).await,
            BackendError::Rule(_)
        );
    }

    // Another one: active → upgraded → cancelled, by the admin account.
    let admin = f.backend_as("admin").await;
    let (_, c2) = alpine_contract(f).await;
    let up = ok!(admin
        .change_contract_status(c2.id, ContractStatus::Upgraded, None)
        .await);
    assert_eq!(up.status, ContractStatus::Upgraded);
    expect_err!(
        admin
            .change_contract_status(c2.id, ContractStatus::Downgraded, None)
            .await,
        BackendError::Rule(_)
    );
    ok!(admin
        .change_contract_status(c2.id, ContractStatus::Cancelled, None)
        .await);
}

pub async fn check_contract_invoices(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let page = ok!(demo
        .list_contracts(&ContractQuery::default(), PageRequest::first(8))
        .await);
    for c in &page.items {
        let inv = ok!(demo.contract_invoices(c.id).await);
        assert_eq!(inv.contract_id, c.id);
        assert_eq!(inv.contract_number, c.contract_number);
        assert!(inv.invoices.iter().all(|i| !i.invoice_id.is_empty()));
    }
    // A partner only for its own contracts.
    let alice = f.backend_as("alice").await;
    let alpine = partner(&demo, "Alpine Systems").await;
    let mine = ok!(alice
        .list_contracts(&ContractQuery::default(), PageRequest::first(1))
        .await);
    let c = mine.items.first().expect("alice has a contract");
    ok!(alice.contract_invoices(c.id).await);
    let other = all_contracts(&demo, &ContractQuery::default())
        .await
        .into_iter()
        .find(|c| c.partner_id != Some(alpine.id))
        .expect("a contract of another partner");
    expect_err!(
        alice.contract_invoices(other.id).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
}
