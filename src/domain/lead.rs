//! Leads and what hangs off them: activities, notes, status history.

use super::serde_util::{decimal_opt, loose_bool, utc, utc_opt};
use super::{Id, LeadStatus, Timestamp};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A lead as `LeadResponse` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: Id,
    pub title: String,
    pub organization: String,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    #[serde(with = "decimal_opt", default)]
    pub value: Option<Decimal>,
    /// Short, repetitive text: seeded values share static strings instead of
    /// allocating per lead (100,000 leads); deserialized ones are owned.
    #[serde(default = "default_currency_cow")]
    pub currency: Cow<'static, str>,
    pub status: LeadStatus,
    pub probability: Option<i32>,
    #[serde(with = "utc_opt", default)]
    pub expected_close_date: Option<Timestamp>,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
    pub provider_name: Cow<'static, str>,
    pub provider_id: Option<String>,
    pub owner_id: Id,
    #[serde(with = "utc_opt", default)]
    pub last_sync_at: Option<Timestamp>,
    #[serde(default = "default_sync_status")]
    pub sync_status: Cow<'static, str>,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}

pub fn default_currency() -> String {
    "EUR".into()
}

fn default_sync_status() -> Cow<'static, str> {
    Cow::Borrowed("synced")
}

fn default_currency_cow() -> Cow<'static, str> {
    Cow::Borrowed("EUR")
}

impl Lead {
    /// Expected close date in the past while the lead is still open.
    pub fn is_overdue(&self, now: Timestamp) -> bool {
        !matches!(self.status, LeadStatus::Won | LeadStatus::Lost)
            && self.expected_close_date.is_some_and(|d| d < now)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadActivity {
    pub id: Id,
    pub lead_id: Id,
    pub activity_type: String,
    pub subject: Option<String>,
    pub description: Option<String>,
    #[serde(with = "utc_opt", default)]
    pub due_date: Option<Timestamp>,
    #[serde(with = "loose_bool", default)]
    pub done: bool,
    pub provider_name: String,
    pub provider_id: Option<String>,
    #[serde(with = "utc_opt", default)]
    pub done_at: Option<Timestamp>,
    pub user_id: Option<Id>,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadNote {
    pub id: Id,
    pub lead_id: Id,
    pub content: String,
    pub provider_name: Option<String>,
    pub provider_id: Option<String>,
    pub created_by_user_id: Option<Id>,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}

/// One row of `lead_status_history`. The API does not expose these; the demo
/// and PostgreSQL backends do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadStatusChange {
    pub id: Id,
    pub lead_id: Id,
    pub old_status: Option<LeadStatus>,
    pub new_status: LeadStatus,
    pub changed_by_user_id: Option<Id>,
    pub reason: Option<String>,
    #[serde(with = "utc")]
    pub changed_at: Timestamp,
}

/// `LeadDetailResponse` plus the status history where the backend has it.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadDetail {
    pub lead: Lead,
    pub activities: Vec<LeadActivity>,
    pub notes: Vec<LeadNote>,
    /// `None`: this backend cannot tell (the REST API has no history endpoint).
    pub status_history: Option<Vec<LeadStatusChange>>,
}

/// The fields a user fills in to create or edit a lead (`LeadCreate` /
/// `LeadUpdate`). On update, every field is sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LeadDraft {
    pub title: String,
    pub organization: String,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    #[serde(with = "decimal_opt", default)]
    pub value: Option<Decimal>,
    pub currency: String,
    pub status: Option<LeadStatus>,
    pub probability: Option<i32>,
    #[serde(with = "utc_opt", default)]
    pub expected_close_date: Option<Timestamp>,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
}

impl LeadDraft {
    pub fn from_lead(l: &Lead) -> Self {
        LeadDraft {
            title: l.title.clone(),
            organization: l.organization.clone(),
            contact_name: l.contact_name.clone(),
            contact_email: l.contact_email.clone(),
            contact_phone: l.contact_phone.clone(),
            value: l.value,
            currency: l.currency.to_string(),
            status: Some(l.status),
            probability: l.probability,
            expected_close_date: l.expected_close_date,
            partner_id: l.partner_id,
            distributor_id: l.distributor_id,
        }
    }
}

/// `LeadActivityCreate`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActivityDraft {
    pub activity_type: String,
    pub subject: Option<String>,
    pub description: Option<String>,
    #[serde(with = "utc_opt", default)]
    pub due_date: Option<Timestamp>,
    pub done: bool,
}

/// The activity kinds offered in the UI (the server takes any string).
pub const ACTIVITY_TYPES: &[&str] = &["call", "email", "meeting", "task", "note"];

/// The wire shape of a detail is flat (the record's fields next to the lists);
/// serde's `flatten` mangles exact numbers, so go through a JSON value.
#[derive(Serialize, Deserialize)]
struct LeadDetailExtras {
    #[serde(default)]
    activities: Vec<LeadActivity>,
    #[serde(default)]
    notes: Vec<LeadNote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status_history: Option<Vec<LeadStatusChange>>,
}

impl Serialize for LeadDetail {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extras = LeadDetailExtras {
            activities: self.activities.clone(),
            notes: self.notes.clone(),
            status_history: self.status_history.clone(),
        };
        super::serde_util::serialize_flat(&self.lead, &extras, s)
    }
}

impl<'de> Deserialize<'de> for LeadDetail {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (lead, x): (Lead, LeadDetailExtras) = super::serde_util::deserialize_flat(d)?;
        Ok(LeadDetail {
            lead,
            activities: x.activities,
            notes: x.notes,
            status_history: x.status_history,
        })
    }
}

/// Shares the common values of short, repetitive lead fields (currency,
/// provider, sync status) instead of allocating them per row.
pub fn intern(s: String) -> Cow<'static, str> {
    const COMMON: &[&str] = &[
        "EUR",
        "USD",
        "GBP",
        "CHF",
        "manual",
        "pipedrive",
        "salesforce",
        "hubspot",
        "synced",
        "pending",
        "error",
    ];
    match COMMON.iter().find(|c| **c == s) {
        Some(c) => Cow::Borrowed(c),
        None => Cow::Owned(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{format_compact, format_money, ten_thousandths};
    use crate::domain::validation::validate_lead;
    use std::str::FromStr;

    fn lead_with_value(value: &str) -> serde_json::Result<Lead> {
        serde_json::from_str(&format!(
            r#"{{"id": "5d1f0000-0000-4000-8000-000000000001", "title": "Vault",
                "organization": "Globex", "contact_name": "Hank", "value": {value},
                "status": "negotiation", "probability": 60, "provider_name": "manual",
                "owner_id": "5d1f0000-0000-4000-8000-000000000002",
                "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}"#
        ))
    }

    /// A hostile server's lead values: up to what a decimal holds they load
    /// and show, and the form refuses them; past it they are decode errors.
    #[test]
    fn huge_lead_values_load_show_and_are_refused_without_panicking() {
        for raw in [
            "1e25",
            "\"1e25\"",
            "-1e25",
            "79228162514264337593543950335",
            "\"-79228162514264337593543950335\"",
        ] {
            let lead = lead_with_value(raw).unwrap();
            let v = lead.value.unwrap();
            assert!(v.abs() >= Decimal::from_str("1e25").unwrap(), "{raw}");
            assert!(format_money(v, &lead.currency).ends_with(" EUR"));
            assert!(!format_compact(v).is_empty());
            assert_eq!(ten_thousandths(v), None, "{raw}");
            let errors = validate_lead(&LeadDraft::from_lead(&lead));
            assert!(errors.iter().any(|e| e.field == "value"), "{raw}");
        }
        for raw in [
            "1e29",
            "79228162514264337593543950336",
            "\"1e400\"",
            "1e-400",
        ] {
            assert!(lead_with_value(raw).is_err(), "{raw}");
        }
    }
}
