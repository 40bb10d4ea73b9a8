//! Orders and their lines.

use super::{copy, Value, R};
use super::{empty_json, narrow};
use crate::backend::demo::data::DemoData;
use crate::backend::postgres::types::Pg;
use crate::domain::*;
use std::collections::HashMap;
use tokio_postgres::Client;

pub(super) async fn load_orders(
    client: &Client,
    d: &DemoData,
    types: &HashMap<Id, String>,
) -> R<()> {
    copy(
        client,
        "orders",
        &[
            "id",
            "order_number",
            "status",
            "billing_provider",
            "billing_quote_id",
            "billing_metadata",
            "crm_provider",
            "crm_deal_id",
            "crm_metadata",
            "created_by",
            "partner_id",
            "distributor_id",
            "lead_id",
            "subtotal",
            "discount_amount",
            "tax_amount",
            "total_amount",
            "notes_internal",
            "created_at",
            "updated_at",
            "sent_at",
            "fulfilled_at",
            "cancelled_at",
        ],
        d.orders
            .iter()
            .map(|o| {
                row![
                    o.id,
                    o.order_number.clone(),
                    Pg(o.status),
                    o.billing_provider.clone(),
                    o.billing_quote_id.clone(),
                    empty_json(),
                    o.crm_provider.clone(),
                    o.crm_deal_id.clone(),
                    empty_json(),
                    o.created_by,
                    o.partner_id,
                    o.distributor_id,
                    o.lead_id,
                    o.subtotal,
                    o.discount_amount,
                    o.tax_amount,
                    o.total_amount,
                    o.notes_internal.clone(),
                    o.created_at,
                    o.updated_at,
                    o.sent_at,
                    o.fulfilled_at,
                    o.cancelled_at
                ]
            })
            .collect(),
    )
    .await?;
    let type_of: HashMap<Id, &str> = d
        .products
        .iter()
        .filter_map(|p| types.get(&p.type_id).map(|n| (p.id, n.as_str())))
        .collect();
    let mut items = Vec::with_capacity(d.items.len());
    for i in &d.items {
        // The seed's lines say "storage"; use the product's real type name.
        let ty = type_of
            .get(&i.product_id)
            .copied()
            .unwrap_or(i.product_type.as_str());
        items.push(row![
            i.id,
            i.order_id,
            i.product_id,
            i.duration_id,
            narrow(i.quantity, "quantity")?,
            i.unit_price,
            i.discount_percentage,
            i.subtotal,
            i.discount_amount,
            i.total,
            i.product_name.clone(),
            ty.to_string(),
            i.product_unit.clone(),
            i.duration_months,
            i.created_at,
            i.updated_at
        ]);
    }
    copy(
        client,
        "order_items",
        &[
            "id",
            "order_id",
            "product_id",
            "duration_id",
            "quantity",
            "unit_price",
            "discount_percentage",
            "subtotal",
            "discount_amount",
            "total",
            "product_name",
            "product_type",
            "product_unit",
            "duration_months",
            "created_at",
            "updated_at",
        ],
        items,
    )
    .await?;
    Ok(())
}
