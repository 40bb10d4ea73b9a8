//! Helpers for the API backend tests.

#![allow(dead_code)]

use crate::support::fake_server::test_config;
use crate::support::FakeServer;
use std::path::Path;
use std::sync::Arc;
use tentabo::backend::api::{ApiBackend, ApiConfig, Server, Session, TokenStore};
use tentabo::backend::*;
use tentabo::domain::*;

/// Tests that read or set `TENTABO_TOKEN` (or call `resume_session`, which
/// reads it) hold this, so they do not see each other's environment.
pub static ENV_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub fn store() -> (tempfile::TempDir, TokenStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = TokenStore::new(dir.path().join("sessions"));
    (dir, store)
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

pub fn backend(server: &Server, session: Session, store: Option<&TokenStore>) -> SharedBackend {
    Arc::new(ApiBackend::from_session(server, session, store.cloned()).expect("backend"))
}

/// A server handle with a custom configuration.
pub fn server_with(fake: &FakeServer, f: impl FnOnce(&mut ApiConfig)) -> Server {
    let mut cfg = test_config();
    f(&mut cfg);
    Server::with_config(&fake.url, cfg).expect("server")
}

pub async fn first_lead(b: &SharedBackend) -> Lead {
    b.list_leads(&LeadQuery::default(), PageRequest::first(1))
        .await
        .expect("leads")
        .items
        .remove(0)
}

pub async fn all_leads(b: &SharedBackend, q: &LeadQuery) -> Vec<Lead> {
    fetch_all(b.preferred_page_size(), |p| b.list_leads(q, p))
        .await
        .expect("all leads")
}

pub async fn partner_named(b: &SharedBackend, name: &str) -> Company {
    let q = CompanyQuery::default();
    fetch_all(100, |p| b.list_companies(CompanyKind::Partner, &q, p))
        .await
        .expect("partners")
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no partner {name}"))
}

pub fn lead_draft(title: &str, partner: Option<Id>) -> LeadDraft {
    LeadDraft {
        title: title.into(),
        organization: "Zephyr Ballooning".into(),
        contact_name: "Zoé Zéphyr".into(),
        contact_email: Some("zoe@zephyr.example".into()),
        contact_phone: None,
        value: Some("12345.67".parse().unwrap()),
        currency: "EUR".into(),
        status: None,
        probability: Some(40),
        expected_close_date: None,
        partner_id: partner,
        distributor_id: None,
    }
}

pub fn assert_msg(e: &BackendError, needles: &[&str]) {
    let text = e.to_string();
    for n in needles {
        assert!(
            text.to_lowercase().contains(&n.to_lowercase()),
            "`{text}` should mention `{n}`"
        );
    }
}
