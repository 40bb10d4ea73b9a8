//! Styles. Four themes — `auto` (light or dark from the terminal, else
//! colours that read on both), `dark`, `light` and `mono` — use only the 16
//! named ANSI colours, so they follow the terminal's own palette. Meaning
//! never rests on colour alone: the selection is reversed and bold, focus
//! and errors are bold, dimmed rows say why. `NO_COLOR` draws the `mono`
//! theme whatever the config says; `[styles]` overrides apply to all.

mod palettes;
mod words;

pub use words::parse_style;

use crate::config::{StyleEntry, ThemeName};
use crate::domain::*;
use palettes::Palette;
use ratatui::style::{Color, Style};

/// The named styles every view uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Styles {
    pub title: Style,
    pub dim: Style,
    pub selected: Style,
    pub focus: Style,
    pub error: Style,
    pub ok: Style,
    pub warn: Style,
    pub badge: Style,
    pub key: Style,
}

/// The names of the styles in `[styles]`.
pub const STYLE_NAMES: [&str; 9] = [
    "title", "dim", "selected", "focus", "error", "ok", "warn", "badge", "key",
];

impl Styles {
    fn slot(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "title" => &mut self.title,
            "dim" => &mut self.dim,
            "selected" => &mut self.selected,
            "focus" => &mut self.focus,
            "error" => &mut self.error,
            "ok" => &mut self.ok,
            "warn" => &mut self.warn,
            "badge" => &mut self.badge,
            "key" => &mut self.key,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// False for `mono`: statuses are told by their labels alone.
    pub color: bool,
    palette: Palette,
    styles: Styles,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::of(Palette::Portable)
    }
}

impl Theme {
    fn of(palette: Palette) -> Theme {
        Theme {
            color: palette != Palette::Mono,
            palette,
            styles: palette.styles(),
        }
    }

    /// The `mono` theme: no colour at all.
    pub fn mono() -> Theme {
        Theme::of(Palette::Mono)
    }

    /// A named theme; `auto` asks the terminal's `COLORFGBG`.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Auto => Theme::auto(std::env::var("COLORFGBG").ok().as_deref()),
            ThemeName::Dark => Theme::of(Palette::Dark),
            ThemeName::Light => Theme::of(Palette::Light),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// Light or dark from `COLORFGBG` (`fg;bg`, bg 7 or 9–15 is light);
    /// colours that read on both when it is not set or not understood.
    pub fn auto(colorfgbg: Option<&str>) -> Theme {
        let bg = colorfgbg
            .and_then(|v| v.rsplit(';').next())
            .and_then(|bg| bg.trim().parse::<u8>().ok());
        match bg {
            Some(7 | 9..=15) => Theme::of(Palette::Light),
            Some(0..=6 | 8) => Theme::of(Palette::Dark),
            _ => Theme::default(),
        }
    }

    /// This theme with `[styles]` overrides; each replaces a whole style.
    /// On a theme without colour, the overrides' colours are dropped.
    pub fn with_styles(mut self, entries: &[StyleEntry]) -> Result<Theme, String> {
        let mut errors = Vec::new();
        for e in entries {
            let Some(slot) = self.styles.slot(&e.name) else {
                errors.push(format!(
                    "{}: unknown style `{}` in [styles] (known: {})",
                    e.at,
                    e.name,
                    STYLE_NAMES.join(", ")
                ));
                continue;
            };
            match parse_style(&e.value) {
                Ok(mut style) => {
                    if !self.color {
                        style.fg = None;
                        style.bg = None;
                    }
                    *slot = style;
                }
                Err(why) => errors.push(format!("{}: style `{}`: {why}", e.at, e.name)),
            }
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors.join("\n"))
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color && c != Color::Reset {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub fn title(&self) -> Style {
        self.styles.title
    }
    pub fn dim(&self) -> Style {
        self.styles.dim
    }
    pub fn selected(&self) -> Style {
        self.styles.selected
    }
    pub fn focus_border(&self) -> Style {
        self.styles.focus
    }
    pub fn error(&self) -> Style {
        self.styles.error
    }
    pub fn ok(&self) -> Style {
        self.styles.ok
    }
    pub fn warn(&self) -> Style {
        self.styles.warn
    }
    pub fn badge(&self) -> Style {
        self.styles.badge
    }
    pub fn key(&self) -> Style {
        self.styles.key
    }
    pub fn lead_status(&self, s: LeadStatus) -> Style {
        self.fg(self.palette.lead(s))
    }
    pub fn order_status(&self, s: OrderStatus) -> Style {
        self.fg(self.palette.order(s))
    }
    pub fn contract_status(&self, s: ContractStatus) -> Style {
        self.fg(self.palette.contract(s))
    }
}

/// Cuts `s` to `width` display cells, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let count = s.chars().count();
    if count <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn fit_truncates_with_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn auto_follows_colorfgbg() {
        assert_eq!(Theme::auto(Some("0;15")), Theme::named(ThemeName::Light));
        assert_eq!(
            Theme::auto(Some("15;default;0")),
            Theme::named(ThemeName::Dark)
        );
        assert_eq!(Theme::auto(None), Theme::default());
        assert_eq!(Theme::auto(Some("garbage")), Theme::default());
    }

    #[test]
    fn the_selection_never_rests_on_colour() {
        for name in [
            ThemeName::Auto,
            ThemeName::Dark,
            ThemeName::Light,
            ThemeName::Mono,
        ] {
            let t = Theme::named(name);
            let m = t.selected().add_modifier;
            assert!(m.contains(Modifier::REVERSED), "{name:?}");
            assert!(t.error().add_modifier.contains(Modifier::BOLD), "{name:?}");
            assert!(t.focus_border().add_modifier.contains(Modifier::BOLD));
            assert_ne!(t.selected().bg, Some(Color::Blue), "{name:?}");
        }
    }

    #[test]
    fn overrides_replace_a_style_and_mono_drops_their_colour() {
        let e = |name: &str, value: &str| StyleEntry {
            name: name.into(),
            value: value.into(),
            at: "c.toml:9:12".into(),
        };
        let t = Theme::named(ThemeName::Dark)
            .with_styles(&[e("selected", "black on yellow bold")])
            .unwrap();
        assert_eq!(
            t.selected(),
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        );
        let t = Theme::mono()
            .with_styles(&[e("selected", "black on yellow underline")])
            .unwrap();
        assert_eq!(
            t.selected(),
            Style::default().add_modifier(Modifier::UNDERLINED)
        );
        let err = Theme::mono()
            .with_styles(&[e("selection", "bold"), e("dim", "purple")])
            .unwrap_err();
        assert!(
            err.contains("c.toml:9:12: unknown style `selection`"),
            "{err}"
        );
        assert!(err.contains("c.toml:9:12: style `dim`"), "{err}");
    }
}
