//! The user's keys, in-process: a rebound command answers its new key
//! (and not the old one), and `?`, the footer and the palette all show it.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use support::tui::Harness;
use tentabo::app::keymap::Keymap;
use tentabo::app::leads::LeadView;
use tentabo::config::KeyEntry;

fn entry(context: Option<&str>, command: &str, keys: &[&str]) -> KeyEntry {
    KeyEntry {
        context: context.map(str::to_string),
        command: command.into(),
        keys: keys.iter().map(|k| k.to_string()).collect(),
        at: "test.toml:1:1".into(),
    }
}

#[tokio::test]
async fn a_remapped_key_works_and_shows_everywhere() {
    let mut h = Harness::demo(None, 300).await;
    let keys = Keymap::with_overrides(&[
        entry(None, "toggle-view", &["alt-v"]),
        entry(Some("leads"), "help", &["f1"]),
    ])
    .unwrap();
    h.app.prefs.keys = Arc::new(keys);

    // The footer shows the new key for the view toggle.
    let screen = h.screen(160, 45);
    let footer = screen.lines().nth(44).unwrap().to_string();
    assert!(footer.contains("Alt-v view"), "{footer}");

    // The old key does nothing; the new one toggles.
    h.chars("v");
    assert_eq!(h.app.leads.view, LeadView::Board);
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('v'), KeyModifiers::ALT));
    assert_eq!(h.app.leads.view, LeadView::Table);

    // ? (and the Leads tab's own F1) list it with its new key.
    h.key(KeyCode::F(1));
    let help = h.screen(160, 45);
    let line = help
        .lines()
        .find(|l| l.contains("Board ⇄ table"))
        .expect("the toggle in ?");
    assert!(line.contains("Alt-v"), "{line}");
    h.key(KeyCode::Esc);

    // The palette too.
    h.chars(":");
    h.chars("toggle-view");
    let palette = h.screen(160, 45);
    let row = palette
        .lines()
        .find(|l| l.contains("toggle-view") && l.contains("Board"))
        .expect("in the palette");
    assert!(row.contains("Alt-v"), "{row}");
}
