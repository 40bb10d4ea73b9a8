//! Names, never id fragments: a partner user may not list users, so the
//! owners and creators it cannot name are "you" or "another user" on the
//! board, in the lead detail and in the orders' CREATOR column — on the
//! demo, the API (fake server) and PostgreSQL.

mod support;

use crossterm::event::KeyCode;
use std::sync::Arc;
use support::pg::PgDb;
use support::tui::{fixed_now, Harness};
use support::FakeServer;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::SharedBackend;

/// Runs of 8 or more hex digits with a digit among them (an id's start).
fn id_fragments(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in screen.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() && !c.is_ascii_uppercase() {
            run.push(c);
            continue;
        }
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let letters = run.len() - digits;
        if run.len() >= 8 && digits > 0 && letters > 0 && !c.is_alphanumeric() {
            out.push(run.clone());
        }
        run.clear();
    }
    out
}

async fn no_fragments(backend: SharedBackend) {
    let mut h = Harness::on(backend).await;
    assert!(
        h.app.partners.channel.users_error.is_some(),
        "a partner user cannot list users"
    );
    let board = h.screen(160, 45);
    assert!(
        id_fragments(&board).is_empty(),
        "{:?}\n{board}",
        id_fragments(&board)
    );
    assert!(
        board.contains("@you") || board.contains("@another user"),
        "{board}"
    );
    // A card someone else owns: its detail names no id either.
    let me = h.app.me_id();
    let other = h
        .app
        .leads
        .all
        .iter()
        .find(|l| Some(l.owner_id) != me)
        .map(|l| l.id)
        .expect("a lead owned by someone else");
    h.app.leads.select_id(other);
    h.key(KeyCode::Enter);
    h.settle().await;
    let detail = h.screen(160, 45);
    assert!(detail.contains("another user"), "{detail}");
    assert!(id_fragments(&detail).is_empty(), "{detail}");
    h.key(KeyCode::Esc);
    h.chars("2");
    let orders = h.screen(160, 45);
    assert!(orders.contains("CREATOR"), "{orders}");
    assert!(id_fragments(&orders).is_empty(), "{orders}");
}

#[tokio::test]
async fn on_the_demo() {
    let h = Harness::demo(Some("alice"), 300).await;
    no_fragments(h.app.session.backend.clone()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_api() {
    let server = FakeServer::start().await;
    no_fragments(server.backend_as("alice").await).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_postgres() {
    let Some(db) = PgDb::seeded(&seed(fixed_now(), SeedSize::default())).await else {
        return;
    };
    let alice = PostgresBackend::connect(&db.url, "alice").await.unwrap();
    no_fragments(Arc::new(alice)).await;
}

#[test]
fn fragments_are_found() {
    assert_eq!(id_fragments("@3ec326e3 x"), vec!["3ec326e3"]);
    assert!(id_fragments("@you 12,500.00€ deadbeef").is_empty());
}
