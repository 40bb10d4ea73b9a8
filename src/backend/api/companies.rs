//! `/partners` and `/distributors` (the same shape), and the links between
//! them.

use super::leads::{check_fields, edit_lock};
use super::server::Call;
use super::wire::LinkBody;
use super::ApiBackend;
use crate::backend::{BackendError, BackendResult, CompanyQuery, Page, PageRequest};
use crate::domain::edits::{company_conflict, company_unchanged, CompanyField};
use crate::domain::validation::validate_company;
use crate::domain::*;

fn base(kind: CompanyKind) -> &'static str {
    match kind {
        CompanyKind::Partner => "/partners",
        CompanyKind::Distributor => "/distributors",
    }
}

impl ApiBackend {
    pub(super) async fn companies_page(
        &self,
        kind: CompanyKind,
        q: &CompanyQuery,
        req: PageRequest,
    ) -> BackendResult<Page<Company>> {
        let search = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let list = Call::get(base(kind))
            .query_opt("is_active", q.is_active)
            .query_opt("search", search);
        self.page(list, req).await
    }

    pub(super) async fn company(&self, kind: CompanyKind, id: Id) -> BackendResult<Company> {
        self.call(Call::get(format!("{}/{id}", base(kind)))).await
    }

    pub(super) async fn post_company(
        &self,
        kind: CompanyKind,
        draft: &CompanyDraft,
    ) -> BackendResult<Company> {
        check_fields(validate_company(draft))?;
        self.call(Call::post(base(kind)).json(draft)?).await
    }

    /// The server has no version check, and its PUT takes any subset of
    /// the fields (`exclude_unset`). With `read`, the company is read first:
    /// changed since, the edit is refused with its current values;
    /// otherwise only the fields the draft changes from `read` are sent,
    /// so a change another made to any other field stays. Edits of one
    /// record made through this process are serialized; against other
    /// clients a change landing between the read and the write still wins,
    /// but only for the fields both changed.
    pub(super) async fn put_company(
        &self,
        kind: CompanyKind,
        id: Id,
        draft: &CompanyDraft,
        read: Option<&Company>,
    ) -> BackendResult<Company> {
        check_fields(validate_company(draft))?;
        let path = format!("{}/{id}", base(kind));
        let Some(read) = read else {
            return self.call(Call::put(path).json(draft)?).await;
        };
        let _serialized = edit_lock(id).lock().await;
        let current = self.company(kind, id).await?;
        if !company_unchanged(read, &current) {
            return Err(BackendError::Conflict {
                message: company_conflict(read, &current),
            });
        }
        let fields = draft.changes_from(read);
        if fields.is_empty() {
            return Ok(current);
        }
        self.call(Call::put(path).json(&changed_fields(draft, &fields)?)?)
            .await
    }

    pub(super) async fn remove_company(&self, kind: CompanyKind, id: Id) -> BackendResult<()> {
        self.call_unit(Call::delete(format!("{}/{id}", base(kind))))
            .await
    }

    /// The endpoint's `is_active` defaults to true and cannot be left out,
    /// so "all links" reads the active and the inactive ones.
    pub(super) async fn links(
        &self,
        distributor_id: Id,
        active_only: bool,
    ) -> BackendResult<Vec<DistributorPartnerLink>> {
        let path = format!("/distributors/{distributor_id}/partners");
        let mut links: Vec<DistributorPartnerLink> =
            self.call(Call::get(&path).query("is_active", true)).await?;
        if !active_only {
            let ended: Vec<DistributorPartnerLink> = self
                .call(Call::get(&path).query("is_active", false))
                .await?;
            links.extend(ended);
        }
        Ok(links)
    }

    pub(super) async fn post_link(
        &self,
        distributor_id: Id,
        partner_id: Id,
        notes: Option<&str>,
    ) -> BackendResult<DistributorPartnerLink> {
        let body = LinkBody {
            partner_id,
            notes: notes.filter(|n| !n.trim().is_empty()),
        };
        self.call(Call::post(format!("/distributors/{distributor_id}/partners")).json(&body)?)
            .await
    }
}

pub(super) const NO_UNLINK: &str =
    "the Tentabo API has no endpoint for ending a distributor–partner link";

pub(super) fn no_unlink() -> BackendError {
    BackendError::Unsupported(NO_UNLINK.into())
}

/// The body of a partial update: the changed fields, as a save stores them.
fn changed_fields(
    draft: &CompanyDraft,
    fields: &[CompanyField],
) -> BackendResult<serde_json::Map<String, serde_json::Value>> {
    let all = serde_json::to_value(draft.normalized())
        .map_err(|e| BackendError::Decode(format!("cannot encode the request: {e}")))?;
    let serde_json::Value::Object(mut all) = all else {
        return Err(BackendError::Decode(
            "cannot encode the request: a company is not an object".into(),
        ));
    };
    Ok(fields
        .iter()
        .filter_map(|f| all.remove_entry(f.name()))
        .collect())
}
