//! The billing customers the demo contracts point at.

use super::empty_json;
use super::{copy, Value, R};
use crate::backend::demo::data::DemoData;
use crate::domain::*;
use tokio_postgres::Client;

/// The Pennylane connection the demo customers hang off.
const DEMO_CONNECTION: Id = uuid::uuid!("00000000-0000-4000-8000-00000000d3e0");

pub(super) async fn load_customers(client: &Client, d: &DemoData) -> R<()> {
    copy(
        client,
        "pennylane_connections",
        &[
            "id",
            "name",
            "api_token",
            "company_name",
            "is_active",
            "sync_invoices",
            "sync_quotes",
            "sync_subscriptions",
            "sync_customers",
        ],
        vec![row![
            DEMO_CONNECTION,
            "Demo Pennylane",
            "demo-token-not-a-secret",
            "Tentabo Demo",
            true,
            true,
            true,
            true,
            true
        ]],
    )
    .await?;
    copy(
        client,
        "pennylane_customers",
        &["id", "connection_id", "pennylane_id", "name", "raw_data"],
        d.customers
            .iter()
            .enumerate()
            .map(|(i, (id, name))| {
                row![
                    *id,
                    DEMO_CONNECTION,
                    format!("demo-{}", i + 1),
                    name.clone(),
                    empty_json()
                ]
            })
            .collect(),
    )
    .await?;
    Ok(())
}
