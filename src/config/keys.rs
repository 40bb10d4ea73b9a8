//! The `[keys]` tables, read with the place of every entry so a wrong
//! command or key can be reported at its line. serde loses places inside
//! tables of mixed shape (`name = "x"` beside `[keys.builder]`), so these
//! tables are walked on toml's spanned document instead.

use super::{line_col, ConfigError};
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// One `name = keys` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEntry {
    /// The `[keys.<context>]` table it is in; `None` at the top of `[keys]`.
    pub context: Option<String>,
    /// A palette command name.
    pub command: String,
    pub keys: Vec<String>,
    /// Where it is written: `path:line:column`.
    pub at: String,
}

/// The entries of the top-level `[keys]` and of each profile's, by profile.
pub(super) struct Found {
    pub global: Vec<KeyEntry>,
    pub profiles: Vec<(String, Vec<KeyEntry>)>,
}

pub(super) fn read(text: &str, path: &Path) -> Result<Found, ConfigError> {
    let doc = DeTable::parse(text)
        .map_err(|e| ConfigError(format!("invalid config file {}: {e}", path.display())))?;
    let walker = Walker { text, path };
    let mut found = Found {
        global: Vec::new(),
        profiles: Vec::new(),
    };
    if let Some(keys) = get(doc.get_ref(), "keys") {
        found.global = walker.keys(keys, "keys")?;
    }
    if let Some(profiles) = get(doc.get_ref(), "profiles") {
        if let DeValue::Table(profiles) = profiles.get_ref() {
            for (name, profile) in profiles {
                if let Some(keys) = table_of(profile).and_then(|t| get(t, "keys")) {
                    let name = name.get_ref().to_string();
                    let entries = walker.keys(keys, &format!("profiles.{name}.keys"))?;
                    found.profiles.push((name, entries));
                }
            }
        }
    }
    Ok(found)
}

fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

fn table_of<'a, 'i>(v: &'a Spanned<DeValue<'i>>) -> Option<&'a DeTable<'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

struct Walker<'t> {
    text: &'t str,
    path: &'t Path,
}

impl Walker<'_> {
    fn at(&self, offset: usize) -> String {
        let (line, col) = line_col(self.text, offset);
        format!("{}:{line}:{col}", self.path.display())
    }

    fn error(&self, offset: usize, msg: String) -> ConfigError {
        ConfigError(format!("invalid config file {}: {msg}", self.at(offset)))
    }

    /// `[keys]` (or a profile's): commands, and `[keys.<context>]` tables.
    fn keys(&self, value: &Spanned<DeValue>, name: &str) -> Result<Vec<KeyEntry>, ConfigError> {
        let Some(table) = table_of(value) else {
            return Err(self.error(
                value.span().start,
                format!("`{name}` must be a table of command = keys"),
            ));
        };
        let mut out = Vec::new();
        for (key, v) in table {
            let command = key.get_ref().to_string();
            match v.get_ref() {
                DeValue::Table(inner) => {
                    for (k, v) in inner {
                        let at = k.span().start;
                        out.push(KeyEntry {
                            context: Some(command.clone()),
                            command: k.get_ref().to_string(),
                            keys: self.key_list(v, &format!("{name}.{command}.{}", k.get_ref()))?,
                            at: self.at(at),
                        });
                    }
                }
                _ => out.push(KeyEntry {
                    context: None,
                    command: command.clone(),
                    keys: self.key_list(v, &format!("{name}.{command}"))?,
                    at: self.at(key.span().start),
                }),
            }
        }
        Ok(out)
    }

    /// `"x"` or `["x", "y"]`.
    fn key_list(&self, v: &Spanned<DeValue>, name: &str) -> Result<Vec<String>, ConfigError> {
        let wrong = || {
            self.error(
                v.span().start,
                format!("`{name}` must be a key string or a list of them, like \"ctrl-x\" or [\"j\", \"down\"]"),
            )
        };
        match v.get_ref() {
            DeValue::String(s) => Ok(vec![s.to_string()]),
            DeValue::Array(items) => items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(s) => Ok(s.to_string()),
                    _ => Err(wrong()),
                })
                .collect(),
            _ => Err(wrong()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_commands_contexts_and_profiles_with_their_lines() {
        let text = r#"
[keys]
quit = ["q", "ctrl-q"]
[keys.builder]
builder-undo = "ctrl-z"
[profiles.work.keys]
note = "alt-n"
"#;
        let found = read(text, Path::new("c.toml")).unwrap();
        assert_eq!(
            found.global,
            vec![
                KeyEntry {
                    context: Some("builder".into()),
                    command: "builder-undo".into(),
                    keys: vec!["ctrl-z".into()],
                    at: "c.toml:5:1".into(),
                },
                KeyEntry {
                    context: None,
                    command: "quit".into(),
                    keys: vec!["q".into(), "ctrl-q".into()],
                    at: "c.toml:3:1".into(),
                },
            ]
        );
        assert_eq!(found.profiles.len(), 1);
        assert_eq!(found.profiles[0].0, "work");
        assert_eq!(found.profiles[0].1[0].at, "c.toml:7:1");
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_placed() {
        let e = read("[keys]\n\nquit = 5\n", Path::new("c.toml"))
            .err()
            .unwrap();
        assert!(e.0.contains("c.toml:3:8"), "{e}");
        assert!(e.0.contains("keys.quit"), "{e}");
    }
}
