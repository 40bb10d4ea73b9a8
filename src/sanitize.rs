//! Hostile data: text that came from a server or a database (a lead's title,
//! a note, an error body) is printed to a terminal or opened in a
//! spreadsheet, and must not be able to drive either.
//!
//! * Terminal: every C0 control (U+0000–U+001F), DEL (U+007F) and C1
//!   control (U+0080–U+009F) is removed, so no escape sequence, bell or
//!   carriage return reaches the terminal; so are the bidirectional
//!   formatting characters (embeddings and overrides U+202A–U+202E, isolates
//!   U+2066–U+2069, and the marks U+200E, U+200F, U+061C), which can make a
//!   line read differently from what it holds. Removed, not replaced by
//!   U+FFFD: `Hello\x1b[2J` prints as `Hello[2J`. The controls that lay text
//!   out (tab, line feed, vertical tab, form feed, carriage return, NEL)
//!   become a space in a single line, so words on two lines stay two words.
//! * Spreadsheet: a CSV cell that begins with `=`, `+`, `-`, `@`, tab or
//!   carriage return gets a leading `'` (OWASP's advice against formula
//!   injection), unless the whole cell is a plain decimal number such as
//!   `-12.50`: a number cannot be a formula, and money and day counts stay
//!   numbers.
//!
//! JSON output is left exact: its encoder escapes every control character.

use std::borrow::Cow;

/// A bidirectional formatting character (embedding, override, isolate, mark).
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// A character that never reaches a terminal as it is: C0, DEL, C1 or a
/// bidirectional formatting character.
pub fn is_hostile(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// A control that lays text out: shown as a space rather than dropped.
fn is_layout(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{85}')
}

/// One line of text (a table cell, a field): hostile characters removed,
/// each run of layout controls turned into one space.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut in_break = false;
    for c in s.chars() {
        if is_layout(c) {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            if !is_hostile(c) {
                out.push(c);
            }
            in_break = false;
        }
    }
    Cow::Owned(out)
}

/// Several lines (a `show` page, a notice, an error message): as [`line`],
/// but line feeds are kept, and a carriage return is dropped (so CRLF ends a
/// line once).
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_hostile(c)) {
        return Cow::Borrowed(s);
    }
    s.split('\n')
        .map(|l| line(&l.replace('\r', "")).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
        .into()
}

/// `-12`, `3.50`: a cell a spreadsheet reads as a number, never a formula.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

/// One CSV cell: hostile characters removed except the tab, line feed and
/// carriage return that CSV quoting carries, then a leading `'` when the
/// cell would start a formula.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let kept = |c: char| matches!(c, '\t' | '\n' | '\r') || !is_hostile(c);
    let cell: Cow<str> = if s.chars().all(kept) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| kept(c)).collect())
    };
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(&cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_and_bells_are_removed() {
        assert_eq!(line("Hello\x1b[2J\x1b]0;PWNED\x07"), "Hello[2J]0;PWNED");
        assert_eq!(line("a\u{9b}31mb\u{7f}"), "a31mb");
        assert_eq!(line("plain — café"), "plain — café");
        assert!(matches!(line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(line("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(line("\u{2066}a\u{2069}\u{200F}b\u{061C}"), "ab");
    }

    #[test]
    fn layout_controls_become_one_space_in_a_line() {
        assert_eq!(line("two\r\nlines\tand"), "two lines and");
        assert_eq!(text("one\r\ntwo\x1b[1m\n\tthree"), "one\ntwo[1m\n three");
    }

    #[test]
    fn csv_cells_that_start_a_formula_are_quoted() {
        for bad in [
            "=1+1",
            "+1+1",
            "-1+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\t=x",
            "\r=x",
        ] {
            assert_eq!(csv_cell(bad), format!("'{bad}"), "{bad:?}");
        }
        assert_eq!(csv_cell("-"), "'-");
        assert_eq!(
            csv_cell("\x1b=cmd"),
            "'=cmd",
            "stripped first, then checked"
        );
        assert_eq!(csv_cell("a\u{202E}b\nc"), "ab\nc");
        assert_eq!(csv_cell("Acme = fine"), "Acme = fine");
    }

    #[test]
    fn negative_numbers_stay_numbers_in_csv() {
        for n in ["-12.50", "-3", "0", "12500.50", "-0.00"] {
            assert_eq!(csv_cell(n), n);
        }
        for not in ["-1.", "-.5", "-1.2.3", "-1e5", "--1"] {
            assert_eq!(csv_cell(not), format!("'{not}"), "{not:?}");
        }
    }

    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
            (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
            (0x202Au32..=0x202E).prop_map(|c| char::from_u32(c).unwrap()),
            (0x2066u32..=0x2069).prop_map(|c| char::from_u32(c).unwrap()),
            Just('\u{200E}'),
            Just('\u{200F}'),
            Just('\u{061C}'),
        ]
    }

    /// Text mixing ordinary characters with hostile ones.
    fn mixed() -> impl Strategy<Value = String> {
        proptest::collection::vec(prop_oneof![any::<char>(), hostile_char()], 0..64)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn a_line_holds_no_hostile_character(s in mixed()) {
            let out = line(&s);
            prop_assert!(!out.chars().any(is_hostile), "{:?}", out);
            let kept: String = s.chars().filter(|&c| !is_hostile(c)).collect();
            let out_kept: String = out.chars().filter(|&c| c != ' ').collect();
            prop_assert_eq!(out_kept, kept.replace(' ', ""));
        }

        #[test]
        fn text_holds_no_hostile_character_but_line_feeds(s in mixed()) {
            let out = text(&s);
            prop_assert!(!out.chars().any(|c| c != '\n' && is_hostile(c)), "{:?}", out);
            prop_assert_eq!(out.matches('\n').count(), s.matches('\n').count());
        }

        #[test]
        fn clean_text_is_untouched(s in "[^\\p{Cc}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200E}\u{200F}\u{061C}]*") {
            prop_assert_eq!(line(&s), s.as_str());
            prop_assert_eq!(text(&s), s.as_str());
        }

        #[test]
        fn a_csv_cell_never_starts_a_formula(s in mixed()) {
            let out = csv_cell(&s);
            let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || !is_hostile(c);
            prop_assert!(out.chars().all(allowed), "{:?}", out);
            let risky = out.starts_with(['=', '+', '-', '@', '\t', '\r']);
            prop_assert!(!risky || is_plain_number(&out), "{:?}", out);
        }

        #[test]
        fn numbers_pass_through_csv(n in any::<i64>(), cents in 0u8..100) {
            let cell = format!("{n}.{cents:02}");
            prop_assert_eq!(csv_cell(&cell), cell.as_str());
        }
    }
}
