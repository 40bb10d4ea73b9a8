//! Messages are never cut: the status bar gives the first line of the last
//! one and says when there is more; `!` (or the palette's `messages`) shows
//! every message whole, wrapped, newest first; a tab's load error stays in
//! that tab; the server's known NULL billing_invoices bug is explained as
//! the CLI explains it. On the fake server, which answers as the real one.

mod support;

use crossterm::event::KeyCode;
use support::tui::Harness;
use support::FakeServer;
use tentabo::app::Overlay;

fn last_line(screen: &str) -> String {
    screen.lines().last().unwrap_or("").to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_null_billing_invoices_500_is_explained_whole_and_stays_in_its_tab() {
    let server = FakeServer::start().await;
    server.bug_null_invoices(true);
    let mut h = Harness::on(server.backend_as("demo").await).await;
    // The Leads tab does not carry the contracts' error.
    let leads = h.screen(80, 24);
    assert!(
        !last_line(&leads).contains("contracts"),
        "{}",
        last_line(&leads)
    );
    h.chars("3");
    let bar = last_line(&h.screen(120, 40));
    assert!(
        bar.contains("could not list contracts: a known server bug") && bar.contains("(! whole)"),
        "the explanation first, and the way to the rest: {bar}"
    );
    let bar = last_line(&h.screen(80, 24));
    assert!(bar.contains("(! whole)"), "{bar}");
    assert!(!bar.contains("ContractResponsebilling"), "{bar}");

    // A later notice comes first in the log; the error is there whole.
    h.chars("r");
    h.settle().await;
    h.chars("!");
    assert!(matches!(
        h.app.top_overlay(),
        Some(Overlay::Messages { .. })
    ));
    let log = h.screen(80, 40);
    let flat: String = log
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    for part in [
        "known server bug",
        "NULL instead of []",
        "1 validation error for ContractResponse",
        "Input should be a valid list",
        "For further information visit",
    ] {
        assert!(flat.contains(part), "{part} missing from the log:\n{log}");
    }
    // Loaded, failed; reloaded, failed again: newest first.
    let reload = log.find("Reloading contracts").expect("the reload notice");
    let newest = log.find("Loading contracts failed").expect("the failure");
    assert!(newest < reload, "newest first:\n{log}");
    assert!(log[reload..].contains("Loading contracts failed"), "{log}");
    h.key(KeyCode::Esc);
    assert!(h.app.overlays.is_empty());

    // The palette has it too.
    h.chars(":");
    h.chars("messages");
    h.key(KeyCode::Enter);
    assert!(matches!(
        h.app.top_overlay(),
        Some(Overlay::Messages { .. })
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_refusal_is_shown_whole_in_its_form() {
    let server = FakeServer::start().await;
    let mut h = Harness::on(server.backend_as("demo").await).await;
    h.chars("n");
    h.chars("A lead");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.chars("Org");
    h.key(KeyCode::Tab);
    h.chars("Someone");
    let long = "a refusal long enough to need three lines of the form: the server explains \
                at length what it did not like about the lead, and the end of it matters: \
                THE-LAST-WORDS";
    server.answer_next(
        1,
        400,
        serde_json::json!({ "error": long, "status_code": 400 }),
    );
    h.ctrl('s');
    h.settle().await;
    assert!(matches!(h.app.top_overlay(), Some(Overlay::Form(_))));
    let screen = h.screen(80, 24);
    assert!(screen.contains("THE-LAST-WORDS"), "{screen}");
}
