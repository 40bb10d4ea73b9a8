//! The catalogue: products and line prices.

use crate::backend::demo::data::DemoData;
use crate::backend::*;
use crate::domain::pricing::price_line;
use crate::domain::*;

impl DemoData {
    pub fn list_products(&self, include_inactive: bool) -> Vec<Product> {
        self.products
            .iter()
            .filter(|p| include_inactive || p.is_active)
            .cloned()
            .collect()
    }

    pub fn calculate_price(
        &self,
        product_id: Id,
        quantity: i64,
        duration_id: Option<Id>,
    ) -> BackendResult<PriceCalculation> {
        let p = self
            .products
            .iter()
            .find(|p| p.id == product_id)
            .ok_or_else(|| BackendError::NotFound(format!("Product {product_id} not found")))?;
        let dur = match duration_id {
            Some(d) => Some(
                self.durations
                    .iter()
                    .find(|x| x.id == d)
                    .ok_or_else(|| BackendError::NotFound(format!("Duration {d} not found")))?,
            ),
            None => None,
        };
        Ok(price_line(p, quantity, dur)?)
    }
}
