//! Contracts: activated orders with billing data.

use super::order::RecordNote;
use super::serde_util::{decimal, decimal_opt, utc, utc_opt};
use super::{ContractStatus, ContractType, Id, Timestamp};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

/// A contract as `ContractResponse` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub id: Id,
    pub contract_number: String,
    pub order_id: Option<Id>,
    pub status: ContractStatus,
    pub contract_type: ContractType,
    pub user_id: Id,
    pub customer_id: Id,
    pub customer_name: Option<String>,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
    #[serde(with = "utc")]
    pub activation_date: Timestamp,
    #[serde(with = "utc_opt", default)]
    pub expiration_date: Option<Timestamp>,
    pub renewed_from_id: Option<Id>,
    pub periodicity_months: Option<i32>,
    #[serde(with = "decimal_opt", default)]
    pub value_per_period: Option<Decimal>,
    #[serde(with = "decimal")]
    pub total_value: Decimal,
    #[serde(default = "super::lead::default_currency")]
    pub currency: String,
    pub notes_internal: Option<String>,
    pub billing_provider: String,
    pub billing_customer_id: Option<String>,
    /// NULL in the database is read as empty (the real server 500s on it).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub billing_invoices: Vec<String>,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
    #[serde(with = "utc_opt", default)]
    pub cancelled_at: Option<Timestamp>,
}

fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

impl Contract {
    /// Whole days from `now` to the expiration date (negative when past).
    pub fn days_left(&self, now: Timestamp) -> Option<i64> {
        self.expiration_date.map(|e| (e - now).num_days())
    }

    /// Active and expiring within `days` days from now (not already past).
    pub fn expires_within(&self, now: Timestamp, days: i64) -> bool {
        self.status == ContractStatus::Active
            && self.days_left(now).is_some_and(|d| (0..=days).contains(&d))
    }
}

/// One invoice in `ContractInvoiceResponse.invoices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    pub invoice_id: String,
    pub invoice_number: Option<String>,
    pub status: Option<String>,
    #[serde(with = "decimal_opt", default)]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    pub created_at: Option<String>,
}

/// `ContractInvoiceResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractInvoices {
    pub contract_id: Id,
    pub contract_number: String,
    #[serde(default)]
    pub invoices: Vec<Invoice>,
    pub provider: String,
    pub message: String,
}

/// `ContractDetailResponse`, plus the renewal links resolved where cheap.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractDetail {
    pub contract: Contract,
    pub notes: Vec<RecordNote>,
    /// Contracts whose `renewed_from_id` is this one.
    pub renewed_by: Vec<Id>,
}

#[derive(Serialize, Deserialize)]
struct ContractDetailExtras {
    #[serde(default)]
    notes: Vec<RecordNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    renewed_by: Vec<Id>,
}

impl Serialize for ContractDetail {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extras = ContractDetailExtras {
            notes: self.notes.clone(),
            renewed_by: self.renewed_by.clone(),
        };
        super::serde_util::serialize_flat(&self.contract, &extras, s)
    }
}

impl<'de> Deserialize<'de> for ContractDetail {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (contract, x): (Contract, ContractDetailExtras) =
            super::serde_util::deserialize_flat(d)?;
        Ok(ContractDetail {
            contract,
            notes: x.notes,
            renewed_by: x.renewed_by,
        })
    }
}
