//! The user's keys: `[keys]` entries from the config applied over the
//! defaults. A command name at the top of `[keys]` rebinds that command
//! where it is declared; inside `[keys.<context>]` it rebinds it in that
//! context only (a global or list command gets keys of its own there).
//! Unknown commands and contexts, bad key strings and two commands on one
//! key where both are in force are errors that name the entry's place.

use super::{compete, key_label, parse_key, Action, Binding, Context, Key, Keymap};
use crate::config::KeyEntry;
use crossterm::event::{KeyCode, KeyModifiers};
use std::borrow::Cow;

/// What a key string may look like, for error messages.
pub const KEY_EXAMPLES: &str = "ctrl-x, alt-j, shift-tab, f5, g, G, space, esc, enter";

const CTRL_C: Key = Key {
    code: KeyCode::Char('c'),
    mods: KeyModifiers::CONTROL,
};

impl Keymap {
    /// The defaults with `overrides` applied in order (a later entry for
    /// the same command wins). Every problem is reported, one per line.
    pub fn with_overrides(overrides: &[KeyEntry]) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        // Which entry last set each binding's keys, by index.
        let mut set_by: Vec<Option<&str>> = vec![None; map.bindings.len()];
        let mut errors = Vec::new();
        for o in overrides {
            match map.apply(o) {
                Ok(index) => {
                    if index >= set_by.len() {
                        set_by.resize(index + 1, None);
                    }
                    set_by[index] = Some(&o.at);
                }
                Err(e) => errors.push(format!("{}: {e}", o.at)),
            }
        }
        errors.extend(map.clashes(&set_by));
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(errors.join("\n"))
        }
    }

    /// Applies one entry; returns the index of the binding it set.
    fn apply(&mut self, o: &KeyEntry) -> Result<usize, String> {
        let table = match &o.context {
            Some(slug) => format!("[keys.{slug}]"),
            None => "[keys]".to_string(),
        };
        let keys = o
            .keys
            .iter()
            .map(|text| {
                parse_key(text).map_err(|why| {
                    format!(
                        "`{}` in {table}: {why} (keys look like {KEY_EXAMPLES})",
                        o.command
                    )
                })
            })
            .collect::<Result<Vec<Key>, String>>()?;
        let home = self
            .bindings
            .iter()
            .position(|b| b.name == o.command)
            .ok_or_else(|| {
                format!(
                    "unknown command `{}` in {table} (the names are those of the `:` palette)",
                    o.command
                )
            })?;
        let action = self.bindings[home].action;
        if keys.contains(&CTRL_C) && action != Action::Quit {
            return Err(format!(
                "`{}` in {table}: ctrl-c always quits, it cannot be given to another command",
                o.command
            ));
        }
        let index = match &o.context {
            None => home,
            Some(slug) => {
                let ctx = Context::from_slug(slug).ok_or_else(|| {
                    let known: Vec<&str> = Context::ALL.iter().map(|c| c.slug()).collect();
                    format!(
                        "unknown context [keys.{slug}] (known: {})",
                        known.join(", ")
                    )
                })?;
                self.index_in(ctx, home).ok_or_else(|| {
                    format!(
                        "`{}` works in {}, not in [keys.{slug}]",
                        o.command,
                        self.bindings[home].context.title()
                    )
                })?
            }
        };
        self.bindings[index].keys = Cow::Owned(keys);
        Ok(index)
    }

    /// The binding of the command at `home` in `ctx`: its own there, or a
    /// new one when the command is in force there through the chain.
    fn index_in(&mut self, ctx: Context, home: usize) -> Option<usize> {
        let name = self.bindings[home].name;
        if let Some(i) = self
            .bindings
            .iter()
            .position(|b| b.name == name && b.context == ctx)
        {
            return Some(i);
        }
        if !ctx.chain().contains(&self.bindings[home].context) {
            return None;
        }
        let mut own = self.bindings[home].clone();
        own.context = ctx;
        self.bindings.push(own);
        Some(self.bindings.len() - 1)
    }

    /// Two commands on one key where both are in force, for every pair the
    /// user touched. A key both had by default hides the other on purpose
    /// (the builder's Enter); any other shared key is a clash, including a
    /// user's key that a tab's own binding would hide.
    fn clashes(&self, set_by: &[Option<&str>]) -> Vec<String> {
        let default_keys = |b: &Binding| -> &'static [Key] {
            super::BINDINGS
                .iter()
                .find(|d| d.name == b.name && d.context == b.context)
                .map_or(&[][..], |d| match &d.keys {
                    Cow::Borrowed(k) => k,
                    Cow::Owned(_) => &[],
                })
        };
        let together = |a: &Binding, b: &Binding| {
            compete(a, b)
                || a.context.chain().contains(&b.context)
                || b.context.chain().contains(&a.context)
        };
        let mut out = Vec::new();
        for (i, a) in self.bindings.iter().enumerate() {
            for (j, b) in self.bindings.iter().enumerate().skip(i + 1) {
                let at = set_by.get(j).copied().flatten();
                let at = at.or(set_by.get(i).copied().flatten());
                let Some(at) = at else { continue };
                if !together(a, b) || a.action == b.action {
                    continue;
                }
                for key in a.keys.iter().filter(|k| b.keys.contains(k)) {
                    let by_default = default_keys(a).contains(key) && default_keys(b).contains(key);
                    if by_default && !compete(a, b) {
                        continue;
                    }
                    let ctx = if a.context.chain().len() >= b.context.chain().len() {
                        a.context
                    } else {
                        b.context
                    };
                    out.push(format!(
                        "{at}: key `{}` would be both `{}` and `{}` in {}",
                        key_label(key),
                        a.name,
                        b.name,
                        ctx.title()
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn entry(context: Option<&str>, command: &str, keys: &[&str]) -> KeyEntry {
        KeyEntry {
            context: context.map(str::to_string),
            command: command.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            at: "c.toml:3:1".into(),
        }
    }

    fn ev(c: char, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), mods)
    }

    #[test]
    fn a_rebound_command_answers_its_new_key_only() {
        let km = Keymap::with_overrides(&[entry(None, "note", &["ctrl-n", "alt-n"])]).unwrap();
        let n = KeyModifiers::NONE;
        assert_eq!(
            km.action_for(Context::Leads, &ev('n', KeyModifiers::CONTROL)),
            Some(Action::AddNote)
        );
        assert_eq!(
            km.action_for(Context::Leads, &ev('n', KeyModifiers::ALT)),
            Some(Action::AddNote)
        );
        assert_eq!(km.action_for(Context::Leads, &ev('N', n)), None);
        assert_eq!(
            km.first_key(Context::Leads, Action::AddNote).as_deref(),
            Some("Ctrl-N")
        );
    }

    #[test]
    fn a_context_table_gives_a_global_command_keys_there_only() {
        let km = Keymap::with_overrides(&[entry(Some("contracts"), "quit", &["ctrl-q"])]).unwrap();
        let q = ev('q', KeyModifiers::CONTROL);
        assert_eq!(km.action_for(Context::Contracts, &q), Some(Action::Quit));
        assert_eq!(km.action_for(Context::Leads, &q), None);
        // The global keys still work everywhere.
        assert_eq!(
            km.action_for(Context::Contracts, &ev('q', KeyModifiers::NONE)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_problem_names_its_place() {
        let err = Keymap::with_overrides(&[
            entry(None, "no-such-command", &["x"]),
            entry(None, "note", &["ctrl-"]),
            entry(Some("nowhere"), "quit", &["x"]),
            entry(Some("orders"), "move-next", &["x"]),
            entry(None, "note", &["ctrl-c"]),
        ])
        .unwrap_err();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 5, "{err}");
        assert!(lines.iter().all(|l| l.starts_with("c.toml:3:1: ")), "{err}");
        assert!(lines[0].contains("no-such-command"), "{err}");
        assert!(lines[1].contains("ctrl-x, alt-j"), "{err}");
        assert!(lines[2].contains("[keys.nowhere]"), "{err}");
        assert!(lines[3].contains("works in Leads"), "{err}");
        assert!(lines[4].contains("ctrl-c always quits"), "{err}");
    }

    #[test]
    fn two_commands_on_one_key_are_refused() {
        // `n` is already "new lead" in the Leads tab.
        let err = Keymap::with_overrides(&[entry(None, "note", &["n"])]).unwrap_err();
        assert!(err.contains("`n`"), "{err}");
        assert!(err.contains("new-lead") && err.contains("note"), "{err}");
        // A global key that a tab uses for something else.
        let err = Keymap::with_overrides(&[entry(None, "quit", &["x"])]).unwrap_err();
        assert!(
            err.contains("export") || err.contains("remove-line"),
            "{err}"
        );
        // A list key that a tab's own binding would hide.
        let err = Keymap::with_overrides(&[entry(None, "open", &["o"])]).unwrap_err();
        assert!(err.contains("convert-lead"), "{err}");
        // Swapping two keys is fine.
        Keymap::with_overrides(&[entry(None, "note", &["n"]), entry(None, "new-lead", &["N"])])
            .unwrap();
    }

    #[test]
    fn restating_a_default_is_no_clash() {
        Keymap::with_overrides(&[
            entry(None, "open", &["enter"]),
            entry(None, "clear-filter", &["esc"]),
            entry(Some("builder"), "builder-undo", &["u"]),
        ])
        .unwrap();
    }

    #[test]
    fn no_keys_leaves_the_command_to_the_palette() {
        let km = Keymap::with_overrides(&[entry(None, "toggle-view", &[])]).unwrap();
        assert_eq!(
            km.action_for(Context::Leads, &ev('v', KeyModifiers::NONE)),
            None
        );
        assert!(km.applies(Action::ToggleView, Context::Leads));
        assert_eq!(km.first_key(Context::Leads, Action::ToggleView), None);
    }
}
