//! The list filters the server does not have, applied on the client with
//! the same meaning as the demo and PostgreSQL backends: `text` is a
//! case-insensitive substring, ids match exactly. Only `status_filter`
//! (leads, orders, contracts), `search`/`is_active` (partners,
//! distributors) and `role`/`is_enabled` (users) exist on the server.

use crate::backend::{text_hit, ContractQuery, LeadQuery, OrderQuery, UserQuery};
use crate::domain::*;
use chrono::Utc;
use std::collections::HashMap;

fn text(t: &Option<String>) -> Option<&str> {
    t.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

pub fn lead_needs_client(q: &LeadQuery) -> bool {
    text(&q.text).is_some() || q.owner_id.is_some() || q.partner_id.is_some()
}

pub fn lead_matches(q: &LeadQuery, l: &Lead) -> bool {
    q.owner_id.is_none_or(|o| l.owner_id == o)
        && q.partner_id.is_none_or(|p| l.partner_id == Some(p))
        && text(&q.text).is_none_or(|t| {
            text_hit(
                t,
                &[
                    Some(&l.title),
                    Some(&l.organization),
                    Some(&l.contact_name),
                    l.contact_email.as_deref(),
                ],
            )
        })
}

pub fn order_needs_client(q: &OrderQuery) -> bool {
    text(&q.text).is_some() || q.partner_id.is_some() || q.lead_id.is_some()
}

pub fn order_needs_partner_names(q: &OrderQuery) -> bool {
    text(&q.text).is_some()
}

/// `partner_names`: partner id → name, for the text search.
pub fn order_matches(q: &OrderQuery, o: &Order, partner_names: &HashMap<Id, String>) -> bool {
    q.partner_id.is_none_or(|p| o.partner_id == Some(p))
        && q.lead_id.is_none_or(|l| o.lead_id == Some(l))
        && text(&q.text).is_none_or(|t| {
            text_hit(
                t,
                &[
                    Some(&o.order_number),
                    o.partner_id
                        .and_then(|p| partner_names.get(&p))
                        .map(String::as_str),
                    o.notes_internal.as_deref(),
                ],
            )
        })
}

pub fn contract_needs_client(q: &ContractQuery) -> bool {
    text(&q.text).is_some()
        || q.partner_id.is_some()
        || q.distributor_id.is_some()
        || q.expiring_within_days.is_some()
}

pub fn contract_matches(q: &ContractQuery, c: &Contract) -> bool {
    let now = Utc::now();
    q.partner_id.is_none_or(|p| c.partner_id == Some(p))
        && q.distributor_id.is_none_or(|d| c.distributor_id == Some(d))
        && q.expiring_within_days
            .is_none_or(|days| c.expires_within(now, days))
        && text(&q.text).is_none_or(|t| {
            text_hit(
                t,
                &[
                    Some(&c.contract_number),
                    c.customer_name.as_deref(),
                    c.notes_internal.as_deref(),
                ],
            )
        })
}

pub fn user_needs_client(q: &UserQuery) -> bool {
    q.partner_id.is_some() || q.distributor_id.is_some()
}

pub fn user_matches(q: &UserQuery, u: &User) -> bool {
    q.partner_id.is_none_or(|p| u.partner_id == Some(p))
        && q.distributor_id.is_none_or(|d| u.distributor_id == Some(d))
}
