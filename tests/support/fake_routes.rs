//! The fake server's routes (the real paths, bodies and status codes, each
//! over the demo store's rule-checked operation), the helpers the handlers
//! share, and the auth endpoints. The other handlers are in `fake_sales.rs`
//! and `fake_admin.rs`.

// Handlers answer errors as whole responses (the axum way); their size
// does not matter in a test server.
#![allow(clippy::result_large_err)]

use super::fake_server::{
    account_enabled, backend_error, detail, error_body, json_response, validation, FakeState,
    PASSWORD,
};
use axum::body::Bytes;
use axum::extract::{Query, State};
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

pub(super) type St = State<Arc<FakeState>>;
pub(super) type Q = Query<HashMap<String, String>>;
pub(super) type Reply = Result<Response, Response>;

pub fn router() -> Router<Arc<FakeState>> {
    use super::fake_admin::*;
    use super::fake_sales::*;
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
        .route("/users/{id}", get(get_user))
        .route("/users/{id}/enable", put(user_enable))
        .route("/users/{id}/role", put(user_role))
        .route("/users/{id}/company", put(user_company));
    Router::new()
        .nest("/api/v1", v1)
        .fallback(|| async { error_body(StatusCode::NOT_FOUND, "Not Found") })
}

// ---- plumbing -------------------------------------------------------------

pub(super) fn ok(status: StatusCode, v: &impl Serialize) -> Reply {
    Ok(json_response(status, v))
}

pub(super) fn read<T>(
    st: &FakeState,
    headers: &HeaderMap,
    f: impl FnOnce(&DemoData, &Actor) -> BackendResult<T>,
) -> Result<T, Response> {
    let (_, actor) = st.caller(headers)?;
    let data = st.data.read().unwrap();
    f(&data, &actor).map_err(backend_error)
}

pub(super) fn write<T>(
    st: &FakeState,
    headers: &HeaderMap,
    f: impl FnOnce(&mut DemoData, &Actor) -> BackendResult<T>,
) -> Result<T, Response> {
    let (_, actor) = st.caller(headers)?;
    let mut data = st.data.write().unwrap();
    f(&mut data, &actor).map_err(backend_error)
}

pub(super) fn id(raw: &str, name: &str) -> Result<Id, Response> {
    Id::from_str(raw)
        .map_err(|_| validation(vec![detail(&["path", name], "value is not a valid uuid")]))
}

pub(super) fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, Response> {
    serde_json::from_slice(bytes).map_err(|e| validation(vec![detail(&["body"], &e.to_string())]))
}

pub(super) fn body_value(bytes: &Bytes) -> Result<serde_json::Map<String, Value>, Response> {
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
pub(super) fn merged<T: Serialize + DeserializeOwned>(
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

pub(super) fn int_param(
    q: &HashMap<String, String>,
    key: &str,
    default: i64,
) -> Result<i64, Response> {
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

pub(super) fn bool_param(q: &HashMap<String, String>, key: &str) -> Result<Option<bool>, Response> {
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
pub(super) fn paging(q: &HashMap<String, String>) -> Result<PageRequest, Response> {
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

pub(super) fn envelope<T: Serialize>(p: Page<T>) -> Reply {
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

pub(super) fn status_filter<E: FromStr>(
    q: &HashMap<String, String>,
) -> Result<Option<E>, Response> {
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
pub(super) struct StatusIn {
    pub status: String,
    #[serde(default)]
    pub reason: Option<String>,
}

pub(super) fn parse_status<E: FromStr>(s: &StatusIn) -> Result<E, Response> {
    s.status.parse().map_err(|_| {
        validation(vec![detail(
            &["body", "status"],
            &format!("invalid status `{}`", s.status),
        )])
    })
}

#[derive(Deserialize)]
pub(super) struct NoteIn {
    pub content: String,
    #[serde(default)]
    pub is_internal: bool,
    #[serde(default)]
    pub is_pinned: bool,
}

impl NoteIn {
    pub fn draft(self) -> NoteDraft {
        NoteDraft {
            content: self.content,
            is_internal: self.is_internal,
            is_pinned: self.is_pinned,
        }
    }
}

/// The real server's pricing bug, when switched on.
pub(super) fn bug(st: &FakeState, message: &str) -> Result<(), Response> {
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
