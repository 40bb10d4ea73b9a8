//! The lead form on every backend: the status is shown and changeable
//! (pre-set to the focused column); the partner and distributor default to
//! the user's company (fixed for a partner user) and an admin picks them
//! from a list; what was chosen is what the backend saved.

mod support;

use crossterm::event::KeyCode;
use std::sync::Arc;
use support::pg::PgDb;
use support::tui::{fixed_now, Harness};
use support::FakeServer;
use tentabo::app::Overlay;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::SharedBackend;
use tentabo::domain::*;

fn form(h: &Harness) -> &tentabo::app::form::Form {
    match h.app.top_overlay() {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form on top: {other:?}"),
    }
}

fn shown(h: &Harness, name: &str) -> String {
    let f = form(h);
    let i = f.fields.iter().position(|x| x.name == name).unwrap();
    f.shown(i)
}

fn focus(h: &mut Harness, name: &str) {
    while form(h).fields[form(h).focus].name != name {
        h.key(KeyCode::Tab);
    }
}

/// Fills the required text fields and saves.
async fn fill_and_save(h: &mut Harness, title: &str) -> Lead {
    focus(h, "title");
    h.chars(title);
    focus(h, "organization");
    h.chars("Form Fidelity SA");
    h.key(KeyCode::Tab);
    h.chars("Fay Form");
    h.ctrl('s');
    h.settle().await;
    assert!(
        h.app.overlays.is_empty(),
        "saved: {:?} {:?}",
        h.app.status,
        h.app.top_overlay().map(|o| format!("{o:?}"))
    );
    h.app
        .leads
        .all
        .iter()
        .find(|l| l.title == title)
        .expect("the new lead is listed")
        .clone()
}

/// A partner user: the status of the focused column, changed in the form;
/// the partner is theirs and cannot be changed.
async fn partner_user(backend: SharedBackend) -> Lead {
    let mut h = Harness::on(backend.clone()).await;
    let own = h.app.partners.partners.all[0].clone();
    assert_eq!(
        h.app.partners.partners.all.len(),
        1,
        "a partner sees itself"
    );
    h.app.leads.col = LeadStatus::Negotiation.index();
    h.chars("n");
    assert_eq!(shown(&h, "status"), "Negotiation");
    assert_eq!(shown(&h, "partner_id"), own.name);
    // Its one linked distributor is the default.
    assert_eq!(shown(&h, "distributor_id"), "Nordic Channel Distribution");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Negotiation") && screen.contains(&own.name),
        "{screen}"
    );
    // The partner is fixed: the field says why, and no list opens.
    focus(&mut h, "partner_id");
    assert!(h.screen(120, 40).contains("always your partner's"));
    h.chars(" ");
    assert!(form(&h).pick.is_none());
    let f = form(&h);
    assert!(
        f.fields[f.focus]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("your partner")),
        "{:?}",
        f.fields[f.focus].error
    );
    // The status is a list: one up from Negotiation is Proposal.
    focus(&mut h, "status");
    h.key(KeyCode::Enter);
    assert!(form(&h).pick.is_some(), "Enter opens the list");
    h.chars("k");
    h.key(KeyCode::Enter);
    assert!(form(&h).pick.is_none());
    assert_eq!(shown(&h, "status"), "Proposal");
    let lead = fill_and_save(&mut h, "Partner form lead").await;
    assert_eq!(lead.status, LeadStatus::Proposal);
    assert_eq!(lead.partner_id, Some(own.id));
    // What the backend keeps, read again.
    let saved = backend.get_lead(lead.id).await.unwrap().lead;
    assert_eq!(
        (saved.status, saved.partner_id),
        (LeadStatus::Proposal, Some(own.id))
    );
    lead
}

/// An admin picks the partner and the distributor from lists, typing to
/// narrow; the lead is saved under them.
async fn admin(backend: SharedBackend, partner: &str, distributor: &str) -> Lead {
    let mut h = Harness::on(backend.clone()).await;
    h.chars("n");
    assert_eq!(shown(&h, "status"), "New");
    assert_eq!(shown(&h, "partner_id"), "(none)");
    focus(&mut h, "partner_id");
    // A letter opens the list narrowed by it.
    for c in partner.chars() {
        h.key(KeyCode::Char(c));
    }
    assert!(form(&h).pick.as_ref().is_some_and(|p| p.typing));
    h.key(KeyCode::Enter);
    assert!(
        shown(&h, "partner_id").starts_with(partner),
        "{}",
        shown(&h, "partner_id")
    );
    focus(&mut h, "distributor_id");
    h.key(KeyCode::Enter);
    h.chars("/");
    h.chars(distributor);
    h.key(KeyCode::Enter);
    assert!(shown(&h, "distributor_id").starts_with(distributor));
    let lead = fill_and_save(&mut h, "Admin form lead").await;
    let p = h
        .app
        .partners
        .partners
        .all
        .iter()
        .find(|c| c.name.starts_with(partner));
    let d = h
        .app
        .partners
        .distributors
        .all
        .iter()
        .find(|c| c.name.starts_with(distributor));
    assert_eq!(lead.partner_id, p.map(|c| c.id));
    assert_eq!(lead.distributor_id, d.map(|c| c.id));
    assert_eq!(lead.status, LeadStatus::New);
    let saved = backend.get_lead(lead.id).await.unwrap().lead;
    assert_eq!(
        (saved.partner_id, saved.distributor_id),
        (lead.partner_id, lead.distributor_id)
    );
    lead
}

#[tokio::test]
async fn on_the_demo() {
    let h = Harness::demo(Some("alice"), 300).await;
    partner_user(h.app.session.backend.clone()).await;
    let h = Harness::demo(None, 300).await;
    admin(h.app.session.backend.clone(), "Alpine", "Nordic").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_api() {
    let server = FakeServer::start().await;
    partner_user(server.backend_as("alice").await).await;
    let lead = admin(server.backend_as("demo").await, "Alpine", "Nordic").await;
    // The partner's user sees the admin's lead now.
    let alice = Harness::on(server.backend_as("alice").await).await;
    assert!(alice.app.leads.all.iter().any(|l| l.id == lead.id));
}

#[tokio::test(flavor = "multi_thread")]
async fn on_postgres() {
    let Some(db) = PgDb::seeded(&seed(fixed_now(), SeedSize::default())).await else {
        return;
    };
    let connect = |who: &'static str| {
        let url = db.url.clone();
        async move {
            let b: SharedBackend = Arc::new(PostgresBackend::connect(&url, who).await.unwrap());
            b
        }
    };
    partner_user(connect("alice").await).await;
    let lead = admin(connect("demo").await, "Alpine", "Nordic").await;
    let alice = Harness::on(connect("alice").await).await;
    assert!(alice.app.leads.all.iter().any(|l| l.id == lead.id));
}
