//! Every notice and error of the session, kept whole for the `!` log: the
//! status bar has one line, so a long message there is cut, never lost.
//! A tab's load error belongs to that tab: other tabs do not show it.

use super::{App, StatusLine, Tab};
use crate::backend::BackendError;
use crate::domain::Timestamp;

/// How many messages the log keeps (the oldest go first).
const KEPT: usize = 500;

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub at: Timestamp,
    pub text: String,
    pub error: bool,
}

impl App {
    /// Keeps `text` in the log, newest last.
    pub(super) fn log(&mut self, text: &str, error: bool) {
        if self.messages.len() >= KEPT {
            self.messages.remove(0);
        }
        self.messages.push(Message {
            at: self.now,
            text: text.to_string(),
            error,
        });
    }

    /// The status line for the tab on screen: another tab's load error is
    /// not shown here.
    pub fn status_here(&self) -> Option<&StatusLine> {
        self.status
            .as_ref()
            .filter(|s| s.tab.is_none_or(|t| t == self.tab))
    }

    /// A failed load of `tab`'s data: said in that tab only.
    pub(super) fn failed_in(&mut self, tab: Tab, context: &str, e: BackendError) {
        self.failed(context, e);
        if let Some(s) = self.status.as_mut() {
            s.tab = Some(tab);
        }
    }

    /// `!`: the log, newest first.
    pub fn open_messages(&mut self) {
        self.overlays.push(super::Overlay::Messages { scroll: 0 });
    }
}

/// `1 contract`, `2 contracts`: the noun agrees with the number.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A message on one line: its lines joined (a server's multi-line error
/// would otherwise run its words together).
pub fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn nouns_agree() {
        assert_eq!(super::count(1, "contract"), "1 contract");
        assert_eq!(super::count(0, "lead"), "0 leads");
        assert_eq!(super::count(2, "later move"), "2 later moves");
    }

    #[test]
    fn lines_are_joined_not_glued() {
        assert_eq!(
            super::one_line("1 validation error for ContractResponse\nbilling_invoices\n  Input"),
            "1 validation error for ContractResponse · billing_invoices · Input"
        );
    }
}
