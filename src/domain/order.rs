//! Orders, their lines and notes.

use super::serde_util::{decimal, utc, utc_opt};
use super::{Contract, Id, OrderStatus, Timestamp};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An order as `OrderResponse` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub id: Id,
    pub order_number: String,
    pub status: OrderStatus,
    pub created_by: Id,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
    pub lead_id: Option<Id>,
    #[serde(with = "decimal")]
    pub subtotal: Decimal,
    #[serde(with = "decimal")]
    pub discount_amount: Decimal,
    #[serde(with = "decimal")]
    pub tax_amount: Decimal,
    #[serde(with = "decimal")]
    pub total_amount: Decimal,
    pub notes_internal: Option<String>,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
    #[serde(with = "utc_opt", default)]
    pub sent_at: Option<Timestamp>,
    #[serde(with = "utc_opt", default)]
    pub fulfilled_at: Option<Timestamp>,
    #[serde(with = "utc_opt", default)]
    pub cancelled_at: Option<Timestamp>,
    pub billing_provider: Option<String>,
    pub billing_quote_id: Option<String>,
    pub crm_provider: Option<String>,
    pub crm_deal_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    pub id: Id,
    pub order_id: Id,
    pub product_id: Id,
    pub duration_id: Id,
    pub quantity: i64,
    #[serde(with = "decimal")]
    pub unit_price: Decimal,
    #[serde(with = "decimal")]
    pub discount_percentage: Decimal,
    #[serde(with = "decimal")]
    pub subtotal: Decimal,
    #[serde(with = "decimal")]
    pub discount_amount: Decimal,
    #[serde(with = "decimal")]
    pub total: Decimal,
    pub product_name: String,
    pub product_type: String,
    pub product_unit: String,
    pub duration_months: i32,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}

/// A note on an order or a contract (the polymorphic `notes` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordNote {
    pub id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<Id>,
    pub content: String,
    #[serde(default)]
    pub is_internal: bool,
    #[serde(default)]
    pub is_pinned: bool,
    pub created_by: Id,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}

/// `OrderNoteCreate` / `ContractNoteCreate`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NoteDraft {
    pub content: String,
    pub is_internal: bool,
    pub is_pinned: bool,
}

/// `OrderDetailResponse`, plus the contract it became where known.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderDetail {
    pub order: Order,
    pub items: Vec<OrderItem>,
    pub notes: Vec<RecordNote>,
    pub contract: Option<Contract>,
}

/// One line of `OrderCreate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineDraft {
    pub product_id: Id,
    pub duration_id: Id,
    pub quantity: i64,
}

/// `OrderCreate`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OrderDraft {
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
    pub lead_id: Option<Id>,
    pub notes_internal: Option<String>,
    pub items: Vec<OrderLineDraft>,
}

/// `OrderQuoteResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderQuote {
    pub order_id: Id,
    pub order_number: String,
    pub quote_id: Option<String>,
    pub quote_url: Option<String>,
    pub quote_pdf_url: Option<String>,
    pub provider: String,
    #[serde(with = "utc")]
    pub generated_at: Timestamp,
    pub message: String,
}

/// `ContractActivateRequest`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActivationDraft {
    #[serde(with = "utc_opt", default)]
    pub activation_date: Option<Timestamp>,
    #[serde(with = "utc_opt", default)]
    pub expiration_date: Option<Timestamp>,
    pub notes_internal: Option<String>,
}

/// Order numbers as the server makes them: `ORD-YYYYMMDD-XXXXXX`.
pub fn order_number(now: Timestamp, id: Id) -> String {
    format!("ORD-{}-{}", now.format("%Y%m%d"), hex6(id))
}

/// Contract numbers: `CNT-YYYYMMDD-XXXXXX`.
pub fn contract_number(now: Timestamp, id: Id) -> String {
    format!("CNT-{}-{}", now.format("%Y%m%d"), hex6(id))
}

fn hex6(id: Id) -> String {
    id.simple().to_string()[..6].to_ascii_uppercase()
}

#[derive(Serialize, Deserialize)]
struct OrderDetailExtras {
    #[serde(default)]
    items: Vec<OrderItem>,
    #[serde(default)]
    notes: Vec<RecordNote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contract: Option<Contract>,
}

impl Serialize for OrderDetail {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extras = OrderDetailExtras {
            items: self.items.clone(),
            notes: self.notes.clone(),
            contract: self.contract.clone(),
        };
        super::serde_util::serialize_flat(&self.order, &extras, s)
    }
}

impl<'de> Deserialize<'de> for OrderDetail {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (order, x): (Order, OrderDetailExtras) = super::serde_util::deserialize_flat(d)?;
        Ok(OrderDetail {
            order,
            items: x.items,
            notes: x.notes,
            contract: x.contract,
        })
    }
}
