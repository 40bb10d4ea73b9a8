//! The catalogue's tables: product types, products, price tiers, durations.

use super::narrow;
use super::{copy, Value, R};
use crate::backend::demo::data::DemoData;
use crate::backend::postgres::types::text_bool;
use crate::domain::*;
use std::collections::HashMap;
use tokio_postgres::Client;

/// Names for the seed's product type ids, in order of first use.
const TYPE_NAMES: &[&str] = &["Storage", "Protection", "Hardware"];

/// Product types, products, tiers, durations. Returns the type names.
pub(super) async fn load_catalogue(client: &Client, d: &DemoData) -> R<HashMap<Id, String>> {
    let mut names: HashMap<Id, String> = HashMap::new();
    let mut types = Vec::new();
    for p in &d.products {
        if !names.contains_key(&p.type_id) {
            let n = names.len();
            let name = TYPE_NAMES
                .get(n)
                .map_or_else(|| format!("Type {}", n + 1), |s| s.to_string());
            names.insert(p.type_id, name.clone());
            types.push(row![p.type_id, name, true]);
        }
    }
    copy(client, "product_types", &["id", "name", "is_active"], types).await?;
    copy(
        client,
        "products",
        &[
            "id",
            "name",
            "type_id",
            "unit",
            "description",
            "is_active",
            "created_at",
            "updated_at",
        ],
        d.products
            .iter()
            .map(|p| {
                row![
                    p.id,
                    p.name.clone(),
                    p.type_id,
                    p.unit.clone(),
                    p.description.clone(),
                    text_bool(p.is_active),
                    p.created_at,
                    p.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    let mut tiers = Vec::new();
    for t in d.products.iter().flat_map(|p| &p.price_tiers) {
        let max = t
            .max_quantity
            .map(|m| narrow(m, "max_quantity"))
            .transpose()?;
        tiers.push(row![
            t.id,
            t.product_id,
            narrow(t.min_quantity, "min_quantity")?,
            max,
            t.price_per_unit,
            t.period.clone(),
            t.created_at,
            t.updated_at
        ]);
    }
    copy(
        client,
        "price_tiers",
        &[
            "id",
            "product_id",
            "min_quantity",
            "max_quantity",
            "price_per_unit",
            "period",
            "created_at",
            "updated_at",
        ],
        tiers,
    )
    .await?;
    copy(
        client,
        "durations",
        &[
            "id",
            "months",
            "discount_percentage",
            "name",
            "created_at",
            "updated_at",
        ],
        d.durations
            .iter()
            .map(|x| {
                row![
                    x.id,
                    x.months,
                    x.discount_percentage,
                    x.name.clone(),
                    x.created_at,
                    x.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    Ok(names)
}
