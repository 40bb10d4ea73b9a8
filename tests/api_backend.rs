//! The API backend against the fake Tentabo server: sessions and the token
//! cache, every failure mode, hostile servers, private CAs, and the
//! endpoints the tabs use.

mod support;

#[path = "api_backend/bounded.rs"]
mod bounded;
#[path = "api_backend/common.rs"]
mod common;
#[path = "api_backend/endpoints.rs"]
mod endpoints;
#[path = "api_backend/failures.rs"]
mod failures;
#[path = "api_backend/hostile.rs"]
mod hostile;
#[path = "api_backend/session.rs"]
mod session;
#[path = "api_backend/tls.rs"]
mod tls;
#[path = "api_backend/versions.rs"]
mod versions;

#[path = "support/fake_tls.rs"]
mod fake_tls;
