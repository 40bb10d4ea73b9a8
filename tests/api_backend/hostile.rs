//! A server that lies: totals that promise pages that never come, bodies
//! that never end or claim to be huge. The client stops, with a clear error
//! where there is one, and never pages or reads forever.

use crate::common::*;
use crate::support::FakeServer;
use serde_json::json;
use std::time::{Duration, Instant};
use tentabo::backend::*;

const TRILLION: &str = "\"total_items\":1000000000000";

/// Fails the test rather than hanging when the client does not stop.
async fn within<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), f)
        .await
        .expect("the client stopped")
}

#[tokio::test]
async fn a_total_of_a_trillion_rows_is_read_until_the_pages_run_out() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("demo").await;
    let honest = all_leads(&b, &LeadQuery::default()).await.len();
    assert_eq!(honest, 300);
    fake.rewrite_next(1_000, "\"total_items\":300", TRILLION);
    fake.clear_requests();
    let leads = within(all_leads(&b, &LeadQuery::default())).await;
    assert_eq!(leads.len(), honest);
    // Three full pages and the empty fourth, plus what was in flight then.
    let asked = fake.count("GET", "/leads");
    assert!((4..=12).contains(&asked), "{asked} pages requested");
}

#[tokio::test]
async fn an_empty_first_page_ends_the_list_whatever_its_total() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("demo").await;
    let empty = json!({
        "items": [],
        "pagination": {"page": 1, "page_size": 100, "total_items": 1_000_000_000_000u64,
                       "total_pages": 10_000_000_000u64, "has_next": true, "has_prev": false},
    });
    fake.answer_next(1_000, 200, empty);
    fake.clear_requests();
    assert!(within(all_leads(&b, &LeadQuery::default()))
        .await
        .is_empty());
    assert_eq!(fake.count("GET", "/leads"), 1);
}

#[tokio::test]
async fn an_endless_body_is_abandoned_at_the_cap() {
    let fake = FakeServer::start().await;
    let server = server_with(&fake, |c| c.max_response_bytes = 256 * 1024);
    let session =
        tentabo::backend::api::login_password(&server, "demo", crate::support::PASSWORD, None, "p")
            .await
            .unwrap();
    let b = backend(&server, session, None);
    fake.endless_next(5);
    fake.clear_requests();
    let started = Instant::now();
    let e = within(b.list_leads(&LeadQuery::default(), PageRequest::first(10)))
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Decode(_)), "{e:?}");
    assert_msg(&e, &["GET /leads", "256 KiB limit", "max_response_bytes"]);
    // Stopped at the cap: well before the request timeout, without a
    // retry, and with a bounded amount on the wire.
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(fake.count("GET", "/leads"), 1);
    let sent = fake.endless_bytes_sent();
    assert!(sent < 32 * 1024 * 1024, "{sent} bytes sent");
}

#[tokio::test]
async fn a_claimed_length_over_the_cap_is_refused_before_reading() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("demo").await;
    fake.announce_next(1, 10 * 1024 * 1024 * 1024);
    fake.clear_requests();
    let e = within(b.list_leads(&LeadQuery::default(), PageRequest::first(10)))
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Decode(_)), "{e:?}");
    assert_msg(&e, &["64 MiB limit", "announced 10 GiB"]);
    assert_eq!(fake.count("GET", "/leads"), 1, "not retried");
}

#[tokio::test]
async fn answers_under_the_cap_are_read_whole() {
    let fake = FakeServer::start().await;
    let server = server_with(&fake, |c| c.max_response_bytes = 512 * 1024);
    let session =
        tentabo::backend::api::login_password(&server, "demo", crate::support::PASSWORD, None, "p")
            .await
            .unwrap();
    let b = backend(&server, session, None);
    assert_eq!(all_leads(&b, &LeadQuery::default()).await.len(), 300);
}
