//! A filtered, sorted list of records (orders, contracts, companies, users)
//! with a cursor. Views build rows only for the visible window.

use super::list::Cursor;
use crate::domain::filter::TextFilter;
use std::cmp::Ordering;

pub struct RecordList<T> {
    pub all: Vec<T>,
    hay: Vec<String>,
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
        self.hay = items.iter().map(hay).collect();
        self.all = items;
        self.loaded = true;
        self.error = None;
    }

    /// Recomputes `visible` from the text filter, a predicate and an order,
    /// keeping the selection on the same record (`key`) when it survives.
    pub fn rebuild<K: PartialEq>(
        &mut self,
        keep: impl Fn(&T) -> bool,
        cmp: impl Fn(&T, &T) -> Ordering,
        key: impl Fn(&T) -> K,
    ) {
        let selected = self.selected().map(&key);
        let mut f = TextFilter::new(&self.filter);
        let mut visible: Vec<usize> = (0..self.all.len())
            .filter(|&i| keep(&self.all[i]) && f.matches(&self.hay[i]))
            .collect();
        visible.sort_by(|a, b| cmp(&self.all[*a], &self.all[*b]));
        self.visible = visible;
        match selected.and_then(|k| self.visible.iter().position(|i| key(&self.all[*i]) == k)) {
            Some(pos) => self.cursor.selected = pos,
            None => self.cursor.clamp(self.visible.len()),
        }
    }

    pub fn selected(&self) -> Option<&T> {
        self.visible
            .get(self.cursor.selected)
            .map(|i| &self.all[*i])
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }
}
