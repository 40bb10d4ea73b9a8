//! Render tests that keep styles: each tab at 80×24 with colour and with
//! `NO_COLOR`, so a lost selection or focus highlight fails even when the
//! characters are the same.

mod support;

use support::tui::Harness;
use tentabo::ui::theme::Theme;

/// Colour on (the default theme, whatever the terminal says) or off.
fn set_color(h: &mut Harness, color: bool) {
    h.app.prefs.color = color;
    h.app.prefs.theme = Theme::default();
}

async fn styled(tab: char, color: bool) -> String {
    let mut h = Harness::demo(None, 300).await;
    set_color(&mut h, color);
    h.chars(&tab.to_string());
    h.styled_screen(80, 24)
}

/// The selection is marked reversed, with colour or without (never by a
/// background colour that light terminals render badly).
fn assert_selection_marked(screen: &str, color: bool) {
    let styles = screen.split("--- styles ---").nth(1).unwrap_or("");
    let wanted = "REVERSED";
    assert!(!styles.contains("bg=Blue"), "a blue selection:\n{screen}");
    assert!(
        styles
            .lines()
            .any(|l| l.contains(wanted) && !l.starts_with("y=0 ")),
        "no selection ({wanted}) below the header:\n{screen}"
    );
    if !color {
        assert!(
            !styles.contains("fg=") && !styles.contains("bg="),
            "NO_COLOR draws no colour:\n{screen}"
        );
    }
}

#[tokio::test]
async fn every_tab_keeps_its_selection_and_focus_styles() {
    for (tab, name) in [
        ('1', "leads"),
        ('2', "orders"),
        ('3', "contracts"),
        ('4', "partners"),
    ] {
        for color in [true, false] {
            let screen = styled(tab, color).await;
            assert_selection_marked(&screen, color);
            let mode = if color { "color" } else { "no_color" };
            insta::assert_snapshot!(format!("{name}_styled_{mode}_80x24"), screen);
        }
    }
}

#[tokio::test]
async fn a_picker_marks_its_cursor_row() {
    for color in [true, false] {
        let mut h = Harness::demo(None, 300).await;
        set_color(&mut h, color);
        h.chars("mG");
        let screen = h.styled_screen(80, 24);
        assert_selection_marked(&screen, color);
        let mode = if color { "color" } else { "no_color" };
        insta::assert_snapshot!(format!("move_picker_styled_{mode}_80x24"), screen);
    }
}
