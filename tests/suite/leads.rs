//! The leads tab: list, filters, paging, detail, create, edit with a version,
//! status changes with history, notes, activities, reassignment.

use super::*;
use chrono::TimeZone;

fn alpine_draft(alpine: Id, title: &str) -> LeadDraft {
    LeadDraft {
        title: title.into(),
        organization: "Zephyr Ballooning".into(),
        contact_name: "Zoé Zéphyr".into(),
        contact_email: Some("zoe@zephyr.example".into()),
        contact_phone: Some("+33 6 12 34 56 78".into()),
        value: Some(dec("12345.67")),
        currency: "EUR".into(),
        status: None,
        probability: Some(40),
        expected_close_date: Some(chrono::Utc.with_ymd_and_hms(2030, 6, 30, 0, 0, 0).unwrap()),
        partner_id: Some(alpine),
        distributor_id: None,
    }
}

pub async fn check_lead_paging(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let q = LeadQuery::default();
    let paged = assert_paging("leads", 7, |p| demo.list_leads(&q, p), |l| l.id).await;
    assert!(!paged.is_empty());
    // The same rows as one big read.
    let all: HashSet<Id> = all_leads(&demo, &q).await.iter().map(|l| l.id).collect();
    assert_eq!(all, paged.iter().copied().collect::<HashSet<_>>());
    // A page size of 100 (the server's maximum) agrees too.
    let big = assert_paging("leads", 100, |p| demo.list_leads(&q, p), |l| l.id).await;
    assert_eq!(big.len(), paged.len());
}

pub async fn check_lead_status_filter(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let total = lead_total(&demo, &LeadQuery::default()).await;
    let mut sum = 0;
    for s in LeadStatus::ALL {
        let q = LeadQuery {
            status: Some(*s),
            ..Default::default()
        };
        let rows = all_leads(&demo, &q).await;
        assert!(rows.iter().all(|l| l.status == *s), "status filter {s}");
        assert!(!rows.is_empty(), "the seed has leads in {s}");
        assert_eq!(rows.len() as u64, lead_total(&demo, &q).await);
        sum += rows.len() as u64;
    }
    assert_eq!(sum, total, "every lead has exactly one status");
    // Paging within a filter.
    let q = LeadQuery {
        status: Some(LeadStatus::New),
        ..Default::default()
    };
    assert_paging("new leads", 5, |p| demo.list_leads(&q, p), |l| l.id).await;
}

pub async fn check_lead_text_filter(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let lead = first_lead(&demo, &LeadQuery::default()).await;
    // Case-insensitive substring of the organization.
    let needle = lead.organization.to_uppercase();
    let q = LeadQuery {
        text: Some(needle.clone()),
        ..Default::default()
    };
    let hits = all_leads(&demo, &q).await;
    assert!(
        hits.iter().any(|l| l.id == lead.id),
        "{needle} finds the lead"
    );
    let lower = needle.to_lowercase();
    for l in &hits {
        let fields = [
            Some(l.title.as_str()),
            Some(l.organization.as_str()),
            Some(l.contact_name.as_str()),
            l.contact_email.as_deref(),
        ];
        assert!(
            fields
                .iter()
                .flatten()
                .any(|f| f.to_lowercase().contains(&lower)),
            "{} does not match {needle}",
            l.title
        );
    }
    assert!(hits.len() as u64 <= lead_total(&demo, &LeadQuery::default()).await);
    // The contact's name works too.
    let q = LeadQuery {
        text: Some(lead.contact_name.clone()),
        ..Default::default()
    };
    assert!(all_leads(&demo, &q).await.iter().any(|l| l.id == lead.id));
    // Combined with a status filter.
    let q = LeadQuery {
        text: Some(lead.organization.clone()),
        status: Some(lead.status),
        ..Default::default()
    };
    let both = all_leads(&demo, &q).await;
    assert!(both.iter().any(|l| l.id == lead.id));
    assert!(both.iter().all(|l| l.status == lead.status));
    // Nothing matches nonsense.
    let q = LeadQuery {
        text: Some("zzq-no-such-lead-qqz".into()),
        ..Default::default()
    };
    assert_eq!(lead_total(&demo, &q).await, 0);
    assert!(all_leads(&demo, &q).await.is_empty());
}

pub async fn check_lead_owner_and_partner_filters(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let lead = first_lead(&demo, &LeadQuery::default()).await;
    let q = LeadQuery {
        owner_id: Some(lead.owner_id),
        ..Default::default()
    };
    let mine = all_leads(&demo, &q).await;
    assert!(mine.iter().any(|l| l.id == lead.id));
    assert!(mine.iter().all(|l| l.owner_id == lead.owner_id));
    assert_eq!(mine.len() as u64, lead_total(&demo, &q).await);

    let alpine = partner(&demo, "Alpine Systems").await;
    let q = LeadQuery {
        partner_id: Some(alpine.id),
        ..Default::default()
    };
    let alpine_leads = all_leads(&demo, &q).await;
    assert!(!alpine_leads.is_empty());
    assert!(alpine_leads.iter().all(|l| l.partner_id == Some(alpine.id)));
    let everything = all_leads(&demo, &LeadQuery::default()).await;
    assert_eq!(
        alpine_leads.len(),
        everything
            .iter()
            .filter(|l| l.partner_id == Some(alpine.id))
            .count(),
        "the partner filter misses none"
    );
}

pub async fn check_get_lead_detail(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let page = ok!(demo
        .list_leads(&LeadQuery::default(), PageRequest::first(25))
        .await);
    let mut saw_notes = false;
    let mut saw_activities = false;
    for listed in &page.items {
        let d = ok!(demo.get_lead(listed.id).await);
        assert_eq!(&d.lead, listed, "detail and list agree");
        assert!(d.notes.iter().all(|n| n.lead_id == listed.id));
        assert!(d.activities.iter().all(|a| a.lead_id == listed.id));
        if let Some(h) = &d.status_history {
            assert!(h.iter().all(|c| c.lead_id == listed.id));
            assert!(
                h.windows(2).all(|w| w[0].changed_at <= w[1].changed_at),
                "history is in time order"
            );
            let now = chrono::Utc::now() + chrono::Duration::minutes(1);
            for c in h {
                assert!(
                    listed.created_at <= c.changed_at && c.changed_at <= now,
                    "{}: a change at {} outside the lead's life ({} to now)",
                    listed.title,
                    c.changed_at,
                    listed.created_at
                );
            }
            if let Some(last) = h.last() {
                assert_eq!(last.new_status, listed.status, "history ends at the status");
            }
        }
        saw_notes |= !d.notes.is_empty();
        saw_activities |= !d.activities.is_empty();
    }
    assert!(
        saw_notes && saw_activities,
        "seeded leads carry notes and activities"
    );
    expect_err!(
        demo.get_lead(uuid::Uuid::new_v4()).await,
        BackendError::NotFound(_)
    );
}

pub async fn check_create_lead(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let alice_me = me(&alice).await;
    let alpine = partner(&demo, "Alpine Systems").await;
    let before = lead_total(&demo, &LeadQuery::default()).await;

    let draft = alpine_draft(alpine.id, "Suite – hot-air balloon telemetry");
    let lead = ok!(alice.create_lead(&draft).await);
    assert_eq!(lead.title, draft.title);
    assert_eq!(lead.organization, draft.organization);
    assert_eq!(lead.contact_name, draft.contact_name);
    assert_eq!(lead.contact_email, draft.contact_email);
    assert_eq!(lead.contact_phone, draft.contact_phone);
    assert_eq!(lead.value, draft.value);
    assert_eq!(lead.currency, "EUR");
    assert_eq!(lead.status, LeadStatus::New, "new by default");
    assert_eq!(lead.probability, Some(40));
    assert_eq!(lead.expected_close_date, draft.expected_close_date);
    assert_eq!(lead.partner_id, Some(alpine.id));
    assert_eq!(lead.distributor_id, None);
    assert_eq!(lead.owner_id, alice_me.id, "the creator owns it");

    assert_eq!(lead_total(&demo, &LeadQuery::default()).await, before + 1);
    // Visible to its creator and to the admin, by text and in detail.
    let q = LeadQuery {
        text: Some("balloon telemetry".into()),
        ..Default::default()
    };
    assert!(all_leads(&alice, &q).await.iter().any(|l| l.id == lead.id));
    assert_eq!(ok!(demo.get_lead(lead.id).await).lead, lead);
    // Not to a distributor it does not belong to.
    let carol = f.backend_as("carol").await;
    assert!(all_leads(&carol, &q).await.is_empty());

    // With an explicit status.
    let mut qualified = alpine_draft(alpine.id, "Suite – already qualified");
    qualified.status = Some(LeadStatus::Qualified);
    assert_eq!(
        ok!(alice.create_lead(&qualified).await).status,
        LeadStatus::Qualified
    );
}

pub async fn check_create_lead_validation(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let alpine = partner(&demo, "Alpine Systems").await;
    let before = lead_total(&demo, &LeadQuery::default()).await;

    let mut bad = alpine_draft(alpine.id, "  ");
    bad.contact_email = Some("not-an-email".into());
    bad.probability = Some(150);
    let err = expect_err!(
        alice.create_lead(&bad).await,
        BackendError::Validation { .. }
    );
    let fields: HashSet<&str> = err.field_errors().iter().map(|e| e.field).collect();
    for f in ["title", "contact_email", "probability"] {
        assert!(fields.contains(f), "{f} is named in {err:?}");
    }

    let mut bad = alpine_draft(alpine.id, "Fine title");
    bad.organization = String::new();
    bad.contact_name = String::new();
    let err = expect_err!(
        alice.create_lead(&bad).await,
        BackendError::Validation { .. }
    );
    let fields: HashSet<&str> = err.field_errors().iter().map(|e| e.field).collect();
    assert!(fields.contains("organization") && fields.contains("contact_name"));

    assert_eq!(
        lead_total(&demo, &LeadQuery::default()).await,
        before,
        "nothing created"
    );
}

pub async fn check_update_lead_with_version(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let lead = first_lead(&alice, &LeadQuery::default()).await;

    let mut draft = LeadDraft::from_lead(&lead);
    draft.title = format!("{} (revised)", lead.title);
    draft.probability = Some(55);
    draft.value = Some(dec("999.99"));
    draft.contact_phone = None;
    let updated = ok!(alice
        .update_lead(lead.id, &draft, Some(lead.updated_at))
        .await);
    assert_eq!(updated.id, lead.id);
    assert_eq!(updated.title, draft.title);
    assert_eq!(updated.probability, Some(55));
    assert_eq!(updated.value, Some(dec("999.99")));
    assert_eq!(updated.contact_phone, None);
    assert_eq!(updated.status, lead.status);
    assert_eq!(updated.owner_id, lead.owner_id);
    assert_eq!(updated.created_at, lead.created_at);
    assert!(updated.updated_at > lead.updated_at, "the version moves on");
    assert_eq!(ok!(demo.get_lead(lead.id).await).lead, updated);

    // An edit of the old version is a conflict and overwrites nothing.
    let mut stale = LeadDraft::from_lead(&lead);
    stale.title = "Stale overwrite".into();
    expect_err!(
        alice
            .update_lead(lead.id, &stale, Some(lead.updated_at))
            .await,
        BackendError::Conflict { .. }
    );
    assert_eq!(ok!(demo.get_lead(lead.id).await).lead, updated);

    // Invalid input is refused with its fields, and overwrites nothing.
    let mut invalid = LeadDraft::from_lead(&updated);
    invalid.title = String::new();
    let err = expect_err!(
        alice
            .update_lead(lead.id, &invalid, Some(updated.updated_at))
            .await,
        BackendError::Validation { .. }
    );
    assert!(err.field_errors().iter().any(|e| e.field == "title"));
    assert_eq!(ok!(demo.get_lead(lead.id).await).lead, updated);

    // Without a version, the last write wins.
    let mut blind = LeadDraft::from_lead(&updated);
    blind.title = "Blind write".into();
    let again = ok!(alice.update_lead(lead.id, &blind, None).await);
    assert_eq!(again.title, "Blind write");
}

pub async fn check_concurrent_lead_updates(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let demo = f.backend_as("demo").await;
    let lead = first_lead(&alice, &LeadQuery::default()).await;
    let version = ok!(demo.get_lead(lead.id).await).lead.updated_at;
    assert_eq!(version, lead.updated_at);

    let mut a = LeadDraft::from_lead(&lead);
    a.title = "Alice's edit".into();
    let mut d = LeadDraft::from_lead(&lead);
    d.title = "Demo's edit".into();
    d.probability = Some(90);
    let (ra, rd) = tokio::join!(
        alice.update_lead(lead.id, &a, Some(version)),
        demo.update_lead(lead.id, &d, Some(version)),
    );
    let winner = match (ra, rd) {
        (Ok(w), Err(BackendError::Conflict { .. })) => {
            assert_eq!(w.title, "Alice's edit");
            w
        }
        (Err(BackendError::Conflict { .. }), Ok(w)) => {
            assert_eq!(w.title, "Demo's edit");
            w
        }
        other => panic!("expected one winner and one conflict, got {other:?}"),
    };
    let stored = ok!(demo.get_lead(lead.id).await).lead;
    assert_eq!(stored, winner, "the loser overwrote nothing");
}

pub async fn check_change_lead_status(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let alice_me = me(&alice).await;
    let lead = first_lead(&alice, &LeadQuery::default()).await;
    let before = ok!(alice.get_lead(lead.id).await);
    let old = lead.status;
    let target = if old == LeadStatus::Negotiation {
        LeadStatus::Won
    } else {
        LeadStatus::Negotiation
    };

    let reason = "Budget approved by the board";
    let changed = ok!(alice
        .change_lead_status(lead.id, target, Some(reason))
        .await);
    assert_eq!(changed.id, lead.id);
    assert_eq!(changed.status, target);
    assert_eq!(changed.title, lead.title, "nothing else changes");
    assert!(changed.updated_at >= lead.updated_at);

    let after = ok!(alice.get_lead(lead.id).await);
    assert_eq!(after.lead.status, target);
    let status_q = LeadQuery {
        status: Some(target),
        ..Default::default()
    };
    assert!(all_leads(&alice, &status_q)
        .await
        .iter()
        .any(|l| l.id == lead.id));
    match (&before.status_history, &after.status_history) {
        (Some(h0), Some(h1)) => {
            assert_eq!(h1.len(), h0.len() + 1, "one history row per change");
            let last = h1.last().expect("a history row");
            assert_eq!(last.lead_id, lead.id);
            assert_eq!(last.old_status, Some(old));
            assert_eq!(last.new_status, target);
            assert_eq!(last.reason.as_deref(), Some(reason));
            assert_eq!(last.changed_by_user_id, Some(alice_me.id));
            assert!(
                h1.iter().all(|h| h.changed_at <= last.changed_at),
                "the change just made is the latest"
            );
        }
        (None, None) => {} // this backend cannot read the history
        other => panic!("history known only sometimes: {other:?}"),
    }

    // Back again, without a reason.
    let back = ok!(alice.change_lead_status(lead.id, old, None).await);
    assert_eq!(back.status, old);
    if let Some(h) = ok!(alice.get_lead(lead.id).await).status_history {
        let last = h.last().expect("a history row");
        assert_eq!((last.old_status, last.new_status), (Some(target), old));
        assert_eq!(last.reason, None);
    }
}

pub async fn check_same_lead_status_refused(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let lead = first_lead(&alice, &LeadQuery::default()).await;
    let before = ok!(alice.get_lead(lead.id).await);
    expect_err!(
        alice
            .change_lead_status(lead.id, lead.status, Some("again"))
            .await,
        BackendError::Rule(_)
    );
    let after = ok!(alice.get_lead(lead.id).await);
    assert_eq!(after.lead, before.lead, "unchanged");
    assert_eq!(
        after.status_history.map(|h| h.len()),
        before.status_history.map(|h| h.len()),
        "no history row"
    );
}

pub async fn check_lead_notes_and_activities(f: &impl Fixture) {
    let alice = f.backend_as("alice").await;
    let alice_me = me(&alice).await;
    let lead = first_lead(&alice, &LeadQuery::default()).await;
    let before = ok!(alice.get_lead(lead.id).await);

    let note = ok!(alice
        .add_lead_note(lead.id, "Call back after the board meeting.")
        .await);
    assert_eq!(note.lead_id, lead.id);
    assert_eq!(note.content, "Call back after the board meeting.");
    if let Some(by) = note.created_by_user_id {
        assert_eq!(by, alice_me.id);
    }

    let due = chrono::Utc.with_ymd_and_hms(2030, 1, 15, 9, 30, 0).unwrap();
    let draft = ActivityDraft {
        activity_type: "call".into(),
        subject: Some("Intro call".into()),
        description: Some("Walk through the storage tiers".into()),
        due_date: Some(due),
        done: false,
    };
    let act = ok!(alice.add_lead_activity(lead.id, &draft).await);
    assert_eq!(act.lead_id, lead.id);
    assert_eq!(act.activity_type, "call");
    assert_eq!(act.subject.as_deref(), Some("Intro call"));
    assert_eq!(act.description, draft.description);
    assert_eq!(act.due_date, Some(due));
    assert!(!act.done);

    let after = ok!(alice.get_lead(lead.id).await);
    assert_eq!(after.notes.len(), before.notes.len() + 1);
    assert_eq!(after.activities.len(), before.activities.len() + 1);
    let n = after
        .notes
        .iter()
        .find(|n| n.id == note.id)
        .expect("note in the detail");
    assert_eq!(n.content, note.content);
    let a = after
        .activities
        .iter()
        .find(|a| a.id == act.id)
        .expect("activity in the detail");
    assert_eq!(a.subject, act.subject);
    assert_eq!(a.activity_type, act.activity_type);

    // Empty input names its field and adds nothing.
    let err = expect_err!(
        alice.add_lead_note(lead.id, "   ").await,
        BackendError::Validation { .. }
    );
    assert!(err.field_errors().iter().any(|e| e.field == "content"));
    let err = expect_err!(
        alice
            .add_lead_activity(
                lead.id,
                &ActivityDraft {
                    activity_type: String::new(),
                    ..Default::default()
                },
            )
            .await,
        BackendError::Validation { .. }
    );
    assert!(err
        .field_errors()
        .iter()
        .any(|e| e.field == "activity_type"));
    let last = ok!(alice.get_lead(lead.id).await);
    assert_eq!(last.notes.len(), after.notes.len());
    assert_eq!(last.activities.len(), after.activities.len());
}

pub async fn check_reassign_lead(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let alice_id = me(&f.backend_as("alice").await).await.id;
    let demo_id = me(&demo).await.id;
    let lead = first_lead_of(f, "Alpine Systems").await;
    let target = if lead.owner_id == alice_id {
        demo_id
    } else {
        alice_id
    };
    match demo.reassign_lead(lead.id, target).await {
        Ok(l) => {
            assert_eq!(l.owner_id, target);
            assert_eq!(l.title, lead.title);
            assert_eq!(ok!(demo.get_lead(lead.id).await).lead.owner_id, target);
            let q = LeadQuery {
                owner_id: Some(target),
                ..Default::default()
            };
            assert!(all_leads(&demo, &q).await.iter().any(|l| l.id == lead.id));
            expect_err!(
                demo.reassign_lead(lead.id, uuid::Uuid::new_v4()).await,
                BackendError::NotFound(_) | BackendError::Rule(_)
            );
        }
        // The REST API cannot change a lead's owner.
        Err(BackendError::Unsupported(_)) => {
            assert_eq!(
                ok!(demo.get_lead(lead.id).await).lead.owner_id,
                lead.owner_id
            );
        }
        Err(e) => panic!("reassign failed: {e:?}"),
    }
}

pub async fn check_admin_account_cannot_do_lead_work(f: &impl Fixture) {
    let admin = f.backend_as("admin").await;
    let demo = f.backend_as("demo").await;
    let alpine = partner(&demo, "Alpine Systems").await;
    // It can read them all.
    let lead = first_lead(&admin, &LeadQuery::default()).await;
    let before = ok!(demo.get_lead(lead.id).await);
    let total = lead_total(&demo, &LeadQuery::default()).await;
    assert_eq!(lead_total(&admin, &LeadQuery::default()).await, total);

    expect_err!(
        admin
            .create_lead(&alpine_draft(alpine.id, "Admin's lead"))
            .await,
        BackendError::Forbidden(_)
    );
    let other = if lead.status == LeadStatus::Won {
        LeadStatus::Lost
    } else {
        LeadStatus::Won
    };
    expect_err!(
        admin.change_lead_status(lead.id, other, None).await,
        BackendError::Forbidden(_)
    );
    expect_err!(
        admin.add_lead_note(lead.id, "From the admin account").await,
        BackendError::Forbidden(_)
    );
    expect_err!(
        admin
            .add_lead_activity(
                lead.id,
                &ActivityDraft {
                    activity_type: "call".into(),
                    ..Default::default()
                },
            )
            .await,
        BackendError::Forbidden(_)
    );
    let (products, durations) = catalogue(&admin).await;
    expect_err!(
        admin
            .create_order(&OrderDraft {
                partner_id: Some(alpine.id),
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

    assert_eq!(lead_total(&demo, &LeadQuery::default()).await, total);
    let after = ok!(demo.get_lead(lead.id).await);
    assert_eq!(after.lead, before.lead);
    assert_eq!(after.notes.len(), before.notes.len());
    assert_eq!(after.activities.len(), before.activities.len());
}
