//! PostgreSQL-specific behaviour: schema checks, identities, secrets in
//! URLs, and the real binary working on a real database across processes.

mod support;

use std::process::Command;
use support::pg::PgDb;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::Backend;

#[tokio::test(flavor = "multi_thread")]
async fn a_database_without_the_schema_is_named_plainly() {
    let Some(db) = PgDb::empty().await else {
        return;
    };
    let err = PostgresBackend::connect(&db.url, "demo")
        .await
        .err()
        .expect("refused");
    let text = err.to_string();
    assert!(
        text.contains("table") && (text.contains("leads") || text.contains("users")),
        "{text}"
    );

    // An older schema: one column missing.
    let client = db.client().await;
    client.batch_execute(support::pg::SCHEMA).await.unwrap();
    client
        .batch_execute("ALTER TABLE contracts DROP COLUMN contract_type")
        .await
        .unwrap();
    let err = PostgresBackend::connect(&db.url, "demo")
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("contract_type"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_user_and_unreachable_server_are_clear() {
    let Some(db) = PgDb::seeded(&seed(chrono::Utc::now(), SeedSize::default())).await else {
        return;
    };
    let err = PostgresBackend::connect(&db.url, "nobody")
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("nobody"), "{err}");

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = PostgresBackend::connect(&format!("postgres://postgres@127.0.0.1:{port}/x"), "demo")
        .await
        .err()
        .unwrap();
    assert!(
        matches!(err, tentabo::backend::BackendError::Network(_)),
        "{err:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn passwords_in_urls_are_never_shown() {
    let Some(db) = PgDb::seeded(&seed(chrono::Utc::now(), SeedSize::default())).await else {
        return;
    };
    // Trust auth ignores the password; it must still never be displayed.
    let url = db.url.replace("postgres@", "postgres:hunter2secret@");
    let b = PostgresBackend::connect(&url, "alice").await.unwrap();
    assert!(!b.location().contains("hunter2secret"), "{}", b.location());
    let me = b.whoami().await.unwrap();
    assert_eq!(me.username.as_deref(), Some("alice"));
}

fn tentabo(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_tentabo"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_STATE_HOME", home.path())
        .env_remove("TENTABO_DATABASE_URL")
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_binary_on_a_real_database_across_processes() {
    let Some(db) = PgDb::seeded(&seed(chrono::Utc::now(), SeedSize::default())).await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        // Without --as the client does not guess who you are.
        let out = tentabo(&["--database", &url, "whoami"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("--as"));

        let out = tentabo(&[
            "--database",
            &url,
            "--as",
            "alice",
            "leads",
            "list",
            "--json",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let leads: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        let partner = leads[0]["partner_id"].clone();
        assert!(
            leads.iter().all(|l| l["partner_id"] == partner),
            "alice sees only her partner's leads"
        );
        let id = leads
            .iter()
            .find(|l| l["status"] == "new")
            .expect("a new lead")["id"]
            .as_str()
            .unwrap()
            .to_string();

        let out = tentabo(&[
            "--database",
            &url,
            "--as",
            "alice",
            "leads",
            "move",
            &id,
            "qualified",
            "--reason",
            "budget ok",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        // Another process sees the move and the history row with its reason.
        let out = tentabo(&[
            "--database",
            &url,
            "--as",
            "demo",
            "leads",
            "show",
            &id,
            "--json",
        ]);
        let lead: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(lead["status"], "qualified");
        let last = lead["status_history"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(last["old_status"], "new");
        assert_eq!(last["reason"], "budget ok");

        // Another partner's user may not touch it.
        let out = tentabo(&[
            "--database",
            &url,
            "--as",
            "bob",
            "leads",
            "move",
            &id,
            "won",
        ]);
        assert_eq!(out.status.code(), Some(1));
    })
    .await
    .unwrap();
}
