//! State of the Leads tab: every loaded lead, the filtered and sorted
//! columns of the board (indices only), and the selection.

use crate::app::list::Cursor;
use crate::domain::filter::{fold, TextFilter};
use crate::domain::*;
use rust_decimal::Decimal;
use std::cmp::Ordering;
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
    /// Folded search text per lead (title, organization, contact, email).
    hay: Vec<Box<str>>,
    pub loaded: bool,
    /// Why the first load failed (shown instead of "Loading…").
    pub load_error: Option<String>,
    pub filter: String,
    /// Which leads match `filter` (before "mine"); reused while the query only grows.
    matched: Vec<bool>,
    matched_for: String,
    /// Matches of shorter queries typed on the way to `matched_for`, so
    /// backspace restores them instead of checking every lead again.
    earlier: Vec<(String, Vec<bool>)>,
    /// Status and value per lead, compact: the column pass reads these
    /// instead of the large `Lead` records.
    facts: Vec<(LeadStatus, Option<i64>)>,
    /// The data changed since `matched` was computed.
    stale: bool,
    /// Every lead in the current sort order, kept up to date incrementally so
    /// a keystroke or a move never sorts.
    order: Vec<u32>,
    /// `rank[i]`: position of lead `i` in `order` (columns are sorted by it).
    rank: Vec<u32>,
    /// (id, index) sorted by id: finding a lead never scans `all`.
    by_id: Vec<(Id, u32)>,
    pub mine_only: bool,
    /// Only this partner's, or this owner's, leads.
    pub partner_scope: Option<Id>,
    pub owner_scope: Option<Id>,
    pub sort: LeadSort,
    pub view: LeadView,
    /// One list of indices into `all` per status, filtered and sorted.
    pub columns: Vec<Vec<u32>>,
    /// Column totals; `None` when a value is too large to add up.
    pub totals: Vec<Option<Decimal>>,
    pub col: usize,
    pub cursors: Vec<Cursor>,
    pub table_cursor: Cursor,
    pub marked: HashSet<Id>,
    /// Leads with a move on its way: the moves made since, waiting their
    /// turn (one write at a time per lead, in order).
    pub writing: std::collections::HashMap<Id, std::collections::VecDeque<QueuedMove>>,
}

impl Default for LeadsState {
    fn default() -> Self {
        let n = LeadStatus::ALL.len();
        LeadsState {
            all: Vec::new(),
            hay: Vec::new(),
            loaded: false,
            load_error: None,
            filter: String::new(),
            matched: Vec::new(),
            matched_for: String::new(),
            earlier: Vec::new(),
            facts: Vec::new(),
            stale: true,
            order: Vec::new(),
            rank: Vec::new(),
            by_id: Vec::new(),
            mine_only: false,
            partner_scope: None,
            owner_scope: None,
            sort: LeadSort::Updated,
            view: LeadView::Board,
            columns: vec![Vec::new(); n],
            totals: vec![Some(Decimal::ZERO); n],
            col: 0,
            cursors: vec![Cursor::default(); n],
            table_cursor: Cursor::default(),
            marked: HashSet::new(),
            writing: Default::default(),
        }
    }
}

fn haystack(l: &Lead) -> String {
    fold(&format!(
        "{} {} {} {}",
        l.title,
        l.organization,
        l.contact_name,
        l.contact_email.as_deref().unwrap_or("")
    ))
}

/// The board's order for a sort: biggest value, soonest close date (none
/// last), most recently updated; ties by id so the order is total.
fn compare(sort: LeadSort, a: &Lead, b: &Lead) -> Ordering {
    let primary = match sort {
        LeadSort::Value => b.value.cmp(&a.value),
        LeadSort::CloseDate => match (a.expected_close_date, b.expected_close_date) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        LeadSort::Updated => b.updated_at.cmp(&a.updated_at),
    };
    primary.then(a.id.cmp(&b.id))
}

/// A move waiting for the one before it (of the same lead) to answer.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedMove {
    pub from: LeadStatus,
    pub to: LeadStatus,
    pub reason: Option<String>,
}

/// A lead value in exact units of 1/10,000 for the column totals (no
/// value counts 0; `None`: too large to add up, the total says so).
fn ten_thousandths(v: Option<Decimal>) -> Option<i64> {
    v.map_or(Some(0), crate::domain::money::ten_thousandths)
}

impl LeadsState {
    fn hay_of(&self, i: usize) -> &str {
        &self.hay[i]
    }

    fn rebuild_hay(&mut self) {
        self.hay = self
            .all
            .iter()
            .map(|l| haystack(l).into_boxed_str())
            .collect();
        self.facts = self
            .all
            .iter()
            .map(|l| (l.status, ten_thousandths(l.value)))
            .collect();
    }

    fn resort(&mut self) {
        let (all, sort) = (&self.all, self.sort);
        let mut order: Vec<u32> = (0..all.len() as u32).collect();
        order.sort_unstable_by(|a, b| compare(sort, &all[*a as usize], &all[*b as usize]));
        self.order = order;
        self.rerank();
    }

    fn rerank(&mut self) {
        self.rank.resize(self.all.len(), 0);
        for (pos, &i) in self.order.iter().enumerate() {
            self.rank[i as usize] = pos as u32;
        }
    }

    fn reindex(&mut self) {
        self.by_id = self
            .all
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id, i as u32))
            .collect();
        self.by_id.sort_unstable_by_key(|(id, _)| *id);
    }

    /// A lead's title by id (for orders that came from a lead).
    pub fn title_of(&self, id: Id) -> Option<&str> {
        self.index_of(id).map(|i| self.all[i].title.as_str())
    }

    fn index_of(&self, id: Id) -> Option<usize> {
        self.by_id
            .binary_search_by_key(&id, |(x, _)| *x)
            .ok()
            .map(|p| self.by_id[p].1 as usize)
    }

    /// Where lead `i` sits (or would sit) in its column.
    fn column_pos(&self, k: usize, i: usize) -> Result<usize, usize> {
        let r = self.rank[i];
        self.columns[k].binary_search_by_key(&r, |x| self.rank[*x as usize])
    }

    fn visible_now(&self, i: usize, me: Option<Id>) -> bool {
        self.matched.get(i).copied().unwrap_or(false) && self.in_scope(i, me)
    }

    /// "Mine", partner and owner filters (read the big record only when one is on).
    fn in_scope(&self, i: usize, me: Option<Id>) -> bool {
        if !self.mine_only && self.partner_scope.is_none() && self.owner_scope.is_none() {
            return true;
        }
        let l = &self.all[i];
        (!self.mine_only || Some(l.owner_id) == me)
            && self.partner_scope.is_none_or(|p| l.partner_id == Some(p))
            && self.owner_scope.is_none_or(|o| l.owner_id == o)
    }

    pub fn set_scope(&mut self, partner: Option<Id>, owner: Option<Id>, me: Option<Id>) {
        self.partner_scope = partner;
        self.owner_scope = owner;
        self.rebuild(me);
        if self.columns[self.col].is_empty() {
            if let Some(k) = self.columns.iter().position(|c| !c.is_empty()) {
                self.col = k;
            }
        }
    }

    /// Replaces the data, keeping the selection on the same lead if it is still there.
    pub fn set_leads(&mut self, leads: Vec<Lead>, me: Option<Id>) {
        let keep = self.selected().map(|l| l.id);
        self.all = leads;
        self.rebuild_hay();
        self.reindex();
        self.resort();
        self.loaded = true;
        self.load_error = None;
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

    pub fn set_sort(&mut self, sort: LeadSort, me: Option<Id>) {
        self.sort = sort;
        self.resort();
        self.rebuild(me);
    }

    fn refresh_matches(&mut self) {
        let query = fold(self.filter.trim());
        let query = query.trim().to_string();
        let f = TextFilter::new(&query);
        // A query that only grows can only narrow: re-check current matches only.
        let narrowing =
            !self.stale && !self.matched_for.is_empty() && query.starts_with(&self.matched_for);
        if !narrowing || self.matched.len() != self.all.len() {
            self.matched = vec![true; self.all.len()];
        }
        if !f.is_empty() {
            for i in 0..self.all.len() {
                if self.matched[i] {
                    self.matched[i] = f.matches_folded(self.hay_of(i));
                }
            }
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
        if self.stale || self.matched_for != fold(self.filter.trim()).trim() {
            self.refresh_matches();
        }
        for c in &mut self.columns {
            c.clear();
        }
        // Sums in exact fixed point (1/10,000): integer adds in the hot loop.
        let mut sums = [Some(0i128); 7];
        for &i in &self.order {
            let i_ = i as usize;
            if !self.matched[i_] || !self.in_scope(i_, me) {
                continue;
            }
            let (status, value) = self.facts[i_];
            let k = status.index();
            self.columns[k].push(i);
            sums[k] = sums[k]
                .zip(value)
                .and_then(|(s, v)| s.checked_add(v as i128));
        }
        for (t, sum) in self.totals.iter_mut().zip(sums) {
            *t = sum
                .and_then(crate::domain::money::from_ten_thousandths)
                .map(|d| d.normalize());
        }
        for (k, col) in self.columns.iter().enumerate() {
            self.cursors[k].clamp(col.len());
        }
        let count = self.visible_count();
        self.table_cursor.clamp(count);
    }

    pub fn visible_count(&self) -> usize {
        self.columns.iter().map(Vec::len).sum()
    }

    /// Rows of the table view: column by column.
    pub fn table_index(&self, row: usize) -> Option<usize> {
        let mut row = row;
        for col in &self.columns {
            if row < col.len() {
                return Some(col[row] as usize);
            }
            row -= col.len();
        }
        None
    }

    pub fn selected_index(&self) -> Option<usize> {
        match self.view {
            LeadView::Board => self.columns[self.col]
                .get(self.cursors[self.col].selected)
                .map(|i| *i as usize),
            LeadView::Table => self.table_index(self.table_cursor.selected),
        }
    }

    pub fn selected(&self) -> Option<&Lead> {
        self.selected_index().map(|i| &self.all[i])
    }

    /// Puts the selection on lead `id` (board: its column; table: its row).
    pub fn select_id(&mut self, id: Id) {
        let Some(i) = self.index_of(id) else { return };
        let k = self.all[i].status.index();
        let Ok(pos) = self.column_pos(k, i) else {
            return;
        };
        if self.view == LeadView::Board {
            self.col = k;
            self.cursors[k].selected = pos;
        } else {
            let before: usize = self.columns[..k].iter().map(Vec::len).sum();
            self.table_cursor.selected = before + pos;
        }
    }

    /// Sets a lead's status locally (optimistic move or revert); returns the old one.
    pub fn set_status(&mut self, id: Id, status: LeadStatus, me: Option<Id>) -> Option<LeadStatus> {
        let i = self.index_of(id)?;
        let old = self.all[i].status;
        if old == status {
            return Some(old);
        }
        let keep = self.selected().map(|l| l.id);
        self.all[i].status = status;
        self.facts[i].0 = status;
        // Status is not a sort key: move the card between two columns in place.
        if self.visible_now(i, me) {
            let (from, to) = (old.index(), status.index());
            if let Ok(pos) = self.column_pos(from, i) {
                self.columns[from].remove(pos);
            }
            if let Err(pos) = self.column_pos(to, i) {
                self.columns[to].insert(pos, i as u32);
            }
            if let Some(v) = self.all[i].value {
                self.totals[from] = self.totals[from].and_then(|t| t.checked_sub(v));
                self.totals[to] = self.totals[to].and_then(|t| t.checked_add(v));
            }
            self.cursors[from].clamp(self.columns[from].len());
        }
        if let Some(keep) = keep {
            self.select_id(keep);
        }
        Some(old)
    }

    /// Replaces one lead with the backend's version (or adds it), moving it
    /// to its place in the sort order without re-sorting everything.
    pub fn upsert(&mut self, lead: Lead, me: Option<Id>) {
        let keep = self.selected().map(|l| l.id);
        let text = haystack(&lead).into_boxed_str();
        let i = match self.index_of(lead.id) {
            Some(i) => {
                self.hay[i] = text;
                self.facts[i] = (lead.status, ten_thousandths(lead.value));
                self.all[i] = lead;
                self.order.remove(self.rank[i] as usize);
                i
            }
            None => {
                let id = lead.id;
                self.hay.push(text);
                self.facts.push((lead.status, ten_thousandths(lead.value)));
                self.matched.push(true);
                for (_, m) in &mut self.earlier {
                    m.push(true);
                }
                self.all.push(lead);
                let i = self.all.len() - 1;
                let p = self.by_id.partition_point(|(x, _)| *x < id);
                self.by_id.insert(p, (id, i as u32));
                i
            }
        };
        let (all, sort) = (&self.all, self.sort);
        let pos = self
            .order
            .partition_point(|x| compare(sort, &all[*x as usize], &all[i]) == Ordering::Less);
        self.order.insert(pos, i as u32);
        self.rerank();
        // Only this lead's text changed: re-match it alone, in every cached result.
        if !self.stale && self.matched.len() == self.all.len() {
            self.matched[i] = TextFilter::new(&self.matched_for).matches_folded(&self.hay[i]);
            for (q, m) in &mut self.earlier {
                m[i] = TextFilter::new(q).matches_folded(&self.hay[i]);
            }
        } else {
            self.stale = true;
        }
        self.recompute(me);
        if let Some(id) = keep {
            self.select_id(id);
        }
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod state_tests;
