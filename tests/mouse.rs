//! The mouse, driven in-process through `App::handle_mouse` after a frame
//! is drawn (views record where they drew what): clicks on tab titles,
//! rows, cards and pick-list items, double-click to open, the wheel.

mod support;

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use support::tui::Harness;
use tentabo::app::{Overlay, Tab};
use tentabo::domain::LeadStatus;

fn mouse(h: &mut Harness, kind: MouseEventKind, x: u16, y: u16) {
    h.app.handle_mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
}

fn click(h: &mut Harness, x: u16, y: u16) {
    mouse(h, MouseEventKind::Down(MouseButton::Left), x, y);
}

#[tokio::test]
async fn a_click_on_a_row_selects_it_and_a_second_opens_it() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("3");
    let screen = h.screen(80, 24);
    // Row 6 of the screen is the fourth contract (header bar, border, column titles).
    let line = screen.lines().nth(6).unwrap().to_string();
    click(&mut h, 10, 6);
    assert_eq!(h.app.contracts.list.cursor.selected, 3);
    let number = h
        .app
        .contracts
        .list
        .selected()
        .unwrap()
        .contract_number
        .clone();
    assert!(
        line.contains(&number),
        "{number} not on the clicked line {line:?}"
    );
    assert!(h.app.overlays.is_empty());
    // The same row again: its detail opens.
    h.screen(80, 24);
    click(&mut h, 10, 6);
    assert!(
        matches!(h.app.top_overlay(), Some(Overlay::Detail(_))),
        "no detail after a double click"
    );
    // With the detail on top, the rows under it do not answer.
    h.screen(80, 24);
    click(&mut h, 10, 4);
    assert_eq!(h.app.contracts.list.cursor.selected, 3);
}

#[tokio::test]
async fn a_click_on_a_tab_title_switches_to_it() {
    let mut h = Harness::demo(None, 300).await;
    let screen = h.screen(80, 24);
    let header = screen.lines().next().unwrap();
    let x = header.find("4 Partners").expect("the Partners title") as u16;
    click(&mut h, x + 2, 0);
    assert_eq!(h.app.tab, Tab::Partners);
    h.screen(80, 24);
    click(&mut h, 11, 0);
    assert_eq!(h.app.tab, Tab::Leads);
}

#[tokio::test]
async fn a_click_on_a_card_selects_it_in_its_column() {
    let mut h = Harness::demo(None, 300).await;
    let screen = h.screen(80, 24);
    // Second column, second card (cards are 5 lines from row 2).
    click(&mut h, 30, 8);
    assert_eq!(h.app.leads.col, 1);
    let lead = h.app.leads.selected().unwrap();
    assert_eq!(lead.status, LeadStatus::Contacted);
    let title: String = lead.title.chars().take(15).collect();
    let card_line = screen.lines().nth(7).unwrap();
    assert!(card_line.contains(&title), "{title:?} not in {card_line:?}");
}

#[tokio::test]
async fn the_wheel_moves_through_a_list() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("3");
    h.screen(80, 24);
    mouse(&mut h, MouseEventKind::ScrollDown, 10, 10);
    mouse(&mut h, MouseEventKind::ScrollDown, 10, 10);
    assert_eq!(h.app.contracts.list.cursor.selected, 6);
    mouse(&mut h, MouseEventKind::ScrollUp, 10, 10);
    assert_eq!(h.app.contracts.list.cursor.selected, 3);
    // Over the board, the column under the pointer scrolls.
    h.chars("1");
    h.screen(80, 24);
    mouse(&mut h, MouseEventKind::ScrollDown, 60, 10);
    assert_eq!(h.app.leads.col, 2);
    assert_eq!(h.app.leads.cursors[2].selected, 3);
}

#[tokio::test]
async fn a_click_on_a_picker_item_chooses_it() {
    let mut h = Harness::demo(None, 300).await;
    let id = h.app.leads.selected().unwrap().id;
    h.chars("m");
    let screen = h.screen(80, 24);
    let y = screen
        .lines()
        .position(|l| l.contains(LeadStatus::Won.label()) && l.contains('│'))
        .expect("Won offered") as u16;
    click(&mut h, 40, y);
    // Choosing a status asks for the reason; Enter leaves it empty.
    assert!(matches!(h.app.top_overlay(), Some(Overlay::Form(_))));
    h.key(crossterm::event::KeyCode::Enter);
    h.settle().await;
    let now = h.app.leads.all.iter().find(|l| l.id == id).unwrap().status;
    assert_eq!(now, LeadStatus::Won);
}

#[tokio::test]
async fn mouse_off_ignores_clicks() {
    let mut h = Harness::demo(None, 300).await;
    h.app.prefs.mouse = false;
    h.chars("3");
    h.screen(80, 24);
    click(&mut h, 10, 6);
    assert_eq!(h.app.contracts.list.cursor.selected, 0);
}
