//! The TOML config: named profiles, each saying how to reach Tentabo, and
//! how the app looks and behaves (keys, theme, mouse, clipboard), globally
//! or per profile. A malformed file is reported with its path, line and key.

mod keys;
mod look;

pub use keys::KeyEntry;
pub use look::{ClipboardMode, Look, StyleEntry, ThemeName};

use crate::backend::api::ApiConfig;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The profile used when none is named.
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    /// Colours: `auto`, `dark`, `light` or `mono`.
    pub theme: Option<ThemeName>,
    /// Per-style overrides: `selected = "reverse bold"`.
    #[serde(default)]
    pub styles: BTreeMap<String, toml::Spanned<String>>,
    /// Mouse clicks and the wheel (on unless `false`).
    pub mouse: Option<bool>,
    /// How `y` copies: `osc52` or `off`.
    pub clipboard: Option<ClipboardMode>,
    /// Where `x` writes exports (`TENTABO_EXPORT_DIR` wins).
    pub export_dir: Option<PathBuf>,
    /// `[keys]`: accepted here, read with places by `keys::read` into `look`.
    #[serde(default)]
    pub keys: Option<toml::Value>,
    /// The settings above with their places (filled after parsing).
    #[serde(skip)]
    pub look: Look,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Base URL of a Tentabo server (API mode).
    pub server: Option<String>,
    /// Username to sign in with (API mode).
    pub username: Option<String>,
    /// `postgres://…` URL of a Tentabo database (database mode).
    pub database_url: Option<String>,
    /// The Tentabo user to act as in database mode.
    pub db_user: Option<String>,
    /// Use the built-in demo data.
    #[serde(default)]
    pub demo: bool,
    /// Number of demo leads (performance work).
    pub demo_leads: Option<usize>,
    /// Seeded user the demo signs in as (default `demo`).
    pub demo_user: Option<String>,
    /// Seconds between background refreshes (0 turns it off).
    pub refresh_seconds: Option<u64>,
    /// The largest API answer read, in bytes (default 64 MiB).
    pub max_response_bytes: Option<u64>,
    /// A PEM file of private CA certificates for the API server's TLS.
    pub ca_file: Option<PathBuf>,
    /// The most requests on the API server at once (default 4, 1 to 32).
    pub max_in_flight: Option<usize>,
    /// Colours: `auto`, `dark`, `light` or `mono`.
    pub theme: Option<ThemeName>,
    /// Per-style overrides: `selected = "reverse bold"`.
    #[serde(default)]
    pub styles: BTreeMap<String, toml::Spanned<String>>,
    /// Mouse clicks and the wheel (on unless `false`).
    pub mouse: Option<bool>,
    /// How `y` copies: `osc52` or `off`.
    pub clipboard: Option<ClipboardMode>,
    /// Where `x` writes exports (`TENTABO_EXPORT_DIR` wins).
    pub export_dir: Option<PathBuf>,
    /// `[keys]`: accepted here, read with places by `keys::read` into `look`.
    #[serde(default)]
    pub keys: Option<toml::Value>,
    /// The settings above with their places (filled after parsing).
    #[serde(skip)]
    pub look: Look,
}

impl Profile {
    /// The API client's settings from this profile (defaults where unset).
    pub fn api_config(&self) -> Result<ApiConfig, ConfigError> {
        let mut config = ApiConfig::default();
        if let Some(max) = self.max_response_bytes {
            // Below this not even an error body fits.
            if max < 1024 {
                return Err(ConfigError(format!(
                    "max_response_bytes = {max} is too small (at least 1024)"
                )));
            }
            config.max_response_bytes = max;
        }
        config.ca_file = self.ca_file.clone();
        if let Some(n) = self.max_in_flight {
            if !(1..=32).contains(&n) {
                return Err(ConfigError(format!(
                    "max_in_flight = {n} is out of range (1 to 32)"
                )));
            }
            config.max_in_flight = n;
        }
        Ok(config)
    }
}

/// A config problem, phrased for a person.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads `path`. A missing file at the default location is an empty config;
    /// a missing file that was asked for explicitly is an error.
    pub fn load(path: &Path, explicit: bool) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(Config::default())
            }
            Err(e) => {
                return Err(ConfigError(format!(
                    "cannot read config file {}: {e}",
                    path.display()
                )))
            }
        };
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut config = Self::parse_fields(text, path)?;
        let mut found = keys::read(text, path)?;
        let at = |offset: usize| {
            let (line, col) = line_col(text, offset);
            format!("{}:{line}:{col}", path.display())
        };
        config.look = Look::new(
            config.theme,
            &config.styles,
            config.mouse,
            config.clipboard,
            std::mem::take(&mut found.global),
            at,
        );
        config.look.export_dir = config.export_dir.clone();
        for (name, p) in config.profiles.iter_mut() {
            let keys = found
                .profiles
                .iter_mut()
                .find(|(n, _)| n == name)
                .map(|(_, k)| std::mem::take(k))
                .unwrap_or_default();
            p.look = Look::new(p.theme, &p.styles, p.mouse, p.clipboard, keys, at);
            p.look.export_dir = p.export_dir.clone();
        }
        Ok(config)
    }

    fn parse_fields(text: &str, path: &Path) -> Result<Config, ConfigError> {
        toml::from_str::<Config>(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
            let mut msg = e.message().trim().to_string();
            // A type error does not say which key: the line does.
            let key = text
                .lines()
                .nth(line.saturating_sub(1))
                .and_then(|l| l.split_once('='))
                .map(|(k, _)| k.trim())
                .filter(|k| !k.is_empty() && !msg.contains(&format!("`{k}`")));
            if let (true, Some(k)) = (line > 0, key) {
                msg = format!("`{k}`: {msg}");
            }
            let location = if line > 0 {
                format!(":{line}:{col}")
            } else {
                String::new()
            };
            ConfigError(format!(
                "invalid config file {}{location}: {msg}",
                path.display()
            ))
        })
    }

    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The look of `profile`: its settings over the top-level ones.
    pub fn look_for(&self, profile: Option<&str>) -> Look {
        match profile.and_then(|p| self.profiles.get(p)) {
            Some(p) => self.look.with(&p.look),
            None => self.look.clone(),
        }
    }
}

pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The default config path, if the platform has one.
pub fn default_path() -> Option<PathBuf> {
    crate::paths::config_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_profiles() {
        let c = Config::parse(
            r#"
default_profile = "work"
[profiles.work]
server = "https://tentabo.example.com"
username = "alice"
[profiles.db]
database_url = "postgres://localhost/tentabo"
db_user = "alice"
"#,
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(c.default_profile.as_deref(), Some("work"));
        assert_eq!(c.profile("db").unwrap().db_user.as_deref(), Some("alice"));
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let e = Config::parse(
            "[profiles.work]\nserver = \"x\"\nsevrer = \"y\"\n",
            Path::new("/tmp/c.toml"),
        )
        .unwrap_err();
        assert!(e.0.contains("/tmp/c.toml:3:1"), "{e}");
        assert!(e.0.contains("sevrer"), "{e}");
    }

    #[test]
    fn wrong_type_is_reported() {
        let e = Config::parse("[profiles.a]\ndemo = \"yes\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.0.contains("c.toml:2"), "{e}");
    }

    #[test]
    fn the_api_settings_default_and_are_checked() {
        let p = |text: &str| {
            Config::parse(text, Path::new("c.toml"))
                .unwrap()
                .profile("a")
                .unwrap()
                .api_config()
        };
        assert_eq!(
            p("[profiles.a]\n").unwrap().max_response_bytes,
            64 * 1024 * 1024
        );
        assert_eq!(
            p("[profiles.a]\nmax_response_bytes = 1048576\n")
                .unwrap()
                .max_response_bytes,
            1_048_576
        );
        assert_eq!(
            p("[profiles.a]\nca_file = \"/etc/tentabo/ca.pem\"\n")
                .unwrap()
                .ca_file,
            Some(PathBuf::from("/etc/tentabo/ca.pem"))
        );
        let e = p("[profiles.a]\nmax_response_bytes = 10\n").unwrap_err();
        assert!(e.0.contains("max_response_bytes"), "{e}");
        let e = Config::parse(
            "[profiles.a]\nmax_response_bytes = -1\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert!(e.0.contains("c.toml:2"), "{e}");
    }

    #[test]
    fn the_example_config_parses() {
        let text = include_str!("../config.example.toml");
        Config::parse(text, Path::new("config.example.toml")).unwrap();
    }
}
