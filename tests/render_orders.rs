//! Render tests of the Orders tab's builder and order detail on ratatui's
//! TestBackend (demo data, fixed clock), compared with snapshots.

mod support;

use crossterm::event::KeyCode;
use support::tui::Harness;

/// An order with three lines, the last one without a matching tier.
async fn three_line_builder() -> Harness {
    let mut h = Harness::demo(None, 300).await;
    h.chars("2np");
    h.chars("alpine");
    h.key(KeyCode::Enter);
    h.settle().await;
    for (product, months, qty) in [
        ("m365", "12", "7"),
        ("object", "36", "11"),
        ("archive", "1 month", "5"),
    ] {
        h.chars("a");
        h.chars(product);
        h.key(KeyCode::Enter);
        h.chars(months);
        h.key(KeyCode::Enter);
        h.chars(qty);
        h.key(KeyCode::Enter);
    }
    h.settle().await;
    h
}

#[tokio::test]
async fn builder_with_three_lines_and_an_error_line() {
    let mut h = three_line_builder().await;
    let wide = h.screen(160, 45);
    assert!(
        wide.contains("No price tier found for quantity 5"),
        "{wide}"
    );
    assert!(wide.contains("Cannot submit yet: Line 3"), "{wide}");
    insta::assert_snapshot!("builder_160x45", wide);
    insta::assert_snapshot!("builder_80x24", h.screen(80, 24));
}

#[tokio::test]
async fn builder_product_search() {
    let mut h = three_line_builder().await;
    h.chars("a");
    h.chars("bac");
    insta::assert_snapshot!("builder_product_search_80x24", h.screen(80, 24));
}

#[tokio::test]
async fn order_detail() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("2");
    h.key(KeyCode::Enter);
    h.settle().await;
    let screen = h.screen(160, 45);
    assert!(screen.contains("Status history"), "{screen}");
    insta::assert_snapshot!("order_detail_160x45", screen);
    insta::assert_snapshot!("order_detail_80x24", h.screen(80, 24));
}
