//! State of the Leads tab: every loaded lead, the filtered and sorted
//! columns of the board (indices only), and the selection.

use super::list::Cursor;
use crate::domain::filter::TextFilter;
use crate::domain::*;
use rust_decimal::Decimal;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadSort {
    Value,
    CloseDate,
    Updated,
}

impl LeadSort {
    pub fn next(self) -> Self {
        match self {
            LeadSort::Value => LeadSort::CloseDate,
            LeadSort::CloseDate => LeadSort::Updated,
            LeadSort::Updated => LeadSort::Value,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            LeadSort::Value => "value",
            LeadSort::CloseDate => "close date",
            LeadSort::Updated => "updated",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadView {
    Board,
    Table,
}

pub struct LeadsState {
    pub all: Vec<Lead>,
    /// Lowercased search text per lead (title, organization, contact, email).
    hay: Vec<String>,
    pub loaded: bool,
    pub filter: String,
    /// Leads matching `filter` (before mine/sort), reused while the query only grows.
    matched: Vec<usize>,
    matched_for: String,
    /// The data changed since `matched` was computed.
    stale: bool,
    pub mine_only: bool,
    pub sort: LeadSort,
    pub view: LeadView,
    /// One list of indices into `all` per status, filtered and sorted.
    pub columns: Vec<Vec<usize>>,
    pub totals: Vec<Decimal>,
    pub col: usize,
    pub cursors: Vec<Cursor>,
    pub table_cursor: Cursor,
    pub marked: HashSet<Id>,
}

impl Default for LeadsState {
    fn default() -> Self {
        let n = LeadStatus::ALL.len();
        LeadsState {
            all: Vec::new(),
            hay: Vec::new(),
            loaded: false,
            filter: String::new(),
            matched: Vec::new(),
            matched_for: String::new(),
            stale: true,
            mine_only: false,
            sort: LeadSort::Updated,
            view: LeadView::Board,
            columns: vec![Vec::new(); n],
            totals: vec![Decimal::ZERO; n],
            col: 0,
            cursors: vec![Cursor::default(); n],
            table_cursor: Cursor::default(),
            marked: HashSet::new(),
        }
    }
}

fn haystack(l: &Lead) -> String {
    format!(
        "{} {} {} {}",
        l.title,
        l.organization,
        l.contact_name,
        l.contact_email.as_deref().unwrap_or("")
    )
}

impl LeadsState {
    /// Replaces the data, keeping the selection on the same lead if it is still there.
    pub fn set_leads(&mut self, leads: Vec<Lead>, me: Option<Id>) {
        let keep = self.selected().map(|l| l.id);
        self.hay = leads.iter().map(haystack).collect();
        self.all = leads;
        self.loaded = true;
        self.stale = true;
        self.recompute(me);
        if let Some(id) = keep {
            self.select_id(id);
        }
    }

    pub fn set_filter(&mut self, filter: &str, me: Option<Id>) {
        let keep = self.selected().map(|l| l.id);
        self.filter = filter.to_string();
        self.recompute(me);
        if let Some(id) = keep {
            self.select_id(id);
        }
        // Don't leave the user looking at an empty column while matches exist.
        if self.columns[self.col].is_empty() {
            if let Some(k) = self.columns.iter().position(|c| !c.is_empty()) {
                self.col = k;
            }
        }
    }

    fn refresh_matches(&mut self) {
        let query = self.filter.trim().to_string();
        // A query that only grows can only narrow a fuzzy match: filter the
        // previous matches instead of every lead.
        let base: Vec<usize> = if !self.stale
            && !self.matched_for.is_empty()
            && query.starts_with(&self.matched_for)
        {
            std::mem::take(&mut self.matched)
        } else {
            (0..self.all.len()).collect()
        };
        if query.is_empty() {
            self.matched = (0..self.all.len()).collect();
        } else {
            let mut f = TextFilter::new(&query);
            self.matched = base
                .into_iter()
                .filter(|&i| f.matches(&self.hay[i]))
                .collect();
        }
        self.matched_for = query;
        self.stale = false;
    }

    /// Recomputes the columns from the filter, "mine" and the sort, keeping
    /// the selection on the same lead (following it to another column).
    pub fn rebuild(&mut self, me: Option<Id>) {
        let keep = self.selected().map(|l| l.id);
        self.recompute(me);
        if let Some(id) = keep {
            self.select_id(id);
        }
    }

    fn recompute(&mut self, me: Option<Id>) {
        if self.stale || self.matched_for != self.filter.trim() {
            self.refresh_matches();
        }
        for c in &mut self.columns {
            c.clear();
        }
        for &i in &self.matched {
            let l = &self.all[i];
            if self.mine_only && Some(l.owner_id) != me {
                continue;
            }
            self.columns[l.status.index()].push(i);
        }
        let all = &self.all;
        for (k, col) in self.columns.iter_mut().enumerate() {
            match self.sort {
                LeadSort::Value => col.sort_by(|a, b| all[*b].value.cmp(&all[*a].value)),
                LeadSort::CloseDate => col.sort_by(|a, b| {
                    let (x, y) = (all[*a].expected_close_date, all[*b].expected_close_date);
                    match (x, y) {
                        (Some(x), Some(y)) => x.cmp(&y),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                }),
                LeadSort::Updated => {
                    col.sort_by(|a, b| all[*b].updated_at.cmp(&all[*a].updated_at))
                }
            }
            self.totals[k] = col.iter().filter_map(|i| all[*i].value).sum();
            self.cursors[k].clamp(col.len());
        }
        self.table_cursor.clamp(self.visible_count());
    }

    pub fn visible_count(&self) -> usize {
        self.columns.iter().map(Vec::len).sum()
    }

    /// Rows of the table view: column by column.
    pub fn table_index(&self, row: usize) -> Option<usize> {
        let mut row = row;
        for col in &self.columns {
            if row < col.len() {
                return Some(col[row]);
            }
            row -= col.len();
        }
        None
    }

    pub fn selected_index(&self) -> Option<usize> {
        match self.view {
            LeadView::Board => self.columns[self.col]
                .get(self.cursors[self.col].selected)
                .copied(),
            LeadView::Table => self.table_index(self.table_cursor.selected),
        }
    }

    pub fn selected(&self) -> Option<&Lead> {
        self.selected_index().map(|i| &self.all[i])
    }

    /// Puts the selection on lead `id` (board: its column; table: its row).
    pub fn select_id(&mut self, id: Id) {
        let mut row = 0;
        for (k, col) in self.columns.iter().enumerate() {
            if let Some(pos) = col.iter().position(|i| self.all[*i].id == id) {
                if self.view == LeadView::Board {
                    self.col = k;
                    self.cursors[k].selected = pos;
                } else {
                    self.table_cursor.selected = row + pos;
                }
                return;
            }
            row += col.len();
        }
    }

    /// Sets a lead's status locally (optimistic move or revert); returns the old one.
    pub fn set_status(&mut self, id: Id, status: LeadStatus, me: Option<Id>) -> Option<LeadStatus> {
        let lead = self.all.iter_mut().find(|l| l.id == id)?;
        let old = lead.status;
        lead.status = status;
        self.rebuild(me);
        Some(old)
    }

    /// Replaces one lead with the backend's version (or adds it).
    pub fn upsert(&mut self, lead: Lead, me: Option<Id>) {
        let keep = self.selected().map(|l| l.id);
        match self.all.iter().position(|l| l.id == lead.id) {
            Some(i) => {
                self.hay[i] = haystack(&lead);
                self.all[i] = lead;
            }
            None => {
                self.hay.push(haystack(&lead));
                self.all.push(lead);
            }
        }
        // The new text may or may not match: recompute matches from scratch.
        self.stale = true;
        self.recompute(me);
        if let Some(id) = keep {
            self.select_id(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::demo::seed::{seed, SeedSize};
    use chrono::TimeZone;

    fn state() -> LeadsState {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        let mut s = LeadsState::default();
        s.set_leads(seed(now, SeedSize::default()).leads, None);
        s
    }

    #[test]
    fn columns_hold_every_lead_by_status() {
        let s = state();
        assert_eq!(s.visible_count(), 300);
        for (k, col) in s.columns.iter().enumerate() {
            assert!(col.iter().all(|i| s.all[*i].status.index() == k));
        }
    }

    #[test]
    fn filter_narrows_and_widens() {
        let mut s = state();
        s.set_filter("acme", None);
        let n = s.visible_count();
        assert!(n > 0 && n < 300);
        for col in &s.columns {
            for i in col {
                assert!(s.hay[*i].to_lowercase().contains('a'));
            }
        }
        s.set_filter("acme ind", None);
        assert!(s.visible_count() <= n);
        s.set_filter("", None);
        assert_eq!(s.visible_count(), 300);
    }

    #[test]
    fn selection_survives_a_resort_after_the_backend_confirms() {
        let mut s = state();
        s.col = 1;
        s.cursors[1].selected = 3;
        let mut lead = s.selected().unwrap().clone();
        lead.updated_at += chrono::Duration::days(400); // now the newest: sorts first
        s.upsert(lead.clone(), None);
        assert_eq!(s.selected().unwrap().id, lead.id);
        assert_eq!(s.cursors[1].selected, 0);
    }

    #[test]
    fn optimistic_move_and_revert_keep_the_lead() {
        let mut s = state();
        let id = s.selected().unwrap().id;
        let old = s.set_status(id, LeadStatus::Won, None).unwrap();
        assert_eq!(
            s.all.iter().find(|l| l.id == id).unwrap().status,
            LeadStatus::Won
        );
        s.set_status(id, old, None);
        assert_eq!(s.all.iter().find(|l| l.id == id).unwrap().status, old);
    }
}
