//! A client must never be able to take a server down: a filtered list
//! costs no more requests than the unfiltered one, and no command has more
//! than `max_in_flight` (4) requests on the server at once.

use crate::common::*;
use crate::support::FakeServer;
use std::time::Duration;
use tentabo::backend::*;

fn gets_of_leads(fake: &FakeServer) -> usize {
    fake.requests()
        .iter()
        .filter(|s| s.method == "GET" && s.path == "/leads")
        .count()
}

#[tokio::test]
async fn a_filtered_list_costs_no_more_requests_than_the_whole_list() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("demo").await;
    fake.clear_requests();
    let all = all_leads(&b, &LeadQuery::default()).await;
    let unfiltered = gets_of_leads(&fake);
    assert_eq!(all.len(), 300);

    // A filter the server lacks, read page by page as the CLI and the TUI
    // do (small pages, several at once).
    let q = LeadQuery {
        text: Some("a".into()),
        ..Default::default()
    };
    fake.clear_requests();
    let found = fetch_all_with(10, 8, |p| b.list_leads(&q, p))
        .await
        .unwrap();
    let filtered = gets_of_leads(&fake);
    assert!(found.len() > 20, "several result pages: {}", found.len());
    assert!(
        filtered <= unfiltered,
        "{filtered} requests for the filtered list, {unfiltered} for the whole"
    );
    // The rows are the same as filtering the whole list here.
    let expected = all
        .iter()
        .filter(|l| {
            [&l.title, &l.organization, &l.contact_name]
                .iter()
                .any(|s| s.to_lowercase().contains('a'))
                || l.contact_email
                    .as_deref()
                    .is_some_and(|e| e.to_lowercase().contains('a'))
        })
        .count();
    assert_eq!(found.len(), expected);
}

#[tokio::test]
async fn never_more_than_four_requests_on_the_server_at_once() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("demo").await;
    fake.clear_requests();
    fake.slow_next(200, Duration::from_millis(60));
    // Three whole lists and a filtered one, all at once, each asking for
    // eight pages at a time.
    let q = LeadQuery {
        text: Some("e".into()),
        ..Default::default()
    };
    let (lq, oq, cq) = (
        LeadQuery::default(),
        OrderQuery::default(),
        ContractQuery::default(),
    );
    let (a, bb, c, d) = tokio::join!(
        fetch_all_with(20, 8, |p| b.list_leads(&lq, p)),
        fetch_all_with(20, 8, |p| b.list_orders(&oq, p)),
        fetch_all_with(20, 8, |p| b.list_contracts(&cq, p)),
        fetch_all_with(20, 8, |p| b.list_leads(&q, p)),
    );
    assert!(a.is_ok() && bb.is_ok() && c.is_ok() && d.is_ok());
    let most = fake.most_in_flight();
    assert!(most <= 4, "{most} requests at once");
    assert!(most >= 2, "the lists did run side by side ({most})");
}
