//! Signing in again: how the app gets a fresh backend when a session is
//! missing or has expired, without knowing which kind of backend it is.

use super::{BackendResult, SharedBackend};
use async_trait::async_trait;

#[async_trait]
pub trait SignIn: Send + Sync {
    /// Where the user signs in (shown on the sign-in screen).
    fn server(&self) -> String;
    /// The username to pre-fill.
    fn username_hint(&self) -> Option<String>;
    /// Signs in with a password, or with an API key (`tnt_…`) as the secret
    /// and an empty username; returns a backend on the new session.
    async fn sign_in(&self, username: &str, secret: &str) -> BackendResult<SharedBackend>;
}

pub type SharedSignIn = std::sync::Arc<dyn SignIn>;
