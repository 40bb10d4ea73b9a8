//! API sessions for the CLI and the TUI: resuming a cached session,
//! signing in, signing out.

use crate::backend::api::{self, ApiBackend, Server, TokenStore};
use crate::backend::signin::SignIn;
use crate::backend::{BackendError, BackendResult, SharedBackend};
use async_trait::async_trait;
use std::sync::Arc;

/// Everything needed to open (or reopen) a session on one server and profile.
pub struct ApiSignIn {
    pub server: Server,
    pub url: String,
    pub store: Option<TokenStore>,
    pub profile: String,
    pub username: Option<String>,
}

impl ApiSignIn {
    pub fn new(
        url: &str,
        profile: &str,
        username: Option<String>,
        config: crate::backend::api::ApiConfig,
    ) -> BackendResult<ApiSignIn> {
        Ok(ApiSignIn {
            server: Server::with_config(url, config)?,
            url: url.to_string(),
            store: crate::paths::token_dir().map(TokenStore::new),
            profile: profile.to_string(),
            username,
        })
    }

    /// `TENTABO_TOKEN`, then the cache; `None` when the user must sign in.
    pub async fn resume(&self) -> BackendResult<Option<SharedBackend>> {
        match api::resume_session(&self.server, self.store.as_ref(), &self.profile).await? {
            Some(session) => Ok(Some(Arc::new(ApiBackend::from_session(
                &self.server,
                session,
                self.store.clone(),
            )?))),
            None => Ok(None),
        }
    }

    pub fn logout(&self) -> std::io::Result<bool> {
        match &self.store {
            Some(store) => api::logout(store, &self.profile, &self.server),
            None => Ok(false),
        }
    }
}

#[async_trait]
impl SignIn for ApiSignIn {
    fn server(&self) -> String {
        self.url.clone()
    }

    fn username_hint(&self) -> Option<String> {
        self.username.clone()
    }

    async fn sign_in(&self, username: &str, secret: &str) -> BackendResult<SharedBackend> {
        let session = if secret.starts_with("tnt_") && username.trim().is_empty() {
            api::login_api_key(&self.server, secret, self.store.as_ref(), &self.profile).await?
        } else {
            if username.trim().is_empty() {
                return Err(BackendError::Validation {
                    message: "enter a username (or leave it empty and paste an API key)".into(),
                    fields: vec![crate::domain::validation::FieldError {
                        field: "username",
                        message: "required".into(),
                    }],
                });
            }
            api::login_password(
                &self.server,
                username.trim(),
                secret,
                self.store.as_ref(),
                &self.profile,
            )
            .await?
        };
        let problem = session.cache_problem().map(str::to_string);
        if let Some(p) = problem {
            tracing::warn!(problem = %p, "session not cached");
        }
        Ok(Arc::new(ApiBackend::from_session(
            &self.server,
            session,
            self.store.clone(),
        )?))
    }
}
