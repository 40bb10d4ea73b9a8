//! The mouse: a click on a tab title switches to it, on a card or a row
//! selects it (a second click opens it), on a pick-list item chooses it;
//! the wheel scrolls lists, the board, details and the help. Views record
//! where they drew what (`Hits`) each frame; a click is looked up there.
//! Moves go through the same keymap actions as the keys.

use super::keymap::{Action, Context};
use super::partners::Pane;
use super::{App, Overlay, Tab};
use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use std::cell::RefCell;
use std::time::{Duration, Instant};

/// Two clicks on the same thing within this long open it.
const DOUBLE_CLICK: Duration = Duration::from_millis(500);
/// Rows moved by one wheel notch in a list.
const WHEEL_ROWS: usize = 3;

/// Which list a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListId {
    /// A column of the leads board, by status index.
    LeadColumn(usize),
    LeadTable,
    Orders,
    Contracts,
    Pane(Pane),
}

/// What is drawn somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(Tab),
    /// Rows of a list: the row at `y` (from `top`, `height` lines each) is
    /// item `offset + (y - top) / height`.
    Rows {
        list: ListId,
        top: u16,
        offset: usize,
        height: u16,
    },
    /// The rows of the pick list on top (an overlay or a builder choice):
    /// the row at `y` is item `start + (y - top)`.
    Pick {
        top: u16,
        start: usize,
    },
}

/// Where things were drawn in the last frame. Views record into it while
/// drawing (interior mutability: most views only borrow the app).
#[derive(Debug, Default)]
pub struct Hits(RefCell<Vec<(Rect, Hit)>>);

impl Hits {
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    pub fn add(&self, area: Rect, hit: Hit) {
        self.0.borrow_mut().push((area, hit));
    }

    /// What is at a cell: the last thing drawn there (overlays come last).
    pub fn at(&self, x: u16, y: u16) -> Option<Hit> {
        let hits = self.0.borrow();
        hits.iter()
            .rev()
            .find(|(r, _)| r.contains(Position { x, y }))
            .map(|(_, h)| *h)
    }
}

/// The last click, to recognise a second one on the same item.
#[derive(Debug, Clone, Copy)]
pub struct LastClick {
    at: Instant,
    item: (ListId, usize),
}

impl App {
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        if !self.prefs.mouse {
            return;
        }
        match ev.kind {
            MouseEventKind::ScrollDown => self.wheel(ev.column, ev.row, true),
            MouseEventKind::ScrollUp => self.wheel(ev.column, ev.row, false),
            MouseEventKind::Down(MouseButton::Left) => self.click(ev.column, ev.row),
            _ => {}
        }
    }

    /// The key bound to `action` in `ctx`, to replay through the keymap.
    fn key_of(&self, ctx: Context, action: Action) -> Option<KeyEvent> {
        let key = self
            .prefs
            .keys
            .binding_of(ctx, action)?
            .keys
            .first()
            .copied()?;
        Some(KeyEvent::new(key.code, key.mods))
    }

    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let action = if down { Action::Down } else { Action::Up };
        let builder_choice = self
            .orders
            .builder
            .as_ref()
            .is_some_and(|b| b.choice.is_some());
        if !self.overlays.is_empty() || (self.tab_context() == Context::Builder && builder_choice) {
            // Whatever is on top scrolls (details, help) or moves (lists).
            let ctx = self.key_context();
            let ctx = if builder_choice && self.overlays.is_empty() {
                Context::Picker
            } else {
                ctx
            };
            if let Some(key) = self.key_of(ctx, action) {
                for _ in 0..WHEEL_ROWS {
                    self.handle_key(key);
                }
            }
            return;
        }
        if let Some(Hit::Rows {
            list: ListId::LeadColumn(k),
            ..
        }) = self.hits.at(x, y)
        {
            self.leads.col = k;
        }
        if let Some(Hit::Rows {
            list: ListId::Pane(p),
            ..
        }) = self.hits.at(x, y)
        {
            if p != self.partners.pane {
                self.set_pane(p);
            }
        }
        for _ in 0..WHEEL_ROWS {
            self.act(action);
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let hit = self.hits.at(x, y);
        if let Some(Hit::Pick { top, start }) = hit {
            self.click_pick(start + y.saturating_sub(top) as usize);
            return;
        }
        // With something on top, only its own items answer a click.
        if !self.overlays.is_empty() || self.filter_bar.active {
            return;
        }
        match hit {
            Some(Hit::Tab(tab)) => self.switch_tab(tab),
            Some(Hit::Rows {
                list,
                top,
                offset,
                height,
            }) => {
                let index = offset + (y.saturating_sub(top) / height.max(1)) as usize;
                if y < top || !self.select_row(list, index) {
                    return;
                }
                let now = Instant::now();
                let again = self.last_click.is_some_and(|c| {
                    c.item == (list, index) && now.duration_since(c.at) <= DOUBLE_CLICK
                });
                if again {
                    self.last_click = None;
                    self.act(Action::Open);
                } else {
                    self.last_click = Some(LastClick {
                        at: now,
                        item: (list, index),
                    });
                }
            }
            _ => {}
        }
    }

    /// A click on a pick-list item: the cursor goes there, and it is chosen
    /// as Enter would choose it.
    fn click_pick(&mut self, index: usize) {
        let list_len = match self.overlays.last_mut() {
            Some(Overlay::Picker(p)) => Some((p.list.len(), p.list.context())),
            Some(Overlay::Palette(p)) => Some((p.list.len(), p.list.context())),
            _ => None,
        };
        let (len, ctx) = match list_len {
            Some(found) => found,
            None => match self.orders.builder.as_ref().and_then(|b| b.choice.as_ref()) {
                Some(c) => (c.list.len(), c.list.context()),
                None => return,
            },
        };
        if index >= len {
            return;
        }
        match self.overlays.last_mut() {
            Some(Overlay::Picker(p)) => p.list.cursor = index,
            Some(Overlay::Palette(p)) => p.list.cursor = index,
            _ => {
                if let Some(c) = self.orders.builder.as_mut().and_then(|b| b.choice.as_mut()) {
                    c.list.cursor = index;
                }
            }
        }
        if let Some(key) = self.key_of(ctx, Action::Choose) {
            self.handle_key(key);
        }
    }

    /// Selects row `index` of `list`; false when there is no such row.
    fn select_row(&mut self, list: ListId, index: usize) -> bool {
        match list {
            ListId::LeadColumn(k) => {
                let Some(col) = self.leads.columns.get(k) else {
                    return false;
                };
                self.leads.col = k;
                if index >= col.len() {
                    return false;
                }
                self.leads.cursors[k].selected = index;
            }
            ListId::LeadTable => {
                if index >= self.leads.visible_count() {
                    return false;
                }
                self.leads.table_cursor.selected = index;
            }
            ListId::Orders => {
                if index >= self.orders.list.len() {
                    return false;
                }
                self.orders.list.cursor.selected = index;
            }
            ListId::Contracts => {
                if index >= self.contracts.list.len() {
                    return false;
                }
                self.contracts.list.cursor.selected = index;
            }
            ListId::Pane(pane) => {
                if pane != self.partners.pane {
                    self.set_pane(pane);
                    if self.partners.pane != pane {
                        return false;
                    }
                }
                let len = match pane {
                    Pane::Distributors => self.partners.distributors.len(),
                    Pane::Partners => self.partners.partners.len(),
                    Pane::Users => self.partners.channel.users.len(),
                };
                if index >= len {
                    return false;
                }
                let rows = match pane {
                    Pane::Distributors => &mut self.partners.distributors.cursor,
                    Pane::Partners => &mut self.partners.partners.cursor,
                    Pane::Users => &mut self.partners.channel.users.cursor,
                };
                rows.selected = index;
                if pane != Pane::Users {
                    self.rebuild_channel_users();
                }
            }
        }
        true
    }
}
