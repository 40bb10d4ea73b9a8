//! One list widget everywhere: the same keys in every picker, the builder's
//! choices and the palette; the palette offers the commands of each tab.

mod support;

use crossterm::event::KeyCode;
use support::tui::Harness;
use tentabo::app::builder::OrderBuilder;
use tentabo::app::{Overlay, Tab};

/// The cursor and length of the list on top.
fn top_list(h: &Harness) -> (usize, usize) {
    match h.app.top_overlay() {
        Some(Overlay::Picker(p)) => (p.list.cursor, p.list.len()),
        Some(Overlay::Palette(p)) => (p.list.cursor, p.list.len()),
        other => panic!("no list on top: {other:?}"),
    }
}

/// `End`/`G` go to the last row, `Home`/`g` back to the first.
fn check_ends(h: &mut Harness, what: &str, letters: bool) {
    let (_, len) = top_list(h);
    assert!(len > 1, "{what}: {len} rows");
    h.key(KeyCode::End);
    assert_eq!(top_list(h).0, len - 1, "{what}: End");
    h.key(KeyCode::Home);
    assert_eq!(top_list(h).0, 0, "{what}: Home");
    h.key(KeyCode::PageDown);
    assert!(top_list(h).0 > 0, "{what}: PgDn");
    if letters {
        h.chars("G");
        assert_eq!(top_list(h).0, len - 1, "{what}: G");
        h.chars("g");
        assert_eq!(top_list(h).0, 0, "{what}: g");
        h.chars("j");
        assert_eq!(top_list(h).0, 1, "{what}: j");
    }
    h.key(KeyCode::Esc);
}

#[tokio::test]
async fn every_list_overlay_goes_to_its_ends() {
    let mut h = Harness::demo(None, 300).await;
    // Leads: move (m), scope (F), reassign (A).
    for (keys, what) in [("m", "move"), ("F", "leads of"), ("A", "reassign")] {
        h.chars(keys);
        check_ends(&mut h, what, true);
    }
    // m, G, Enter on the last status moves there — not to the first.
    let card = h.app.leads.selected().unwrap().id;
    h.chars("mG");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter); // no reason
    h.settle().await;
    let lead = h.app.leads.all.iter().find(|l| l.id == card).unwrap();
    assert_eq!(lead.status, tentabo::domain::LeadStatus::Lost);

    // Orders: status (c), partner (F).
    h.chars("2");
    for (keys, what) in [("c", "order status"), ("F", "orders of")] {
        h.chars(keys);
        check_ends(&mut h, what, true);
    }
    // Contracts (active ones: several statuses are offered): status (c), export (x).
    h.chars("3f");
    for (keys, what) in [("c", "contract status"), ("x", "export")] {
        h.chars(keys);
        check_ends(&mut h, what, true);
    }
    // The palette narrows as you type: the arrows and Home/End move.
    h.chars(":");
    check_ends(&mut h, "palette", false);
}

#[tokio::test]
async fn the_builder_choices_go_to_their_ends() {
    let mut h = Harness::demo(None, 300).await;
    h.chars("2n");
    h.settle().await;
    h.chars("a");
    let choice = |h: &Harness| {
        let b: &OrderBuilder = h.app.orders.builder.as_ref().unwrap();
        let c = b.choice.as_ref().expect("a choice is open");
        (c.list.cursor, c.list.len())
    };
    let (_, len) = choice(&h);
    assert!(len > 1);
    h.key(KeyCode::End);
    assert_eq!(choice(&h).0, len - 1);
    h.key(KeyCode::Home);
    assert_eq!(choice(&h).0, 0);
}

#[tokio::test]
async fn the_palette_offers_each_tabs_commands_and_dims_the_rest() {
    let mut h = Harness::demo(None, 300).await;
    for (tab, key, own, other) in [
        (Tab::Leads, "1", "move-next", "export"),
        (Tab::Orders, "2", "activate", "move-next"),
        (Tab::Contracts, "3", "export", "new-company"),
        (Tab::Partners, "4", "new-company", "quote"),
    ] {
        h.chars(key);
        assert_eq!(h.app.tab, tab);
        h.chars(":");
        let Some(Overlay::Palette(p)) = h.app.top_overlay() else {
            panic!("no palette")
        };
        let row = |name: &str| {
            let at = p
                .list
                .position(|i| i.label.split_whitespace().next() == Some(name))
                .unwrap_or_else(|| panic!("{name} not in the {tab:?} palette"));
            p.list.rows(at, 1).next().unwrap().clone()
        };
        assert!(row(own).disabled.is_none(), "{own} runs on {tab:?}");
        let dimmed = row(other);
        assert!(
            dimmed
                .disabled
                .as_deref()
                .is_some_and(|w| w.starts_with("only in")),
            "{other} is dimmed on {tab:?}: {:?}",
            dimmed.disabled
        );
        // The tab's own commands come first.
        assert!(
            p.list.position(|i| i.label.starts_with(own)).unwrap()
                < p.list.position(|i| i.label.starts_with(other)).unwrap()
        );
        // Choosing a dimmed command does nothing but say why.
        h.chars(other);
        h.key(KeyCode::Enter);
        let status = h.app.status.clone().expect("a reason");
        assert!(
            status.error && status.text.contains("only in"),
            "{status:?}"
        );
        assert!(
            matches!(h.app.top_overlay(), Some(Overlay::Palette(_))),
            "nothing else opened"
        );
        h.key(KeyCode::Esc);
        assert!(h.app.overlays.is_empty());
    }
    // The builder's commands on the Orders list say how to get there.
    h.chars("2:");
    let Some(Overlay::Palette(p)) = h.app.top_overlay() else {
        panic!("no palette")
    };
    let at = p
        .list
        .position(|i| i.label.starts_with("submit-order"))
        .unwrap();
    let row = p.list.rows(at, 1).next().unwrap();
    assert!(row
        .disabled
        .as_deref()
        .unwrap()
        .contains("building an order"));
}
