//! Render snapshots of the Partners tab: both panes, the users pane, the
//! company form with a validation error, the link view and the delete question.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::tui::Harness;

async fn partners() -> Harness {
    let mut h = Harness::demo(None, 300).await;
    h.chars("4");
    h
}

#[tokio::test]
async fn distributors_pane_focused() {
    let mut h = partners().await;
    h.chars("[");
    let screen = h.screen(160, 45);
    assert!(screen.contains("Partners (3 linked, 0 ended)"), "{screen}");
    insta::assert_snapshot!("distributors_pane_160x45", screen);
    insta::assert_snapshot!("distributors_pane_80x24", h.screen(80, 24));
}

#[tokio::test]
async fn users_pane_focused() {
    let mut h = partners().await;
    h.chars("[j");
    h.chars("u");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Users of Sud-Ouest Distribution"),
        "{screen}"
    );
    insta::assert_snapshot!("users_pane_80x24", screen);
}

#[tokio::test]
async fn company_form_with_a_validation_error() {
    let mut h = partners().await;
    h.chars("n");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.chars("bad@");
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    h.settle().await;
    let screen = h.screen(80, 24);
    assert!(screen.contains("↳ required"), "{screen}");
    insta::assert_snapshot!("company_form_errors_80x24", screen);
    // The email error is under its field once it is in view.
    for _ in 0..3 {
        h.key(KeyCode::Tab);
    }
    insta::assert_snapshot!("company_form_errors_160x45", h.screen(160, 45));
}

#[tokio::test]
async fn link_view_of_a_distributor() {
    let mut h = partners().await;
    h.chars("[");
    h.key(KeyCode::Enter);
    let screen = h.screen(160, 45);
    assert!(screen.contains("● Alpine Systems"), "{screen}");
    insta::assert_snapshot!("distributor_links_160x45", screen);
    insta::assert_snapshot!("distributor_links_80x24", h.screen(80, 24));
}

#[tokio::test]
async fn delete_question() {
    let mut h = partners().await;
    h.chars("D");
    insta::assert_snapshot!("delete_confirm_80x24", h.screen(80, 24));
}
