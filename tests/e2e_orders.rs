//! End-to-end: build and submit an order in the real TUI (database mode on
//! a real PostgreSQL), then find it with `orders list --json` in another
//! process; and the CLI twins on the API backend.

mod support;

use rust_decimal::Decimal;
use std::str::FromStr;
use support::cli::json as ok_json;
use support::pg::PgDb;
use support::tmux::{launch, Tmux};
use support::FakeServer;
use tentabo::backend::demo::seed::{seed, SeedSize};

/// The binary in a fresh, empty home.
fn run(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    support::cli::run(home.path(), args, env, None)
}

fn dec(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or(&v.to_string())).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn build_and_submit_an_order_in_the_tui_then_find_it_with_the_cli() {
    let Some(db) = PgDb::seeded(&seed(chrono::Utc::now(), SeedSize::default())).await else {
        return;
    };
    let url = db.url.clone();
    let args = format!("--database '{url}' --as demo");
    let Some((t, _home)) = tokio::task::spawn_blocking(move || launch(&args))
        .await
        .unwrap()
    else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let t: &Tmux = &t;
        t.wait_for("Demo User");
        t.keys(&["2"]);
        t.wait_for("sorted by created");
        t.keys(&["n"]);
        t.wait_for("No lines yet");
        t.keys(&["p", "alpine", "Enter"]);
        t.wait_for("Alpine Systems  (p)");
        // 25 TB of Backup Vault for 12 months: 25 × 22.00 = 550.00 − 10% = 495.00
        t.keys(&["a", "vault", "Enter", "12", "Enter", "25", "Enter"]);
        t.wait_for("495.00");
        // 7 M365 users for 12 months: 23.345 → 23.35 − 2.34 = 21.01
        t.keys(&["a", "m365", "Enter", "12", "Enter", "7", "Enter"]);
        let s = t.wait_for("Total 516.01 €");
        assert!(s.contains("Ready: S to submit"), "{s}");
        t.keys(&["S"]);
        let s = t.wait_for("created: total 516.01 EUR");
        assert!(s.contains("Items (2)"), "the new order opens:\n{s}");
        t.keys(&["Escape", "q"]);
        t.wait_for("EXITED:0");

        let orders = ok_json(run(
            &[
                "--database",
                &url,
                "--as",
                "demo",
                "orders",
                "list",
                "--json",
            ],
            &[],
        ));
        let mine: Vec<_> = orders
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| dec(&o["total_amount"]) == Decimal::from_str("516.01").unwrap())
            .collect();
        assert_eq!(mine.len(), 1, "{orders:#}");
        assert_eq!(mine[0]["status"], "created");
        let id = mine[0]["id"].as_str().unwrap();
        let detail = ok_json(run(
            &[
                "--database",
                &url,
                "--as",
                "demo",
                "orders",
                "show",
                id,
                "--json",
            ],
            &[],
        ));
        assert_eq!(detail["items"].as_array().unwrap().len(), 2);
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_orders_cli_on_the_api_create_move_activate() {
    let server = FakeServer::start().await;
    let token = server.create_api_key("demo");
    let url = server.url.clone();
    tokio::task::spawn_blocking(move || {
        let env = [("TENTABO_TOKEN", token.as_str())];
        let cli = |args: &[&str]| {
            let mut all = vec!["--server", url.as_str()];
            all.extend_from_slice(args);
            run(&all, &env)
        };
        let created = ok_json(cli(&[
            "orders",
            "create",
            "--partner",
            "Alpine Systems",
            "--line",
            "Backup Vault:25:12",
            "--line",
            "M365 Protection:7:12",
            "--json",
        ]));
        assert_eq!(dec(&created["total_amount"]), Decimal::from_str("516.01").unwrap());
        let id = created["id"].as_str().unwrap().to_string();

        // Lines as JSON on stdin.
        let product = created["items"][0]["product_id"].as_str().unwrap();
        let duration = created["items"][0]["duration_id"].as_str().unwrap();
        let body = format!(
            r#"{{"partner_id":{},"items":[{{"product_id":"{product}","duration_id":"{duration}","quantity":1}}]}}"#,
            created["partner_id"]
        );
        let home = tempfile::tempdir().unwrap();
        let one = ok_json(support::cli::run(
            home.path(),
            &["--server", &url, "orders", "create", "--stdin", "--json"],
            &env,
            Some(&body),
        ));
        assert_eq!(one["items"].as_array().unwrap().len(), 1);

        // A refused transition says why, exit 1.
        let out = cli(&["orders", "status", &id, "fulfilled"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());

        for s in ["sent", "in_fulfillment", "fulfilled"] {
            let o = ok_json(cli(&["orders", "status", &id, s, "--json"]));
            assert_eq!(o["status"], s);
        }
        let contract = ok_json(cli(&["orders", "activate", &id, "--json"]));
        assert_eq!(contract["order_id"], id.as_str());
        let shown = ok_json(cli(&["orders", "show", &id, "--json"]));
        assert_eq!(shown["status"], "fulfilled");
        let quote = cli(&["orders", "quote", &id]);
        assert!(quote.status.success());
        let listed = ok_json(cli(&["orders", "list", "--status", "fulfilled", "--json"]));
        assert!(listed.as_array().unwrap().iter().any(|o| o["id"] == id.as_str()));
    })
    .await
    .unwrap();
}
