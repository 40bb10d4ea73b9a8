//! Render tests: every view drawn on ratatui's TestBackend at 80×24 and
//! 160×45 on the demo data with a fixed clock, compared with snapshots.

mod support;

use crossterm::event::KeyCode;
use support::tui::Harness;

async fn tab(key: char, w: u16, h: u16) -> String {
    let mut harness = Harness::demo(None, 300).await;
    harness.chars(&key.to_string());
    harness.screen(w, h)
}

#[tokio::test]
async fn leads_board() {
    insta::assert_snapshot!("leads_board_80x24", tab('1', 80, 24).await);
    insta::assert_snapshot!("leads_board_160x45", tab('1', 160, 45).await);
}

#[tokio::test]
async fn leads_table() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("v");
    insta::assert_snapshot!("leads_table_80x24", h.screen(80, 24));
    insta::assert_snapshot!("leads_table_160x45", h.screen(160, 45));
}

#[tokio::test]
async fn orders_list() {
    insta::assert_snapshot!("orders_80x24", tab('2', 80, 24).await);
    insta::assert_snapshot!("orders_160x45", tab('2', 160, 45).await);
}

#[tokio::test]
async fn contracts_table() {
    insta::assert_snapshot!("contracts_80x24", tab('3', 80, 24).await);
    insta::assert_snapshot!("contracts_160x45", tab('3', 160, 45).await);
}

#[tokio::test]
async fn partners_panes() {
    insta::assert_snapshot!("partners_80x24", tab('4', 80, 24).await);
    insta::assert_snapshot!("partners_160x45", tab('4', 160, 45).await);
}

#[tokio::test]
async fn help_overlay_lists_the_keymap() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("?");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Keys"), "{screen}");
    insta::assert_snapshot!("help_80x24", screen);
}

#[tokio::test]
async fn lead_detail_and_form() {
    let mut h = Harness::demo(None, 300).await;
    h.key(KeyCode::Enter);
    h.settle().await;
    insta::assert_snapshot!("lead_detail_80x24", h.screen(80, 24));
    insta::assert_snapshot!("lead_detail_160x45", h.screen(160, 45));
    h.key(KeyCode::Esc);
    h.chars("n");
    h.chars("Deal");
    for _ in 0..4 {
        h.key(KeyCode::Tab); // past status, partner, distributor to organization
    }
    h.key(KeyCode::Enter); // to contact
    h.key(KeyCode::Tab); // email
    h.chars("not-an-email");
    h.app.handle_key(crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    let screen = h.screen(80, 24);
    assert!(screen.contains("not a valid email address"), "{screen}");
    assert!(
        screen.contains("Deal"),
        "typed text must survive a failed save:\n{screen}"
    );
    insta::assert_snapshot!("lead_form_errors_80x24", screen);
}

#[tokio::test]
async fn contract_detail() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("3");
    h.key(KeyCode::Enter);
    h.settle().await;
    insta::assert_snapshot!("contract_detail_80x24", h.screen(80, 24));
    insta::assert_snapshot!("contract_detail_160x45", h.screen(160, 45));
}

#[tokio::test]
async fn palette_and_filter() {
    let mut h = Harness::demo(None, 300).await;
    h.chars(":");
    h.chars("contr");
    insta::assert_snapshot!("palette_80x24", h.screen(80, 24));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.tab, tentabo::app::Tab::Contracts);
    h.chars("/");
    h.chars("pied");
    let screen = h.screen(80, 24);
    assert!(screen.contains("/pied"), "{screen}");
    assert!(screen.contains("Pied Piper"), "{screen}");
}

#[tokio::test]
async fn tiny_terminal_gets_a_message_not_a_panic() {
    let mut h = Harness::demo(None, 300).await;
    let screen = h.screen(30, 6);
    assert!(screen.contains("too small"), "{screen}");
    for (w, h2) in [(40, 10), (41, 11), (1, 1), (200, 60)] {
        h.screen(w, h2);
    }
}

#[tokio::test]
async fn no_color_mode_keeps_status_readable() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("3");
    let screen = h.screen(120, 30);
    // Markers carry the status without colour.
    assert!(
        screen.contains("● Active") || screen.contains("○ Expired"),
        "{screen}"
    );
}
