//! List pages: keyset pagination when the previous page of the same read is
//! known, OFFSET otherwise; one count per read, not per page.
//!
//! A "read" starts at page 1. It remembers the total and the last row of
//! each page, so page n+1 continues after page n with
//! `created_at < $c OR (created_at = $c AND id > $i)` on the index instead
//! of skipping n pages of rows. A write through this backend, a new page-1
//! read or age ends it.

use super::error::R;
use super::sql::Sql;
use crate::backend::{Page, PageRequest};
use crate::domain::{Id, Timestamp};
use deadpool_postgres::GenericClient;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

/// The last row of a page, in `created_at DESC, id` order.
pub type Cursor = (Timestamp, Id);

/// How long a count is trusted for later pages of the same read.
const COUNT_TTL: Duration = Duration::from_secs(30);
const MAX_READS: usize = 128;

struct Read {
    generation: u64,
    page_size: u32,
    total: u64,
    counted_at: Instant,
    /// Page number → its last row.
    cursors: HashMap<u32, Cursor>,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    reads: HashMap<String, Read>,
}

#[derive(Default)]
pub struct ListCache {
    inner: Mutex<Inner>,
}

/// What a page read can reuse.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    pub total: Option<u64>,
    pub after: Option<Cursor>,
}

impl ListCache {
    /// Forgets every read (after a write: totals and page edges moved).
    pub fn invalidate(&self) {
        if let Ok(mut i) = self.inner.lock() {
            i.generation += 1;
            i.reads.clear();
        }
    }

    pub fn plan(&self, key: &str, page: PageRequest) -> Plan {
        let Ok(i) = self.inner.lock() else {
            return Plan::default();
        };
        if page.page <= 1 {
            return Plan::default();
        }
        match i.reads.get(key) {
            Some(r)
                if r.generation == i.generation
                    && r.page_size == page.page_size
                    && r.counted_at.elapsed() < COUNT_TTL =>
            {
                Plan {
                    total: Some(r.total),
                    after: r.cursors.get(&(page.page - 1)).copied(),
                }
            }
            _ => Plan::default(),
        }
    }

    /// Remembers a page just read. Page 1 starts a new read.
    pub fn record(&self, key: &str, page: PageRequest, total: u64, last: Option<Cursor>) {
        let Ok(mut i) = self.inner.lock() else { return };
        let generation = i.generation;
        if page.page <= 1 {
            if i.reads.len() >= MAX_READS {
                i.reads.clear();
            }
            let mut cursors = HashMap::new();
            if let Some(c) = last {
                cursors.insert(1, c);
            }
            i.reads.insert(
                key.to_string(),
                Read {
                    generation,
                    page_size: page.page_size,
                    total,
                    counted_at: Instant::now(),
                    cursors,
                },
            );
            return;
        }
        if let Some(r) = i.reads.get_mut(key) {
            if r.generation == generation && r.page_size == page.page_size {
                if let Some(c) = last {
                    r.cursors.insert(page.page, c);
                }
            }
        }
    }
}

/// How a list is ordered.
#[derive(Clone, Copy)]
pub enum Order {
    /// Newest first, keyset-capable: `<alias>.created_at DESC, <alias>.id`.
    Newest(&'static str),
    /// A fixed ORDER BY, paged with OFFSET (short lists).
    By(&'static str),
}

pub struct ListSpec {
    /// The query's identity: list name, filters and the actor's scope.
    pub key: String,
    /// `SELECT <columns> FROM <tables>`
    pub select: String,
    /// `SELECT count(*) FROM <tables>`
    pub count: String,
    pub order: Order,
}

/// The page query: `filter()` gives `WHERE …` with its parameters bound.
pub fn page_sql(
    spec: &ListSpec,
    filter: &(dyn Fn() -> Sql + Sync),
    page: PageRequest,
    after: Option<Cursor>,
) -> Sql {
    let mut q = filter();
    q.text = format!("{} {}", spec.select, q.text);
    match spec.order {
        Order::Newest(a) => {
            if let Some((at, id)) = after {
                let (c, i) = (q.bind(at), q.bind(id));
                q.and(&format!(
                    "({a}.created_at < {c} OR ({a}.created_at = {c} AND {a}.id > {i}))"
                ));
            }
            q.push(&format!(" ORDER BY {a}.created_at DESC, {a}.id"));
        }
        Order::By(order) => {
            q.push(&format!(" ORDER BY {order}"));
        }
    }
    let limit = q.bind(i64::from(page.page_size));
    q.push(&format!(" LIMIT {limit}"));
    if after.is_none() && page.offset() > 0 {
        let offset = q.bind(page.offset() as i64);
        q.push(&format!(" OFFSET {offset}"));
    }
    q
}

/// Runs one statement through the connection's statement cache.
pub async fn rows<C: GenericClient>(c: &C, q: &Sql) -> R<Vec<Row>> {
    let st = c.prepare_cached(&q.text).await?;
    Ok(c.query(&st, &q.params()).await?)
}

/// Runs a fixed statement through the connection's statement cache.
pub async fn query<C: GenericClient>(
    c: &C,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> R<Vec<Row>> {
    let st = c.prepare_cached(sql).await?;
    Ok(c.query(&st, params).await?)
}

/// Reads one page and its total (counted on page 1, pipelined with the
/// page query on the same connection, so one round trip).
pub async fn read_page<T, C: GenericClient>(
    c: &C,
    cache: &ListCache,
    spec: ListSpec,
    filter: &(dyn Fn() -> Sql + Sync),
    page: PageRequest,
    map: impl Fn(&Row) -> R<T>,
    cursor_of: impl Fn(&T) -> Option<Cursor>,
) -> R<Page<T>> {
    let plan = match spec.order {
        Order::Newest(_) => cache.plan(&spec.key, page),
        Order::By(_) => Plan {
            after: None,
            ..cache.plan(&spec.key, page)
        },
    };
    let q = page_sql(&spec, filter, page, plan.after);
    let (page_rows, total) = match plan.total {
        Some(total) => (rows(c, &q).await?, total),
        None => {
            let mut count = filter();
            count.text = format!("{} {}", spec.count, count.text);
            let (page_rows, counted) = tokio::try_join!(rows(c, &q), rows(c, &count))?;
            let n: i64 = counted.first().map(|r| r.get(0)).unwrap_or(0);
            (page_rows, n.max(0) as u64)
        }
    };
    let items: Vec<T> = page_rows.iter().map(&map).collect::<R<_>>()?;
    let last = items.last().and_then(&cursor_of);
    cache.record(&spec.key, page, total, last);
    Ok(Page {
        items,
        page: page.page,
        page_size: page.page_size,
        total_items: total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use uuid::Uuid;

    fn req(page: u32) -> PageRequest {
        PageRequest {
            page,
            page_size: 10,
        }
    }

    #[test]
    fn later_pages_reuse_the_count_and_the_edge() {
        let cache = ListCache::default();
        let edge = (Utc::now(), Uuid::new_v4());
        assert_eq!(cache.plan("k", req(2)), Plan::default(), "no read yet");
        cache.record("k", req(1), 42, Some(edge));
        let p = cache.plan("k", req(2));
        assert_eq!((p.total, p.after), (Some(42), Some(edge)));
        // Page 3 before page 2 has been read: count known, no edge.
        assert_eq!(cache.plan("k", req(3)).after, None);
        // Another page size is another read.
        let other = PageRequest {
            page: 2,
            page_size: 5,
        };
        assert_eq!(cache.plan("k", other), Plan::default());
        // A write ends every read.
        cache.invalidate();
        assert_eq!(cache.plan("k", req(2)), Plan::default());
    }

    #[test]
    fn keyset_replaces_offset() {
        let spec = ListSpec {
            key: "k".into(),
            select: "SELECT l.id FROM leads l".into(),
            count: "SELECT count(*) FROM leads l".into(),
            order: Order::Newest("l"),
        };
        let filter = || Sql::new("WHERE TRUE");
        let q = page_sql(&spec, &filter, req(3), None);
        assert!(q
            .text
            .ends_with("ORDER BY l.created_at DESC, l.id LIMIT $1 OFFSET $2"));
        let q = page_sql(&spec, &filter, req(3), Some((Utc::now(), Uuid::nil())));
        assert!(q
            .text
            .contains("l.created_at < $1 OR (l.created_at = $1 AND l.id > $2)"));
        assert!(q.text.ends_with("LIMIT $3"), "{}", q.text);
    }
}
