//! Products, their quantity price tiers, and subscription durations.

use super::serde_util::{decimal, loose_bool, utc};
use super::{Id, Timestamp};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceTier {
    pub id: Id,
    pub product_id: Id,
    pub min_quantity: i64,
    /// `None` means unlimited.
    pub max_quantity: Option<i64>,
    #[serde(with = "decimal")]
    pub price_per_unit: Decimal,
    /// `month` or `year`.
    pub period: String,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}

impl PriceTier {
    pub fn contains(&self, quantity: i64) -> bool {
        self.min_quantity <= quantity && self.max_quantity.is_none_or(|max| quantity <= max)
    }

    pub fn range_label(&self) -> String {
        match self.max_quantity {
            Some(max) => format!("{}–{}", self.min_quantity, max),
            None => format!("{}+", self.min_quantity),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub id: Id,
    pub name: String,
    pub type_id: Id,
    pub unit: String,
    pub description: Option<String>,
    /// A boolean in JSON, a `'true'`/`'false'` string in the database.
    #[serde(with = "loose_bool")]
    pub is_active: bool,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
    #[serde(default)]
    pub price_tiers: Vec<PriceTier>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duration {
    pub id: Id,
    pub months: i32,
    #[serde(with = "decimal")]
    pub discount_percentage: Decimal,
    pub name: String,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}

/// The `/products/{id}/calculate-price` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceCalculation {
    pub product_id: Id,
    pub product_name: String,
    pub quantity: i64,
    #[serde(with = "decimal")]
    pub unit_price: Decimal,
    #[serde(with = "decimal")]
    pub subtotal: Decimal,
    pub duration_months: Option<i32>,
    #[serde(with = "decimal")]
    pub discount_percentage: Decimal,
    #[serde(with = "decimal")]
    pub discount_amount: Decimal,
    #[serde(with = "decimal")]
    pub total: Decimal,
    #[serde(default = "eur")]
    pub currency: String,
}

fn eur() -> String {
    "EUR".into()
}
