//! Unknown is not zero: when a list failed to load (the real server's NULL
//! billing_invoices 500) or was refused (users, for a partner user), the
//! Partners tab's counts from it are `?`, not `·` (none).

mod support;

use support::tui::Harness;
use support::FakeServer;

/// The count cells (USERS LEADS ORDERS CONTR.) of the row naming `name`.
fn counts_of(screen: &str, name: &str) -> Vec<String> {
    let row = screen
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no row for {name}:\n{screen}"));
    let cells: Vec<String> = row
        .split_whitespace()
        .filter(|w| *w != "│")
        .map(|w| w.trim_matches('│').to_string())
        .collect();
    cells[cells.len() - 4..].to_vec()
}

#[tokio::test(flavor = "multi_thread")]
async fn contracts_that_failed_to_load_count_as_unknown() {
    let server = FakeServer::start().await;
    server.bug_null_invoices(true);
    let mut h = Harness::on(server.backend_as("demo").await).await;
    h.chars("4");
    let screen = h.screen(160, 45);
    let cells = counts_of(&screen, "Alpine Systems");
    assert_eq!(cells[3], "?", "contracts unknown: {cells:?}\n{screen}");
    assert_ne!(cells[1], "?", "leads loaded: {cells:?}");
    // Loaded again without the bug: counted.
    server.bug_null_invoices(false);
    h.chars("3r");
    h.settle().await;
    h.chars("4");
    let cells = counts_of(&h.screen(160, 45), "Alpine Systems");
    assert!(cells[3] != "?", "{cells:?}");
}

#[tokio::test]
async fn users_a_partner_may_not_list_count_as_unknown() {
    let mut h = Harness::demo(Some("alice"), 300).await;
    h.chars("4");
    let screen = h.screen(160, 45);
    let cells = counts_of(&screen, "Alpine Systems");
    assert_eq!(cells[0], "?", "{cells:?}\n{screen}");
    assert_ne!(cells[1], "?", "{cells:?}");
}
