//! TLS to the database, with libpq's meanings: `prefer` (the default) goes
//! on in clear text when the server has no TLS and uses TLS when it has;
//! `require` insists; `verify-ca` and `verify-full` check the certificate
//! against the public roots and `sslrootcert`. Mostly against a fake
//! front door (no database needed); the last test uses the real server.

#[path = "support/fake_tls.rs"]
mod fake_tls;
mod support;

use fake_tls::{postgres_front_door, Identity, REACHED_IN_CLEAR, REACHED_OVER_TLS};
use support::pg::PgDb;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::Backend;

/// A fake database's URL (it refuses every startup, saying how it came).
fn door(tls: Option<Identity>) -> String {
    format!(
        "postgres://ann@127.0.0.1:{}/tentabo",
        postgres_front_door(tls)
    )
}

/// What connecting says: the fake's refusal, or why it never got there.
async fn outcome(url: &str) -> String {
    match PostgresBackend::connect(url, "demo").await {
        Ok(_) => "connected".into(),
        Err(e) => e.to_string(),
    }
}

async fn assert_reaches(url: &str, how: &str) {
    let got = outcome(url).await;
    assert!(got.contains(how), "{url}: {got}");
}

async fn assert_refused(url: &str, needle: &str) {
    let got = outcome(url).await;
    assert!(
        !got.contains(REACHED_OVER_TLS) && !got.contains(REACHED_IN_CLEAR),
        "{url} should not reach the database: {got}"
    );
    assert!(got.to_lowercase().contains(needle), "{url}: {got}");
}

#[tokio::test]
async fn prefer_falls_back_to_clear_text_on_a_server_without_tls() {
    let url = door(None);
    assert_reaches(&url, REACHED_IN_CLEAR).await;
    for mode in ["prefer", "allow", "disable"] {
        assert_reaches(&format!("{url}?sslmode={mode}"), REACHED_IN_CLEAR).await;
    }
    for mode in ["require", "verify-ca", "verify-full"] {
        assert_refused(&format!("{url}?sslmode={mode}"), "does not support tls").await;
    }
}

#[tokio::test]
async fn prefer_and_require_use_tls_when_offered_and_check_no_certificate() {
    // A certificate for another name, from a CA nobody trusts.
    let url = door(Some(Identity::Elsewhere));
    assert_reaches(&url, REACHED_OVER_TLS).await;
    for mode in ["prefer", "allow", "require"] {
        assert_reaches(&format!("{url}?sslmode={mode}"), REACHED_OVER_TLS).await;
    }
    assert_reaches(&format!("{url}?sslmode=disable"), REACHED_IN_CLEAR).await;
}

#[tokio::test]
async fn verify_modes_check_the_chain_against_sslrootcert_and_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let ca = fake_tls::ca_file(dir.path());
    let root = format!("sslrootcert={}", ca.display());

    let right_name = door(Some(Identity::Localhost));
    for mode in ["verify-ca", "verify-full"] {
        assert_refused(&format!("{right_name}?sslmode={mode}"), "certificate").await;
        assert_reaches(
            &format!("{right_name}?sslmode={mode}&{root}"),
            REACHED_OVER_TLS,
        )
        .await;
    }

    let wrong_name = door(Some(Identity::Elsewhere));
    assert_refused(
        &format!("{wrong_name}?sslmode=verify-full&{root}"),
        "certificate",
    )
    .await;
    assert_reaches(
        &format!("{wrong_name}?sslmode=verify-ca&{root}"),
        REACHED_OVER_TLS,
    )
    .await;
    // `require` with a root checks the chain, as libpq's does.
    assert_reaches(
        &format!("{wrong_name}?sslmode=require&{root}"),
        REACHED_OVER_TLS,
    )
    .await;

    let missing = dir.path().join("nope.pem");
    let got = outcome(&format!(
        "{right_name}?sslmode=verify-full&sslrootcert={}",
        missing.display()
    ))
    .await;
    assert!(got.contains("cannot read sslrootcert"), "{got}");
    assert!(outcome(&format!("{right_name}?sslmode=sure"))
        .await
        .contains("not one of disable, allow, prefer"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_real_server_gets_tls_exactly_when_it_offers_it() {
    let Some(db) = PgDb::seeded(&seed(chrono::Utc::now(), SeedSize::default())).await else {
        return;
    };
    let row = db.client().await.query_one("SHOW ssl", &[]).await.unwrap();
    let offers_tls = row.get::<_, String>(0) == "on";

    let b = PostgresBackend::connect(&db.url, "demo").await.unwrap();
    assert_eq!(b.uses_tls(), offers_tls);
    assert_eq!(
        b.location().ends_with(" (TLS)"),
        offers_tls,
        "{}",
        b.location()
    );
    assert_eq!(b.notice(), None, "a loopback connection needs no warning");

    let b = PostgresBackend::connect(&format!("{}?sslmode=disable", db.url), "demo")
        .await
        .unwrap();
    assert!(!b.uses_tls());
    assert_eq!(b.notice(), None);

    let required = PostgresBackend::connect(&format!("{}?sslmode=require", db.url), "demo").await;
    assert_eq!(
        required.map(|b| b.uses_tls()).ok(),
        offers_tls.then_some(true)
    );
}
