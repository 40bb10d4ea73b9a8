//! Loads seeded demo data into an empty Tentabo database with binary COPY,
//! one table at a time in one transaction (tests, the benchmark, demos on a
//! real database).

use super::error::{pg_error, Fail, R};
use crate::backend::demo::data::DemoData;
use crate::backend::BackendError;
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::ToSql;
use tokio_postgres::Client;

type Value = Box<dyn ToSql + Sync + Send>;

/// One row of values, boxed so columns of different types sit together.
macro_rules! row {
    ($($v:expr),+ $(,)?) => { vec![$(Box::new($v) as Value),+] };
}

mod billing;
mod catalogue;
mod channel;
mod contracts;
mod leads;
mod orders;

fn narrow(v: i64, what: &str) -> R<i32> {
    i32::try_from(v).map_err(|_| Fail::App(BackendError::Rule(format!("{what} {v} is too large"))))
}

/// COPYs rows into `table`. The column types come from preparing the
/// equivalent INSERT, so native enums and numerics bind exactly.
async fn copy(client: &Client, table: &str, cols: &[&str], rows: Vec<Vec<Value>>) -> R<u64> {
    let list = cols.join(", ");
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    let insert = client
        .prepare(&format!(
            "INSERT INTO {table} ({list}) VALUES ({})",
            marks.join(", ")
        ))
        .await?;
    let sink = client
        .copy_in(&format!("COPY {table} ({list}) FROM STDIN (FORMAT binary)"))
        .await?;
    let writer = BinaryCopyInWriter::new(sink, insert.params());
    let mut writer = std::pin::pin!(writer);
    for r in &rows {
        let refs: Vec<&(dyn ToSql + Sync)> = r
            .iter()
            .map(|v| v.as_ref() as &(dyn ToSql + Sync))
            .collect();
        writer.as_mut().write(&refs).await?;
    }
    Ok(writer.finish().await?)
}

fn empty_json() -> serde_json::Value {
    serde_json::json!({})
}

/// Every table of the demo data, in foreign-key order.
async fn load_all(client: &Client, d: &DemoData) -> R<()> {
    channel::load_channel(client, d).await?;
    let type_names = catalogue::load_catalogue(client, d).await?;
    billing::load_customers(client, d).await?;
    leads::load_leads(client, d).await?;
    orders::load_orders(client, d, &type_names).await?;
    contracts::load_contracts_and_notes(client, d).await
}

/// Inserts all of `data` into an empty database with the Tentabo schema,
/// all or nothing.
pub async fn load_demo(client: &Client, data: &DemoData) -> Result<(), BackendError> {
    client
        .batch_execute("BEGIN")
        .await
        .map_err(|e| pg_error(&e))?;
    match load_all(client, data).await {
        Ok(()) => client
            .batch_execute("COMMIT")
            .await
            .map_err(|e| pg_error(&e)),
        Err(e) => {
            let _ = client.batch_execute("ROLLBACK").await;
            Err(e.into_backend())
        }
    }
}
