//! Partner and distributor operations: list, read, create, edit, delete.

use super::*;
use crate::backend::demo::data::DemoData;
use crate::backend::*;
use crate::domain::edits::{company_conflict, company_unchanged, CompanyField};
use crate::domain::scope::Actor;
use crate::domain::validation::*;
use crate::domain::*;
use chrono::Utc;
use uuid::Uuid;

impl DemoData {
    pub(super) fn sees_company(&self, actor: &Actor, kind: CompanyKind, id: Id) -> bool {
        let linked = |d, p| self.actively_linked(d, p);
        match kind {
            CompanyKind::Partner => actor.sees_partner(id, linked),
            CompanyKind::Distributor => actor.sees_distributor(id, linked),
        }
    }

    pub fn list_companies(
        &self,
        actor: &Actor,
        kind: CompanyKind,
        q: &CompanyQuery,
        page: PageRequest,
    ) -> Page<Company> {
        let rows: Vec<Company> = self
            .company_list(kind)
            .iter()
            .filter(|c| self.sees_company(actor, kind, c.id))
            .filter(|c| q.is_active.is_none_or(|a| c.is_active == a))
            .filter(|c| {
                q.search
                    .as_deref()
                    .is_none_or(|s| text_hit(s, &[Some(&c.name)]))
            })
            .cloned()
            .collect();
        Page::slice(rows, page)
    }

    pub fn get_company(&self, actor: &Actor, kind: CompanyKind, id: Id) -> BackendResult<Company> {
        let c = self
            .company_list(kind)
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| {
                BackendError::NotFound(format!("{} {id} not found", capitalize(kind.label())))
            })?;
        if !self.sees_company(actor, kind, id) {
            return Err(BackendError::Forbidden(format!(
                "Access denied to this {}",
                kind.label()
            )));
        }
        Ok(c.clone())
    }

    fn check_registration_unique(
        &self,
        kind: CompanyKind,
        draft: &CompanyDraft,
        except: Option<Id>,
    ) -> BackendResult<()> {
        if let Some(reg) = draft
            .registration_number
            .as_deref()
            .filter(|r| !r.is_empty())
        {
            if self
                .company_list(kind)
                .iter()
                .any(|c| Some(c.id) != except && c.registration_number.as_deref() == Some(reg))
            {
                return Err(BackendError::Rule(format!(
                    "{} with registration number '{reg}' already exists",
                    capitalize(kind.label())
                )));
            }
        }
        Ok(())
    }

    pub fn create_company(
        &mut self,
        actor: &Actor,
        kind: CompanyKind,
        draft: &CompanyDraft,
    ) -> BackendResult<Company> {
        Self::require_admin(actor)?;
        let errors = validate_company(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        self.check_registration_unique(kind, draft, None)?;
        let now = Utc::now();
        let c = Company::from_draft(Uuid::new_v4(), draft, now, now);
        self.company_list_mut(kind).push(c.clone());
        Ok(c)
    }

    /// With `read`, a company changed since is a conflict, and only the
    /// fields the draft changes from `read` are written over the current row.
    pub fn update_company(
        &mut self,
        actor: &Actor,
        kind: CompanyKind,
        id: Id,
        draft: &CompanyDraft,
        read: Option<&Company>,
    ) -> BackendResult<Company> {
        Self::require_admin(actor)?;
        let errors = validate_company(draft);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        // An unknown company is not found, whatever the draft says (as the server).
        let pos = self
            .company_list(kind)
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| {
                BackendError::NotFound(format!("{} {id} not found", capitalize(kind.label())))
            })?;
        let current = self.company_list(kind)[pos].clone();
        let (fields, wanted) = match read {
            Some(read) if !company_unchanged(read, &current) => {
                return Err(BackendError::Conflict {
                    message: company_conflict(read, &current),
                })
            }
            Some(read) => {
                let fields = draft.changes_from(read);
                let wanted = CompanyDraft::from_company(&current).with_fields(draft, &fields);
                (fields, wanted)
            }
            None => (CompanyField::ALL.to_vec(), draft.clone()),
        };
        if fields.is_empty() {
            return Ok(current);
        }
        if fields.contains(&CompanyField::RegistrationNumber) {
            self.check_registration_unique(kind, &wanted, Some(id))?;
        }
        // Every save moves the version on, even within one microsecond.
        let version = Utc::now().max(current.updated_at + chrono::Duration::microseconds(1));
        let updated = Company::from_draft(id, &wanted, current.created_at, version);
        self.company_list_mut(kind)[pos] = updated.clone();
        Ok(updated)
    }

    pub fn delete_company(
        &mut self,
        actor: &Actor,
        kind: CompanyKind,
        id: Id,
    ) -> BackendResult<()> {
        Self::require_admin(actor)?;
        let name = self
            .company_list(kind)
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .ok_or_else(|| {
                BackendError::NotFound(format!("{} {id} not found", capitalize(kind.label())))
            })?;
        // Orders, contracts, leads and users reference the row without a
        // cascade: the database refuses, and so do we.
        let refs = |pid: Option<Id>, did: Option<Id>| match kind {
            CompanyKind::Partner => pid == Some(id),
            CompanyKind::Distributor => did == Some(id),
        };
        let orders = self
            .orders
            .iter()
            .filter(|o| refs(o.partner_id, o.distributor_id))
            .count();
        let contracts = self
            .contracts
            .iter()
            .filter(|c| refs(c.partner_id, c.distributor_id))
            .count();
        let leads = self
            .leads
            .iter()
            .filter(|l| refs(l.partner_id, l.distributor_id))
            .count();
        let users = self
            .users
            .iter()
            .filter(|u| refs(u.partner_id, u.distributor_id))
            .count();
        if orders + contracts + leads + users > 0 {
            return Err(BackendError::Rule(format!(
                "Cannot delete {} {name}: it still has {orders} orders, {contracts} contracts, {leads} leads and {users} users. Deactivate it instead.",
                kind.label()
            )));
        }
        self.company_list_mut(kind).retain(|c| c.id != id);
        self.links.retain(|l| match kind {
            CompanyKind::Partner => l.partner_id != id,
            CompanyKind::Distributor => l.distributor_id != id,
        });
        Ok(())
    }
}
