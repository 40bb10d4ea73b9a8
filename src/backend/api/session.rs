//! A signed-in session: which server, who, and the bearer token.
//!
//! Tokens are secrets: they never appear in `Debug` output, logs or
//! messages. A session made from an API key keeps the key (in memory and, if
//! cached, in the 0600 cache file) only so that it can trade it for a new JWT
//! when the current one expires; the password is never kept anywhere.

use super::wire::TokenResponse;
use crate::domain::{Timestamp, UserType};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A string that must not be shown.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub(super) struct Secret(String);

impl Secret {
    pub(super) fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub(super) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// What the bearer token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A JWT from `/auth/login` or `/auth/refresh` (fast to check, expires).
    Jwt,
    /// An API key (`tnt_…`) sent as is: slow on the server (a bcrypt check
    /// per request), used only when it cannot be traded for a JWT.
    ApiKey,
}

/// A session with a Tentabo server. Deliberately not `Serialize`: only the
/// token store writes it out (see `token_store.rs`).
#[derive(Clone, PartialEq)]
pub struct Session {
    /// The normalized server URL (see `Server::url`).
    pub(super) server: String,
    pub(super) profile: String,
    pub(super) username: Option<String>,
    pub(super) user_type: Option<UserType>,
    pub(super) kind: TokenKind,
    pub(super) token: Secret,
    /// When the JWT expires; `None` when unknown (a token from the
    /// environment) or for an API key.
    pub(super) expires_at: Option<Timestamp>,
    /// The API key this session was made from, to get a new JWT later.
    pub(super) api_key: Option<Secret>,
    /// Why the session could not be written to the cache (login still worked).
    pub(super) cache_problem: Option<String>,
    /// From `TENTABO_TOKEN`: never written to or deleted from the cache.
    pub(super) ephemeral: bool,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Session")
            .field("server", &self.server)
            .field("profile", &self.profile)
            .field("username", &self.username)
            .field("user_type", &self.user_type)
            .field("kind", &self.kind)
            .field("expires_at", &self.expires_at)
            .field("from_api_key", &self.api_key.is_some())
            .finish_non_exhaustive()
    }
}

impl Session {
    pub(super) fn from_token(
        server: &str,
        profile: &str,
        username: Option<String>,
        t: TokenResponse,
        api_key: Option<Secret>,
    ) -> Session {
        Session {
            server: server.to_string(),
            profile: profile.to_string(),
            username,
            user_type: Some(t.user_type),
            kind: TokenKind::Jwt,
            expires_at: Some(expiry(t.expires_in)),
            token: Secret::new(t.access_token),
            api_key,
            cache_problem: None,
            ephemeral: false,
        }
    }

    /// Takes a refreshed JWT in place of the current token.
    pub(super) fn renew(&mut self, t: TokenResponse) {
        self.kind = TokenKind::Jwt;
        self.expires_at = Some(expiry(t.expires_in));
        self.token = Secret::new(t.access_token);
        self.user_type = Some(t.user_type);
    }

    pub fn server(&self) -> &str {
        &self.server
    }
    pub fn profile(&self) -> &str {
        &self.profile
    }
    pub fn username(&self) -> Option<&str> {
        self.username.as_deref()
    }
    /// From the login answer; `None` for a bare token from the environment
    /// until the first `/auth/me`.
    pub fn user_type(&self) -> Option<UserType> {
        self.user_type
    }
    pub fn kind(&self) -> TokenKind {
        self.kind
    }
    pub fn expires_at(&self) -> Option<Timestamp> {
        self.expires_at
    }
    /// Made from an API key (which can be traded for a new JWT).
    pub fn from_api_key(&self) -> bool {
        self.api_key.is_some()
    }
    /// Set when login worked but the cache file could not be written: show
    /// it as a warning (the session works, it just will not be remembered).
    pub fn cache_problem(&self) -> Option<&str> {
        self.cache_problem.as_deref()
    }
    /// Made from `TENTABO_TOKEN` (never cached).
    pub fn from_env(&self) -> bool {
        self.ephemeral
    }

    /// The JWT's known expiry has passed.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.kind == TokenKind::Jwt && self.expires_at.is_some_and(|e| e <= now)
    }

    /// Still usable as is, or renewable without a password.
    pub fn is_usable(&self, now: Timestamp) -> bool {
        !self.is_expired(now) || self.api_key.is_some()
    }

    pub(super) fn token(&self) -> &Secret {
        &self.token
    }
    pub(super) fn api_key(&self) -> Option<&Secret> {
        self.api_key.as_ref()
    }
}

/// Expiry from `expires_in`, a few seconds early for clock skew and latency.
fn expiry(expires_in: i64) -> Timestamp {
    let secs = expires_in.clamp(0, 10 * 365 * 86_400);
    Utc::now() + chrono::Duration::seconds((secs - 5).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_tokens() {
        let s = Session {
            server: "https://x".into(),
            profile: "default".into(),
            username: Some("alice".into()),
            user_type: Some(UserType::User),
            kind: TokenKind::Jwt,
            token: Secret::new("eyJsecret-token"),
            expires_at: None,
            api_key: Some(Secret::new("tnt_secretkey")),
            cache_problem: None,
            ephemeral: false,
        };
        let text = format!("{s:?}");
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains("alice"));
    }
}
