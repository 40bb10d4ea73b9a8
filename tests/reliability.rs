//! Faults injected on the fake Tentabo server: an answer lost after the
//! server committed never leads to a duplicate, and a refused move never
//! leaves a card showing something the server does not have.

mod support;

use crossterm::event::KeyCode;
use std::time::Duration;
use support::tui::Harness;
use support::FakeServer;
use tentabo::app::Overlay;
use tentabo::backend::{LeadQuery, PageRequest, SharedBackend};
use tentabo::domain::*;

/// Longer than the client's 5 s timeout in tests: the answer is lost.
const LOST: Duration = Duration::from_millis(5_600);

async fn leads_titled(b: &SharedBackend, title: &str) -> usize {
    let q = LeadQuery {
        text: Some(title.into()),
        ..Default::default()
    };
    let all = tentabo::backend::fetch_all(100, |p: PageRequest| {
        let (b, q) = (b.clone(), q.clone());
        async move { b.list_leads(&q, p).await }
    })
    .await
    .unwrap();
    all.iter().filter(|l| l.title == title).count()
}

fn type_new_lead(h: &mut Harness, title: &str) {
    h.chars("n");
    h.chars(title);
    h.key(KeyCode::Tab);
    h.chars("Lost Answers SA");
    h.key(KeyCode::Tab);
    h.chars("Lou Lost");
}

async fn wait_for_request(server: &FakeServer, method: &str, path: &str) {
    for _ in 0..400 {
        if server.count(method, path) > 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no {method} {path} reached the server");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_create_whose_answer_is_lost_is_found_not_repeated() {
    let server = FakeServer::start().await;
    let backend = server.backend_as("demo").await;
    let mut h = Harness::with_backend(backend.clone()).await;
    let title = "Answer lost after commit";
    type_new_lead(&mut h, title);
    server.clear_requests();
    server.late_next(1, LOST);
    h.ctrl('s');
    h.settle().await;
    assert!(
        !h.app.overlays.iter().any(|o| matches!(o, Overlay::Form(_))),
        "found by looking: the form closed as saved ({:?})",
        h.app.status
    );
    let status = h.app.status.clone().unwrap();
    assert!(!status.error && status.text.contains(title), "{status:?}");
    assert_eq!(server.count("POST", "/leads"), 1);
    assert_eq!(leads_titled(&backend, title).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn after_an_unknown_outcome_saving_again_looks_first_and_never_duplicates() {
    let server = FakeServer::start().await;
    let backend = server.backend_as("demo").await;
    let mut h = Harness::with_backend(backend.clone()).await;
    let title = "Unknown then resubmitted";
    type_new_lead(&mut h, title);
    server.clear_requests();
    server.late_next(1, LOST);
    h.ctrl('s');
    // While the create's answer is held back, make looking fail too.
    wait_for_request(&server, "POST", "/leads").await;
    server.fail_next(20, 503);
    h.settle().await;
    let Some(Overlay::Form(f)) = h.app.top_overlay() else {
        panic!("the form stays: {:?}", h.app.status)
    };
    let shown = f.error.clone().unwrap_or_default();
    assert!(
        shown.contains("outcome unknown"),
        "said as unknown, not refused: {shown}"
    );
    assert!(!f.submitting);
    assert!(f.doubt.is_some());
    // The server is fine again; the user saves again.
    server.fail_next(0, 503);
    h.ctrl('s');
    h.settle().await;
    assert!(
        h.app.overlays.is_empty(),
        "found: saved ({:?})",
        h.app.status
    );
    assert_eq!(server.count("POST", "/leads"), 1, "never sent twice");
    assert_eq!(leads_titled(&backend, title).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_quick_moves_with_the_first_refused_leave_the_card_as_the_server_has_it() {
    let server = FakeServer::start().await;
    let backend = server.backend_as("demo").await;
    let mut h = Harness::with_backend(backend.clone()).await;
    let id = h.app.leads.selected().unwrap().id;
    let before = h.app.leads.selected().unwrap().status;
    server.clear_requests();
    server.fail_next(1, 500);
    h.chars("L");
    h.chars("L");
    h.settle().await;
    let on_server = backend.get_lead(id).await.unwrap().lead.status;
    let on_screen = h.app.leads.all.iter().find(|l| l.id == id).unwrap().status;
    assert_eq!(on_server, before, "the first move was refused");
    assert_eq!(on_screen, on_server, "the card shows the server's state");
    let writes: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    // The first move failed (the client reads the lead before its PUT),
    // and the second, queued behind it, was never sent.
    assert!(
        writes.is_empty(),
        "nothing written after the first failed: {writes:?}"
    );
    let status = h.app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("server's state"),
        "{status:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_quick_moves_run_in_order() {
    let server = FakeServer::start().await;
    let backend = server.backend_as("demo").await;
    let mut h = Harness::with_backend(backend.clone()).await;
    let id = h.app.leads.selected().unwrap().id;
    let before = h.app.leads.selected().unwrap().status;
    // The first move is slow: the second waits for it.
    server.slow_next(1, Duration::from_millis(400));
    h.chars("L");
    h.chars("L");
    h.settle().await;
    let want = LeadStatus::ALL[before.index() + 2];
    assert_eq!(backend.get_lead(id).await.unwrap().lead.status, want);
    assert_eq!(
        h.app.leads.all.iter().find(|l| l.id == id).unwrap().status,
        want
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_order_whose_answer_is_lost_is_found_not_created_twice() {
    let server = FakeServer::start().await;
    let backend = server.backend_as("alice").await;
    let mut h = Harness::with_backend(backend.clone()).await;
    let before = h.app.orders.list.all.len();
    h.chars("2n");
    h.settle().await;
    h.chars("a");
    h.chars("vault");
    h.key(KeyCode::Enter);
    h.chars("12");
    h.key(KeyCode::Enter);
    h.chars("3");
    h.key(KeyCode::Enter);
    h.settle().await;
    server.clear_requests();
    server.late_next(1, LOST);
    h.chars("S");
    h.settle().await;
    assert!(
        matches!(
            h.app.top_overlay(),
            Some(Overlay::Detail(tentabo::app::Detail::Order { .. }))
        ),
        "found and opened: {:?}",
        h.app.status
    );
    assert!(h.app.orders.builder.is_none());
    assert_eq!(server.count("POST", "/orders"), 1);
    h.settle().await;
    assert_eq!(h.app.orders.list.all.len(), before + 1);
}
