//! A fake Tentabo server for tests: the real server's wire format (paths,
//! status codes, error bodies, pagination envelope, decimals as JSON
//! numbers, lowercase enums, JWTs and `tnt_` API keys) over the demo
//! backend's in-memory store and rule-checked operations.
//!
//! * Passwords: every seeded username (`demo`, `alice`, …, and the admin
//!   account `admin`) signs in with the password [`PASSWORD`] (`secret`).
//!   Disabled users (`fanny`) get the real server's 403.
//! * Rules are the demo's. The user behind a token is read on every
//!   request, as the real server does (disabled: 401; moved: the new
//!   scope at once). Where the real server has gaps the fake is stricter:
//!   it checks tenant scope on lead reads and writes and on the companies
//!   an order names, and refuses links between companies the caller cannot
//!   see (the real server lets a restricted admin link any two).
//! * Started on 127.0.0.1:0 inside the test; stopped when dropped.
//! * Faults on demand: the next N requests fail with a status, are slow,
//!   answer garbage, a truncated body, a connection cut mid-body, an endless
//!   body, a lying Content-Length, or no answer at all; tokens can be
//!   revoked mid-session; the real server's 500 bugs can be switched on.

// Handlers answer errors as whole responses (the axum way); their size
// does not matter in a test server.
#![allow(clippy::result_large_err)]

use super::fake_io::{DropArm, DroppingListener};
use super::fake_routes;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use chrono::Utc;
use futures::StreamExt;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tentabo::backend::api::{login_password, ApiBackend, ApiConfig, Server};
use tentabo::backend::demo::data::DemoData;
use tentabo::backend::demo::{seed, SeedSize, SharedData};
use tentabo::backend::{BackendError, SharedBackend};
use tentabo::domain::scope::Actor;
use tentabo::domain::{Timestamp, UserType};

/// The password of every seeded account.
pub const PASSWORD: &str = "secret";

/// How a request authenticated, as the fake saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    None,
    Jwt,
    ApiKey,
}

/// One request the fake received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    /// Without `/api/v1`.
    pub path: String,
    pub auth: AuthKind,
}

struct Token {
    username: String,
    expires_at: Timestamp,
}

/// Counters of armed faults; each request consumes one of the first armed kind.
#[derive(Default)]
struct Faults {
    /// Remaining count, status, body.
    answer: Mutex<Option<(usize, StatusCode, Value)>>,
    /// Remaining count, text to find in the body, its replacement.
    rewrite: Mutex<Option<(usize, String, String)>>,
    slow: AtomicUsize,
    slow_ms: AtomicUsize,
    /// Requests whose answer is computed at once but held back (stale data late).
    late: AtomicUsize,
    garbage: AtomicUsize,
    truncate: AtomicUsize,
    cut: AtomicUsize,
    endless: AtomicUsize,
    /// Remaining count, the Content-Length to claim.
    announce: Mutex<Option<(usize, u64)>>,
    /// Bytes of endless bodies handed to the connection so far.
    endless_sent: Arc<AtomicU64>,
}

fn take_answer(slot: &Mutex<Option<(usize, StatusCode, Value)>>) -> Option<(StatusCode, Value)> {
    let mut slot = slot.lock().unwrap();
    match slot.as_mut() {
        Some((n, status, body)) if *n > 0 => {
            *n -= 1;
            Some((*status, body.clone()))
        }
        _ => None,
    }
}

fn take_rewrite(slot: &Mutex<Option<(usize, String, String)>>) -> Option<(String, String)> {
    let mut slot = slot.lock().unwrap();
    match slot.as_mut() {
        Some((n, from, to)) if *n > 0 => {
            *n -= 1;
            Some((from.clone(), to.clone()))
        }
        _ => None,
    }
}

fn take_announce(slot: &Mutex<Option<(usize, u64)>>) -> Option<u64> {
    let mut slot = slot.lock().unwrap();
    match slot.as_mut() {
        Some((n, bytes)) if *n > 0 => {
            *n -= 1;
            Some(*bytes)
        }
        _ => None,
    }
}

/// `{"items": [` and then blanks forever, 16 KiB a chunk.
fn endless_body(sent: Arc<AtomicU64>) -> Response {
    let start = axum::body::Bytes::from_static(b"{\"items\": [");
    let blanks = axum::body::Bytes::from(vec![b' '; 16 * 1024]);
    let rest = futures::stream::repeat_with(move || blanks.clone());
    let chunks = futures::stream::once(async move { start })
        .chain(rest)
        .map(move |chunk| {
            sent.fetch_add(chunk.len() as u64, Ordering::SeqCst);
            Ok::<_, std::io::Error>(chunk)
        });
    let mut resp = Response::new(Body::from_stream(chunks));
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

fn take(counter: &AtomicUsize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

pub struct FakeState {
    pub data: SharedData,
    tokens: Mutex<HashMap<String, Token>>,
    keys: Mutex<HashMap<String, String>>,
    lifetime_secs: AtomicI64,
    faults: Faults,
    drop_arm: Arc<DropArm>,
    log: Mutex<Vec<Seen>>,
    /// Requests being answered now, and the most at once.
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    pub bug_pricing: AtomicBool,
    pub bug_null_invoices: AtomicBool,
}

pub struct FakeServer {
    pub url: String,
    pub data: SharedData,
    state: Arc<FakeState>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Short timeouts and backoff, so failure tests stay fast.
pub fn test_config() -> ApiConfig {
    ApiConfig {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        read_attempts: 3,
        backoff: Duration::from_millis(20),
        refresh_margin: Duration::from_secs(60),
        max_response_bytes: ApiConfig::DEFAULT_MAX_RESPONSE_BYTES,
        ca_file: None,
        max_in_flight: 4,
    }
}

impl FakeServer {
    /// The default demo seed.
    pub async fn start() -> FakeServer {
        FakeServer::with_data(seed::seed(Utc::now(), SeedSize::default())).await
    }

    pub async fn with_data(data: DemoData) -> FakeServer {
        let data: SharedData = Arc::new(RwLock::new(data));
        let drop_arm = Arc::new(DropArm::default());
        let state = Arc::new(FakeState {
            data: data.clone(),
            tokens: Mutex::new(HashMap::new()),
            keys: Mutex::new(HashMap::new()),
            lifetime_secs: AtomicI64::new(86_400),
            faults: Faults::default(),
            drop_arm: drop_arm.clone(),
            log: Mutex::new(Vec::new()),
            in_flight: AtomicUsize::new(0),
            most_in_flight: AtomicUsize::new(0),
            bug_pricing: AtomicBool::new(false),
            bug_null_invoices: AtomicBool::new(false),
        });
        let app = fake_routes::router()
            .layer(middleware::from_fn_with_state(state.clone(), faults))
            .with_state(state.clone());
        let inner = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = inner.local_addr().expect("local addr");
        let listener = DroppingListener {
            inner,
            arm: drop_arm,
        };
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeServer {
            url: format!("http://{addr}"),
            data,
            state,
            task,
        }
    }

    pub fn server(&self) -> Server {
        Server::with_config(&self.url, test_config()).expect("fake server URL")
    }

    /// A backend signed in as a seeded user (password `secret`), uncached.
    pub async fn backend_as(&self, username: &str) -> SharedBackend {
        self.try_backend_as(username)
            .await
            .unwrap_or_else(|e| panic!("login as {username}: {e}"))
    }

    pub async fn try_backend_as(&self, username: &str) -> Result<SharedBackend, BackendError> {
        let server = self.server();
        let session = login_password(&server, username, PASSWORD, None, "test").await?;
        Ok(Arc::new(ApiBackend::from_session(&server, session, None)?))
    }

    // ---- controls -----------------------------------------------------------

    /// The next `n` requests answer `status` with the server's error body.
    pub fn fail_next(&self, n: usize, status: u16) {
        let status = StatusCode::from_u16(status).expect("status");
        let reason = status.canonical_reason().unwrap_or("Injected failure");
        self.answer_next(
            n,
            status.as_u16(),
            json!({"error": reason, "status_code": status.as_u16()}),
        );
    }

    /// The next `n` requests answer `status` with this JSON body.
    pub fn answer_next(&self, n: usize, status: u16, body: Value) {
        let status = StatusCode::from_u16(status).expect("status");
        *self.state.faults.answer.lock().unwrap() = Some((n, status, body));
    }

    /// In the next `n` answers, `from` is replaced by `to` (e.g. to send an
    /// enum value the client does not know).
    pub fn rewrite_next(&self, n: usize, from: &str, to: &str) {
        *self.state.faults.rewrite.lock().unwrap() = Some((n, from.into(), to.into()));
    }

    /// The next `n` requests wait `delay` before answering.
    pub fn slow_next(&self, n: usize, delay: Duration) {
        self.state
            .faults
            .slow_ms
            .store(delay.as_millis() as usize, Ordering::SeqCst);
        self.state.faults.slow.store(n, Ordering::SeqCst);
    }

    /// The next `n` answers are computed at once but sent `delay` later:
    /// data as it was, arriving after newer answers.
    pub fn late_next(&self, n: usize, delay: Duration) {
        self.state
            .faults
            .slow_ms
            .store(delay.as_millis() as usize, Ordering::SeqCst);
        self.state.faults.late.store(n, Ordering::SeqCst);
    }

    /// The next `n` requests answer 200 with an HTML page.
    pub fn garbage_next(&self, n: usize) {
        self.state.faults.garbage.store(n, Ordering::SeqCst);
    }

    /// The next `n` answers carry only the first half of their JSON.
    pub fn truncate_next(&self, n: usize) {
        self.state.faults.truncate.store(n, Ordering::SeqCst);
    }

    /// The next `n` answers are cut off mid-body (the connection breaks).
    pub fn cut_next(&self, n: usize) {
        self.state.faults.cut.store(n, Ordering::SeqCst);
    }

    /// The next `n` answers are 200 with a JSON body that never ends
    /// (chunked, no length): only a reader with a cap gets past it.
    pub fn endless_next(&self, n: usize) {
        self.state.faults.endless.store(n, Ordering::SeqCst);
    }

    /// Bytes of endless bodies sent so far.
    pub fn endless_bytes_sent(&self) -> u64 {
        self.state.faults.endless_sent.load(Ordering::SeqCst)
    }

    /// The next `n` answers claim a Content-Length of `bytes` (and send
    /// their usual, much shorter, body).
    pub fn announce_next(&self, n: usize, bytes: u64) {
        *self.state.faults.announce.lock().unwrap() = Some((n, bytes));
    }

    /// The next `n` requests get no answer: the connection is reset.
    pub fn drop_next(&self, n: usize) {
        self.state.drop_arm.arm(n);
    }

    /// Every JWT issued so far stops working (API keys still work).
    pub fn revoke_tokens(&self) {
        self.state.tokens.lock().unwrap().clear();
    }

    /// An API key stops working.
    pub fn revoke_key(&self, key: &str) {
        self.state.keys.lock().unwrap().remove(key);
    }

    /// Lifetime of JWTs issued from now on (`expires_in`).
    pub fn set_token_lifetime(&self, secs: i64) {
        self.state.lifetime_secs.store(secs, Ordering::SeqCst);
    }

    /// Makes every issued JWT expire now.
    pub fn expire_tokens(&self) {
        for t in self.state.tokens.lock().unwrap().values_mut() {
            t.expires_at = Utc::now() - chrono::Duration::seconds(1);
        }
    }

    /// A new API key for a seeded user (as `POST /users/me/api-keys` would).
    pub fn create_api_key(&self, username: &str) -> String {
        self.state.new_key(username)
    }

    /// `POST /orders`, `/orders/{id}/activate` and
    /// `/products/{id}/calculate-price` answer 500 like the real server.
    pub fn bug_pricing(&self, on: bool) {
        self.state.bug_pricing.store(on, Ordering::SeqCst);
    }

    /// `GET /contracts` answers 500 as the real server does when a contract
    /// has NULL `billing_invoices`.
    pub fn bug_null_invoices(&self, on: bool) {
        self.state.bug_null_invoices.store(on, Ordering::SeqCst);
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.state.log.lock().unwrap().clone()
    }

    /// The most requests the server was answering at once since the last
    /// `clear_requests`.
    pub fn most_in_flight(&self) -> usize {
        self.state.most_in_flight.load(Ordering::SeqCst)
    }

    pub fn clear_requests(&self) {
        self.state.most_in_flight.store(0, Ordering::SeqCst);
        self.state.log.lock().unwrap().clear();
    }

    /// Requests with this method and path (without `/api/v1`).
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|s| s.method == method && s.path == path)
            .count()
    }
}

// ---- authentication -----------------------------------------------------

impl FakeState {
    pub fn new_token(&self, username: &str) -> (String, i64) {
        let lifetime = self.lifetime_secs.load(Ordering::SeqCst);
        let token = format!(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{}.{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        self.tokens.lock().unwrap().insert(
            token.clone(),
            Token {
                username: username.to_string(),
                expires_at: Utc::now() + chrono::Duration::seconds(lifetime),
            },
        );
        (token, lifetime)
    }

    pub fn new_key(&self, username: &str) -> String {
        let key = format!(
            "tnt_{}{}",
            uuid::Uuid::new_v4().simple(),
            &uuid::Uuid::new_v4().simple().to_string()[..11]
        );
        self.keys
            .lock()
            .unwrap()
            .insert(key.clone(), username.to_string());
        key
    }

    /// The signed-in user behind the request's bearer, like
    /// `get_current_user`: 403 without a bearer, 401 for a bad one.
    pub fn caller(&self, headers: &HeaderMap) -> Result<(String, Actor), Response> {
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| error_body(StatusCode::FORBIDDEN, "Not authenticated"))?;
        let (username, refused) = if bearer.starts_with("tnt_") {
            (
                self.keys.lock().unwrap().get(bearer).cloned(),
                "Invalid or expired API key",
            )
        } else {
            let tokens = self.tokens.lock().unwrap();
            (
                tokens
                    .get(bearer)
                    .filter(|t| t.expires_at > Utc::now())
                    .map(|t| t.username.clone()),
                "Invalid or expired token",
            )
        };
        let unauthorized = || error_body(StatusCode::UNAUTHORIZED, refused);
        let username = username.ok_or_else(unauthorized)?;
        let data = self.data.read().unwrap();
        let actor = data.actor_for(&username).ok_or_else(unauthorized)?;
        if !account_enabled(&data, &username, &actor) {
            return Err(unauthorized());
        }
        Ok((username, actor))
    }
}

pub fn account_enabled(data: &DemoData, username: &str, actor: &Actor) -> bool {
    match actor.user_type {
        UserType::Admin => data
            .admins
            .iter()
            .any(|a| a.username == username && a.is_active),
        UserType::User => data
            .users
            .iter()
            .any(|u| u.username.as_deref() == Some(username) && u.is_enabled),
    }
}

fn auth_kind(headers: &HeaderMap) -> AuthKind {
    match headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        Some(t) if t.starts_with("tnt_") => AuthKind::ApiKey,
        Some(_) => AuthKind::Jwt,
        None => AuthKind::None,
    }
}

// ---- responses ----------------------------------------------------------

pub fn json_response(status: StatusCode, body: &impl Serialize) -> Response {
    let mut value = serde_json::to_value(body).expect("serializable");
    as_python_floats(&mut value);
    let bytes = serde_json::to_vec(&value).expect("serializable");
    let mut resp = Response::new(Body::from(bytes));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// The real server turns decimals into Python floats: `4800.0`, `326.8`,
/// never `4800.00`. Numbers with a point are written the same way here.
fn as_python_floats(v: &mut Value) {
    match v {
        Value::Number(n) => {
            let text = n.to_string();
            if let Some((int, frac)) = text.split_once('.') {
                let frac = frac.trim_end_matches('0');
                let frac = if frac.is_empty() { "0" } else { frac };
                if let Ok(Value::Number(m)) = serde_json::from_str(&format!("{int}.{frac}")) {
                    *n = m;
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(as_python_floats),
        Value::Object(map) => map.values_mut().for_each(as_python_floats),
        _ => {}
    }
}

/// `{"error": …, "status_code": N}` as the server's exception handler writes it.
pub fn error_body(status: StatusCode, message: &str) -> Response {
    json_response(
        status,
        &json!({"error": message, "status_code": status.as_u16()}),
    )
}

/// A 422 as FastAPI's validation handler writes it.
pub fn validation(details: Vec<Value>) -> Response {
    json_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json!({"error": "Validation error", "status_code": 422, "details": details}),
    )
}

pub fn detail(loc: &[&str], msg: &str) -> Value {
    json!({"loc": loc, "msg": msg, "type": "value_error"})
}

/// An operation's refusal, as the server would answer it.
pub fn backend_error(e: BackendError) -> Response {
    let (status, message) = match e {
        BackendError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, m),
        BackendError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
        BackendError::NotFound(m) => (StatusCode::NOT_FOUND, m),
        BackendError::Rule(m) => (StatusCode::BAD_REQUEST, m),
        BackendError::Conflict { message } => (StatusCode::CONFLICT, message),
        BackendError::Validation { fields, .. } => {
            return validation(
                fields
                    .iter()
                    .map(|f| detail(&["body", f.field], &f.message))
                    .collect(),
            )
        }
        BackendError::Server { status, message } => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            message,
        ),
        other => (StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    };
    error_body(status, &message)
}

// ---- faults -------------------------------------------------------------

async fn faults(State(st): State<Arc<FakeState>>, req: Request, next: Next) -> Response {
    let now = st.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    st.most_in_flight.fetch_max(now, Ordering::SeqCst);
    let resp = injected(st.clone(), req, next).await;
    st.in_flight.fetch_sub(1, Ordering::SeqCst);
    resp
}

async fn injected(st: Arc<FakeState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    st.log.lock().unwrap().push(Seen {
        method: req.method().to_string(),
        path: path.strip_prefix("/api/v1").unwrap_or(path).to_string(),
        auth: auth_kind(req.headers()),
    });
    let f = &st.faults;
    if take(&f.slow) {
        let ms = f.slow_ms.load(Ordering::SeqCst) as u64;
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if let Some((status, body)) = take_answer(&f.answer) {
        return json_response(status, &body);
    }
    if take(&f.garbage) {
        let mut resp = Response::new(Body::from(
            "<html><head><title>Welcome to nginx!</title></head><body>It works</body></html>",
        ));
        resp.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        return resp;
    }
    if take(&f.endless) {
        return endless_body(f.endless_sent.clone());
    }
    if let Some(bytes) = take_announce(&f.announce) {
        let (mut parts, body) = next.run(req).await.into_parts();
        let real = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes));
        // A stream has no exact size, so the claimed length is what goes out;
        // it stays open after the real bytes, as if the rest were coming.
        let chunks = futures::stream::once(async move { Ok::<_, std::io::Error>(real) })
            .chain(futures::stream::pending());
        return Response::from_parts(parts, Body::from_stream(chunks));
    }
    let truncate = take(&f.truncate);
    let cut = !truncate && take(&f.cut);
    let rewrite = take_rewrite(&f.rewrite);
    let late = take(&f.late);
    let resp = next.run(req).await;
    if late {
        let (parts, body) = resp.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        let ms = f.slow_ms.load(Ordering::SeqCst) as u64;
        tokio::time::sleep(Duration::from_millis(ms)).await;
        return Response::from_parts(parts, Body::from(bytes));
    }
    if !truncate && !cut && rewrite.is_none() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let mut bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Some((from, to)) = rewrite {
        let text = String::from_utf8_lossy(&bytes).replace(&from, &to);
        bytes = axum::body::Bytes::from(text);
        if !truncate && !cut {
            return Response::from_parts(parts, Body::from(bytes));
        }
    }
    let half = bytes.slice(..bytes.len() / 2);
    if truncate {
        return Response::from_parts(parts, Body::from(half));
    }
    // Send the first half, then break the connection.
    let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fake server cut the answer",
        )),
    ];
    // A pause between the two, so the first half is on the wire first.
    let stream = futures::StreamExt::then(futures::stream::iter(chunks), |item| async move {
        if item.is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        item
    });
    Response::from_parts(parts, Body::from_stream(stream))
}
