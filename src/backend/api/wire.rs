//! Request and response shapes of the REST API that the domain types do not
//! already cover (the domain types themselves equal the API's JSON).

use crate::domain::serde_util::{decimal_opt, utc_opt};
use crate::domain::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `{items, pagination: {page, page_size, total_items, total_pages, has_next, has_prev}}`.
#[derive(Debug, Deserialize)]
pub struct Envelope<T> {
    pub items: Vec<T>,
    pub pagination: Pagination,
}

#[derive(Debug, Deserialize)]
pub struct Pagination {
    pub total_items: u64,
}

/// `TokenResponse` from `/auth/login` and `/auth/refresh` (`token_type` is
/// always "Bearer"). No `Debug`: it holds a token.
#[derive(Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub expires_in: i64,
    pub user_type: UserType,
}

#[derive(Serialize)]
pub struct LoginBody<'a> {
    pub username: &'a str,
    pub password: &'a str,
}

/// `{status, reason}` for leads, orders and contracts.
#[derive(Serialize)]
pub struct StatusBody<'a> {
    pub status: &'a str,
    pub reason: Option<&'a str>,
}

/// `LeadCreate` / `LeadUpdate`. The server requires `status` on create; on
/// update an absent status leaves it alone (it applies only the fields sent).
#[derive(Serialize)]
pub struct LeadBody<'a> {
    pub title: &'a str,
    pub organization: &'a str,
    pub contact_name: &'a str,
    pub contact_email: Option<&'a str>,
    pub contact_phone: Option<&'a str>,
    #[serde(with = "decimal_opt")]
    pub value: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'a str>,
    pub probability: Option<i32>,
    #[serde(with = "utc_opt")]
    pub expected_close_date: Option<Timestamp>,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
}

impl<'a> LeadBody<'a> {
    pub fn new(d: &'a LeadDraft, status: Option<LeadStatus>) -> Self {
        LeadBody {
            title: &d.title,
            organization: &d.organization,
            contact_name: &d.contact_name,
            contact_email: d.contact_email.as_deref().filter(|s| !s.is_empty()),
            contact_phone: d.contact_phone.as_deref().filter(|s| !s.is_empty()),
            value: d.value,
            currency: Some(d.currency.as_str()).filter(|c| !c.is_empty()),
            status: status.map(LeadStatus::as_str),
            probability: d.probability,
            expected_close_date: d.expected_close_date,
            partner_id: d.partner_id,
            distributor_id: d.distributor_id,
        }
    }
}

#[derive(Serialize)]
pub struct ContentBody<'a> {
    pub content: &'a str,
}

#[derive(Serialize)]
pub struct PriceBody {
    pub quantity: i64,
    pub duration_id: Option<Id>,
}

#[derive(Serialize)]
pub struct LinkBody<'a> {
    pub partner_id: Id,
    pub notes: Option<&'a str>,
}

#[derive(Serialize)]
pub struct EnableBody<'a> {
    pub enabled: bool,
    pub reason: Option<&'a str>,
}

#[derive(Serialize)]
pub struct RoleBody<'a> {
    pub role: &'a str,
    pub reason: Option<&'a str>,
}
