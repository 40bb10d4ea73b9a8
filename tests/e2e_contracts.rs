//! End-to-end: triage a contract in the real TUI against the fake server,
//! then find the change with the CLI in another process.

mod support;

use support::tmux::{launch, Tmux};
use support::FakeServer;

fn cli(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    support::cli::json(support::cli::run(home, args, &[], None))
}

#[tokio::test(flavor = "multi_thread")]
async fn expiring_view_note_and_status_change_show_up_in_the_cli() {
    let server = FakeServer::start().await;
    let url = server.url.clone();
    let Some((t, home)) = tokio::task::spawn_blocking(move || launch(&format!("--server {url}")))
        .await
        .unwrap()
    else {
        return;
    };
    let url = server.url.clone();
    tokio::task::spawn_blocking(move || {
        let t: &Tmux = &t;
        t.wait_for("Sign in to");
        t.keys(&["demo", "Tab", "secret", "Enter"]);
        t.wait_for("Demo User");
        t.keys(&["3"]);
        t.wait_for("Contracts all");
        t.keys(&["f", "f"]);
        t.wait_for("expiring ≤30d");
        t.keys(&["Enter"]);
        let s = t.wait_for("Invoices");
        let number = s
            .split_whitespace()
            .find(|w| w.starts_with("CNT-"))
            .expect("a contract number on screen")
            .to_string();
        t.keys(&["N"]);
        t.wait_for("Note");
        t.keys(&["renewal call booked", "Enter"]);
        t.wait_for("Note added");
        t.keys(&["c"]);
        t.wait_for("→ …");
        t.keys(&["j", "j", "Enter"]); // upgraded, downgraded, expired
        t.wait_for("reason (optional)");
        t.keys(&["not renewed", "Enter"]);
        t.wait_for("1 of 1 contract now Expired");
        t.keys(&["Escape"]);
        t.keys(&["q"]);
        t.wait_for("EXITED:0");

        // Another process, same cached session: the CLI sees both changes.
        let home = home.path();
        let list = cli(
            home,
            &[
                "--server",
                &url,
                "contracts",
                "list",
                "--search",
                &number,
                "--json",
            ],
        );
        let id = list[0]["id"].as_str().expect("the contract").to_string();
        let shown = cli(
            home,
            &["--server", &url, "contracts", "show", &id, "--json"],
        );
        assert_eq!(shown["status"], "expired");
        let notes: Vec<String> = shown["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["content"].as_str().unwrap().to_string())
            .collect();
        assert!(
            notes.iter().any(|n| n == "renewal call booked"),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("Status changed from active to expired")
                    && n.contains("not renewed")),
            "{notes:?}"
        );
    })
    .await
    .unwrap();
}
