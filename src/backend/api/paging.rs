//! Lists: the server's offset pages (at most 100 rows), and whole lists for
//! the filters the server lacks.

use super::server::Call;
use super::wire::Envelope;
use super::ApiBackend;
use crate::backend::pager::pages_until_short;
use crate::backend::{fetch_all, BackendResult, Page, PageRequest};
use serde::de::DeserializeOwned;

const MAX: u32 = PageRequest::MAX_SIZE;

impl ApiBackend {
    /// One server page: its rows and the total.
    async fn server_page<T: DeserializeOwned>(
        &self,
        list: &Call,
        page: u32,
        size: u32,
    ) -> BackendResult<(Vec<T>, u64)> {
        let call = list.clone().query("page", page).query("page_size", size);
        let env: Envelope<T> = self.call(call).await?;
        Ok((env.items, env.pagination.total_items))
    }

    /// The page the caller asked for. A page larger than the server's cap
    /// is stitched from 100-row pages covering the same rows.
    pub(super) async fn page<T: DeserializeOwned>(
        &self,
        list: Call,
        req: PageRequest,
    ) -> BackendResult<Page<T>> {
        let page = req.page.max(1);
        let size = req.page_size.max(1);
        if size <= MAX {
            let (items, total) = self.server_page(&list, page, size).await?;
            return Ok(Page {
                items,
                page,
                page_size: size,
                total_items: total,
            });
        }
        let offset = u64::from(page - 1) * u64::from(size);
        let first = offset / u64::from(MAX) + 1;
        let last = (offset + u64::from(size) - 1) / u64::from(MAX) + 1;
        let clamp = |p: u64| u32::try_from(p).unwrap_or(u32::MAX);
        // Stops at the first short server page: the rows after it do not exist.
        let list = &list;
        let pages = pages_until_short(clamp(first)..=clamp(last), MAX, 8, |p| async move {
            let (items, total_items) = self.server_page(list, p.page, MAX).await?;
            Ok(Page {
                items,
                page: p.page,
                page_size: MAX,
                total_items,
            })
        })
        .await?;
        let total = pages.first().map_or(0, |p| p.total_items);
        let items = pages
            .into_iter()
            .flat_map(|p| p.items)
            .skip((offset % u64::from(MAX)) as usize)
            .take(size as usize)
            .collect();
        Ok(Page {
            items,
            page,
            page_size: size,
            total_items: total,
        })
    }

    /// Every row of a list, 100 at a time, pages after the first fetched
    /// concurrently.
    pub(super) async fn all_rows<T: DeserializeOwned>(&self, list: Call) -> BackendResult<Vec<T>> {
        fetch_all(MAX, |p| self.page(list.clone(), p)).await
    }

    /// A page of a list filtered on the client. The server cannot filter by
    /// these fields, and filtering each server page alone would give wrong
    /// totals and short or empty pages; so the whole (server-filtered) list
    /// is read, filtered here, and cut into the page asked for. Lists are a
    /// few thousand rows at most; the server counts the whole table per page
    /// anyway.
    pub(super) async fn filtered_page<T>(
        &self,
        list: Call,
        req: PageRequest,
        filter: String,
        keep: impl Fn(&T) -> bool,
    ) -> BackendResult<Page<T>>
    where
        T: DeserializeOwned + Clone + Send + Sync + 'static,
    {
        // Every page of one filtered list shares one read of the whole list
        // (single flight, kept a few seconds): reading page 2 never reads
        // the list again, and pages asked at once wait for the same read.
        let key = format!("{} {filter}", list.what());
        let cell = self.filtered.cell(key);
        let kept = cell
            .get_or_try_init(|| async {
                let rows: Vec<T> = self.all_rows(list).await?;
                let kept: Vec<T> = rows.into_iter().filter(|r| keep(r)).collect();
                Ok::<_, crate::backend::BackendError>(
                    std::sync::Arc::new(kept) as std::sync::Arc<dyn std::any::Any + Send + Sync>
                )
            })
            .await?
            .clone()
            .downcast::<Vec<T>>()
            .map_err(|_| crate::backend::BackendError::Decode("filtered list cache".into()))?;
        let page = req.page.max(1);
        let size = req.page_size.max(1) as usize;
        let start = (page as usize - 1).saturating_mul(size);
        Ok(Page {
            items: kept.iter().skip(start).take(size).cloned().collect(),
            page,
            page_size: size as u32,
            total_items: kept.len() as u64,
        })
    }
}

/// Whole filtered lists being read or just read, so the pages of one list
/// cost one read. Entries live a few seconds: a later command or refresh
/// reads the server again.
#[derive(Default)]
pub struct FilteredReads {
    cells: std::sync::Mutex<std::collections::HashMap<String, (std::time::Instant, Cell)>>,
}

type Cell = std::sync::Arc<tokio::sync::OnceCell<std::sync::Arc<dyn std::any::Any + Send + Sync>>>;

/// How long a filtered read serves further pages.
const FRESH: std::time::Duration = std::time::Duration::from_secs(5);

impl FilteredReads {
    pub fn clear(&self) {
        self.cells.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    fn cell(&self, key: String) -> Cell {
        let mut cells = self.cells.lock().unwrap_or_else(|p| p.into_inner());
        let now = std::time::Instant::now();
        cells.retain(|_, (at, c)| now.duration_since(*at) < FRESH || !c.initialized());
        cells
            .entry(key)
            .or_insert_with(|| (now, Default::default()))
            .1
            .clone()
    }
}
