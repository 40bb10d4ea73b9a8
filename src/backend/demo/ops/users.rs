//! The users tab: list, enable/disable, role, company.

use crate::backend::demo::data::DemoData;
use crate::backend::*;
use crate::domain::edits::{user_conflict, user_unchanged};
use crate::domain::scope::Actor;
use crate::domain::*;
use chrono::Utc;

impl DemoData {
    pub fn list_users(
        &self,
        actor: &Actor,
        q: &UserQuery,
        page: PageRequest,
    ) -> BackendResult<Page<User>> {
        Self::require_admin(actor)?;
        let rows: Vec<User> = self
            .users
            .iter()
            .filter(|u| q.role.is_none_or(|r| u.role == r))
            .filter(|u| q.is_enabled.is_none_or(|e| u.is_enabled == e))
            .filter(|u| q.partner_id.is_none_or(|p| u.partner_id == Some(p)))
            .filter(|u| q.distributor_id.is_none_or(|d| u.distributor_id == Some(d)))
            .cloned()
            .collect();
        Ok(Page::slice(rows, page))
    }

    /// `GET /users/{id}` (administrators only).
    pub fn get_user(&self, actor: &Actor, id: Id) -> BackendResult<User> {
        Self::require_admin(actor)?;
        self.user(id)
            .cloned()
            .ok_or_else(|| BackendError::NotFound(format!("User {id} not found")))
    }

    /// The user to change, refused when it is no longer as `read`.
    fn user_as_read(&mut self, id: Id, read: Option<&User>) -> BackendResult<&mut User> {
        let pos = self
            .users
            .iter()
            .position(|u| u.id == id)
            .ok_or_else(|| BackendError::NotFound(format!("User {id} not found")))?;
        let current = &self.users[pos];
        if read.is_some_and(|r| !user_unchanged(r, current)) {
            let company = match (current.partner_id, current.distributor_id) {
                (Some(p), _) => Some(self.company_name(CompanyKind::Partner, p)),
                (None, Some(d)) => Some(self.company_name(CompanyKind::Distributor, d)),
                (None, None) => None,
            };
            let company = company.as_ref().map(|(k, n)| (*k, n.as_str()));
            return Err(BackendError::Conflict {
                message: user_conflict(current, company),
            });
        }
        Ok(&mut self.users[pos])
    }

    fn company_name(&self, kind: CompanyKind, id: Id) -> (CompanyKind, String) {
        let name = self
            .company_list(kind)
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone());
        (kind, name)
    }

    pub fn set_user_enabled(
        &mut self,
        actor: &Actor,
        id: Id,
        enabled: bool,
        read: Option<&User>,
    ) -> BackendResult<User> {
        Self::require_admin(actor)?;
        let by = actor.is_admin_account().then_some(actor.id);
        let u = self.user_as_read(id, read)?;
        let now = Utc::now();
        u.is_enabled = enabled;
        if enabled {
            u.enabled_by = by.or(u.enabled_by);
            u.enabled_at = Some(now);
        }
        u.updated_at = now;
        Ok(u.clone())
    }

    pub fn set_user_role(
        &mut self,
        actor: &Actor,
        id: Id,
        role: UserRole,
        read: Option<&User>,
    ) -> BackendResult<User> {
        Self::require_admin(actor)?;
        let u = self.user_as_read(id, read)?;
        u.role = role;
        u.updated_at = Utc::now();
        Ok(u.clone())
    }

    pub fn set_user_company(
        &mut self,
        actor: &Actor,
        id: Id,
        to: CompanyAssignment,
        read: Option<&User>,
    ) -> BackendResult<User> {
        Self::require_admin(actor)?;
        if to.partner_id.is_some() && to.distributor_id.is_some() {
            return Err(BackendError::Rule(
                "Cannot assign user to both partner and distributor. Provide only one.".into(),
            ));
        }
        if let Some(p) = to.partner_id {
            if !self.partners.iter().any(|x| x.id == p) {
                return Err(BackendError::NotFound(format!("Partner {p} not found")));
            }
        }
        if let Some(d) = to.distributor_id {
            if !self.distributors.iter().any(|x| x.id == d) {
                return Err(BackendError::NotFound(format!("Distributor {d} not found")));
            }
        }
        let u = self.user_as_read(id, read)?;
        u.partner_id = to.partner_id;
        u.distributor_id = to.distributor_id;
        u.updated_at = Utc::now();
        Ok(u.clone())
    }
}
