//! How the app looks and behaves, as the config says: theme, per-style
//! overrides, mouse, clipboard and keys, each entry with its place so a
//! bad value is reported at its line.

use super::KeyEntry;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Light or dark from the terminal's `COLORFGBG`, else colours that read on both.
    #[default]
    Auto,
    Dark,
    Light,
    /// No colour: bold, reverse, dim and underline only.
    Mono,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ClipboardMode {
    /// The terminal's OSC 52 escape: works over SSH and in tmux.
    #[default]
    Osc52,
    Off,
}

/// One `[styles]` entry: `name = "words"`.
#[derive(Debug, Clone, PartialEq)]
pub struct StyleEntry {
    pub name: String,
    pub value: String,
    /// Where it is written: `path:line:column`.
    pub at: String,
}

/// The settings of the top level or of one profile.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Look {
    pub theme: Option<ThemeName>,
    pub styles: Vec<StyleEntry>,
    pub mouse: Option<bool>,
    pub clipboard: Option<ClipboardMode>,
    pub keys: Vec<KeyEntry>,
    pub export_dir: Option<std::path::PathBuf>,
}

impl Look {
    pub(super) fn new(
        theme: Option<ThemeName>,
        styles: &BTreeMap<String, toml::Spanned<String>>,
        mouse: Option<bool>,
        clipboard: Option<ClipboardMode>,
        keys: Vec<KeyEntry>,
        at: impl Fn(usize) -> String,
    ) -> Look {
        let mut styles: Vec<StyleEntry> = styles
            .iter()
            .map(|(name, v)| StyleEntry {
                name: name.clone(),
                value: v.get_ref().clone(),
                at: at(v.span().start),
            })
            .collect();
        styles.sort_by(|a, b| a.at.cmp(&b.at));
        Look {
            theme,
            styles,
            mouse,
            clipboard,
            keys,
            export_dir: None,
        }
    }

    /// `over` on top of this: its values win, its styles and keys come after.
    pub fn with(&self, over: &Look) -> Look {
        let mut styles = self.styles.clone();
        styles.extend(over.styles.iter().cloned());
        let mut keys = self.keys.clone();
        keys.extend(over.keys.iter().cloned());
        Look {
            theme: over.theme.or(self.theme),
            styles,
            mouse: over.mouse.or(self.mouse),
            clipboard: over.clipboard.or(self.clipboard),
            keys,
            export_dir: over.export_dir.clone().or(self.export_dir.clone()),
        }
    }
}
