//! The Contracts tab driven in-process: quick views, status changes offered
//! only where allowed, bulk results per contract, export.

mod support;

use crossterm::event::KeyCode;
use support::tui::Harness;
use tentabo::app::{ContractView, Overlay, PickValue, Tab};
use tentabo::domain::*;

async fn contracts_tab(user: Option<&str>) -> Harness {
    let mut h = Harness::demo(user, 300).await;
    h.chars("3");
    assert_eq!(h.app.tab, Tab::Contracts);
    h
}

fn view_to(h: &mut Harness, view: ContractView) {
    while h.app.contracts.view != view {
        h.chars("f");
    }
}

#[tokio::test]
async fn expiring_view_holds_only_active_contracts_expiring_within_30_days() {
    let mut h = contracts_tab(None).await;
    view_to(&mut h, ContractView::Expiring30);
    let now = h.app.now;
    assert!(!h.app.contracts.list.is_empty());
    for i in &h.app.contracts.list.visible {
        let c = &h.app.contracts.list.all[*i];
        assert_eq!(c.status, ContractStatus::Active);
        let days = c.days_left(now).unwrap();
        assert!(
            (0..=30).contains(&days),
            "{} has {days} days left",
            c.contract_number
        );
    }
    let screen = h.screen(120, 30);
    assert!(
        screen.contains(&format!(
            "expiring ≤30d · {} of 80",
            h.app.contracts.list.len()
        )),
        "{screen}"
    );
    // Filters combine with the text filter.
    let first = h
        .app
        .contracts
        .list
        .selected()
        .unwrap()
        .contract_number
        .clone();
    h.chars("/");
    h.chars(&first);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.contracts.list.len(), 1);
}

#[tokio::test]
async fn status_picker_offers_only_allowed_targets_and_changes_with_a_reason() {
    let mut h = contracts_tab(None).await;
    view_to(&mut h, ContractView::Active);
    let id = h.app.contracts.list.selected().unwrap().id;
    h.chars("c");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no picker")
    };
    let offered: Vec<&str> = p
        .list
        .rows(0, usize::MAX)
        .map(|i| match &i.value {
            PickValue::ContractStatus(s) => s.as_str(),
            other => panic!("not a status: {other:?}"),
        })
        .collect();
    assert_eq!(
        offered,
        vec!["upgraded", "downgraded", "expired", "cancelled"]
    );
    h.chars("jj"); // expired
    h.key(KeyCode::Enter);
    h.chars("customer left");
    h.key(KeyCode::Enter);
    h.settle().await;
    let c = h
        .app
        .contracts
        .list
        .all
        .iter()
        .find(|c| c.id == id)
        .unwrap();
    assert_eq!(c.status, ContractStatus::Expired);
    assert!(
        h.app.status.as_ref().unwrap().text.contains("1 of 1"),
        "{:?}",
        h.app.status
    );
    // The reason became a status-history note.
    h.key(KeyCode::Esc);
    view_to(&mut h, ContractView::All);
    let pos = h
        .app
        .contracts
        .list
        .visible
        .iter()
        .position(|i| h.app.contracts.list.all[*i].id == id)
        .unwrap();
    h.app.contracts.list.cursor.selected = pos;
    h.key(KeyCode::Enter);
    h.settle().await;
    let screen = h.screen(160, 45);
    assert!(
        screen.contains("active → expired") && screen.contains("customer left"),
        "{screen}"
    );
    assert!(screen.contains("Invoices"), "{screen}");
}

#[tokio::test]
async fn non_admins_are_told_why_and_final_statuses_offer_nothing() {
    let mut h = contracts_tab(Some("fiona")).await;
    h.chars("c");
    assert!(h.app.top_overlay().is_none());
    assert!(h.app.status.as_ref().unwrap().text.contains("Only admins"));

    let mut h = contracts_tab(None).await;
    view_to(&mut h, ContractView::Closed);
    h.chars("c");
    assert!(h.app.top_overlay().is_none());
    assert!(
        h.app.status.as_ref().unwrap().text.contains("final"),
        "{:?}",
        h.app.status
    );
}

#[tokio::test]
async fn bulk_change_reports_each_refusal() {
    let mut h = contracts_tab(None).await;
    view_to(&mut h, ContractView::All);
    // Mark one active and one cancelled contract: only the first may expire.
    let active = h
        .app
        .contracts
        .list
        .visible
        .iter()
        .position(|i| h.app.contracts.list.all[*i].status == ContractStatus::Active)
        .unwrap();
    let cancelled = h
        .app
        .contracts
        .list
        .visible
        .iter()
        .position(|i| h.app.contracts.list.all[*i].status == ContractStatus::Cancelled)
        .unwrap();
    for pos in [active, cancelled] {
        h.app.contracts.list.cursor.selected = pos;
        h.chars(" ");
    }
    assert_eq!(h.app.contracts.marked.len(), 2);
    h.chars("c");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no picker")
    };
    let expired = p
        .list
        .position(|i| i.value == PickValue::ContractStatus(ContractStatus::Expired))
        .unwrap();
    for _ in 0..expired {
        h.chars("j");
    }
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter); // no reason
    h.settle().await;
    let status = h.app.status.clone().unwrap();
    assert!(status.error, "{status:?}");
    assert!(
        status.text.contains("1 of 2 now Expired")
            && status.text.contains("Cannot transition from cancelled"),
        "{status:?}"
    );
    assert!(h.app.contracts.marked.is_empty());
}

#[tokio::test]
async fn export_writes_the_current_view_as_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = contracts_tab(None).await;
    h.app.prefs.export_dir = dir.path().to_path_buf();
    view_to(&mut h, ContractView::Expiring30);
    let expected = h.app.contracts.list.len();
    for (key_downs, ext) in [(0, "csv"), (1, "json")] {
        h.chars("x");
        for _ in 0..key_downs {
            h.chars("j");
        }
        h.key(KeyCode::Enter);
        h.settle().await;
        let file = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .expect("export file");
        let text = std::fs::read_to_string(&file).unwrap();
        if ext == "csv" {
            assert_eq!(text.lines().count(), expected + 1, "{text}");
            assert!(text.starts_with("contract_number,customer,partner"));
        } else {
            let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
            assert_eq!(rows.len(), expected);
        }
        let text = &h.app.status.as_ref().unwrap().text;
        assert!(
            text.contains(&format!("Exported {expected} contracts")),
            "{text}"
        );
        // The whole path, where the file is.
        assert!(text.contains(&file.display().to_string()), "{text}");
    }
}

#[tokio::test]
async fn partner_user_sees_only_its_contracts() {
    let h = contracts_tab(Some("alice")).await;
    let mine = h.app.session.me.as_ref().unwrap().partner_id;
    assert!(!h.app.contracts.list.all.is_empty());
    assert!(h
        .app
        .contracts
        .list
        .all
        .iter()
        .all(|c| c.partner_id == mine));
}
