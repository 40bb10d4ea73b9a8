//! The REST API backend: the Tentabo server's `/api/v1`, over HTTPS
//! (rustls), with a cached session.
//!
//! * `server.rs` checks the URL and sends requests (timeouts), `body.rs`
//!   reads answers under a size cap, `errors.rs` names every failure,
//!   `wire.rs` holds the few shapes the domain lacks.
//! * `login.rs`, `session.rs`, `token_store.rs`, `auth.rs`: signing in,
//!   the session cache, refresh and expiry.
//! * `leads.rs`, `orders.rs`, `contracts.rs`, `companies.rs`, `users.rs`:
//!   the endpoints; `paging.rs` and `filters.rs`: lists; `backend_impl.rs`
//!   wires them to the `Backend` trait.
//!
//! What the CLI and the TUI call:
//!
//! ```no_run
//! # async fn open() -> Result<(), tentabo::backend::BackendError> {
//! use tentabo::backend::api::*;
//! let server = Server::new("https://prm.example.com")?;
//! let store = TokenStore::new("/home/me/.local/share/tentabo/sessions");
//! // TENTABO_TOKEN first, then the cache; `None` means: show the login screen.
//! let session = match resume_session(&server, Some(&store), "default").await? {
//!     Some(s) => s,
//!     None => login_password(&server, "alice", "password", Some(&store), "default").await?,
//! };
//! let backend = ApiBackend::from_session(&server, session, Some(store))?;
//! # let _ = backend; Ok(()) }
//! ```
//!
//! Reads are retried on transient failures (a few times, with backoff);
//! writes never are. The one exception is a request refused with 401 when
//! a new token could be had: the server rejects the token before running
//! the endpoint, so sending it again with the new token cannot do anything
//! twice.

mod auth;
mod backend_impl;
mod body;
mod companies;
mod config;
mod contracts;
#[cfg(test)]
mod decode_props;
mod errors;
mod filters;
mod leads;
mod login;
mod orders;
mod paging;
mod server;
mod session;
mod token_store;
mod users;
mod wire;

pub use config::ApiConfig;
pub use login::{
    login_api_key, login_password, logout, resume_session, session_from_token, token_from_env,
    TOKEN_ENV,
};
pub use server::Server;
pub use session::{Session, TokenKind};
pub use token_store::TokenStore;

use crate::backend::{BackendError, BackendResult};
use crate::domain::scope::Actor;
use crate::domain::validation::FieldError;
use crate::domain::Me;
use auth::Auth;
use serde::de::DeserializeOwned;
use server::{decode, Call};

/// A `Backend` talking to a Tentabo server as one signed-in user.
pub struct ApiBackend {
    server: Server,
    auth: Auth,
    /// `/auth/me`, kept after the first read (the admin-account check needs it).
    me: std::sync::Mutex<Option<Me>>,
    /// Whole filtered lists, read once for all their pages.
    filtered: paging::FilteredReads,
}

impl ApiBackend {
    /// A backend for `session` on `server`. With a `store`, refreshed tokens
    /// are written back to the cache and an expired session is deleted.
    pub fn from_session(
        server: &Server,
        session: Session,
        store: Option<TokenStore>,
    ) -> BackendResult<ApiBackend> {
        if session.server() != server.url() {
            return Err(BackendError::invalid(vec![FieldError {
                field: "server",
                message: format!(
                    "this session belongs to {}, not {}",
                    session.server(),
                    server.url()
                ),
            }]));
        }
        Ok(ApiBackend {
            server: server.clone(),
            auth: Auth::new(session, store),
            me: std::sync::Mutex::new(None),
            filtered: Default::default(),
        })
    }

    /// The session as it is now (after any refresh), e.g. to show its expiry.
    pub async fn session(&self) -> Session {
        self.auth.snapshot().await
    }

    pub fn server(&self) -> &Server {
        &self.server
    }

    /// Sends a request with the current token: reads retried on transient
    /// failures, one more try after a 401 when a new token could be had.
    async fn send(&self, call: &Call) -> BackendResult<Vec<u8>> {
        let cfg = self.server.config();
        if call.method != reqwest::Method::GET {
            // A write may change any list: no filtered read serves after it.
            self.filtered.clear();
        }
        let attempts = if call.retry {
            cfg.read_attempts.max(1)
        } else {
            1
        };
        let mut attempt = 1;
        let mut reauthorized = false;
        loop {
            let bearer = self.auth.bearer(&self.server).await?;
            match self.server.send(call, Some(&bearer)).await {
                Err(BackendError::Unauthorized(m)) if !reauthorized => {
                    self.auth.recover(&self.server, &bearer, &m).await?;
                    reauthorized = true;
                }
                Err(BackendError::Unauthorized(m)) => {
                    return Err(BackendError::Unauthorized(format!(
                        "the server refused the renewed session ({m}): sign in again"
                    )))
                }
                Err(e) if e.is_transient() && attempt < attempts => {
                    tracing::debug!(request = %call.what(), attempt, error = %e, "retrying a read");
                    tokio::time::sleep(cfg.backoff_after(attempt)).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn call<T: DeserializeOwned>(&self, call: Call) -> BackendResult<T> {
        let body = self.send(&call).await?;
        decode(&body, &call.what())
    }

    /// For answers without a body (204).
    async fn call_unit(&self, call: Call) -> BackendResult<()> {
        self.send(&call).await.map(drop)
    }

    async fn fetch_me(&self) -> BackendResult<Me> {
        let me: Me = self.call(Call::get("/auth/me")).await?;
        if let Ok(mut cached) = self.me.lock() {
            *cached = Some(me.clone());
        }
        Ok(me)
    }

    async fn me_cached(&self) -> BackendResult<Me> {
        let cached = self.me.lock().ok().and_then(|m| m.clone());
        match cached {
            Some(me) => Ok(me),
            None => self.fetch_me().await,
        }
    }

    /// Lead and order work records the acting user against `users`, which
    /// an admin account is not: the real server fails half-way. Refuse
    /// before sending anything.
    async fn require_work(&self) -> BackendResult<()> {
        let me = self.me_cached().await?;
        Actor::from_me(&me)
            .can_record_work()
            .map_err(BackendError::Forbidden)
    }
}

/// A reason worth sending: the server stores an empty one as is.
fn reason(r: Option<&str>) -> Option<&str> {
    r.filter(|r| !r.trim().is_empty())
}
