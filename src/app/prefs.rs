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
    /// Where `x` writes exports: `TENTABO_EXPORT_DIR`, else the config's
    /// `export_dir`, else the Downloads folder, else home (see `export_dir`).
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
            export_dir: export_dir(std::env::var_os("TENTABO_EXPORT_DIR"), None),
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
        prefs.export_dir = export_dir(
            std::env::var_os("TENTABO_EXPORT_DIR"),
            look.export_dir.as_deref(),
        );
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

/// Where exports go: the environment's directory, else the config's, else
/// the platform's Downloads folder, else home, else the current directory;
/// made absolute, so the message says exactly where the file is.
pub fn export_dir(
    env: Option<std::ffi::OsString>,
    config: Option<&std::path::Path>,
) -> std::path::PathBuf {
    let chosen: std::path::PathBuf = match (env.filter(|v| !v.is_empty()), config) {
        (Some(dir), _) => dir.into(),
        // `~/…` in the config is under home, as in a shell.
        (None, Some(dir)) => match (dir.strip_prefix("~"), directories::UserDirs::new()) {
            (Ok(rest), Some(u)) => u.home_dir().join(rest),
            _ => dir.to_path_buf(),
        },
        (None, None) => directories::UserDirs::new()
            .map(|u| {
                u.download_dir()
                    .map(std::path::Path::to_path_buf)
                    .unwrap_or_else(|| u.home_dir().to_path_buf())
            })
            .unwrap_or_else(|| ".".into()),
    };
    std::path::absolute(&chosen).unwrap_or(chosen)
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
    fn exports_go_to_the_env_then_the_config_then_downloads_absolute() {
        let cfg = Path::new("exports/here");
        let env = export_dir(Some("/tmp/from-env".into()), Some(cfg));
        assert_eq!(env, Path::new("/tmp/from-env"));
        let from_config = export_dir(None, Some(cfg));
        assert!(from_config.is_absolute() && from_config.ends_with("exports/here"));
        if let Some(u) = directories::UserDirs::new() {
            let home = export_dir(None, Some(Path::new("~/exports")));
            assert_eq!(home, u.home_dir().join("exports"));
        }
        let fallback = export_dir(Some("".into()), None);
        assert!(fallback.is_absolute(), "{fallback:?}");
        if directories::UserDirs::new().is_some() {
            assert_ne!(fallback, std::env::current_dir().unwrap());
        }
        let text = "export_dir = \"/srv/x\"\n[profiles.p]\nexport_dir = \"/srv/p\"\n";
        let config = Config::parse(text, Path::new("c.toml")).unwrap();
        let prefs = Prefs::from_config(&config.look_for(Some("p"))).unwrap();
        if std::env::var_os("TENTABO_EXPORT_DIR").is_none() {
            assert_eq!(prefs.export_dir, Path::new("/srv/p"));
            let top = Prefs::from_config(&config.look_for(None)).unwrap();
            assert_eq!(top.export_dir, Path::new("/srv/x"));
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
