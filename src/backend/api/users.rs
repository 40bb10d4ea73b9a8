//! `/users` (admins only): list, enable, role, company.

use super::leads::edit_lock;
use super::server::Call;
use super::wire::{EnableBody, RoleBody};
use super::{filters, reason, ApiBackend};
use crate::backend::{BackendError, BackendResult, Page, PageRequest, UserQuery};
use crate::domain::edits::{user_conflict, user_unchanged};
use crate::domain::*;

impl ApiBackend {
    pub(super) async fn users_page(
        &self,
        q: &UserQuery,
        req: PageRequest,
    ) -> BackendResult<Page<User>> {
        let list = Call::get("/users")
            .query_opt("role", q.role.map(UserRole::as_str))
            .query_opt("is_enabled", q.is_enabled);
        if filters::user_needs_client(q) {
            self.filtered_page(list, req, format!("{q:?}"), |u| filters::user_matches(q, u))
                .await
        } else {
            self.page(list, req).await
        }
    }

    /// The server logs the reason; it does not store it.
    pub(super) async fn put_user_enabled(
        &self,
        id: Id,
        enabled: bool,
        why: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User> {
        let _serialized = self.check_as_read(id, read).await?;
        let body = EnableBody {
            enabled,
            reason: reason(why),
        };
        self.call(Call::put(format!("/users/{id}/enable")).json(&body)?)
            .await
    }

    pub(super) async fn put_user_role(
        &self,
        id: Id,
        role: UserRole,
        why: Option<&str>,
        read: Option<&User>,
    ) -> BackendResult<User> {
        let _serialized = self.check_as_read(id, read).await?;
        let body = RoleBody {
            role: role.as_str(),
            reason: reason(why),
        };
        self.call(Call::put(format!("/users/{id}/role")).json(&body)?)
            .await
    }

    /// The company goes in the query string (the endpoint has no body);
    /// neither id clears the assignment.
    pub(super) async fn put_user_company(
        &self,
        id: Id,
        to: CompanyAssignment,
        read: Option<&User>,
    ) -> BackendResult<User> {
        let _serialized = self.check_as_read(id, read).await?;
        let call = Call::put(format!("/users/{id}/company"))
            .query_opt("partner_id", to.partner_id)
            .query_opt("distributor_id", to.distributor_id);
        self.call(call).await
    }

    /// With `read`, the user is read again (`GET /users/{id}`, the server
    /// has no version check) and must still be as read: enabled flag, role
    /// and company. Holds this process's lock on the user until the change
    /// is sent, so two changes made here cannot interleave.
    async fn check_as_read(
        &self,
        id: Id,
        read: Option<&User>,
    ) -> BackendResult<Option<tokio::sync::MutexGuard<'static, ()>>> {
        let Some(read) = read else {
            return Ok(None);
        };
        let guard = edit_lock(id).lock().await;
        let current: User = self.call(Call::get(format!("/users/{id}"))).await?;
        if user_unchanged(read, &current) {
            return Ok(Some(guard));
        }
        let company = match (current.partner_id, current.distributor_id) {
            (Some(p), _) => Some((
                CompanyKind::Partner,
                self.company_name(CompanyKind::Partner, p).await,
            )),
            (None, Some(d)) => Some((
                CompanyKind::Distributor,
                self.company_name(CompanyKind::Distributor, d).await,
            )),
            (None, None) => None,
        };
        let company = company.as_ref().map(|(k, n)| (*k, n.as_str()));
        Err(BackendError::Conflict {
            message: user_conflict(&current, company),
        })
    }

    /// A company's name for a message; its id when it cannot be read.
    async fn company_name(&self, kind: CompanyKind, id: Id) -> String {
        match self.company(kind, id).await {
            Ok(c) => c.name,
            Err(_) => id.to_string(),
        }
    }
}
