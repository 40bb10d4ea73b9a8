//! The fake server's partners, distributors, links and users endpoints.

// Handlers answer errors as whole responses (the axum way); their size
// does not matter in a test server.
#![allow(clippy::result_large_err)]

use super::fake_routes::*;
use super::fake_server::{error_body, FakeState};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;
use tentabo::backend::*;
use tentabo::domain::*;

// ---- partners and distributors ----------------------------------------------

pub(super) async fn list_companies(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    q: &HashMap<String, String>,
) -> Reply {
    let page = paging(q)?;
    let query = CompanyQuery {
        is_active: bool_param(q, "is_active")?,
        search: q.get("search").cloned().filter(|s| !s.is_empty()),
    };
    envelope(read(st, headers, |d, a| {
        Ok(d.list_companies(a, kind, &query, page))
    })?)
}

pub(super) async fn get_company(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    raw: &str,
) -> Reply {
    let cid = id(raw, &format!("{}_id", kind.label()))?;
    let c = read(st, headers, |d, a| d.get_company(a, kind, cid))?;
    ok(StatusCode::OK, &c)
}

pub(super) async fn create_company(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    bytes: &Bytes,
) -> Reply {
    let draft: CompanyDraft = merged(&CompanyDraft::default(), body_value(bytes)?)?;
    let c = write(st, headers, |d, a| d.create_company(a, kind, &draft))?;
    ok(StatusCode::CREATED, &c)
}

pub(super) async fn update_company(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    raw: &str,
    bytes: &Bytes,
) -> Reply {
    let cid = id(raw, &format!("{}_id", kind.label()))?;
    let changes = body_value(bytes)?;
    let current = read(st, headers, |d, _| {
        d.company_list(kind)
            .iter()
            .find(|c| c.id == cid)
            .cloned()
            .ok_or_else(|| BackendError::NotFound(format!("{} {cid} not found", capitalized(kind))))
    })?;
    let draft = merged(&CompanyDraft::from_company(&current), changes)?;
    // The server has no version check: what is sent wins.
    let c = write(st, headers, |d, a| {
        d.update_company(a, kind, cid, &draft, None)
    })?;
    ok(StatusCode::OK, &c)
}

pub(super) async fn delete_company(
    st: &FakeState,
    kind: CompanyKind,
    headers: &HeaderMap,
    raw: &str,
) -> Reply {
    let cid = id(raw, &format!("{}_id", kind.label()))?;
    write(st, headers, |d, a| d.delete_company(a, kind, cid))?;
    let mut resp = Response::new(axum::body::Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    Ok(resp)
}

fn capitalized(kind: CompanyKind) -> &'static str {
    match kind {
        CompanyKind::Partner => "Partner",
        CompanyKind::Distributor => "Distributor",
    }
}

pub(super) async fn list_partners(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    list_companies(&st, CompanyKind::Partner, &headers, &q).await
}
pub(super) async fn list_distributors(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    list_companies(&st, CompanyKind::Distributor, &headers, &q).await
}
pub(super) async fn get_partner(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Reply {
    get_company(&st, CompanyKind::Partner, &headers, &raw).await
}
pub(super) async fn get_distributor(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Reply {
    get_company(&st, CompanyKind::Distributor, &headers, &raw).await
}
pub(super) async fn create_partner(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
    create_company(&st, CompanyKind::Partner, &headers, &bytes).await
}
pub(super) async fn create_distributor(State(st): St, headers: HeaderMap, bytes: Bytes) -> Reply {
    create_company(&st, CompanyKind::Distributor, &headers, &bytes).await
}
pub(super) async fn update_partner(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    update_company(&st, CompanyKind::Partner, &headers, &raw, &bytes).await
}
pub(super) async fn update_distributor(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    update_company(&st, CompanyKind::Distributor, &headers, &raw, &bytes).await
}
pub(super) async fn delete_partner(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Reply {
    delete_company(&st, CompanyKind::Partner, &headers, &raw).await
}
pub(super) async fn delete_distributor(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Reply {
    delete_company(&st, CompanyKind::Distributor, &headers, &raw).await
}

/// `is_active` defaults to true, as on the server.
pub(super) async fn list_links(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(q): Q,
) -> Reply {
    let did = id(&raw, "distributor_id")?;
    let active = bool_param(&q, "is_active")?.unwrap_or(true);
    let links: Vec<DistributorPartnerLink> =
        read(&st, &headers, |d, a| d.distributor_partners(a, did, false))?
            .into_iter()
            .filter(|l| l.is_active == active)
            .map(|mut l| {
                l.assigned_by = None; // not in `DistributorPartnerResponse`
                l
            })
            .collect();
    ok(StatusCode::OK, &links)
}

#[derive(Deserialize)]
struct LinkIn {
    partner_id: Id,
    #[serde(default)]
    notes: Option<String>,
}

pub(super) async fn create_link(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let did = id(&raw, "distributor_id")?;
    let input: LinkIn = body(&bytes)?;
    let mut link = write(&st, &headers, |d, a| {
        d.link_partner(a, did, input.partner_id, input.notes.as_deref())
    })?;
    link.assigned_by = None;
    ok(StatusCode::CREATED, &link)
}

// ---- users ------------------------------------------------------------------

pub(super) async fn list_users(State(st): St, headers: HeaderMap, Query(q): Q) -> Reply {
    let page = paging(&q)?;
    let role = match q.get("role").filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => Some(
            r.parse::<UserRole>()
                .map_err(|_| error_body(StatusCode::BAD_REQUEST, &format!("Invalid role: {r}")))?,
        ),
    };
    let query = UserQuery {
        role,
        is_enabled: bool_param(&q, "is_enabled")?,
        ..Default::default()
    };
    envelope(read(&st, &headers, |d, a| d.list_users(a, &query, page))?)
}

/// `GET /users/{id}` (admins only).
pub(super) async fn get_user(State(st): St, headers: HeaderMap, Path(raw): Path<String>) -> Reply {
    let uid = id(&raw, "user_id")?;
    let u = read(&st, &headers, |d, a| d.get_user(a, uid))?;
    ok(StatusCode::OK, &u)
}

#[derive(Deserialize)]
struct EnableIn {
    enabled: bool,
}

pub(super) async fn user_enable(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let uid = id(&raw, "user_id")?;
    let input: EnableIn = body(&bytes)?;
    let u = write(&st, &headers, |d, a| {
        d.set_user_enabled(a, uid, input.enabled, None)
    })?;
    ok(StatusCode::OK, &u)
}

#[derive(Deserialize)]
struct RoleIn {
    role: String,
}

pub(super) async fn user_role(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    bytes: Bytes,
) -> Reply {
    let uid = id(&raw, "user_id")?;
    let input: RoleIn = body(&bytes)?;
    st.caller(&headers)?;
    let role = input.role.parse::<UserRole>().map_err(|_| {
        error_body(
            StatusCode::BAD_REQUEST,
            &format!("Invalid role: {}", input.role),
        )
    })?;
    let u = write(&st, &headers, |d, a| d.set_user_role(a, uid, role, None))?;
    ok(StatusCode::OK, &u)
}

pub(super) async fn user_company(
    State(st): St,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(q): Q,
) -> Reply {
    let uid = id(&raw, "user_id")?;
    let opt_id = |key: &str| -> Result<Option<Id>, Response> {
        match q.get(key).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => id(v, key).map(Some),
        }
    };
    let to = CompanyAssignment {
        partner_id: opt_id("partner_id")?,
        distributor_id: opt_id("distributor_id")?,
    };
    let u = write(&st, &headers, |d, a| d.set_user_company(a, uid, to, None))?;
    ok(StatusCode::OK, &u)
}
