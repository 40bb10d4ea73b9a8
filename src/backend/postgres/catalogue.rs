//! Products with their price tiers, durations, and prices computed with the
//! domain's exact pricing.

use super::error::R;
use super::paging::query;
use super::rows::{self, get};
use super::PostgresBackend;
use crate::backend::BackendError;
use crate::domain::pricing::price_line;
use crate::domain::*;
use deadpool_postgres::GenericClient;

/// A product as an order line snapshots it: with tiers and its type's name.
pub(super) struct CatalogueEntry {
    pub product: Product,
    pub type_name: String,
}

/// Products (any state) by id, with tiers, two queries pipelined.
pub(super) async fn products_by_id<C: GenericClient>(c: &C, ids: &[Id]) -> R<Vec<CatalogueEntry>> {
    let ps = format!(
        "SELECT {}, pt.name AS type_name FROM products p \
         LEFT JOIN product_types pt ON pt.id = p.type_id WHERE p.id = ANY($1)",
        rows::PRODUCT
    );
    let ts = format!(
        "SELECT {} FROM price_tiers t WHERE t.product_id = ANY($1) ORDER BY t.min_quantity, t.id",
        rows::TIER
    );
    let params_1: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&ids];
    let params_2: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&ids];
    let (ps, ts) = tokio::try_join!(query(c, &ps, &params_1), query(c, &ts, &params_2))?;
    let mut entries = Vec::with_capacity(ps.len());
    for r in &ps {
        entries.push(CatalogueEntry {
            product: rows::product(r)?,
            type_name: get::<Option<String>>(r, "type_name")?.unwrap_or_default(),
        });
    }
    let tiers = rows::all(&ts, rows::tier)?;
    for t in tiers {
        if let Some(e) = entries.iter_mut().find(|e| e.product.id == t.product_id) {
            e.product.price_tiers.push(t);
        }
    }
    Ok(entries)
}

pub(super) async fn durations_by_id<C: GenericClient>(c: &C, ids: &[Id]) -> R<Vec<Duration>> {
    let sql = format!(
        "SELECT {} FROM durations d WHERE d.id = ANY($1)",
        rows::DURATION
    );
    rows::all(&query(c, &sql, &[&ids]).await?, rows::duration)
}

impl PostgresBackend {
    pub(super) async fn products(&self, include_inactive: bool) -> R<Vec<Product>> {
        let (c, _) = self.reader().await?;
        let active = "($1 OR lower(p.is_active) = 'true')";
        let ps = format!(
            "SELECT {} FROM products p WHERE {active} ORDER BY p.name, p.id",
            rows::PRODUCT
        );
        let ts = format!(
            "SELECT {} FROM price_tiers t JOIN products p ON p.id = t.product_id \
             WHERE {active} ORDER BY t.min_quantity, t.id",
            rows::TIER
        );
        let params_3: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&include_inactive];
        let params_4: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&include_inactive];
        let (ps, ts) = tokio::try_join!(query(&c, &ps, &params_3), query(&c, &ts, &params_4))?;
        let mut products = rows::all(&ps, rows::product)?;
        rows::attach_tiers(&mut products, rows::all(&ts, rows::tier)?);
        Ok(products)
    }

    pub(super) async fn durations(&self) -> R<Vec<Duration>> {
        let (c, _) = self.reader().await?;
        let sql = format!(
            "SELECT {} FROM durations d ORDER BY d.months",
            rows::DURATION
        );
        rows::all(&query(&c, &sql, &[]).await?, rows::duration)
    }

    pub(super) async fn price(
        &self,
        product_id: Id,
        quantity: i64,
        duration_id: Option<Id>,
    ) -> R<PriceCalculation> {
        let (c, _) = self.reader().await?;
        let dids: Vec<Id> = duration_id.into_iter().collect();
        let params_5 = [product_id];
        let (products, durations) =
            tokio::try_join!(products_by_id(&c, &params_5), durations_by_id(&c, &dids))?;
        let p = products
            .first()
            .ok_or_else(|| BackendError::NotFound(format!("Product {product_id} not found")))?;
        let d = match duration_id {
            Some(id) => Some(
                durations
                    .first()
                    .ok_or_else(|| BackendError::NotFound(format!("Duration {id} not found")))?,
            ),
            None => None,
        };
        Ok(price_line(&p.product, quantity, d)?)
    }
}
