//! Settings read once at start: from the environment, then the config
//! (keys, theme, mouse, clipboard).

use super::keymap::Keymap;
use crate::config::{ClipboardMode, ConfigError, Look, ThemeName};
use crate::ui::theme::Theme;
use std::sync::Arc;

pub struct Prefs {
    /// False under `NO_COLOR` (or in tests): `plain` is drawn instead of `theme`.
    pub color: bool,
    /// Seconds between background refreshes; 0 = off.
    pub refresh_seconds: u64,
    /// Where `x` writes exports (`TENTABO_EXPORT_DIR`, else the current directory).
    pub export_dir: std::path::PathBuf,
    /// Where unsaved work is kept (None: not kept, as in tests).
    pub drafts_dir: Option<std::path::PathBuf>,
    /// The keys in force: the defaults with the config's `[keys]`.
    pub keys: Arc<Keymap>,
    /// The configured theme with its `[styles]`.
    pub theme: Theme,
    /// The same without any colour, for `NO_COLOR`.
    pub plain: Theme,
    /// Mouse clicks and wheel (the run loop captures the mouse only when on).
    pub mouse: bool,
    pub clipboard: ClipboardMode,
}

impl Prefs {
    /// The defaults, with what the environment says.
    pub fn from_env() -> Prefs {
        Prefs {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            refresh_seconds: 60,
            export_dir: std::env::var_os("TENTABO_EXPORT_DIR")
                .map(Into::into)
                .unwrap_or_else(|| ".".into()),
            drafts_dir: None,
            keys: Arc::new(Keymap::default()),
            theme: Theme::named(ThemeName::Auto),
            plain: Theme::mono(),
            mouse: true,
            clipboard: ClipboardMode::Osc52,
        }
    }

    /// The environment's defaults with the config's look; every problem in
    /// `[keys]` and `[styles]` is reported with its place.
    pub fn from_config(look: &Look) -> Result<Prefs, ConfigError> {
        let mut prefs = Prefs::from_env();
        let mut errors = Vec::new();
        match Keymap::with_overrides(&look.keys) {
            Ok(keys) => prefs.keys = Arc::new(keys),
            Err(e) => errors.push(e),
        }
        let theme = Theme::named(look.theme.unwrap_or_default());
        match (
            theme.with_styles(&look.styles),
            Theme::mono().with_styles(&look.styles),
        ) {
            (Ok(theme), Ok(plain)) => {
                prefs.theme = theme;
                prefs.plain = plain;
            }
            (Err(e), _) | (_, Err(e)) => errors.push(e),
        }
        prefs.mouse = look.mouse.unwrap_or(true);
        prefs.clipboard = look.clipboard.unwrap_or_default();
        if errors.is_empty() {
            Ok(prefs)
        } else {
            let lines: Vec<String> = errors
                .join("\n")
                .lines()
                .map(|l| format!("invalid config file {l}"))
                .collect();
            Err(ConfigError(lines.join("\n")))
        }
    }

    /// The theme to draw with now.
    pub fn theme(&self) -> Theme {
        if self.color {
            self.theme
        } else {
            self.plain
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn the_example_config_builds_for_every_profile() {
        let text = include_str!("../../config.example.toml");
        let config = Config::parse(text, Path::new("config.example.toml")).unwrap();
        for name in config.profiles.keys() {
            Prefs::from_config(&config.look_for(Some(name))).unwrap();
        }
    }

    #[test]
    fn a_profile_look_wins_over_the_top_level() {
        let text = "theme = \"dark\"\nmouse = false\n[keys]\nnote = \"ctrl-n\"\n[profiles.p]\ntheme = \"mono\"\n[profiles.p.keys]\nnote = \"alt-n\"\n";
        let config = Config::parse(text, Path::new("c.toml")).unwrap();
        let prefs = Prefs::from_config(&config.look_for(Some("p"))).unwrap();
        assert_eq!(prefs.theme, Theme::mono());
        assert!(!prefs.mouse);
        let key = prefs.keys.first_key(
            crate::app::keymap::Context::Leads,
            crate::app::keymap::Action::AddNote,
        );
        assert_eq!(key.as_deref(), Some("Alt-n"));
    }
}
