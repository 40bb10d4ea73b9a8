//! Contracts, and the notes on orders and contracts.

use super::empty_json;
use super::{copy, Value, R};
use crate::backend::demo::data::DemoData;
use crate::backend::postgres::types::Pg;
use tokio_postgres::Client;

pub(super) async fn load_contracts_and_notes(client: &Client, d: &DemoData) -> R<()> {
    copy(
        client,
        "contracts",
        &[
            "id",
            "contract_number",
            "order_id",
            "status",
            "contract_type",
            "billing_provider",
            "billing_customer_id",
            "billing_invoices",
            "billing_metadata",
            "user_id",
            "customer_id",
            "partner_id",
            "distributor_id",
            "activation_date",
            "expiration_date",
            "renewed_from_id",
            "periodicity_months",
            "value_per_period",
            "total_value",
            "currency",
            "notes_internal",
            "created_at",
            "updated_at",
            "cancelled_at",
        ],
        d.contracts
            .iter()
            .map(|c| {
                row![
                    c.id,
                    c.contract_number.clone(),
                    c.order_id,
                    Pg(c.status),
                    Pg(c.contract_type),
                    c.billing_provider.clone(),
                    c.billing_customer_id.clone(),
                    serde_json::json!(c.billing_invoices),
                    empty_json(),
                    c.user_id,
                    c.customer_id,
                    c.partner_id,
                    c.distributor_id,
                    c.activation_date,
                    c.expiration_date,
                    c.renewed_from_id,
                    c.periodicity_months,
                    c.value_per_period,
                    c.total_value,
                    c.currency.clone(),
                    c.notes_internal.clone(),
                    c.created_at,
                    c.updated_at,
                    c.cancelled_at
                ]
            })
            .collect(),
    )
    .await?;
    copy(
        client,
        "notes",
        &[
            "id",
            "order_id",
            "contract_id",
            "content",
            "is_internal",
            "is_pinned",
            "created_by",
            "created_at",
            "updated_at",
        ],
        d.notes
            .iter()
            .map(|n| {
                row![
                    n.id,
                    n.order_id,
                    n.contract_id,
                    n.content.clone(),
                    n.is_internal,
                    n.is_pinned,
                    n.created_by,
                    n.created_at,
                    n.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    Ok(())
}
