//! The themes, drawn with their styles: `light`, `dark` and `mono` on the
//! Leads board and the contracts table, and a `[styles]` override. Each
//! marks the selection by reversing it (never by a background colour
//! alone), and `mono` — what `NO_COLOR` draws — has no colour at all.

mod support;

use support::tui::Harness;
use tentabo::config::{StyleEntry, ThemeName};
use tentabo::ui::theme::Theme;

async fn themed(theme: Theme, color: bool, tab: &str) -> String {
    let mut h = Harness::demo(None, 300).await;
    h.app.prefs.theme = theme;
    h.app.prefs.plain = Theme::mono();
    h.app.prefs.color = color;
    h.chars(tab);
    h.styled_screen(80, 24)
}

fn styles(screen: &str) -> &str {
    screen.split("--- styles ---").nth(1).unwrap_or("")
}

fn assert_reversed_selection(screen: &str) {
    assert!(
        styles(screen)
            .lines()
            .any(|l| l.contains("REVERSED") && !l.starts_with("y=0 ")),
        "no reversed selection below the header:\n{screen}"
    );
    assert!(
        !styles(screen).contains("bg=Blue"),
        "blue selection:\n{screen}"
    );
}

#[tokio::test]
async fn light_dark_and_mono_themes() {
    for (name, theme) in [
        ("light", ThemeName::Light),
        ("dark", ThemeName::Dark),
        ("mono", ThemeName::Mono),
    ] {
        for (tab, what) in [("1", "leads"), ("3", "contracts")] {
            let screen = themed(Theme::named(theme), true, tab).await;
            assert_reversed_selection(&screen);
            if theme == ThemeName::Mono {
                assert!(
                    !styles(&screen).contains("fg=") && !styles(&screen).contains("bg="),
                    "mono has colour:\n{screen}"
                );
            }
            if theme == ThemeName::Light {
                // Yellow and white fade on a light background.
                for faint in ["fg=Yellow", "fg=White", "fg=LightYellow"] {
                    assert!(!styles(&screen).contains(faint), "{faint}:\n{screen}");
                }
            }
            insta::assert_snapshot!(format!("{what}_{name}_80x24"), screen);
        }
    }
}

#[tokio::test]
async fn no_color_wins_over_the_configured_theme() {
    let dark = themed(Theme::named(ThemeName::Dark), false, "1").await;
    let mono = themed(Theme::mono(), true, "1").await;
    assert_eq!(dark, mono);
}

#[tokio::test]
async fn a_style_override_shows() {
    let entry = StyleEntry {
        name: "selected".into(),
        value: "black on yellow bold".into(),
        at: "c.toml:2:12".into(),
    };
    let theme = Theme::named(ThemeName::Light)
        .with_styles(&[entry])
        .unwrap();
    let screen = themed(theme, true, "3").await;
    assert!(
        styles(&screen)
            .lines()
            .any(|l| l.starts_with("y=3 ") && l.contains("fg=Black bg=Yellow +BOLD")),
        "the selected row is not black on yellow:\n{screen}"
    );
}
