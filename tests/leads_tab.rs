//! The Leads tab driven in-process: bulk moves with per-lead results,
//! reassignment, partner/owner scopes, the lead form.

mod support;

use crossterm::event::KeyCode;
use support::tui::Harness;
use tentabo::app::Overlay;
use tentabo::domain::*;

/// Marks the first `n` cards of the current column.
fn mark(h: &mut Harness, n: usize) -> Vec<Id> {
    let col = h.app.leads.col;
    h.app.leads.cursors[col].selected = 0;
    let mut ids = Vec::new();
    for _ in 0..n {
        ids.push(h.app.leads.selected().unwrap().id);
        h.chars(" ");
    }
    ids
}

fn status_of(h: &Harness, id: Id) -> LeadStatus {
    h.app.leads.all.iter().find(|l| l.id == id).unwrap().status
}

#[tokio::test]
async fn bulk_move_moves_every_marked_card() {
    let mut h = Harness::demo(None, 300).await;
    let ids = mark(&mut h, 3);
    h.chars("L");
    h.settle().await;
    for id in &ids {
        assert_eq!(status_of(&h, *id), LeadStatus::Contacted);
    }
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("Moved 3 of 3 leads to Contacted"),
        "{:?}",
        h.app.status
    );
    assert!(h.app.leads.marked.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_bulk_move_puts_cards_back_and_says_why() {
    let server = support::FakeServer::start().await;
    let mut h = Harness::on(server.backend_as("demo").await).await;
    let ids = mark(&mut h, 2);
    let from: Vec<LeadStatus> = ids.iter().map(|id| status_of(&h, *id)).collect();
    h.chars("m");
    h.chars("j"); // the second offered status
    h.key(KeyCode::Enter);
    h.chars("bulk try");
    // Each move's first request is refused.
    server.answer_next(
        2,
        403,
        serde_json::json!({"error": "Not this lead", "status_code": 403}),
    );
    h.key(KeyCode::Enter);
    h.settle().await;
    for (id, from) in ids.iter().zip(from) {
        assert_eq!(status_of(&h, *id), from, "card put back");
    }
    let s = h.app.status.clone().unwrap();
    assert!(
        s.error && s.text.contains("Moved 0 of 2") && s.text.contains("Not this lead"),
        "{s:?}"
    );
}

#[tokio::test]
async fn the_admin_account_is_not_offered_moves() {
    // The admin_users account may not do lead work on the real server.
    let mut h = Harness::demo(Some("admin"), 300).await;
    mark(&mut h, 2);
    h.chars("m");
    assert!(h.app.overlays.is_empty(), "no picker opens");
    let s = h.app.status.clone().unwrap();
    assert!(s.error && s.text.contains("admin accounts cannot"), "{s:?}");
}

#[tokio::test]
async fn reassign_gives_leads_to_someone_else() {
    let mut h = Harness::demo(None, 300).await;
    let ids = mark(&mut h, 2);
    h.chars("A");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no picker")
    };
    let fiona = p
        .list
        .position(|i| i.label == "Fiona Fulfil")
        .expect("fiona offered");
    for _ in 0..fiona {
        h.chars("j");
    }
    h.key(KeyCode::Enter);
    h.settle().await;
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("Gave 2 leads to Fiona Fulfil"),
        "{:?}",
        h.app.status
    );
    let fiona_id = h
        .app
        .names
        .users
        .iter()
        .find(|(_, n)| n.as_str() == "Fiona Fulfil")
        .map(|(id, _)| *id)
        .unwrap();
    for id in ids {
        assert_eq!(
            h.app
                .leads
                .all
                .iter()
                .find(|l| l.id == id)
                .unwrap()
                .owner_id,
            fiona_id
        );
    }
}

#[tokio::test]
async fn scope_to_a_partner_then_clear() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("F");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no picker")
    };
    let alpine = p
        .list
        .position(|i| i.label == "Partner: Alpine Systems")
        .unwrap();
    for _ in 0..alpine {
        h.chars("j");
    }
    h.key(KeyCode::Enter);
    let alpine_id = h.app.leads.partner_scope.unwrap();
    let n = h.app.leads.visible_count();
    assert!(n > 0 && n < 300);
    for col in &h.app.leads.columns {
        for i in col {
            assert_eq!(h.app.leads.all[*i as usize].partner_id, Some(alpine_id));
        }
    }
    assert!(h.screen(120, 30).contains("[Alpine Systems]"));
    h.chars("F");
    h.key(KeyCode::Enter); // "Everyone (clear)"
    assert_eq!(h.app.leads.visible_count(), 300);
}

#[tokio::test]
async fn new_lead_form_saves_and_selects_the_card() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("n");
    insta::assert_snapshot!("lead_form_160x45", h.screen(160, 45));
    h.chars("Vault for Krusty");
    // Status, partner and distributor come after the title.
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.chars("Krusty Krab");
    h.key(KeyCode::Enter);
    h.chars("Eugene K");
    h.key(KeyCode::Enter);
    h.chars("eugene@krusty.example");
    h.app.handle_key(crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    h.settle().await;
    assert!(h.app.top_overlay().is_none(), "form closed after saving");
    let l = h.app.leads.selected().unwrap();
    assert_eq!(l.title, "Vault for Krusty");
    assert_eq!(l.owner_id, h.app.session.me.as_ref().unwrap().id);
    assert_eq!(h.app.leads.visible_count(), 301);
}
