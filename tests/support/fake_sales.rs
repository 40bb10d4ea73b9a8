//! The fake server's leads, catalogue, orders and contracts endpoints.

// Handlers answer errors as whole responses (the axum way); their size
// does not matter in a test server.
#![allow(clippy::result_large_err)]

use super::fake_routes::*;
use super::fake_server::{detail, error_body, json_response, validation, FakeState};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use tentabo::backend::demo::data::DemoData;
use tentabo::backend::*;
use tentabo::domain::scope::Actor;
use tentabo::domain::transitions;
use tentabo::domain::*;

// ---- leads ----------------------------------------------------------------

pub(super) async fn list_leads(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    let query = LeadQuery {
        status: status_filter(&q)?,
        ..Default::default()
    };
    envelope(read(&st, &headers, |d, a| {
        Ok(d.list_leads(a, &query, page))
    })?)
}

pub(super) async fn get_lead(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let lead_id = id(&raw, "lead_id")?;
    let mut detail = read(&st, &headers, |d, a| d.get_lead(a, lead_id))?;
    detail.status_history = None;
    ok(StatusCode::OK, &detail)
}

pub(super) async fn create_lead(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
    let mut input = body_value(&bytes)?;
    match input.get("status").and_then(Value::as_str) {
        Some(s) if s.parse::<LeadStatus>().is_ok() => {}
        _ => {
            return Err(validation(vec![detail(
            &["body", "status"],
            "Status must be one of: new, contacted, qualified, proposal, negotiation, won, lost",
        )]))
        }
    }
    input.entry("currency").or_insert_with(|| json!("EUR"));
    let draft: LeadDraft = serde_json::from_value(Value::Object(input))
        .map_err(|e| validation(vec![detail(&["body"], &e.to_string())]))?;
    let lead = write(&st, &headers, |d, a| d.create_lead(a, &draft))?;
    ok(StatusCode::CREATED, &lead)
}

pub(super) async fn update_lead(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let lead_id = id(&raw, "lead_id")?;
    let changes = body_value(&bytes)?;
    let current = read(&st, &headers, |d, a| d.get_lead(a, lead_id))?.lead;
    let draft = merged(&LeadDraft::from_lead(&current), changes)?;
    let lead = write(&st, &headers, |d, a| {
        d.update_lead(a, lead_id, &draft, None)
    })?;
    ok(StatusCode::OK, &lead)
}

pub(super) async fn lead_status(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let lead_id = id(&raw, "lead_id")?;
    let input: StatusIn = body(&bytes)?;
    let status = parse_status(&input)?;
    let lead = write(&st, &headers, |d, a| {
        d.change_lead_status(a, lead_id, status, input.reason.as_deref())
    })?;
    ok(StatusCode::OK, &lead)
}

pub(super) async fn lead_note(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let lead_id = id(&raw, "lead_id")?;
    let input: NoteIn = body(&bytes)?;
    let note = write(&st, &headers, |d, a| {
        d.add_lead_note(a, lead_id, &input.content)
    })?;
    ok(StatusCode::CREATED, &note)
}

pub(super) async fn lead_activity(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let lead_id = id(&raw, "lead_id")?;
    let draft: ActivityDraft = body(&bytes)?;
    let activity = write(&st, &headers, |d, a| {
        d.add_lead_activity(a, lead_id, &draft)
    })?;
    ok(StatusCode::CREATED, &activity)
}

// ---- catalogue ------------------------------------------------------------

pub(super) async fn list_products(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    let active = bool_param(&q, "is_active")?.unwrap_or(true);
    let rows = read(&st, &headers, |d, _| {
        Ok(d.list_products(true)
            .into_iter()
            .filter(|p| p.is_active == active)
            .collect::<Vec<_>>())
    })?;
    envelope(Page::slice(rows, page))
}

pub(super) async fn list_durations(State(st): St, headers: HeaderMap) -> Reply {
    let mut rows = read(&st, &headers, |d, _| Ok(d.durations.clone()))?;
    rows.sort_by_key(|d| d.months);
    ok(StatusCode::OK, &rows)
}

#[derive(Deserialize)]
struct PriceIn {
    quantity: i64,
    #[serde(default)]
    duration_id: Option<Id>,
}

pub(super) async fn calculate_price(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let product_id = id(&raw, "product_id")?;
    let input: PriceIn = body(&bytes)?;
    st.caller(&headers)?;
    bug(&st, "Error calculating price")?;
    let calc = read(&st, &headers, |d, _| {
        d.calculate_price(product_id, input.quantity, input.duration_id)
    })?;
    let mut value = serde_json::to_value(&calc).expect("serializable");
    value["breakdown"] = json!({});
    ok(StatusCode::OK, &value)
}

// ---- orders ---------------------------------------------------------------

pub(super) async fn list_orders(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    let query = OrderQuery {
        status: status_filter(&q)?,
        ..Default::default()
    };
    envelope(read(&st, &headers, |d, a| {
        Ok(d.list_orders(a, &query, page))
    })?)
}

pub(super) async fn get_order(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let order_id = id(&raw, "order_id")?;
    let mut detail = read(&st, &headers, |d, a| d.get_order(a, order_id))?;
    detail.contract = None; // not in `OrderDetailResponse`
    ok(StatusCode::OK, &detail)
}

pub(super) async fn create_order(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
    let draft: OrderDraft = body(&bytes)?;
    if draft.items.is_empty() {
        return Err(validation(vec![detail(
            &["body", "items"],
            "ensure this value has at least 1 items",
        )]));
    }
    st.caller(&headers)?;
    bug(&st, "Error creating order")?;
    let detail = write(&st, &headers, |d, a| d.create_order(a, &draft))?;
    ok(StatusCode::CREATED, &detail.order)
}

pub(super) async fn order_status(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let order_id = id(&raw, "order_id")?;
    let input: StatusIn = body(&bytes)?;
    let status = parse_status(&input)?;
    reason_by_admin_account(
        &st,
        &headers,
        &input,
        "Error updating order status",
        |d, a| {
            let old = d.get_order(a, order_id)?.order.status;
            Ok(transitions::check_order_transition(a, old, status)?)
        },
    )?;
    let order = write(&st, &headers, |d, a| {
        d.change_order_status(a, order_id, status, input.reason.as_deref())
    })?;
    ok(StatusCode::OK, &order)
}

pub(super) async fn order_note(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let order_id = id(&raw, "order_id")?;
    let note = body::<NoteIn>(&bytes)?.draft();
    let note = write(&st, &headers, |d, a| d.add_order_note(a, order_id, &note))?;
    ok(StatusCode::CREATED, &note)
}

pub(super) async fn order_quote(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Reply {
    let order_id = id(&raw, "order_id")?;
    let quote = read(&st, &headers, |d, a| d.order_quote(a, order_id))?;
    ok(StatusCode::OK, &quote)
}

pub(super) async fn activate(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let order_id = id(&raw, "order_id")?;
    let req: ActivationDraft = body(&bytes)?;
    st.caller(&headers)?;
    bug(&st, "Error activating contract")?;
    let contract = write(&st, &headers, |d, a| d.activate_order(a, order_id, &req))?;
    ok(StatusCode::CREATED, &contract)
}

/// The real server keeps a status change's reason as a note whose
/// `created_by` references `users`: for an admin account the insert fails
/// after the transition checks passed, and it answers a bare 500.
fn reason_by_admin_account(
    st: &FakeState,
    headers: &HeaderMap,
    input: &StatusIn,
    detail: &str,
    transition: impl FnOnce(&DemoData, &Actor) -> BackendResult<()>,
) -> Result<(), Response> {
    let (_, actor) = st.caller(headers)?;
    if !actor.is_admin_account() || input.reason.as_deref().is_none_or(str::is_empty) {
        return Ok(());
    }
    read(st, headers, transition)?;
    Err(error_body(StatusCode::INTERNAL_SERVER_ERROR, detail))
}

// ---- contracts ------------------------------------------------------------

pub(super) async fn list_contracts(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    st.caller(&headers)?;
    if st.bug_null_invoices.load(Ordering::SeqCst) {
        return Err(json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({
                // pydantic 2 (the server's requirements), as the real server says it.
                "error": "1 validation error for ContractResponse\nbilling_invoices\n  Input should be a valid list [type=list_type, input_value=None, input_type=NoneType]\n    For further information visit https://errors.pydantic.dev/2.10/v/list_type",
                "status_code": 500,
            }),
        ));
    }
    let query = ContractQuery {
        status: status_filter(&q)?,
        ..Default::default()
    };
    envelope(read(&st, &headers, |d, a| {
        Ok(d.list_contracts(a, &query, page))
    })?)
}

pub(super) async fn get_contract(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Reply {
    let contract_id = id(&raw, "contract_id")?;
    let mut detail = read(&st, &headers, |d, a| d.get_contract(a, contract_id))?;
    detail.renewed_by.clear(); // not in `ContractDetailResponse`
    ok(StatusCode::OK, &detail)
}

pub(super) async fn contract_status(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let contract_id = id(&raw, "contract_id")?;
    let input: StatusIn = body(&bytes)?;
    let status = parse_status(&input)?;
    reason_by_admin_account(
        &st,
        &headers,
        &input,
        "Error updating contract status",
        |d, a| {
            let old = d.get_contract(a, contract_id)?.contract.status;
            Ok(transitions::check_contract_transition(a, old, status)?)
        },
    )?;
    let contract = write(&st, &headers, |d, a| {
        d.change_contract_status(a, contract_id, status, input.reason.as_deref())
    })?;
    ok(StatusCode::OK, &contract)
}

pub(super) async fn contract_note(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let contract_id = id(&raw, "contract_id")?;
    let note = body::<NoteIn>(&bytes)?.draft();
    let note = write(&st, &headers, |d, a| {
        d.add_contract_note(a, contract_id, &note)
    })?;
    ok(StatusCode::CREATED, &note)
}

pub(super) async fn invoices(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let contract_id = id(&raw, "contract_id")?;
    let inv = read(&st, &headers, |d, a| d.contract_invoices(a, contract_id))?;
    ok(StatusCode::OK, &inv)
}
