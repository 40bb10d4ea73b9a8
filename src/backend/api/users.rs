//! `/users` (admins only): list, enable, role, company.

use super::server::Call;
use super::wire::{EnableBody, RoleBody};
use super::{filters, reason, ApiBackend};
use crate::backend::{BackendResult, Page, PageRequest, UserQuery};
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
    ) -> BackendResult<User> {
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
    ) -> BackendResult<User> {
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
    ) -> BackendResult<User> {
        let call = Call::put(format!("/users/{id}/company"))
            .query_opt("partner_id", to.partner_id)
            .query_opt("distributor_id", to.distributor_id);
        self.call(call).await
    }
}
