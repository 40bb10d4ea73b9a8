//! Edits against what was read, on the API: the server has no version
//! check, so the client reads the record again before writing, and sends
//! only the fields the edit changes. A change landing between that read
//! and the write keeps every field the edit did not touch.

use crate::support::FakeServer;
use std::time::Duration;
use tentabo::backend::*;
use tentabo::domain::*;

/// Another client's edit, straight into the server's store.
fn change_city_on_the_server(fake: &FakeServer, id: Id, city: &str) {
    let mut data = fake.data.write().unwrap();
    let c = data
        .partners
        .iter_mut()
        .find(|c| c.id == id)
        .expect("the partner");
    c.city = Some(city.into());
    c.updated_at = chrono::Utc::now().max(c.updated_at + chrono::Duration::microseconds(1));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_change_between_the_check_and_the_write_keeps_its_fields() {
    let fake = FakeServer::start().await;
    let demo = fake.backend_as("demo").await;
    let all = CompanyQuery::default();
    let read = fetch_all(100, |p| demo.list_companies(CompanyKind::Partner, &all, p))
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Alpine Systems")
        .unwrap();
    let path = format!("/partners/{}", read.id);
    let mut toggle = CompanyDraft::from_company(&read);
    toggle.is_active = false;

    // The client's read and write both wait on the server, so another
    // client's change can land while the write is on its way.
    fake.slow_next(2, Duration::from_millis(300));
    let write = {
        let (demo, read, toggle) = (demo.clone(), read.clone(), toggle.clone());
        tokio::spawn(async move {
            demo.update_company(CompanyKind::Partner, read.id, &toggle, Some(&read))
                .await
        })
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while fake.count("PUT", &path) == 0 {
        assert!(tokio::time::Instant::now() < deadline, "no PUT was sent");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(fake.count("GET", &path), 1, "read again before writing");
    change_city_on_the_server(&fake, read.id, "Chamonix");

    let saved = write.await.unwrap().unwrap();
    assert!(!saved.is_active);
    assert_eq!(
        saved.city.as_deref(),
        Some("Chamonix"),
        "the other client's change was not sent back over"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_save_of_what_was_read_sends_nothing() {
    let fake = FakeServer::start().await;
    let demo = fake.backend_as("demo").await;
    let page = demo
        .list_companies(
            CompanyKind::Distributor,
            &CompanyQuery::default(),
            PageRequest::first(10),
        )
        .await
        .unwrap();
    let read = page.items[0].clone();
    fake.clear_requests();
    let same = demo
        .update_company(
            CompanyKind::Distributor,
            read.id,
            &CompanyDraft::from_company(&read),
            Some(&read),
        )
        .await
        .unwrap();
    assert_eq!(same, read);
    assert_eq!(fake.count("PUT", &format!("/distributors/{}", read.id)), 0);
}
