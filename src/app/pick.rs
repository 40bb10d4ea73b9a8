//! One pick-from-a-list widget for every picker, the builder's choices and
//! the palette. Values are typed (nothing is parsed back from a string),
//! and the keys are the same everywhere: the `Picker` keymap context
//! (j/k, arrows, g/G, Home/End, PgUp/PgDn, `/` to narrow, Enter, Esc), or
//! the `Typing` one while narrowing (letters go to the query).

use super::keymap::{Action, Context, Keymap};
use crate::domain::filter::{fold, TextFilter};
use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;
use tui_input::Input;

/// One row: what is shown, what choosing it gives, and why it cannot be
/// chosen (shown dimmed) if it cannot.
#[derive(Debug, Clone)]
pub struct PickItem<T> {
    pub label: String,
    pub value: T,
    pub disabled: Option<String>,
    /// What typing matches, when not the label.
    pub search: Option<String>,
}

/// What a key did to the list.
#[derive(Debug, Clone, PartialEq)]
pub enum PickEvent<T> {
    /// Still open.
    None,
    /// Enter on an item that can be chosen: its label and value.
    Chosen(String, T),
    /// Enter on a dimmed item: why it cannot be chosen.
    Refused(String),
    Closed,
}

#[derive(Debug, Clone)]
pub struct PickList<T> {
    pub title: String,
    items: Vec<PickItem<T>>,
    /// Labels folded once, so a keystroke over 100,000 rows only matches.
    hay: Vec<Box<str>>,
    /// Indices of the items matching the query, in order.
    visible: Vec<u32>,
    pub query: Input,
    /// Letters narrow the list (else they are keys).
    pub typing: bool,
    pub cursor: usize,
}

/// Rows moved by PgUp/PgDn.
const PAGE: isize = 10;

impl<T: Clone> PickList<T> {
    pub fn new(title: impl Into<String>, items: Vec<(String, T)>) -> Self {
        let items = items
            .into_iter()
            .map(|(label, value)| PickItem {
                label,
                value,
                disabled: None,
                search: None,
            })
            .collect();
        Self::with_items(title, items)
    }

    pub fn with_items(title: impl Into<String>, items: Vec<PickItem<T>>) -> Self {
        let hay = items
            .iter()
            .map(|i| fold(i.search.as_deref().unwrap_or(&i.label)).into_boxed_str())
            .collect();
        let visible = (0..items.len() as u32).collect();
        PickList {
            title: title.into(),
            items,
            hay,
            visible,
            query: Input::default(),
            typing: false,
            cursor: 0,
        }
    }

    /// Opens with the query focused (letters narrow at once).
    pub fn typing(mut self) -> Self {
        self.typing = true;
        self
    }

    /// The keymap context this list is in.
    pub fn context(&self) -> Context {
        if self.typing {
            Context::Typing
        } else {
            Context::Picker
        }
    }

    /// The widest label, in characters (for sizing a popup).
    pub fn widest(&self) -> usize {
        self.items
            .iter()
            .map(|i| i.label.chars().count())
            .max()
            .unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    /// The rows matching the query (`start..start + n` of them).
    pub fn rows(&self, start: usize, n: usize) -> impl Iterator<Item = &PickItem<T>> {
        self.visible
            .iter()
            .skip(start)
            .take(n)
            .map(|i| &self.items[*i as usize])
    }

    pub fn selected(&self) -> Option<&PickItem<T>> {
        self.visible
            .get(self.cursor)
            .map(|i| &self.items[*i as usize])
    }

    /// Where the first visible item satisfying `f` is.
    pub fn position(&self, f: impl Fn(&PickItem<T>) -> bool) -> Option<usize> {
        self.visible
            .iter()
            .position(|i| f(&self.items[*i as usize]))
    }

    /// Puts the cursor on the first item whose value satisfies `f`.
    pub fn select_where(&mut self, f: impl Fn(&T) -> bool) {
        if let Some(pos) = self
            .visible
            .iter()
            .position(|i| f(&self.items[*i as usize].value))
        {
            self.cursor = pos;
        }
    }

    fn narrow(&mut self) {
        let f = TextFilter::new(self.query.value());
        self.visible = (0..self.items.len() as u32)
            .filter(|i| f.matches_folded(&self.hay[*i as usize]))
            .collect();
        self.cursor = 0;
    }

    fn step(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn handle_key(&mut self, keys: &Keymap, key: &KeyEvent) -> PickEvent<T> {
        match keys.action_for(self.context(), key) {
            Some(Action::Up) => self.step(-1),
            Some(Action::Down) => self.step(1),
            Some(Action::PageUp) => self.step(-PAGE),
            Some(Action::PageDown) => self.step(PAGE),
            Some(Action::Top) => self.cursor = 0,
            Some(Action::Bottom) => self.cursor = self.visible.len().saturating_sub(1),
            Some(Action::Filter) => self.typing = true,
            Some(Action::Choose) => {
                return match self.selected() {
                    Some(item) => match &item.disabled {
                        Some(why) => PickEvent::Refused(why.clone()),
                        None => PickEvent::Chosen(item.label.clone(), item.value.clone()),
                    },
                    None => PickEvent::None,
                };
            }
            Some(Action::Close) => return PickEvent::Closed,
            _ if self.typing && self.query.handle_event(&Event::Key(*key)).is_some() => {
                self.narrow();
            }
            _ => {}
        }
        PickEvent::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn list() -> PickList<u8> {
        PickList::new(
            "t",
            (0..30).map(|i| (format!("item {i}"), i as u8)).collect(),
        )
    }

    #[test]
    fn the_same_moves_everywhere() {
        for typing in [false, true] {
            let mut l = list();
            l.typing = typing;
            l.handle_key(&Keymap::default(), &key(KeyCode::End));
            assert_eq!(l.cursor, 29, "End (typing: {typing})");
            l.handle_key(&Keymap::default(), &key(KeyCode::Home));
            assert_eq!(l.cursor, 0);
            l.handle_key(&Keymap::default(), &key(KeyCode::PageDown));
            assert_eq!(l.cursor, 10);
            l.handle_key(&Keymap::default(), &key(KeyCode::Down));
            assert_eq!(l.cursor, 11);
            l.handle_key(&Keymap::default(), &key(KeyCode::PageUp));
            assert_eq!(l.cursor, 1);
        }
        let mut l = list();
        l.handle_key(&Keymap::default(), &key(KeyCode::Char('G')));
        assert_eq!(l.cursor, 29);
        l.handle_key(&Keymap::default(), &key(KeyCode::Char('g')));
        assert_eq!(l.cursor, 0);
        l.handle_key(&Keymap::default(), &key(KeyCode::Char('j')));
        assert_eq!(l.cursor, 1);
    }

    #[test]
    fn slash_narrows_and_enter_gives_the_typed_value() {
        let mut l = list();
        l.handle_key(&Keymap::default(), &key(KeyCode::Char('/')));
        for c in "m 2".chars() {
            l.handle_key(&Keymap::default(), &key(KeyCode::Char(c)));
        }
        // "item 2", "item 12", "item 20".."item 29".
        assert_eq!(l.len(), 12);
        // j is a letter now, not a move.
        l.handle_key(&Keymap::default(), &key(KeyCode::Char('j')));
        assert_eq!(l.len(), 0);
        l.handle_key(&Keymap::default(), &key(KeyCode::Backspace));
        assert_eq!(l.len(), 12);
        l.handle_key(&Keymap::default(), &key(KeyCode::End));
        assert_eq!(
            l.handle_key(&Keymap::default(), &key(KeyCode::Enter)),
            PickEvent::Chosen("item 29".into(), 29)
        );
        assert_eq!(
            l.handle_key(&Keymap::default(), &key(KeyCode::Esc)),
            PickEvent::Closed
        );
    }

    #[test]
    fn a_dimmed_item_says_why_and_is_not_chosen() {
        let mut l = PickList::with_items(
            "t",
            vec![PickItem {
                label: "x".into(),
                value: 1,
                disabled: Some("not here".into()),
                search: None,
            }],
        );
        assert_eq!(
            l.handle_key(&Keymap::default(), &key(KeyCode::Enter)),
            PickEvent::Refused("not here".into())
        );
    }
}
