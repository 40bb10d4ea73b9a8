//! No lost updates: company and user changes are checked against what was
//! read. Two administrators (`demo`, a user with the admin role, and
//! `admin`, an admin account) work on the same data; a change made on a
//! stale read is refused with the current values, and nobody's change is
//! ever silently undone.

use super::*;

async fn alpine_as(b: &B) -> Company {
    partner(b, "Alpine Systems").await
}

pub async fn check_stale_company_toggle_is_refused(f: &impl Fixture) {
    let a = f.backend_as("demo").await;
    let b = f.backend_as("admin").await;
    let kind = CompanyKind::Partner;
    let read_by_a = alpine_as(&a).await;
    assert!(read_by_a.is_active);

    // B edits the city.
    let read_by_b = alpine_as(&b).await;
    let mut edit = CompanyDraft::from_company(&read_by_b);
    edit.city = Some("Chamonix".into());
    let after_b = ok!(b
        .update_company(kind, read_by_b.id, &edit, Some(&read_by_b))
        .await);
    assert_eq!(after_b.city.as_deref(), Some("Chamonix"));
    assert!(
        after_b.updated_at > read_by_b.updated_at,
        "the version moved on"
    );

    // A deactivates from its stale row: refused, naming the current city.
    let mut toggle = CompanyDraft::from_company(&read_by_a);
    toggle.is_active = false;
    let e = expect_err!(
        a.update_company(kind, read_by_a.id, &toggle, Some(&read_by_a))
            .await,
        BackendError::Conflict { .. }
    );
    assert!(e.to_string().contains("Chamonix"), "{e}");
    assert_eq!(
        ok!(a.get_company(kind, read_by_a.id).await),
        after_b,
        "B's edit survives, nothing of A's was written"
    );

    // A edits another field from the stale row: refused too.
    let mut notes = CompanyDraft::from_company(&read_by_a);
    notes.notes = Some("Renewal call in March".into());
    expect_err!(
        a.update_company(kind, read_by_a.id, &notes, Some(&read_by_a))
            .await,
        BackendError::Conflict { .. }
    );

    // Read again, A's toggle goes through and keeps B's city.
    let fresh = ok!(a.get_company(kind, read_by_a.id).await);
    let mut toggle = CompanyDraft::from_company(&fresh);
    toggle.is_active = false;
    let after_a = ok!(a
        .update_company(kind, fresh.id, &toggle, Some(&fresh))
        .await);
    assert!(!after_a.is_active);
    assert_eq!(after_a.city.as_deref(), Some("Chamonix"));
    assert_eq!(ok!(b.get_company(kind, fresh.id).await), after_a);

    // Saving what was read changes nothing, not even the version.
    let same = CompanyDraft::from_company(&after_a);
    assert_eq!(
        ok!(a
            .update_company(kind, after_a.id, &same, Some(&after_a))
            .await),
        after_a
    );
    assert_eq!(ok!(b.get_company(kind, after_a.id).await), after_a);
}

/// Writers, each owning one field, edit the same company at once from two
/// sessions; a refused writer reads again and retries. At the end every
/// field holds its writer's value: zero lost updates.
pub async fn check_concurrent_company_edits_lose_nothing(f: &impl Fixture) {
    let sessions = [f.backend_as("demo").await, f.backend_as("admin").await];
    let kind = CompanyKind::Distributor;
    let id = distributor(&sessions[0], "Nordic Channel Distribution")
        .await
        .id;
    type Set = fn(&mut CompanyDraft, String);
    let writers: [(&str, Set); 6] = [
        ("city", |d, v| d.city = Some(v)),
        ("phone", |d, v| d.phone = Some(v)),
        ("notes", |d, v| d.notes = Some(v)),
        ("legal_name", |d, v| d.legal_name = Some(v)),
        ("website", |d, v| d.website = Some(v)),
        ("postal_code", |d, v| d.postal_code = Some(v)),
    ];
    let runs = writers.iter().enumerate().map(|(i, (field, set))| {
        let b = sessions[i % 2].clone();
        let value = format!("{field}-{i}");
        async move {
            let mut conflicts = 0;
            loop {
                let read = ok!(b.get_company(kind, id).await);
                let mut d = CompanyDraft::from_company(&read);
                set(&mut d, value.clone());
                match b.update_company(kind, id, &d, Some(&read)).await {
                    Ok(_) => return conflicts,
                    Err(BackendError::Conflict { .. }) if conflicts < 50 => conflicts += 1,
                    Err(e) => panic!("{field}: {e:?}"),
                }
            }
        }
    });
    let conflicts: u32 = futures::future::join_all(runs).await.into_iter().sum();
    let stored = ok!(sessions[1].get_company(kind, id).await);
    let stored = CompanyDraft::from_company(&stored);
    let lost: Vec<&str> = writers
        .iter()
        .enumerate()
        .filter(|(i, (field, set))| {
            let mut want = stored.clone();
            set(&mut want, format!("{field}-{i}"));
            want != stored
        })
        .map(|(_, (field, _))| *field)
        .collect();
    assert!(
        lost.is_empty(),
        "lost updates: {lost:?} ({conflicts} refusals)"
    );
}

pub async fn check_stale_user_changes_are_refused(f: &impl Fixture) {
    let a = f.backend_as("demo").await;
    let b = f.backend_as("admin").await;
    let gus_by_a = user_named(&a, "gus").await;
    let sud = distributor(&a, "Sud-Ouest Distribution").await;
    let brume = partner(&a, "Brume Informatique").await;

    // B makes gus a fulfiller.
    let gus_by_b = user_named(&b, "gus").await;
    let after_b = ok!(b
        .set_user_role(gus_by_b.id, UserRole::Fulfiller, None, Some(&gus_by_b))
        .await);
    assert_eq!(after_b.role, UserRole::Fulfiller);

    // A, from its stale row, moves him, disables him, changes his role: refused.
    let to_sud = CompanyAssignment {
        partner_id: None,
        distributor_id: Some(sud.id),
    };
    let e = expect_err!(
        a.set_user_company(gus_by_a.id, to_sud, Some(&gus_by_a))
            .await,
        BackendError::Conflict { .. }
    );
    assert!(e.to_string().to_lowercase().contains("fulfiller"), "{e}");
    assert!(e.to_string().contains("Nordic"), "names his company: {e}");
    expect_err!(
        a.set_user_enabled(gus_by_a.id, false, None, Some(&gus_by_a))
            .await,
        BackendError::Conflict { .. }
    );
    expect_err!(
        a.set_user_role(gus_by_a.id, UserRole::Admin, None, Some(&gus_by_a))
            .await,
        BackendError::Conflict { .. }
    );
    let now = user_named(&a, "gus").await;
    assert_eq!(
        (now.role, now.is_enabled, now.distributor_id),
        (UserRole::Fulfiller, true, gus_by_a.distributor_id),
        "B's change survives, none of A's was made"
    );

    // Read again, A's move goes through.
    let moved = ok!(a.set_user_company(now.id, to_sud, Some(&now)).await);
    assert_eq!(moved.distributor_id, Some(sud.id));
    assert_eq!(moved.role, UserRole::Fulfiller);

    // A change made on a row read before a disable is refused, not applied
    // as if the user were still enabled.
    let bob_by_a = user_named(&a, "bob").await;
    let bob_by_b = user_named(&b, "bob").await;
    ok!(b
        .set_user_enabled(bob_by_b.id, false, Some("left"), Some(&bob_by_b))
        .await);
    let to_brume = CompanyAssignment {
        partner_id: Some(brume.id),
        distributor_id: None,
    };
    let e = expect_err!(
        a.set_user_company(bob_by_a.id, to_brume, Some(&bob_by_a))
            .await,
        BackendError::Conflict { .. }
    );
    assert!(e.to_string().contains("disabled"), "{e}");
    assert!(!user_named(&a, "bob").await.is_enabled);
}
