//! Actions that cannot work on this backend or for this user are not
//! offered: the palette and the help dim them with the reason, and their key
//! says why before any picker opens. The API has no reassign or unlink
//! endpoint; an admin account cannot record a reason (the real server
//! answers a bare 500, which the fake server reproduces).

mod support;

use crossterm::event::KeyCode;
use std::sync::Arc;
use support::pg::PgDb;
use support::tui::{fixed_now, Harness};
use support::FakeServer;
use tentabo::app::keymap::{Action, Context, BINDINGS};
use tentabo::app::{Overlay, Pane};
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

fn binding(ctx: Context, action: Action) -> &'static tentabo::app::keymap::Binding {
    BINDINGS
        .iter()
        .find(|b| b.context == ctx && b.action == action)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_offers_no_reassign_and_no_unlink() {
    let server = FakeServer::start().await;
    let mut h = Harness::on(server.backend_as("demo").await).await;
    // The palette dims it with the reason; the help says it too.
    let why = h
        .app
        .unavailable_binding(binding(Context::Leads, Action::Reassign))
        .expect("reassign dimmed");
    assert!(why.contains("no endpoint"), "{why}");
    h.chars("?");
    let help = h.screen(160, 80);
    let reassign = help
        .lines()
        .position(|l| l.contains("Give the marked"))
        .expect("reassign in the help");
    let text: String = help.lines().skip(reassign).take(3).collect();
    assert!(
        text.contains("↳ not here: the Tentabo API has no endpoint"),
        "{help}"
    );
    h.key(KeyCode::Esc);
    // The key says why; no picker opens, nothing is sent.
    server.clear_requests();
    h.chars("A");
    assert!(h.app.overlays.is_empty(), "{:?}", h.app.top_overlay());
    assert!(
        status(&h).contains("no endpoint for reassigning"),
        "{}",
        status(&h)
    );
    // Unlink: in the partners pane and in a company's detail.
    h.chars("4");
    assert_eq!(h.app.partners.pane, Pane::Partners);
    h.chars("U");
    assert!(h.app.overlays.is_empty(), "{:?}", h.app.top_overlay());
    assert!(
        status(&h).contains("ending a distributor–partner link"),
        "{}",
        status(&h)
    );
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.top_overlay(), Some(Overlay::Company(_))));
    h.chars("U");
    assert!(matches!(h.app.top_overlay(), Some(Overlay::Company(_))));
    assert!(status(&h).contains("ending a distributor–partner link"));
    assert!(server.requests().iter().all(|r| r.method == "GET"));
}

/// The admin account changes a contract's status: no reason is asked, and
/// the change is made.
async fn admin_account_changes_status(backend: SharedBackend) {
    let mut h = Harness::on(backend.clone()).await;
    // Lead work is dimmed for the admin account, with why.
    let why = h
        .app
        .unavailable_binding(binding(Context::Leads, Action::NewLead))
        .expect("new lead dimmed");
    assert!(why.contains("admin accounts cannot"), "{why}");
    h.chars("n");
    assert!(h.app.overlays.is_empty(), "no form for the admin account");
    h.chars("3");
    let active = h
        .app
        .contracts
        .list
        .visible
        .iter()
        .position(|i| h.app.contracts.list.all[*i].status == ContractStatus::Active)
        .expect("an active contract");
    h.app.contracts.list.cursor.selected = active;
    let id = h.app.contracts.list.all[h.app.contracts.list.visible[active]].id;
    h.chars("c");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no status picker: {}", status(&h))
    };
    let at = p
        .list
        .position(|i| i.label.contains("Upgraded"))
        .expect("upgraded offered");
    for _ in 0..at {
        h.chars("j");
    }
    h.key(KeyCode::Enter);
    assert!(
        !matches!(h.app.top_overlay(), Some(Overlay::Form(_))),
        "no reason asked"
    );
    h.settle().await;
    let c = backend.get_contract(id).await.unwrap().contract;
    assert_eq!(c.status, ContractStatus::Upgraded, "{}", status(&h));
    // With a reason, every backend refuses, and says why.
    let other = h
        .app
        .contracts
        .list
        .all
        .iter()
        .find(|c| c.status == ContractStatus::Active && c.id != id)
        .expect("another active contract")
        .id;
    let e = backend
        .change_contract_status(other, ContractStatus::Upgraded, Some("why"))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("Admin accounts cannot"), "{e}");
}

#[tokio::test]
async fn admin_account_on_the_demo() {
    let h = Harness::demo(Some("admin"), 300).await;
    admin_account_changes_status(h.app.session.backend.clone()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_account_on_the_api() {
    let server = FakeServer::start().await;
    admin_account_changes_status(server.backend_as("admin").await).await;
    // The client never sends a reason for it; the server would answer 500.
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.method == "PUT" && r.path.contains("/status"))
            .count(),
        1
    );
    let key = server.create_api_key("admin");
    let contract = server
        .data
        .read()
        .unwrap()
        .contracts
        .iter()
        .find(|c| c.status == ContractStatus::Active)
        .unwrap()
        .id;
    let answer = reqwest::Client::new()
        .put(format!("{}/api/v1/contracts/{contract}/status", server.url))
        .bearer_auth(key)
        .json(&serde_json::json!({"status": "upgraded", "reason": "why"}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 500);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["error"], "Error updating contract status");
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_account_on_postgres() {
    let Some(db) = PgDb::seeded(&seed(fixed_now(), SeedSize::default())).await else {
        return;
    };
    let admin = PostgresBackend::connect(&db.url, "admin").await.unwrap();
    admin_account_changes_status(Arc::new(admin)).await;
    // PostgreSQL can reassign and unlink: offered.
    let demo = PostgresBackend::connect(&db.url, "demo").await.unwrap();
    let h = Harness::on(Arc::new(demo)).await;
    assert!(h
        .app
        .unavailable_binding(binding(Context::Leads, Action::Reassign))
        .is_none());
}
