//! A filtered, sorted list of records (orders, contracts, companies) with a
//! cursor. The search text is folded once per load and the sort order is
//! cached per sort key, so a keystroke or a view switch never sorts again.

use super::list::Cursor;
use crate::domain::filter::{fold, TextFilter};
use std::collections::HashMap;

pub struct RecordList<T> {
    pub all: Vec<T>,
    hay: Vec<Box<str>>,
    /// `all` in each sort order used so far (key: the sort's number).
    orders: HashMap<usize, Vec<u32>>,
    pub visible: Vec<usize>,
    pub cursor: Cursor,
    pub filter: String,
    pub loaded: bool,
    pub error: Option<String>,
}

impl<T> Default for RecordList<T> {
    fn default() -> Self {
        RecordList {
            all: Vec::new(),
            hay: Vec::new(),
            orders: HashMap::new(),
            visible: Vec::new(),
            cursor: Cursor::default(),
            filter: String::new(),
            loaded: false,
            error: None,
        }
    }
}

impl<T> RecordList<T> {
    pub fn set(&mut self, items: Vec<T>, hay: impl Fn(&T) -> String) {
        self.hay = items
            .iter()
            .map(|t| fold(&hay(t)).into_boxed_str())
            .collect();
        self.all = items;
        self.orders.clear();
        self.loaded = true;
        self.error = None;
    }

    /// Recomputes `visible` from the text filter, a predicate and the order
    /// of `sort_key` (cached under `sort_id`), keeping the selection on the
    /// same record (`key`) when it survives.
    pub fn rebuild<S: Ord, K: PartialEq>(
        &mut self,
        keep: impl Fn(&T) -> bool,
        sort_id: usize,
        sort_key: impl Fn(&T) -> S,
        key: impl Fn(&T) -> K,
    ) {
        let selected = self.selected().map(&key);
        let all = &self.all;
        let order = self.orders.entry(sort_id).or_insert_with(|| {
            // Keys are extracted once, in memory order, then sorted compactly.
            let mut order: Vec<u32> = (0..all.len() as u32).collect();
            order.sort_by_cached_key(|i| sort_key(&all[*i as usize]));
            order
        });
        let f = TextFilter::new(&self.filter);
        self.visible = order
            .iter()
            .map(|i| *i as usize)
            .filter(|&i| keep(&self.all[i]) && f.matches_folded(&self.hay[i]))
            .collect();
        match selected.and_then(|k| self.visible.iter().position(|i| key(&self.all[*i]) == k)) {
            Some(pos) => self.cursor.selected = pos,
            None => self.cursor.clamp(self.visible.len()),
        }
    }

    /// Whether the order for `sort_id` is already cached.
    pub fn has_order(&self, sort_id: usize) -> bool {
        self.orders.contains_key(&sort_id)
    }

    pub fn selected(&self) -> Option<&T> {
        // Between `set` and `rebuild` indices may point past a shorter list.
        self.visible
            .get(self.cursor.selected)
            .and_then(|i| self.all.get(*i))
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }
}
