//! The backend's hold on its session: hands out a bearer token for each
//! request, refreshing the JWT shortly before it expires, trading the API
//! key again when the JWT has expired or is refused, and turning a final
//! refusal into "session expired, sign in again".

use super::login::{exchange, TOKEN_ENV};
use super::server::Server;
use super::session::{Session, TokenKind};
use super::token_store::TokenStore;
use crate::backend::{BackendError, BackendResult};
use chrono::Utc;
use tokio::sync::Mutex;

pub(super) struct Auth {
    /// Held across a refresh, so concurrent requests wait for one new token
    /// instead of each asking for their own.
    session: Mutex<Session>,
    store: Option<TokenStore>,
}

impl Auth {
    pub fn new(session: Session, store: Option<TokenStore>) -> Auth {
        Auth {
            session: Mutex::new(session),
            store,
        }
    }

    pub async fn snapshot(&self) -> Session {
        self.session.lock().await.clone()
    }

    /// The token to send now.
    pub async fn bearer(&self, server: &Server) -> BackendResult<String> {
        let mut s = self.session.lock().await;
        if s.kind == TokenKind::ApiKey {
            return Ok(s.token().expose().to_string());
        }
        let now = Utc::now();
        if s.is_expired(now) {
            let why = match s.expires_at {
                Some(at) => format!("its token expired at {}", at.format("%Y-%m-%d %H:%M UTC")),
                None => "its token expired".into(),
            };
            return self.renew_from_key(server, &mut s, &why).await;
        }
        let margin = chrono::Duration::from_std(server.config().refresh_margin)
            .unwrap_or_else(|_| chrono::Duration::minutes(10));
        if s.expires_at.is_some_and(|e| e - now <= margin) {
            match exchange(server, s.token().expose()).await {
                Ok(t) => {
                    s.renew(t);
                    self.persist(&s);
                }
                Err(BackendError::Unauthorized(m)) => {
                    return self.renew_from_key(server, &mut s, &m).await;
                }
                // Still valid for a while: keep using it, try again next time.
                Err(e) => {
                    tracing::warn!(error = %e, "token refresh failed; keeping the current token")
                }
            }
        }
        Ok(s.token().expose().to_string())
    }

    /// After a 401 for `rejected`: a fresh token to try once more, or the
    /// error that sends the user to the login screen.
    pub async fn recover(
        &self,
        server: &Server,
        rejected: &str,
        server_msg: &str,
    ) -> BackendResult<String> {
        let mut s = self.session.lock().await;
        if s.token().expose() != rejected {
            // Another request already replaced the token.
            return Ok(s.token().expose().to_string());
        }
        if s.kind == TokenKind::ApiKey {
            s.api_key = None;
            self.end(&mut s);
            return Err(BackendError::Unauthorized(format!(
                "the API key was refused ({server_msg}); it may be revoked or expired: sign in again"
            )));
        }
        self.renew_from_key(server, &mut s, server_msg).await
    }

    /// Trades the API key for a new JWT, or ends the session.
    async fn renew_from_key(
        &self,
        server: &Server,
        s: &mut Session,
        why: &str,
    ) -> BackendResult<String> {
        if let Some(key) = s.api_key().cloned() {
            match exchange(server, key.expose()).await {
                Ok(t) => {
                    s.renew(t);
                    self.persist(s);
                    return Ok(s.token().expose().to_string());
                }
                Err(BackendError::Unauthorized(m)) => {
                    s.api_key = None;
                    self.end(s);
                    return Err(BackendError::Unauthorized(format!(
                        "session expired and the API key was refused ({m}): sign in again"
                    )));
                }
                Err(e) => return Err(e),
            }
        }
        self.end(s);
        let what = if s.ephemeral {
            format!("the token in {TOKEN_ENV}")
        } else {
            "session".to_string()
        };
        Err(BackendError::Unauthorized(format!(
            "{what} expired or revoked ({why}): sign in again"
        )))
    }

    /// Marks the session dead (no more requests with it) and forgets it.
    fn end(&self, s: &mut Session) {
        s.expires_at = Some(Utc::now() - chrono::Duration::seconds(1));
        s.kind = TokenKind::Jwt;
        if let Some(store) = self.store.as_ref().filter(|_| !s.ephemeral) {
            if let Err(e) = store.delete(&s.profile, &s.server) {
                tracing::warn!(error = %e, "could not delete the expired session");
            }
        }
    }

    fn persist(&self, s: &Session) {
        if let Some(store) = self.store.as_ref().filter(|_| !s.ephemeral) {
            if let Err(e) = store.save(s) {
                tracing::warn!(error = %e, "refreshed session not cached");
            }
        }
    }
}
