//! Key strings as written in the config (`ctrl-x`, `alt-j`, `shift-tab`,
//! `f5`, `g`, `G`, `space`, `esc`, `enter`) and as shown in hints.

use super::{Binding, Key};
use crossterm::event::{KeyCode, KeyModifiers};

/// Parses one key string; the error says why in a few words.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err("an empty key".into());
    }
    let mut mods = KeyModifiers::NONE;
    let mut shift = false;
    // A lone "-" is the minus key, not a modifier's dash.
    while rest.len() > 1 {
        let lower = rest.to_ascii_lowercase();
        let (flag, len) = if lower.starts_with("ctrl-") {
            (Some(KeyModifiers::CONTROL), 5)
        } else if lower.starts_with("alt-") {
            (Some(KeyModifiers::ALT), 4)
        } else if lower.starts_with("shift-") {
            shift = true;
            (None, 6)
        } else {
            break;
        };
        if let Some(flag) = flag {
            mods |= flag;
        }
        rest = &rest[len..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => named(&rest.to_ascii_lowercase()).ok_or_else(|| format!("`{rest}` is not a key"))?,
    };
    let code = match (code, shift) {
        (code, false) => code,
        (KeyCode::Tab | KeyCode::BackTab, true) => KeyCode::BackTab,
        (KeyCode::Char(c), true) if c.is_alphabetic() => {
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        _ => {
            return Err(
                "shift- goes with a letter or tab; write other shifted keys as they are typed (`?`, `>`)"
                    .into(),
            )
        }
    };
    // Terminals send Ctrl with a letter the same with or without Shift.
    let code = match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        code => code,
    };
    Ok(Key { code, mods })
}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "space" => KeyCode::Char(' '),
        "esc" | "escape" => KeyCode::Esc,
        "enter" | "return" => KeyCode::Enter,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "minus" => KeyCode::Char('-'),
        f if f.starts_with('f') => match f[1..].parse::<u8>() {
            Ok(n @ 1..=24) => KeyCode::F(n),
            _ => return None,
        },
        _ => return None,
    })
}

pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    if key.mods.contains(KeyModifiers::CONTROL) {
        out.push_str(&base.to_uppercase());
    } else {
        out.push_str(&base);
    }
    out
}

/// Every key of a binding, `k/↑`; `—` when the config took them all away.
pub fn keys_label(b: &Binding) -> String {
    if b.keys.is_empty() {
        return "—".into();
    }
    b.keys.iter().map(key_label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    #[test]
    fn parses_the_documented_forms() {
        let none = KeyModifiers::NONE;
        for (text, want) in [
            ("ctrl-x", key(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            ("Ctrl-X", key(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            ("alt-j", key(KeyCode::Char('j'), KeyModifiers::ALT)),
            ("shift-tab", key(KeyCode::BackTab, none)),
            ("shift-g", key(KeyCode::Char('G'), none)),
            ("f5", key(KeyCode::F(5), none)),
            ("g", key(KeyCode::Char('g'), none)),
            ("G", key(KeyCode::Char('G'), none)),
            ("space", key(KeyCode::Char(' '), none)),
            ("esc", key(KeyCode::Esc, none)),
            ("enter", key(KeyCode::Enter, none)),
            ("-", key(KeyCode::Char('-'), none)),
            ("ctrl--", key(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("?", key(KeyCode::Char('?'), none)),
            (
                "ctrl-alt-pgdn",
                key(KeyCode::PageDown, KeyModifiers::CONTROL | KeyModifiers::ALT),
            ),
        ] {
            assert_eq!(parse_key(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_key() {
        for bad in [
            "", "  ", "ctrl-", "hyper-x", "f0", "f25", "shift-1", "spacebar",
        ] {
            assert!(parse_key(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn labels_read_back() {
        let k = parse_key("alt-j").unwrap();
        assert_eq!(key_label(&k), "Alt-j");
        assert_eq!(key_label(&parse_key("ctrl-z").unwrap()), "Ctrl-Z");
        assert_eq!(key_label(&parse_key("shift-tab").unwrap()), "Shift-Tab");
    }
}
