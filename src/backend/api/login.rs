//! Signing in: with a password, with an API key, with a token from the
//! environment, or by resuming a cached session. These are the functions the
//! CLI and the TUI's login screen call.

use super::server::{decode, Call, Server};
use super::session::{Secret, Session, TokenKind};
use super::token_store::TokenStore;
use super::wire::{LoginBody, TokenResponse};
use crate::backend::{BackendError, BackendResult};
use crate::domain::validation::FieldError;
use crate::domain::Me;
use chrono::Utc;

/// The environment variable whose token overrides the cache.
pub const TOKEN_ENV: &str = "TENTABO_TOKEN";

/// The token in `TENTABO_TOKEN` (a JWT or a `tnt_…` API key), if set. When
/// present it wins over any cached session.
pub fn token_from_env() -> Option<String> {
    std::env::var(TOKEN_ENV)
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// `POST /auth/login` with a username and password. The password is sent
/// once and kept nowhere. The session is cached in `store` (a failure to
/// write it is reported by `Session::cache_problem`, not as an error).
pub async fn login_password(
    server: &Server,
    username: &str,
    password: &str,
    store: Option<&TokenStore>,
    profile: &str,
) -> BackendResult<Session> {
    let username = username.trim();
    let mut missing = Vec::new();
    if username.is_empty() {
        missing.push(FieldError {
            field: "username",
            message: "required".into(),
        });
    }
    if password.is_empty() {
        missing.push(FieldError {
            field: "password",
            message: "required".into(),
        });
    }
    if !missing.is_empty() {
        return Err(BackendError::invalid(missing));
    }
    let call = Call::post("/auth/login").json(&LoginBody { username, password })?;
    // 401 "Invalid username or password", 403 for a disabled account, 503
    // when the server cannot reach LDAP: the server's words are clear.
    let body = server.send(&call, None).await?;
    let token: TokenResponse = decode(&body, &call.what())?;
    let session = Session::from_token(
        server.url(),
        profile,
        Some(username.to_string()),
        token,
        None,
    );
    Ok(cache(session, store))
}

/// Signs in with an API key (`tnt_…`). The key is traded once for a JWT
/// (`POST /auth/refresh` with the key as bearer): a JWT costs the server
/// ~15 ms per request, a key ~270 ms. The key is kept to get a new JWT when
/// this one expires. A server that cannot trade keys gets the key itself.
pub async fn login_api_key(
    server: &Server,
    api_key: &str,
    store: Option<&TokenStore>,
    profile: &str,
) -> BackendResult<Session> {
    let session = key_session(server, api_key, profile).await?;
    Ok(cache(session, store))
}

/// A session from a bare token (`TENTABO_TOKEN`): an API key is traded for a
/// JWT as in [`login_api_key`]; a JWT is checked with `/auth/me`. Such a
/// session is never cached.
pub async fn session_from_token(
    server: &Server,
    token: &str,
    profile: &str,
) -> BackendResult<Session> {
    let token = token.trim();
    if token.starts_with("tnt_") {
        let mut s = key_session(server, token, profile).await?;
        s.ephemeral = true;
        return Ok(s);
    }
    let me = fetch_me(server, token).await.map_err(|e| match e {
        BackendError::Unauthorized(m) => BackendError::Unauthorized(format!(
            "the token in {TOKEN_ENV} was refused ({m}); set a fresh one or unset it to sign in"
        )),
        other => other,
    })?;
    Ok(Session {
        server: server.url().to_string(),
        profile: profile.to_string(),
        username: me.username.clone(),
        user_type: Some(me.user_type),
        kind: TokenKind::Jwt,
        token: Secret::new(token),
        expires_at: None,
        api_key: None,
        cache_problem: None,
        ephemeral: true,
    })
}

/// The session to start with, without asking anything: `TENTABO_TOKEN` if
/// set, else a usable cached session. `None` means: show the login screen.
/// A cached session whose JWT has expired (and that has no API key to get a
/// new one) is deleted.
pub async fn resume_session(
    server: &Server,
    store: Option<&TokenStore>,
    profile: &str,
) -> BackendResult<Option<Session>> {
    if let Some(token) = token_from_env() {
        if token.trim().starts_with("tnt_") {
            if let Some(store) = store {
                return key_session_cached(server, token.trim(), store, profile)
                    .await
                    .map(Some);
            }
        }
        return session_from_token(server, &token, profile).await.map(Some);
    }
    let Some(store) = store else {
        return Ok(None);
    };
    // An unreadable cache is not fatal: the user signs in, and a failure to
    // write it then shows as `cache_problem`.
    let cached = store.load(profile, server.url()).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "session cache unreadable");
        None
    });
    match cached {
        Some(s) if s.is_usable(Utc::now()) => Ok(Some(s)),
        Some(_) => {
            let _ = store.delete(profile, server.url());
            Ok(None)
        }
        None => Ok(None),
    }
}

/// The cache slot of the JWT traded for an API key: named by a hash of the
/// key, never by the key (which is never written).
fn key_slot(profile: &str, api_key: &str) -> String {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same name in every process.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    api_key.hash(&mut h);
    format!("{profile}.key-{:016x}", h.finish())
}

/// `TENTABO_TOKEN=tnt_…`: the JWT traded for the key is cached (0600, under
/// a hash of the key) until it expires, so each script run does not pay the
/// server's slow key check again; the key itself stays in the environment.
async fn key_session_cached(
    server: &Server,
    api_key: &str,
    store: &TokenStore,
    profile: &str,
) -> BackendResult<Session> {
    let slot = key_slot(profile, api_key);
    let now = Utc::now();
    if let Ok(Some(mut s)) = store.load(&slot, server.url()) {
        // Only a JWT with a known expiry at least a minute away is reused.
        let fresh = s.kind == TokenKind::Jwt
            && s.expires_at
                .is_some_and(|e| e > now + chrono::Duration::seconds(60));
        if fresh {
            s.profile = profile.to_string();
            s.api_key = Some(Secret::new(api_key));
            s.ephemeral = true;
            return Ok(s);
        }
    }
    let mut s = key_session(server, api_key, profile).await?;
    if s.kind == TokenKind::Jwt && s.expires_at.is_some() {
        let mut kept = s.clone();
        kept.profile = slot;
        kept.api_key = None;
        kept.ephemeral = false;
        if let Err(e) = store.save(&kept) {
            tracing::warn!(error = %e, "could not cache the JWT for the API key");
        }
    }
    s.ephemeral = true;
    Ok(s)
}

/// Forgets the cached session of this profile and server.
pub fn logout(store: &TokenStore, profile: &str, server: &Server) -> std::io::Result<bool> {
    // JWTs traded for API keys of this profile and server go too.
    let mine = store.path_for(profile, server.url());
    let name = mine
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if let (Some((who, at)), Ok(dir)) = (name.split_once('@'), std::fs::read_dir(store.dir())) {
        let prefix = format!("{who}.key-");
        for entry in dir.flatten() {
            let file = entry.file_name();
            let file = file.to_string_lossy();
            let traded = file.starts_with(&prefix) && file.ends_with(&format!("@{at}"));
            if traded {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    store.delete(profile, server.url())
}

/// `POST /auth/refresh` with `bearer` (a JWT to extend, or a key to trade).
pub(super) async fn exchange(server: &Server, bearer: &str) -> BackendResult<TokenResponse> {
    let call = Call::post("/auth/refresh");
    let body = server.send(&call, Some(bearer)).await?;
    decode(&body, &call.what())
}

pub(super) async fn fetch_me(server: &Server, bearer: &str) -> BackendResult<Me> {
    let call = Call::get("/auth/me");
    let body = server.send(&call, Some(bearer)).await?;
    decode(&body, &call.what())
}

async fn key_session(server: &Server, api_key: &str, profile: &str) -> BackendResult<Session> {
    let api_key = api_key.trim();
    if !api_key.starts_with("tnt_") || api_key.len() < 8 {
        return Err(BackendError::invalid(vec![FieldError {
            field: "api_key",
            message: "a Tentabo API key starts with tnt_".into(),
        }]));
    }
    let refused = |m: String| {
        BackendError::Unauthorized(format!(
            "the API key was refused ({m}); it may be revoked or expired"
        ))
    };
    match exchange(server, api_key).await {
        Ok(token) => {
            let me = fetch_me(server, &token.access_token).await.ok();
            Ok(Session::from_token(
                server.url(),
                profile,
                me.and_then(|m| m.username),
                token,
                Some(Secret::new(api_key)),
            ))
        }
        Err(BackendError::Unauthorized(m)) => Err(refused(m)),
        Err(e @ (BackendError::Network(_) | BackendError::Timeout(_))) => Err(e),
        Err(e) => {
            // No key exchange on this server: use the key itself (slower).
            tracing::warn!(error = %e, "could not trade the API key for a JWT; using the key directly");
            let me = fetch_me(server, api_key).await.map_err(|e| match e {
                BackendError::Unauthorized(m) => refused(m),
                other => other,
            })?;
            Ok(Session {
                server: server.url().to_string(),
                profile: profile.to_string(),
                username: me.username,
                user_type: Some(me.user_type),
                kind: TokenKind::ApiKey,
                token: Secret::new(api_key),
                expires_at: None,
                api_key: Some(Secret::new(api_key)),
                cache_problem: None,
                ephemeral: false,
            })
        }
    }
}

fn cache(mut session: Session, store: Option<&TokenStore>) -> Session {
    if let Some(store) = store.filter(|_| !session.ephemeral) {
        if let Err(e) = store.save(&session) {
            tracing::warn!(error = %e, "session not cached");
            session.cache_problem = Some(e.to_string());
        }
    }
    session
}
