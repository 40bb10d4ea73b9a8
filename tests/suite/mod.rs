//! The behavioural test suite every backend runs (demo, API through a fake
//! server, PostgreSQL), so the three cannot drift apart.
//!
//! A test binary declares `mod suite;`, writes a [`Fixture`] and an async
//! `make_fixture()` that returns a fresh data set each call, and invokes
//! `backend_suite!(make_fixture);`: one `#[tokio::test]` per check.
//!
//! Checks find records through the list operations and by seeded names and
//! usernames, never by id; they assert relations (every lead alice sees is
//! Alpine's), not counts, except where the seed guarantees them (2
//! distributors, 6 partners, 12 users, 4 durations).
//!
//! Where a backend legitimately cannot do something (the REST API has no
//! lead history, no unlink, no reassign) the check accepts
//! `BackendError::Unsupported` for that one operation, explicitly.

#![allow(dead_code)]

use async_trait::async_trait;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::future::Future;
use std::str::FromStr;
use std::sync::Arc;
use tentabo::backend::*;
use tentabo::domain::*;

/// Asserts that a result is an error matching a pattern and returns the error.
macro_rules! expect_err {
    ($res:expr, $pat:pat) => {{
        match $res {
            #[allow(unused_parens)] // needed for `A | B` patterns
            Err(e @ ($pat)) => e,
            other => panic!(
                "expected {} from `{}`, got {:?}",
                stringify!($pat),
                stringify!($res),
                other
            ),
        }
    }};
}

/// Unwraps a result with the expression in the panic message.
macro_rules! ok {
    ($res:expr) => {{
        match $res {
            Ok(v) => v,
            Err(e) => panic!("`{}` failed: {e:?}", stringify!($res)),
        }
    }};
}

pub mod contracts;
pub mod leads;
pub mod orders;
pub mod partners;
pub mod scoping;
pub mod scoping_writes;
pub mod users;
pub mod versions;

pub use contracts::*;
pub use leads::*;
pub use orders::*;
pub use partners::*;
pub use scoping::*;
pub use scoping_writes::*;
pub use users::*;
pub use versions::*;

pub type B = Arc<dyn Backend>;

/// One seeded data set, reachable as any of its users. Every backend handed
/// out by one fixture shares the same data: a write by one user is seen by
/// another.
#[async_trait]
pub trait Fixture: Send + Sync {
    /// A backend signed in as that seeded user (`demo`, `alice`, `admin`, …).
    async fn backend_as(&self, username: &str) -> Arc<dyn Backend>;
}

/// Expands to one `#[tokio::test]` per check, each on a fresh fixture from
/// `$make` (an async fn path returning `Option<impl Fixture>`).
#[macro_export]
macro_rules! backend_suite {
    ($make:path) => {
        $crate::backend_suite!(@tests $make;
            // users
            check_whoami_regular_users,
            check_whoami_admin_account,
            check_list_users_admin_only,
            check_user_enable_disable,
            check_user_role_change,
            check_user_company_move,
            // leads
            check_lead_paging,
            check_lead_status_filter,
            check_lead_text_filter,
            check_lead_owner_and_partner_filters,
            check_get_lead_detail,
            check_create_lead,
            check_create_lead_validation,
            check_update_lead_with_version,
            check_concurrent_lead_updates,
            check_change_lead_status,
            check_same_lead_status_refused,
            check_lead_notes_and_activities,
            check_reassign_lead,
            check_admin_account_cannot_do_lead_work,
            // catalogue and orders
            check_catalogue,
            check_calculate_price_matches_domain,
            check_order_paging_and_filters,
            check_order_detail,
            check_create_order_totals,
            check_create_order_is_atomic,
            check_order_status_machine,
            check_order_cancel,
            check_order_status_reason_adds_note,
            check_order_note,
            check_order_quote,
            check_activate_order,
            // contracts
            check_contract_paging_and_filters,
            check_contract_expiring_filter,
            check_get_contract_and_notes,
            check_contract_status_rules,
            check_contract_invoices,
            // partners and distributors
            check_company_lists,
            check_get_company,
            check_company_crud,
            check_company_validation,
            check_company_writes_need_admin,
            check_distributor_partners,
            check_link_and_unlink_partner,
            // scoping
            check_partner_scoping,
            check_partner_cannot_touch_other_partners_lead,
            check_partner_cannot_touch_other_partners_order,
            check_distributor_scoping,
            check_restricted_admin_sees_no_records,
            check_fulfiller_and_admin_account_see_all,
            // scoping on writes
            check_partner_attaches_only_linked_distributors,
            check_distributor_attaches_only_linked_partners,
            check_reassign_stays_in_scope,
            check_links_need_companies_the_actor_sees,
            check_acting_user_is_read_again,
            // no lost updates
            check_stale_company_toggle_is_refused,
            check_concurrent_company_edits_lose_nothing,
            check_stale_user_changes_are_refused,
        );
    };
    (@tests $make:path; $($check:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $check() {
                // `None`: the backend's service is not reachable here (the
                // fixture has said so loudly, and fails instead under CI).
                let Some(fixture) = $make().await else { return };
                $crate::suite::$check(&fixture).await;
            }
        )+
    };
}

// ---- helpers ----------------------------------------------------------------

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal literal")
}

pub async fn me(b: &B) -> Me {
    ok!(b.whoami().await)
}

/// Every row of a list, page by page as the app reads it.
pub async fn all_leads(b: &B, q: &LeadQuery) -> Vec<Lead> {
    ok!(fetch_all(b.preferred_page_size(), |p| b.list_leads(q, p)).await)
}

pub async fn all_orders(b: &B, q: &OrderQuery) -> Vec<Order> {
    ok!(fetch_all(b.preferred_page_size(), |p| b.list_orders(q, p)).await)
}

pub async fn all_contracts(b: &B, q: &ContractQuery) -> Vec<Contract> {
    ok!(fetch_all(b.preferred_page_size(), |p| b.list_contracts(q, p)).await)
}

pub async fn all_companies(b: &B, kind: CompanyKind, q: &CompanyQuery) -> Vec<Company> {
    ok!(fetch_all(b.preferred_page_size(), |p| b.list_companies(kind, q, p)).await)
}

pub async fn all_users(b: &B, q: &UserQuery) -> Vec<User> {
    ok!(fetch_all(b.preferred_page_size(), |p| b.list_users(q, p)).await)
}

pub async fn lead_total(b: &B, q: &LeadQuery) -> u64 {
    ok!(b.list_leads(q, PageRequest::first(1)).await).total_items
}

pub async fn order_total(b: &B, q: &OrderQuery) -> u64 {
    ok!(b.list_orders(q, PageRequest::first(1)).await).total_items
}

pub async fn contract_total(b: &B, q: &ContractQuery) -> u64 {
    ok!(b.list_contracts(q, PageRequest::first(1)).await).total_items
}

/// A seeded company by its exact name, as `b` lists it.
pub async fn company(b: &B, kind: CompanyKind, name: &str) -> Company {
    all_companies(b, kind, &CompanyQuery::default())
        .await
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {} named {name}", kind.label()))
}

pub async fn partner(b: &B, name: &str) -> Company {
    company(b, CompanyKind::Partner, name).await
}

pub async fn distributor(b: &B, name: &str) -> Company {
    company(b, CompanyKind::Distributor, name).await
}

/// A seeded user by username, as an administrator `admin_b` lists them.
pub async fn user_named(admin_b: &B, username: &str) -> User {
    all_users(admin_b, &UserQuery::default())
        .await
        .into_iter()
        .find(|u| u.username.as_deref() == Some(username))
        .unwrap_or_else(|| panic!("no user named {username}"))
}

/// The first lead `b` lists for that query.
pub async fn first_lead(b: &B, q: &LeadQuery) -> Lead {
    ok!(b.list_leads(q, PageRequest::first(1)).await)
        .items
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no lead for {q:?}"))
}

/// The first lead of a partner, as `demo` lists it.
pub async fn first_lead_of(f: &impl Fixture, partner_name: &str) -> Lead {
    let demo = f.backend_as("demo").await;
    let p = partner(&demo, partner_name).await;
    first_lead(
        &demo,
        &LeadQuery {
            partner_id: Some(p.id),
            ..Default::default()
        },
    )
    .await
}

/// Reads every page of size `size` and checks the pagination facts: the same
/// total on every page, full pages but the last, no row twice, every row
/// once, an empty page past the end. Returns the ids in page order.
pub async fn assert_paging<T: Clone, F, Fut>(
    what: &str,
    size: u32,
    fetch: F,
    id_of: impl Fn(&T) -> Id,
) -> Vec<Id>
where
    F: Fn(PageRequest) -> Fut,
    Fut: Future<Output = BackendResult<Page<T>>>,
{
    let first = ok!(fetch(PageRequest::first(size)).await);
    let total = first.total_items;
    let pages = first.total_pages();
    assert_eq!(
        pages as u64,
        total.div_ceil(size as u64).max(1),
        "{what}: page count"
    );
    let mut ids = Vec::new();
    let mut seen = HashSet::new();
    for p in 1..=pages {
        let page = if p == 1 {
            first.clone()
        } else {
            ok!(fetch(PageRequest {
                page: p,
                page_size: size
            })
            .await)
        };
        assert_eq!(page.page, p, "{what}: page number echoed");
        assert_eq!(page.total_items, total, "{what}: total on page {p}");
        let expected = (total - (p as u64 - 1) * size as u64).min(size as u64);
        assert_eq!(
            page.items.len() as u64,
            expected,
            "{what}: rows on page {p}"
        );
        for item in &page.items {
            let id = id_of(item);
            assert!(seen.insert(id), "{what}: {id} listed twice");
            ids.push(id);
        }
    }
    assert_eq!(ids.len() as u64, total, "{what}: every row once");
    let past = ok!(fetch(PageRequest {
        page: pages + 1,
        page_size: size
    })
    .await);
    assert!(
        past.items.is_empty(),
        "{what}: a page past the end is empty"
    );
    assert_eq!(past.total_items, total, "{what}: total past the end");
    ids
}

/// The active catalogue: products (with tiers) and durations.
pub async fn catalogue(b: &B) -> (Vec<Product>, Vec<Duration>) {
    (
        ok!(b.list_products(false).await),
        ok!(b.list_durations().await),
    )
}

pub fn product<'a>(products: &'a [Product], name: &str) -> &'a Product {
    products
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no product named {name}"))
}

pub fn duration(durations: &[Duration], months: i32) -> &Duration {
    durations
        .iter()
        .find(|d| d.months == months)
        .unwrap_or_else(|| panic!("no {months}-month duration"))
}

/// A fresh order for Alpine Systems (through Nordic) created by alice, with
/// two lines.
pub async fn alpine_order(f: &impl Fixture) -> OrderDetail {
    let alice = f.backend_as("alice").await;
    let alpine = partner(&alice, "Alpine Systems").await;
    let nordic = distributor(&alice, "Nordic Channel Distribution").await;
    let (products, durations) = catalogue(&alice).await;
    let draft = OrderDraft {
        partner_id: Some(alpine.id),
        distributor_id: Some(nordic.id),
        lead_id: None,
        notes_internal: Some("Created by the backend suite".into()),
        items: vec![
            OrderLineDraft {
                product_id: product(&products, "Object Storage").id,
                duration_id: duration(&durations, 12).id,
                quantity: 12,
            },
            OrderLineDraft {
                product_id: product(&products, "Premium Support").id,
                duration_id: duration(&durations, 1).id,
                quantity: 1,
            },
        ],
    };
    ok!(alice.create_order(&draft).await)
}

/// Moves an order created→sent→in_fulfillment (alice) →fulfilled (fiona).
pub async fn fulfil(f: &impl Fixture, id: Id) -> Order {
    let alice = f.backend_as("alice").await;
    let fiona = f.backend_as("fiona").await;
    ok!(alice.change_order_status(id, OrderStatus::Sent, None).await);
    ok!(alice
        .change_order_status(id, OrderStatus::InFulfillment, None)
        .await);
    ok!(fiona
        .change_order_status(id, OrderStatus::Fulfilled, None)
        .await)
}

/// A fresh active contract of Alpine Systems, activated by fiona.
pub async fn alpine_contract(f: &impl Fixture) -> (Order, Contract) {
    let order = alpine_order(f).await.order;
    let order = fulfil(f, order.id).await;
    let fiona = f.backend_as("fiona").await;
    let c = ok!(fiona
        .activate_order(order.id, &ActivationDraft::default())
        .await);
    (order, c)
}
