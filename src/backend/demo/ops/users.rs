//! User administration: list, enable/disable, role, company.

use crate::backend::demo::data::DemoData;
use crate::backend::*;
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

    fn user_mut(&mut self, id: Id) -> BackendResult<&mut User> {
        self.users
            .iter_mut()
            .find(|u| u.id == id)
            .ok_or_else(|| BackendError::NotFound(format!("User {id} not found")))
    }

    pub fn set_user_enabled(
        &mut self,
        actor: &Actor,
        id: Id,
        enabled: bool,
    ) -> BackendResult<User> {
        Self::require_admin(actor)?;
        let by = actor.is_admin_account().then_some(actor.id);
        let u = self.user_mut(id)?;
        let now = Utc::now();
        u.is_enabled = enabled;
        if enabled {
            u.enabled_by = by.or(u.enabled_by);
            u.enabled_at = Some(now);
        }
        u.updated_at = now;
        Ok(u.clone())
    }

    pub fn set_user_role(&mut self, actor: &Actor, id: Id, role: UserRole) -> BackendResult<User> {
        Self::require_admin(actor)?;
        let u = self.user_mut(id)?;
        u.role = role;
        u.updated_at = Utc::now();
        Ok(u.clone())
    }

    pub fn set_user_company(
        &mut self,
        actor: &Actor,
        id: Id,
        to: CompanyAssignment,
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
        let u = self.user_mut(id)?;
        u.partner_id = to.partner_id;
        u.distributor_id = to.distributor_id;
        u.updated_at = Utc::now();
        Ok(u.clone())
    }
}
