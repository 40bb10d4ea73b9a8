//! Exports: the file lands in the export directory and the message gives
//! its absolute path; money has two decimals whichever backend read it (the
//! API sends `4800.0`, PostgreSQL `4800.00`); the noun agrees ("1 contract").

mod support;

use crossterm::event::KeyCode;
use std::sync::Arc;
use support::pg::PgDb;
use support::tui::{fixed_now, Harness};
use support::FakeServer;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::SharedBackend;
use tentabo::domain::*;

/// Exports the one contract `number` as CSV; gives the file and the message.
async fn export_one(backend: SharedBackend, number: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::on(backend).await;
    h.app.prefs.export_dir = dir.path().to_path_buf();
    h.chars("3");
    // Every contract, then only this one.
    while !h.app.contracts.view.label().starts_with("all") {
        h.chars("f");
    }
    h.chars("/");
    h.chars(number);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.contracts.list.len(), 1, "{number}");
    h.chars("x");
    h.key(KeyCode::Enter); // CSV
    h.settle().await;
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .next()
        .expect("the export file");
    let message = h.app.status.clone().unwrap().text;
    assert!(file.is_absolute());
    assert!(
        message.contains(&format!("Exported 1 contract to {}", file.display())),
        "{message}"
    );
    (std::fs::read_to_string(&file).unwrap(), message)
}

/// A contract worth a round 4800 (so its scale shows).
fn round_contract(data: &mut tentabo::backend::demo::data::DemoData) -> String {
    let c = &mut data.contracts[0];
    c.total_value = rust_decimal::Decimal::new(480_000, 2);
    c.value_per_period = Some(rust_decimal::Decimal::new(120, 2)); // 1.20
    c.contract_number.clone()
}

fn money_cells(csv: &str) -> (String, String) {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    (row[6].to_string(), row[7].to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_api_money_has_two_decimals() {
    let mut data = seed(fixed_now(), SeedSize::default());
    let number = round_contract(&mut data);
    let server = FakeServer::with_data(data).await;
    // The fake server writes money as the real one does: Python floats.
    let backend = server.backend_as("demo").await;
    let page = backend
        .list_contracts(
            &Default::default(),
            tentabo::backend::PageRequest::first(100),
        )
        .await
        .unwrap();
    let c = page
        .items
        .iter()
        .find(|c| c.contract_number == number)
        .unwrap();
    assert_eq!(
        c.total_value.to_string(),
        "4800.0",
        "read as the API sends it"
    );
    let (csv, _) = export_one(backend, &number).await;
    assert_eq!(
        money_cells(&csv),
        ("4800.00".into(), "1.20".into()),
        "{csv}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn on_postgres_money_has_two_decimals() {
    let mut data = seed(fixed_now(), SeedSize::default());
    let number = round_contract(&mut data);
    let Some(db) = PgDb::seeded(&data).await else {
        return;
    };
    let b = PostgresBackend::connect(&db.url, "demo").await.unwrap();
    let (csv, _) = export_one(Arc::new(b), &number).await;
    assert_eq!(
        money_cells(&csv),
        ("4800.00".into(), "1.20".into()),
        "{csv}"
    );
}

#[test]
fn the_default_export_directory_is_absolute_and_not_the_working_directory() {
    let dir = tentabo::app::prefs::export_dir(None, None);
    assert!(dir.is_absolute());
    if directories::UserDirs::new().is_some() {
        assert_ne!(dir, std::env::current_dir().unwrap());
    }
    let _ = ContractStatus::Active;
}
