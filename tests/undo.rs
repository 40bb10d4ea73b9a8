//! Undo and redo of writes, on every backend (demo, the API against the
//! fake server, PostgreSQL): a move and a bulk move are put back by a new
//! write and done again; a refused undo says why; reassignments, contract
//! status and company activation go through the same history.

mod support;

use crossterm::event::KeyCode;
use std::sync::Arc;
use support::pg::PgDb;
use support::tui::{fixed_now, Harness};
use support::FakeServer;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::SharedBackend;
use tentabo::domain::*;

fn status(h: &Harness) -> String {
    h.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn status_of(h: &Harness, id: Id) -> LeadStatus {
    h.app
        .leads
        .all
        .iter()
        .find(|l| l.id == id)
        .expect("lead")
        .status
}

/// `L` moves the selected card, `u` puts it back, `U` moves it again; then
/// two marked cards move and `z` puts both back.
async fn undo_a_move_and_a_bulk_move(backend: SharedBackend) {
    let mut h = Harness::on(backend).await;
    let first = h.app.leads.selected().expect("a card").clone();
    assert_eq!(first.status, LeadStatus::New);
    h.chars("L");
    h.settle().await;
    assert_eq!(
        status_of(&h, first.id),
        LeadStatus::Contacted,
        "{}",
        status(&h)
    );

    // The help says what u would undo.
    let want = format!(
        "Undo: move “{}” to {}",
        first.title,
        LeadStatus::New.label()
    );
    assert_eq!(h.app.undo_hint(), want);
    h.chars("?");
    let screen = h.screen(200, 60);
    assert!(screen.contains(&want), "{screen}");
    h.key(KeyCode::Esc);

    h.chars("u");
    h.settle().await;
    assert_eq!(status_of(&h, first.id), LeadStatus::New, "{}", status(&h));
    assert!(status(&h).starts_with("Undone: move"), "{}", status(&h));
    h.chars("U");
    h.settle().await;
    assert_eq!(
        status_of(&h, first.id),
        LeadStatus::Contacted,
        "{}",
        status(&h)
    );
    assert!(status(&h).starts_with("Redone"), "{}", status(&h));
    h.chars("u");
    h.settle().await;
    assert_eq!(status_of(&h, first.id), LeadStatus::New);

    // A bulk move of two marked cards, undone with z.
    h.app.leads.col = 0;
    h.chars("g");
    let a = h.app.leads.selected().unwrap().id;
    h.chars(" ");
    let b = h.app.leads.selected().unwrap().id;
    h.chars(" ");
    assert_ne!(a, b);
    h.chars("L");
    h.settle().await;
    assert_eq!(status_of(&h, a), LeadStatus::Contacted, "{}", status(&h));
    assert_eq!(status_of(&h, b), LeadStatus::Contacted);
    assert_eq!(
        h.app.undo_hint(),
        format!("Undo: move 2 leads to {}", LeadStatus::New.label())
    );
    h.chars("z");
    h.settle().await;
    assert_eq!(status_of(&h, a), LeadStatus::New, "{}", status(&h));
    assert_eq!(status_of(&h, b), LeadStatus::New);
    h.chars("Z");
    h.settle().await;
    assert_eq!(status_of(&h, a), LeadStatus::Contacted, "{}", status(&h));
    assert_eq!(status_of(&h, b), LeadStatus::Contacted);

    // Undo in another tab still undoes the last change.
    h.chars("3z");
    h.settle().await;
    assert_eq!(status_of(&h, a), LeadStatus::New, "{}", status(&h));
    h.chars("z");
    h.settle().await;
    assert_eq!(status_of(&h, first.id), LeadStatus::New);
    h.chars("z");
    assert!(status(&h).contains("Nothing to undo"), "{}", status(&h));
}

fn fixed_seed() -> tentabo::backend::demo::data::DemoData {
    seed(fixed_now(), SeedSize::default())
}

#[tokio::test]
async fn on_the_demo() {
    let h = Harness::demo(None, 300).await;
    undo_a_move_and_a_bulk_move(h.app.session.backend.clone()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_api() {
    let server = FakeServer::start().await;
    undo_a_move_and_a_bulk_move(server.backend_as("demo").await).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_postgres() {
    let Some(db) = PgDb::seeded(&fixed_seed()).await else {
        return;
    };
    let admin = PostgresBackend::connect(&db.url, "demo").await.unwrap();
    undo_a_move_and_a_bulk_move(Arc::new(admin)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_undo_says_why_and_leaves_the_card() {
    let server = FakeServer::start().await;
    let mut h = Harness::on(server.backend_as("demo").await).await;
    let id = h.app.leads.selected().unwrap().id;
    h.chars("L");
    h.settle().await;
    server.answer_next(
        1,
        400,
        serde_json::json!({"error": "Lead is locked for review", "status_code": 400}),
    );
    h.chars("u");
    h.settle().await;
    let s = h.app.status.clone().unwrap();
    assert!(s.error, "{s:?}");
    assert!(
        s.text.contains("Undo refused") && s.text.contains("Lead is locked for review"),
        "{s:?}"
    );
    assert_eq!(status_of(&h, id), LeadStatus::Contacted);
    // Refused, so there is nothing to redo and nothing left to undo.
    h.chars("U");
    assert!(status(&h).contains("Nothing to redo"), "{}", status(&h));
}

#[tokio::test]
async fn contract_status_and_company_activation_undo() {
    let mut h = Harness::demo(None, 300).await;
    // Deactivate the selected partner, then undo.
    h.chars("4");
    let (pid, was) = {
        let p = h.app.partners.partners.selected().unwrap();
        (p.id, p.is_active)
    };
    h.chars("d");
    h.settle().await;
    let active = |h: &Harness| {
        h.app
            .partners
            .partners
            .all
            .iter()
            .find(|p| p.id == pid)
            .unwrap()
            .is_active
    };
    assert_eq!(active(&h), !was, "{}", status(&h));
    h.chars("z");
    h.settle().await;
    assert_eq!(active(&h), was, "{}", status(&h));
    assert!(status(&h).starts_with("Undone"), "{}", status(&h));

    // An active contract set to expired: the server's rules refuse the way
    // back (expired → active), and the refusal says so.
    h.chars("3");
    let pos = h
        .app
        .contracts
        .list
        .visible
        .iter()
        .position(|i| h.app.contracts.list.all[*i].status == ContractStatus::Active)
        .unwrap();
    h.app.contracts.list.cursor.selected = pos;
    let cid = h.app.contracts.list.selected().unwrap().id;
    h.chars("c");
    let Some(tentabo::app::Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no picker")
    };
    let expired = p
        .list
        .position(|i| i.value == tentabo::app::PickValue::ContractStatus(ContractStatus::Expired))
        .unwrap();
    for _ in 0..expired {
        h.chars("j");
    }
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    h.settle().await;
    let now = |h: &Harness| {
        h.app
            .contracts
            .list
            .all
            .iter()
            .find(|c| c.id == cid)
            .unwrap()
            .status
    };
    assert_eq!(now(&h), ContractStatus::Expired, "{}", status(&h));
    assert!(
        h.app.undo_hint().contains("to Active"),
        "{}",
        h.app.undo_hint()
    );
    h.chars("u");
    h.settle().await;
    let s = h.app.status.clone().unwrap();
    assert!(s.error && s.text.contains("Undo refused"), "{s:?}");
    assert!(s.text.contains("Cannot transition"), "{s:?}");
    assert_eq!(now(&h), ContractStatus::Expired);
}
