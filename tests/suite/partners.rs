//! The partners and distributors tabs: lists, detail, create/update/delete
//! (admins only; delete refused while records hang off the company), and
//! distributor–partner links.

use super::*;

const DISTRIBUTORS: [&str; 2] = ["Nordic Channel Distribution", "Sud-Ouest Distribution"];
const PARTNERS: [&str; 6] = [
    "Alpine Systems",
    "Brume Informatique",
    "Cobalt IT",
    "Delta Réseaux",
    "Écume Cloud",
    "Fjord Data",
];

fn names(cs: &[Company]) -> HashSet<&str> {
    cs.iter().map(|c| c.name.as_str()).collect()
}

fn link_names(ls: &[DistributorPartnerLink]) -> HashSet<&str> {
    ls.iter().map(|l| l.partner.name.as_str()).collect()
}

fn draft(name: &str, reg: &str) -> CompanyDraft {
    CompanyDraft {
        name: name.into(),
        legal_name: Some(format!("{name} SARL")),
        registration_number: Some(reg.into()),
        email: Some("hello@zephyr-storage.example".into()),
        phone: Some("+33 4 00 00 00 00".into()),
        website: Some("https://zephyr-storage.example".into()),
        address_line1: Some("1 place du Vent".into()),
        address_line2: None,
        city: Some("Annecy".into()),
        postal_code: Some("74000".into()),
        country: "France".into(),
        is_active: true,
        notes: Some("Created by the backend suite".into()),
    }
}

pub async fn check_company_lists(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let ds = all_companies(&demo, CompanyKind::Distributor, &CompanyQuery::default()).await;
    assert_eq!(names(&ds), HashSet::from(DISTRIBUTORS));
    assert_eq!(ds.len(), 2);
    let ps = all_companies(&demo, CompanyKind::Partner, &CompanyQuery::default()).await;
    assert_eq!(names(&ps), HashSet::from(PARTNERS));
    assert_eq!(ps.len(), 6);
    let page = ok!(demo
        .list_companies(
            CompanyKind::Partner,
            &CompanyQuery::default(),
            PageRequest::first(4)
        )
        .await);
    assert_eq!(page.total_items, 6);
    assert_eq!(page.items.len(), 4);
    let all_q = CompanyQuery::default();
    assert_paging(
        "partners",
        4,
        |p| demo.list_companies(CompanyKind::Partner, &all_q, p),
        |c| c.id,
    )
    .await;

    let inactive = all_companies(
        &demo,
        CompanyKind::Partner,
        &CompanyQuery {
            is_active: Some(false),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(names(&inactive), HashSet::from(["Fjord Data"]));
    let active = all_companies(
        &demo,
        CompanyKind::Partner,
        &CompanyQuery {
            is_active: Some(true),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(active.len(), 5);
    assert!(active.iter().all(|c| c.is_active));

    let found = all_companies(
        &demo,
        CompanyKind::Partner,
        &CompanyQuery {
            search: Some("alpine".into()),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(names(&found), HashSet::from(["Alpine Systems"]));
    let found = all_companies(
        &demo,
        CompanyKind::Distributor,
        &CompanyQuery {
            search: Some("DISTRIBUTION".into()),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(found.len(), 2, "case-insensitive search");
}

pub async fn check_get_company(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    for kind in [CompanyKind::Partner, CompanyKind::Distributor] {
        for c in all_companies(&demo, kind, &CompanyQuery::default()).await {
            assert_eq!(ok!(demo.get_company(kind, c.id).await), c);
        }
        expect_err!(
            demo.get_company(kind, uuid::Uuid::new_v4()).await,
            BackendError::NotFound(_)
        );
    }
    // A partner and a distributor do not share ids.
    let alpine = partner(&demo, "Alpine Systems").await;
    expect_err!(
        demo.get_company(CompanyKind::Distributor, alpine.id).await,
        BackendError::NotFound(_)
    );
}

pub async fn check_company_crud(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    for kind in [CompanyKind::Partner, CompanyKind::Distributor] {
        let name = format!("Zephyr Storage {}", kind.label());
        let reg = format!("ZS-{}", kind.label());
        let d = draft(&name, &reg);
        let c = ok!(demo.create_company(kind, &d).await);
        assert_eq!(c.name, name);
        assert_eq!(c.legal_name, d.legal_name);
        assert_eq!(c.registration_number.as_deref(), Some(reg.as_str()));
        assert_eq!(c.email, d.email);
        assert_eq!(c.city.as_deref(), Some("Annecy"));
        assert_eq!(c.country, "France");
        assert!(c.is_active);
        assert_eq!(ok!(demo.get_company(kind, c.id).await), c);
        let listed = all_companies(&demo, kind, &CompanyQuery::default()).await;
        assert!(listed.iter().any(|x| x.id == c.id));

        // A second company with the same registration number is refused.
        expect_err!(
            demo.create_company(kind, &draft("Zephyr Twin", &reg)).await,
            BackendError::Rule(_)
        );
        assert_eq!(
            all_companies(&demo, kind, &CompanyQuery::default())
                .await
                .len(),
            listed.len()
        );

        // Update every field the form has.
        let mut u = CompanyDraft::from_company(&c);
        u.city = Some("Chambéry".into());
        u.postal_code = Some("73000".into());
        u.is_active = false;
        u.notes = Some("Paused".into());
        let updated = ok!(demo.update_company(kind, c.id, &u, Some(&c)).await);
        assert_eq!(updated.id, c.id);
        assert_eq!(updated.city.as_deref(), Some("Chambéry"));
        assert_eq!(updated.postal_code.as_deref(), Some("73000"));
        assert!(!updated.is_active);
        assert_eq!(updated.notes.as_deref(), Some("Paused"));
        assert_eq!(updated.name, c.name);
        assert_eq!(ok!(demo.get_company(kind, c.id).await), updated);
        let inactive = all_companies(
            &demo,
            kind,
            &CompanyQuery {
                is_active: Some(false),
                ..Default::default()
            },
        )
        .await;
        assert!(inactive.iter().any(|x| x.id == c.id));
        expect_err!(
            demo.update_company(kind, uuid::Uuid::new_v4(), &u, None)
                .await,
            BackendError::NotFound(_)
        );

        // A fresh company can be deleted.
        ok!(demo.delete_company(kind, c.id).await);
        expect_err!(
            demo.get_company(kind, c.id).await,
            BackendError::NotFound(_)
        );
        assert!(all_companies(&demo, kind, &CompanyQuery::default())
            .await
            .iter()
            .all(|x| x.id != c.id));
        expect_err!(
            demo.delete_company(kind, c.id).await,
            BackendError::NotFound(_)
        );
    }

    // One with orders and contracts cannot.
    let alpine = partner(&demo, "Alpine Systems").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    expect_err!(
        demo.delete_company(CompanyKind::Partner, alpine.id).await,
        BackendError::Rule(_)
    );
    expect_err!(
        demo.delete_company(CompanyKind::Distributor, nordic.id)
            .await,
        BackendError::Rule(_)
    );
    assert_eq!(
        ok!(demo.get_company(CompanyKind::Partner, alpine.id).await),
        alpine
    );
    assert_eq!(
        ok!(demo.get_company(CompanyKind::Distributor, nordic.id).await),
        nordic
    );
    let alice = f.backend_as("alice").await;
    assert!(!all_leads(&alice, &LeadQuery::default()).await.is_empty());
}

pub async fn check_company_validation(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    for kind in [CompanyKind::Partner, CompanyKind::Distributor] {
        let before = all_companies(&demo, kind, &CompanyQuery::default())
            .await
            .len();
        let mut bad = draft(" ", "ZS-BAD");
        bad.email = Some("nobody-at-example".into());
        let err = expect_err!(
            demo.create_company(kind, &bad).await,
            BackendError::Validation { .. }
        );
        let fields: HashSet<&str> = err.field_errors().iter().map(|e| e.field).collect();
        assert!(
            fields.contains("name") && fields.contains("email"),
            "{err:?}"
        );
        assert_eq!(
            all_companies(&demo, kind, &CompanyQuery::default())
                .await
                .len(),
            before
        );
    }
    let alpine = partner(&demo, "Alpine Systems").await;
    let mut bad = CompanyDraft::from_company(&alpine);
    bad.name = String::new();
    let err = expect_err!(
        demo.update_company(CompanyKind::Partner, alpine.id, &bad, Some(&alpine))
            .await,
        BackendError::Validation { .. }
    );
    assert!(err.field_errors().iter().any(|e| e.field == "name"));
    assert_eq!(
        ok!(demo.get_company(CompanyKind::Partner, alpine.id).await),
        alpine
    );
}

pub async fn check_company_writes_need_admin(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let alpine = partner(&demo, "Alpine Systems").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    for who in ["alice", "carol", "fiona"] {
        let b = f.backend_as(who).await;
        for kind in [CompanyKind::Partner, CompanyKind::Distributor] {
            expect_err!(
                b.create_company(kind, &draft("Not Allowed", &format!("NA-{who}")))
                    .await,
                BackendError::Forbidden(_)
            );
        }
        let mut u = CompanyDraft::from_company(&alpine);
        u.city = Some("Nowhere".into());
        expect_err!(
            b.update_company(CompanyKind::Partner, alpine.id, &u, Some(&alpine))
                .await,
            BackendError::Forbidden(_)
        );
        expect_err!(
            b.delete_company(CompanyKind::Distributor, nordic.id).await,
            BackendError::Forbidden(_)
        );
    }
    assert_eq!(
        all_companies(&demo, CompanyKind::Partner, &CompanyQuery::default())
            .await
            .len(),
        6
    );
    assert_eq!(
        ok!(demo.get_company(CompanyKind::Partner, alpine.id).await),
        alpine
    );

    // The admin account and a restricted admin may.
    for (who, kind) in [
        ("admin", CompanyKind::Partner),
        ("ralph", CompanyKind::Distributor),
    ] {
        let b = f.backend_as(who).await;
        let c = ok!(b
            .create_company(kind, &draft(&format!("By {who}"), &format!("BY-{who}")))
            .await);
        assert_eq!(ok!(demo.get_company(kind, c.id).await).name, c.name);
    }
}

pub async fn check_distributor_partners(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let sud = distributor(&demo, "Sud-Ouest Distribution").await;

    let links = ok!(demo.distributor_partners(nordic.id, true).await);
    assert_eq!(
        link_names(&links),
        HashSet::from(["Alpine Systems", "Brume Informatique", "Cobalt IT"])
    );
    for l in &links {
        assert_eq!(l.distributor_id, nordic.id);
        assert_eq!(l.partner_id, l.partner.id);
        assert!(l.is_active);
    }
    let links = ok!(demo.distributor_partners(sud.id, true).await);
    assert_eq!(
        link_names(&links),
        HashSet::from(["Cobalt IT", "Delta Réseaux", "Écume Cloud"])
    );
    // The ended link shows when asked for every link.
    let every = ok!(demo.distributor_partners(sud.id, false).await);
    let ended: Vec<_> = every.iter().filter(|l| !l.is_active).collect();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].partner.name, "Alpine Systems");
    assert_eq!(every.len(), links.len() + 1);

    // A distributor user reads its own links, not another's.
    let carol = f.backend_as("carol").await;
    let own = ok!(carol.distributor_partners(nordic.id, true).await);
    assert_eq!(own.len(), 3);
    expect_err!(
        carol.distributor_partners(sud.id, true).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );

    // A partner user finds its own link through the distributor it is
    // linked to (the Partners tab shows a partner's distributors this way),
    // and nothing through one whose link has ended.
    let alice = f.backend_as("alice").await;
    let theirs = ok!(alice.distributor_partners(nordic.id, false).await);
    assert!(theirs
        .iter()
        .any(|l| l.partner.name == "Alpine Systems" && l.is_active));
    expect_err!(
        alice.distributor_partners(sud.id, false).await,
        BackendError::Forbidden(_) | BackendError::NotFound(_)
    );
}

pub async fn check_link_and_unlink_partner(f: &impl Fixture) {
    let demo = f.backend_as("demo").await;
    let carol = f.backend_as("carol").await;
    let nordic = distributor(&demo, "Nordic Channel Distribution").await;
    let delta = partner(&demo, "Delta Réseaux").await;
    let carol_sees_delta = || async {
        all_companies(&carol, CompanyKind::Partner, &CompanyQuery::default())
            .await
            .iter()
            .any(|c| c.id == delta.id)
    };
    assert!(!carol_sees_delta().await, "Delta is not Nordic's yet");

    // Only admins link.
    expect_err!(
        carol.link_partner(nordic.id, delta.id, None).await,
        BackendError::Forbidden(_)
    );

    let link = ok!(demo
        .link_partner(nordic.id, delta.id, Some("Signed at the partner day"))
        .await);
    assert_eq!(link.distributor_id, nordic.id);
    assert_eq!(link.partner_id, delta.id);
    assert_eq!(link.partner.name, "Delta Réseaux");
    assert!(link.is_active);
    assert_eq!(link.notes.as_deref(), Some("Signed at the partner day"));
    let links = ok!(demo.distributor_partners(nordic.id, true).await);
    assert!(links.iter().any(|l| l.partner_id == delta.id));
    assert!(
        carol_sees_delta().await,
        "carol sees the newly linked partner"
    );
    assert_eq!(
        ok!(carol.get_company(CompanyKind::Partner, delta.id).await).id,
        delta.id
    );

    // Twice is refused.
    expect_err!(
        demo.link_partner(nordic.id, delta.id, None).await,
        BackendError::Rule(_)
    );
    assert_eq!(
        ok!(demo.distributor_partners(nordic.id, true).await).len(),
        links.len()
    );
    // Unknown ends.
    expect_err!(
        demo.link_partner(nordic.id, uuid::Uuid::new_v4(), None)
            .await,
        BackendError::NotFound(_)
    );
    expect_err!(
        demo.link_partner(uuid::Uuid::new_v4(), delta.id, None)
            .await,
        BackendError::NotFound(_)
    );

    // Unlinking (the REST API cannot).
    expect_err!(
        carol.unlink_partner(nordic.id, delta.id).await,
        BackendError::Forbidden(_) | BackendError::Unsupported(_)
    );
    match demo.unlink_partner(nordic.id, delta.id).await {
        Ok(()) => {
            let active = ok!(demo.distributor_partners(nordic.id, true).await);
            assert!(active.iter().all(|l| l.partner_id != delta.id));
            assert!(!carol_sees_delta().await, "carol no longer sees Delta");
            expect_err!(
                carol.get_company(CompanyKind::Partner, delta.id).await,
                BackendError::Forbidden(_) | BackendError::NotFound(_)
            );
            expect_err!(
                demo.unlink_partner(nordic.id, delta.id).await,
                BackendError::NotFound(_) | BackendError::Rule(_)
            );
        }
        Err(BackendError::Unsupported(_)) => {
            assert!(carol_sees_delta().await, "still linked");
        }
        Err(e) => panic!("unlink failed: {e:?}"),
    }
}
