//! The fake server's endpoints: the real paths, bodies and status codes,
//! each over the demo store's rule-checked operation.

// Handlers answer errors as whole responses (the axum way); their size
// does not matter in a test server.
#![allow(clippy::result_large_err)]

use super::fake_server::{
    account_enabled, backend_error, detail, error_body, json_response, validation, FakeState,
    PASSWORD,
};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tentabo::backend::demo::data::DemoData;
use tentabo::backend::*;
use tentabo::domain::scope::Actor;
use tentabo::domain::*;

type St = State<Arc<FakeState>>;
type Q = Query<HashMap<String, String>>;
type Reply = Result<Response, Response>;

pub fn router() -> Router<Arc<FakeState>> {
    let v1 = Router::new()
        .route("/auth/login", post(login))
        .route("/auth/refresh", post(refresh))
        .route("/auth/me", get(me))
        .route("/users/me/api-keys", post(create_key))
        .route("/leads", get(list_leads).post(create_lead))
        .route("/leads/{id}", get(get_lead).put(update_lead))
        .route("/leads/{id}/status", put(lead_status))
        .route("/leads/{id}/notes", post(lead_note))
        .route("/leads/{id}/activities", post(lead_activity))
        .route("/products", get(list_products))
        .route("/products/{id}/calculate-price", post(calculate_price))
        .route("/durations", get(list_durations))
        .route("/orders", get(list_orders).post(create_order))
        .route("/orders/{id}", get(get_order))
        .route("/orders/{id}/status", put(order_status))
        .route("/orders/{id}/notes", post(order_note))
        .route("/orders/{id}/quote", get(order_quote))
        .route("/orders/{id}/activate", post(activate))
        .route("/contracts", get(list_contracts))
        .route("/contracts/{id}", get(get_contract))
        .route("/contracts/{id}/status", put(contract_status))
        .route("/contracts/{id}/notes", post(contract_note))
        .route("/contracts/{id}/invoices", get(invoices))
        .route("/partners", get(list_partners).post(create_partner))
        .route(
            "/partners/{id}",
            get(get_partner).put(update_partner).delete(delete_partner),
        )
        .route(
            "/distributors",
            get(list_distributors).post(create_distributor),
        )
        .route(
            "/distributors/{id}",
            get(get_distributor)
                .put(update_distributor)
                .delete(delete_distributor),
        )
        .route(
            "/distributors/{id}/partners",
            get(list_links).post(create_link),
        )
        .route("/users", get(list_users))
        .route("/users/{id}/enable", put(user_enable))
        .route("/users/{id}/role", put(user_role))
        .route("/users/{id}/company", put(user_company));
    Router::new()
        .nest("/api/v1", v1)
        .fallback(|| async { error_body(StatusCode::NOT_FOUND, "Not Found") })
}

// ---- plumbing -------------------------------------------------------------

fn ok(status: StatusCode, v: &impl Serialize) -> Reply {
    Ok(json_response(status, v))
}

fn read<T>(
    st: &FakeState,
    headers: &HeaderMap,
    f: impl FnOnce(&DemoData, &Actor) -> BackendResult<T>,
) -> Result<T, Response> {
    let (_, actor) = st.caller(headers)?;
    let data = st.data.read().unwrap();
    f(&data, &actor).map_err(backend_error)
}

fn write<T>(
    st: &FakeState,
    headers: &HeaderMap,
    f: impl FnOnce(&mut DemoData, &Actor) -> BackendResult<T>,
) -> Result<T, Response> {
    let (_, actor) = st.caller(headers)?;
    let mut data = st.data.write().unwrap();
    f(&mut data, &actor).map_err(backend_error)
}

fn id(raw: &str, name: &str) -> Result<Id, Response> {
    Id::from_str(raw)
        .map_err(|_| validation(vec![detail(&["path", name], "value is not a valid uuid")]))
}

fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, Response> {
    serde_json::from_slice(bytes).map_err(|e| validation(vec![detail(&["body"], &e.to_string())]))
}

fn body_value(bytes: &Bytes) -> Result<serde_json::Map<String, Value>, Response> {
    match body::<Value>(bytes)? {
        Value::Object(m) => Ok(m),
        _ => Err(validation(vec![detail(
            &["body"],
            "value is not a valid dict",
        )])),
    }
}

/// Field values sent over the record's current ones (the server's
/// `dict(exclude_unset=True)` updates).
fn merged<T: Serialize + DeserializeOwned>(
    current: &T,
    changes: serde_json::Map<String, Value>,
) -> Result<T, Response> {
    let mut base = serde_json::to_value(current).expect("serializable");
    if let Value::Object(obj) = &mut base {
        for (k, v) in changes {
            if obj.contains_key(&k) {
                obj.insert(k, v);
            }
        }
    }
    serde_json::from_value(base).map_err(|e| validation(vec![detail(&["body"], &e.to_string())]))
}

fn int_param(q: &HashMap<String, String>, key: &str, default: i64) -> Result<i64, Response> {
    match q.get(key) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| {
            validation(vec![detail(
                &["query", key],
                "value is not a valid integer",
            )])
        }),
    }
}

fn bool_param(q: &HashMap<String, String>, key: &str) -> Result<Option<bool>, Response> {
    match q.get(key).map(|v| v.to_ascii_lowercase()) {
        None => Ok(None),
        Some(v) if matches!(v.as_str(), "true" | "1" | "yes" | "on") => Ok(Some(true)),
        Some(v) if matches!(v.as_str(), "false" | "0" | "no" | "off") => Ok(Some(false)),
        Some(_) => Err(validation(vec![detail(
            &["query", key],
            "value could not be parsed to a boolean",
        )])),
    }
}

/// `PaginationParams`: page ≥ 1, 1 ≤ page_size ≤ 100 (default 50).
fn paging(q: &HashMap<String, String>) -> Result<PageRequest, Response> {
    let page = int_param(q, "page", 1)?;
    let size = int_param(q, "page_size", 50)?;
    if page < 1 {
        return Err(validation(vec![detail(
            &["query", "page"],
            "ensure this value is greater than or equal to 1",
        )]));
    }
    if !(1..=100).contains(&size) {
        let msg = if size < 1 {
            "ensure this value is greater than or equal to 1"
        } else {
            "ensure this value is less than or equal to 100"
        };
        return Err(validation(vec![detail(&["query", "page_size"], msg)]));
    }
    Ok(PageRequest {
        page: page as u32,
        page_size: size as u32,
    })
}

fn envelope<T: Serialize>(p: Page<T>) -> Reply {
    let total_pages = p.total_pages();
    ok(
        StatusCode::OK,
        &json!({
            "items": p.items,
            "pagination": {
                "page": p.page,
                "page_size": p.page_size,
                "total_items": p.total_items,
                "total_pages": total_pages,
                "has_next": p.page < total_pages,
                "has_prev": p.page > 1,
            }
        }),
    )
}

fn status_filter<E: FromStr>(q: &HashMap<String, String>) -> Result<Option<E>, Response> {
    match q.get("status_filter").filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            error_body(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("'{s}' is not among the defined enum values"),
            )
        }),
    }
}

#[derive(Deserialize)]
struct StatusIn {
    status: String,
    #[serde(default)]
    reason: Option<String>,
}

fn parse_status<E: FromStr>(s: &StatusIn) -> Result<E, Response> {
    s.status.parse().map_err(|_| {
        validation(vec![detail(
            &["body", "status"],
            &format!("invalid status `{}`", s.status),
        )])
    })
}

#[derive(Deserialize)]
struct NoteIn {
    content: String,
    #[serde(default)]
    is_internal: bool,
    #[serde(default)]
    is_pinned: bool,
}

impl NoteIn {
    fn draft(self) -> NoteDraft {
        NoteDraft {
            content: self.content,
            is_internal: self.is_internal,
            is_pinned: self.is_pinned,
        }
    }
}

/// The real server's pricing bug, when switched on.
fn bug(st: &FakeState, message: &str) -> Result<(), Response> {
    if st.bug_pricing.load(Ordering::SeqCst) {
        Err(error_body(StatusCode::INTERNAL_SERVER_ERROR, message))
    } else {
        Ok(())
    }
}

// ---- auth -----------------------------------------------------------------

#[derive(Deserialize)]
struct LoginIn {
    username: String,
    password: String,
}

fn token_reply(st: &FakeState, username: &str, user_type: UserType) -> Reply {
    let (token, lifetime) = st.new_token(username);
    ok(
        StatusCode::OK,
        &json!({"access_token": token, "token_type": "Bearer", "expires_in": lifetime, "user_type": user_type.as_str()}),
    )
}

async fn login(State(st): St, bytes: Bytes) -> Reply {
    let input: LoginIn = body(&bytes)?;
    let username = input.username.trim().to_string();
    let refused = || error_body(StatusCode::UNAUTHORIZED, "Invalid username or password");
    let actor = st
        .data
        .read()
        .unwrap()
        .actor_for(&username)
        .ok_or_else(refused)?;
    if input.password != PASSWORD {
        return Err(refused());
    }
    if !account_enabled(&st.data.read().unwrap(), &username, &actor) {
        let msg = match actor.user_type {
            UserType::Admin => "Account is disabled",
            UserType::User => "Your account is not enabled. Please contact an administrator.",
        };
        return Err(error_body(StatusCode::FORBIDDEN, msg));
    }
    token_reply(&st, &username, actor.user_type)
}

async fn refresh(State(st): St, headers: HeaderMap) -> Reply {
    let (username, actor) = st.caller(&headers)?;
    token_reply(&st, &username, actor.user_type)
}

async fn me(State(st): St, headers: HeaderMap) -> Reply {
    let mut me = read(&st, &headers, |d, a| d.me_for(a))?;
    // `UserInfoResponse` has no company links.
    me.partner_id = None;
    me.distributor_id = None;
    ok(StatusCode::OK, &me)
}

async fn create_key(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
    let (username, _) = st.caller(&headers)?;
    let input = body_value(&bytes)?;
    let key = st.new_key(&username);
    ok(
        StatusCode::OK,
        &json!({
            "api_key": key, "id": uuid::Uuid::new_v4(), "name": input.get("name"),
            "prefix": &key[..8], "expires_at": null, "scopes": ["read", "write"],
            "message": "Save this key securely - it won't be shown again",
        }),
    )
}

// ---- leads ----------------------------------------------------------------

async fn list_leads(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    let query = LeadQuery {
        status: status_filter(&q)?,
        ..Default::default()
    };
    envelope(read(&st, &headers, |d, a| {
        Ok(d.list_leads(a, &query, page))
    })?)
}

async fn get_lead(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let lead_id = id(&raw, "lead_id")?;
    let mut detail = read(&st, &headers, |d, a| d.get_lead(a, lead_id))?;
    detail.status_history = None;
    ok(StatusCode::OK, &detail)
}

async fn create_lead(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
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

async fn update_lead(
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

async fn lead_status(
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

async fn lead_note(
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

async fn lead_activity(
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

async fn list_products(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
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

async fn list_durations(State(st): St, headers: HeaderMap) -> Reply {
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

async fn calculate_price(
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

async fn list_orders(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    let query = OrderQuery {
        status: status_filter(&q)?,
        ..Default::default()
    };
    envelope(read(&st, &headers, |d, a| {
        Ok(d.list_orders(a, &query, page))
    })?)
}

async fn get_order(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let order_id = id(&raw, "order_id")?;
    let mut detail = read(&st, &headers, |d, a| d.get_order(a, order_id))?;
    detail.contract = None; // not in `OrderDetailResponse`
    ok(StatusCode::OK, &detail)
}

async fn create_order(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
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

async fn order_status(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let order_id = id(&raw, "order_id")?;
    let input: StatusIn = body(&bytes)?;
    let status = parse_status(&input)?;
    let order = write(&st, &headers, |d, a| {
        d.change_order_status(a, order_id, status, input.reason.as_deref())
    })?;
    ok(StatusCode::OK, &order)
}

async fn order_note(
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

async fn order_quote(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let order_id = id(&raw, "order_id")?;
    let quote = read(&st, &headers, |d, a| d.order_quote(a, order_id))?;
    ok(StatusCode::OK, &quote)
}

async fn activate(
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

// ---- contracts ------------------------------------------------------------

async fn list_contracts(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    st.caller(&headers)?;
    if st.bug_null_invoices.load(Ordering::SeqCst) {
        return Err(json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({
                "error": "1 validation error for ContractResponse\nbilling_invoices\n  none is not an allowed value (type=type_error.none.not_allowed)",
                "status_code": 500,
                "type": "ValidationError",
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

async fn get_contract(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let contract_id = id(&raw, "contract_id")?;
    let mut detail = read(&st, &headers, |d, a| d.get_contract(a, contract_id))?;
    detail.renewed_by.clear(); // not in `ContractDetailResponse`
    ok(StatusCode::OK, &detail)
}

async fn contract_status(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let contract_id = id(&raw, "contract_id")?;
    let input: StatusIn = body(&bytes)?;
    let status = parse_status(&input)?;
    let contract = write(&st, &headers, |d, a| {
        d.change_contract_status(a, contract_id, status, input.reason.as_deref())
    })?;
    ok(StatusCode::OK, &contract)
}

async fn contract_note(
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

async fn invoices(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let contract_id = id(&raw, "contract_id")?;
    let inv = read(&st, &headers, |d, a| d.contract_invoices(a, contract_id))?;
    ok(StatusCode::OK, &inv)
}

// ---- partners and distributors ----------------------------------------------

async fn list_companies(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    q: &HashMap<String, String>,
) -> Reply {
    let page = paging(q)?;
    let query = CompanyQuery {
        is_active: bool_param(q, "is_active")?,
        search: q.get("search").cloned().filter(|s| !s.is_empty()),
    };
    envelope(read(st, headers, |d, a| {
        Ok(d.list_companies(a, kind, &query, page))
    })?)
}

async fn get_company(st: &FakeState, kind: CompanyKind, headers: &HeaderMap, raw: &str) -> Reply {
    let cid = id(raw, &format!("{}_id", kind.label()))?;
    let c = read(st, headers, |d, a| d.get_company(a, kind, cid))?;
    ok(StatusCode::OK, &c)
}

async fn create_company(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    bytes: &Bytes,
) -> Reply {
    let draft: CompanyDraft = merged(&CompanyDraft::default(), body_value(bytes)?)?;
    let c = write(st, headers, |d, a| d.create_company(a, kind, &draft))?;
    ok(StatusCode::CREATED, &c)
}

async fn update_company(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    raw: &str,
    bytes: &Bytes,
) -> Reply {
    let cid = id(raw, &format!("{}_id", kind.label()))?;
    let changes = body_value(bytes)?;
    let current = read(st, headers, |d, _| {
        d.company_list(kind)
            .iter()
            .find(|c| c.id == cid)
            .cloned()
            .ok_or_else(|| BackendError::NotFound(format!("{} {cid} not found", capitalized(kind))))
    })?;
    let draft = merged(&CompanyDraft::from_company(&current), changes)?;
    let c = write(st, headers, |d, a| d.update_company(a, kind, cid, &draft))?;
    ok(StatusCode::OK, &c)
}

async fn delete_company(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    raw: &str,
) -> Reply {
    let cid = id(raw, &format!("{}_id", kind.label()))?;
    write(st, headers, |d, a| d.delete_company(a, kind, cid))?;
    let mut resp = Response::new(axum::body::Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    Ok(resp)
}

fn capitalized(kind: CompanyKind) -> &'static str {
    match kind {
        CompanyKind::Partner => "Partner",
        CompanyKind::Distributor => "Distributor",
    }
}

async fn list_partners(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    list_companies(&st, CompanyKind::Partner, &headers, &q).await
}
async fn list_distributors(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    list_companies(&st, CompanyKind::Distributor, &headers, &q).await
}
async fn get_partner(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    get_company(&st, CompanyKind::Partner, &headers, &raw).await
}
async fn get_distributor(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    get_company(&st, CompanyKind::Distributor, &headers, &raw).await
}
async fn create_partner(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
    create_company(&st, CompanyKind::Partner, &headers, &bytes).await
}
async fn create_distributor(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
    create_company(&st, CompanyKind::Distributor, &headers, &bytes).await
}
async fn update_partner(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    update_company(&st, CompanyKind::Partner, &headers, &raw, &bytes).await
}
async fn update_distributor(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    update_company(&st, CompanyKind::Distributor, &headers, &raw, &bytes).await
}
async fn delete_partner(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    delete_company(&st, CompanyKind::Partner, &headers, &raw).await
}
async fn delete_distributor(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    delete_company(&st, CompanyKind::Distributor, &headers, &raw).await
}

/// `is_active` defaults to true, as on the server.
async fn list_links(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(q): Q,
) -> Reply {
    let did = id(&raw, "distributor_id")?;
    let active = bool_param(&q, "is_active")?.unwrap_or(true);
    let links: Vec<DistributorPartnerLink> =
        read(&st, &headers, |d, a| d.distributor_partners(a, did, false))?
            .into_iter()
            .filter(|l| l.is_active == active)
            .map(|mut l| {
                l.assigned_by = None; // not in `DistributorPartnerResponse`
                l
            })
            .collect();
    ok(StatusCode::OK, &links)
}

#[derive(Deserialize)]
struct LinkIn {
    partner_id: Id,
    #[serde(default)]
    notes: Option<String>,
}

async fn create_link(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let did = id(&raw, "distributor_id")?;
    let input: LinkIn = body(&bytes)?;
    let mut link = write(&st, &headers, |d, a| {
        d.link_partner(a, did, input.partner_id, input.notes.as_deref())
    })?;
    link.assigned_by = None;
    ok(StatusCode::CREATED, &link)
}

// ---- users ------------------------------------------------------------------

async fn list_users(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    let role = match q.get("role").filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => Some(
            r.parse::<UserRole>()
                .map_err(|_| error_body(StatusCode::BAD_REQUEST, &format!("Invalid role: {r}")))?,
        ),
    };
    let query = UserQuery {
        role,
        is_enabled: bool_param(&q, "is_enabled")?,
        ..Default::default()
    };
    envelope(read(&st, &headers, |d, a| d.list_users(a, &query, page))?)
}

#[derive(Deserialize)]
struct EnableIn {
    enabled: bool,
}

async fn user_enable(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let uid = id(&raw, "user_id")?;
    let input: EnableIn = body(&bytes)?;
    let u = write(&st, &headers, |d, a| {
        d.set_user_enabled(a, uid, input.enabled)
    })?;
    ok(StatusCode::OK, &u)
}

#[derive(Deserialize)]
struct RoleIn {
    role: String,
}

async fn user_role(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let uid = id(&raw, "user_id")?;
    let input: RoleIn = body(&bytes)?;
    st.caller(&headers)?;
    let role = input.role.parse::<UserRole>().map_err(|_| {
        error_body(
            StatusCode::BAD_REQUEST,
            &format!("Invalid role: {}", input.role),
        )
    })?;
    let u = write(&st, &headers, |d, a| d.set_user_role(a, uid, role))?;
    ok(StatusCode::OK, &u)
}

async fn user_company(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(q): Q,
) -> Reply {
    let uid = id(&raw, "user_id")?;
    let opt_id = |key: &str| -> Result<Option<Id>, Response> {
        match q.get(key).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => id(v, key).map(Some),
        }
    };
    let to = CompanyAssignment {
        partner_id: opt_id("partner_id")?,
        distributor_id: opt_id("distributor_id")?,
    };
    let u = write(&st, &headers, |d, a| d.set_user_company(a, uid, to))?;
    ok(StatusCode::OK, &u)
}
