//! Reading a whole list page by page. A server's `total_items` is a claim,
//! not a promise: reading stops at the first empty or short page, and never
//! goes past the pages the first answer's total allowed, so a server that
//! reports 10^12 rows and sends empty pages costs one round of requests.

use super::{BackendResult, Page, PageRequest};
use futures::stream::{self, StreamExt};
use std::future::Future;
use std::ops::RangeInclusive;

/// Reads every page of a list, the first one first, the rest concurrently
/// (the server counts the whole table on each page; it has a pool of 10+20).
pub async fn fetch_all<T, F, Fut>(first_size: u32, fetch: F) -> BackendResult<Vec<T>>
where
    F: Fn(PageRequest) -> Fut,
    Fut: Future<Output = BackendResult<Page<T>>>,
{
    fetch_all_with(first_size, 8, fetch).await
}

/// [`fetch_all`] with `concurrency` pages in flight (see `Backend::page_concurrency`).
pub async fn fetch_all_with<T, F, Fut>(
    first_size: u32,
    concurrency: usize,
    fetch: F,
) -> BackendResult<Vec<T>>
where
    F: Fn(PageRequest) -> Fut,
    Fut: Future<Output = BackendResult<Page<T>>>,
{
    let size = first_size.max(1);
    let first = fetch(PageRequest::first(size)).await?;
    let allowed = pages_for(first.total_items, size);
    let short = is_short(&first, size);
    let mut items = first.items;
    if short || allowed < 2 {
        return Ok(items);
    }
    for page in pages_until_short(2..=allowed, size, concurrency, fetch).await? {
        items.extend(page.items);
    }
    Ok(items)
}

/// Reads `pages` in order, `concurrency` at a time, and stops after the
/// first one with fewer than `size` rows: the list has ended, whatever its
/// total said. Requests still in flight then are dropped.
pub(crate) async fn pages_until_short<T, F, Fut>(
    pages: RangeInclusive<u32>,
    size: u32,
    concurrency: usize,
    fetch: F,
) -> BackendResult<Vec<Page<T>>>
where
    F: Fn(PageRequest) -> Fut,
    Fut: Future<Output = BackendResult<Page<T>>>,
{
    let mut answers = stream::iter(pages)
        .map(|page| {
            fetch(PageRequest {
                page,
                page_size: size,
            })
        })
        .buffered(concurrency.max(1));
    let mut read = Vec::new();
    while let Some(page) = answers.next().await {
        let page = page?;
        let short = is_short(&page, size);
        read.push(page);
        if short {
            break;
        }
    }
    Ok(read)
}

fn is_short<T>(page: &Page<T>, size: u32) -> bool {
    page.items.len() < size as usize
}

/// How many pages of `size` rows `total` rows make: at least 1, at most
/// `u32::MAX` (never truncated into a small wrong number).
pub(crate) fn pages_for(total: u64, size: u32) -> u32 {
    let pages = total.div_ceil(u64::from(size.max(1))).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::BackendError;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// A server whose page `p` holds `rows(p)` rows (numbered by position)
    /// and claims `total` rows; counts the requests it gets.
    struct Fake<R: Fn(u32) -> usize> {
        total: u64,
        rows: R,
        calls: AtomicUsize,
    }

    impl<R: Fn(u32) -> usize> Fake<R> {
        async fn page(&self, req: PageRequest) -> BackendResult<Page<u64>> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let start = u64::from(req.page - 1) * u64::from(req.page_size);
            let n = (self.rows)(req.page) as u64;
            Ok(Page {
                items: (start..start + n).collect(),
                page: req.page,
                page_size: req.page_size,
                total_items: self.total,
            })
        }
        fn calls(&self) -> usize {
            self.calls.load(Ordering::SeqCst)
        }
    }

    fn fake<R: Fn(u32) -> usize>(total: u64, rows: R) -> Fake<R> {
        Fake {
            total,
            rows,
            calls: AtomicUsize::new(0),
        }
    }

    /// Fails the test rather than hanging when paging does not stop.
    async fn read_all<R: Fn(u32) -> usize>(f: &Fake<R>, size: u32, conc: usize) -> Vec<u64> {
        tokio::time::timeout(
            Duration::from_secs(10),
            fetch_all_with(size, conc, |p| f.page(p)),
        )
        .await
        .expect("paging stopped")
        .expect("pages read")
    }

    #[tokio::test]
    async fn a_huge_total_with_empty_pages_stops_at_the_first_empty_one() {
        let f = fake(1_000_000_000_000, |p| if p == 1 { 100 } else { 0 });
        assert_eq!(read_all(&f, 100, 8).await, (0..100).collect::<Vec<_>>());
        assert!(f.calls() <= 1 + 8, "{} requests", f.calls());
    }

    #[tokio::test]
    async fn an_empty_first_page_ends_the_list_whatever_the_total() {
        let f = fake(1_000_000_000_000, |_| 0);
        assert!(read_all(&f, 100, 8).await.is_empty());
        assert_eq!(f.calls(), 1);
    }

    #[tokio::test]
    async fn a_short_page_ends_the_list() {
        let f = fake(1_000, |p| match p {
            1 | 2 => 100,
            3 => 50,
            _ => 100, // rows a lying server would keep inventing
        });
        assert_eq!(read_all(&f, 100, 1).await, (0..250).collect::<Vec<_>>());
        assert_eq!(f.calls(), 3);
    }

    #[tokio::test]
    async fn no_more_pages_than_the_first_total_allowed() {
        // Claims 250 rows but every page is full: three pages, no more.
        let f = fake(250, |_| 100);
        assert_eq!(read_all(&f, 100, 8).await.len(), 300);
        assert_eq!(f.calls(), 3);
    }

    #[tokio::test]
    async fn honest_lists_come_back_whole_and_in_order() {
        let f = fake(1_234, |p| if p < 13 { 100 } else { 34 });
        assert_eq!(read_all(&f, 100, 3).await, (0..1_234).collect::<Vec<_>>());
        assert_eq!(f.calls(), 13);
        let f = fake(200, |_| 100);
        assert_eq!(read_all(&f, 100, 8).await.len(), 200);
        assert_eq!(f.calls(), 2);
    }

    #[tokio::test]
    async fn an_error_on_a_later_page_is_the_answer() {
        let calls = AtomicUsize::new(0);
        let got = fetch_all_with(10, 2, |req| {
            calls.fetch_add(1, Ordering::SeqCst);
            async move {
                if req.page == 3 {
                    return Err(BackendError::Network("cut".into()));
                }
                Ok(Page {
                    items: vec![0u8; 10],
                    page: req.page,
                    page_size: 10,
                    total_items: 50,
                })
            }
        })
        .await;
        assert!(matches!(got, Err(BackendError::Network(_))), "{got:?}");
    }

    #[test]
    fn page_counts_saturate_instead_of_wrapping() {
        assert_eq!(pages_for(0, 100), 1);
        assert_eq!(pages_for(250, 100), 3);
        assert_eq!(pages_for(1_000_000_000_000, 1), u32::MAX);
        assert_eq!(pages_for(u64::MAX, 0), u32::MAX);
    }
}
