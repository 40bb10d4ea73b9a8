//! End-to-end: create a partner and link it to a distributor in the real
//! TUI against the fake server, then find the link with the CLI in another
//! process (same cached session).

mod support;

use support::tmux::{launch, Tmux};
use support::FakeServer;

fn cli(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    support::cli::json(support::cli::run(home, args, &[], None))
}

#[tokio::test(flavor = "multi_thread")]
async fn partner_created_and_linked_in_the_tui_is_found_by_the_cli() {
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
        t.keys(&["4"]);
        t.wait_for("Partners 6 of 6");
        t.keys(&["n"]);
        t.wait_for("New partner");
        // Name, then the email three fields down; Ctrl-S saves.
        t.keys(&[
            "E2E Partner",
            "Tab",
            "Tab",
            "Tab",
            "e2e@partner.example",
            "C-s",
        ]);
        t.wait_for("Saved partner E2E Partner");
        t.wait_for("Partners 7 of 7");
        t.keys(&["/", "E2E", "Enter"]);
        t.wait_for("Partners 1 of 7");
        t.keys(&["L"]);
        t.wait_for("Link E2E Partner to");
        t.keys(&["Enter"]); // the first distributor by name
        t.wait_for("Linked E2E Partner to Nordic Channel Distribution");
        t.wait_for("Distributors (1 linked, 0 ended)");
        t.keys(&["q"]);
        t.wait_for("EXITED:0");

        let home = home.path();
        let shown = cli(
            home,
            &[
                "--server",
                &url,
                "partners",
                "show",
                "E2E Partner",
                "--json",
            ],
        );
        assert_eq!(shown["email"], "e2e@partner.example");
        let links = shown["links"].as_array().unwrap();
        assert_eq!(links.len(), 1, "{shown}");
        assert_eq!(links[0]["distributor"], "Nordic Channel Distribution");
        assert_eq!(links[0]["is_active"], true);
        let d = cli(
            home,
            &[
                "--server",
                &url,
                "distributors",
                "show",
                "Nordic Channel Distribution",
                "--json",
            ],
        );
        assert!(d["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["partner"] == "E2E Partner" && l["is_active"] == true));
    })
    .await
    .unwrap();
}
