//! Distributor–partner links: list, link, unlink.

use super::*;
use crate::backend::demo::data::{DemoData, LinkRow};
use crate::backend::*;
use crate::domain::attach::Channel;
use crate::domain::scope::Actor;
use crate::domain::*;
use chrono::Utc;
use uuid::Uuid;

impl DemoData {
    fn link_view(&self, l: &LinkRow) -> Option<DistributorPartnerLink> {
        let partner = self.partners.iter().find(|p| p.id == l.partner_id)?.clone();
        Some(DistributorPartnerLink {
            id: l.id,
            distributor_id: l.distributor_id,
            partner_id: l.partner_id,
            partner,
            assigned_at: l.assigned_at,
            assigned_by: l.assigned_by,
            is_active: l.is_active,
            notes: l.notes.clone(),
            created_at: l.created_at,
            updated_at: l.updated_at,
        })
    }

    pub fn distributor_partners(
        &self,
        actor: &Actor,
        distributor_id: Id,
        active_only: bool,
    ) -> BackendResult<Vec<DistributorPartnerLink>> {
        if !self.sees_company(actor, CompanyKind::Distributor, distributor_id) {
            return Err(BackendError::Forbidden(
                "Access denied to this distributor".into(),
            ));
        }
        Ok(self
            .links
            .iter()
            .filter(|l| l.distributor_id == distributor_id && (!active_only || l.is_active))
            .filter_map(|l| self.link_view(l))
            .collect())
    }

    pub fn link_partner(
        &mut self,
        actor: &Actor,
        distributor_id: Id,
        partner_id: Id,
        notes: Option<&str>,
    ) -> BackendResult<DistributorPartnerLink> {
        Self::require_admin(actor)?;
        let d = self
            .distributors
            .iter()
            .find(|d| d.id == distributor_id)
            .ok_or_else(|| {
                BackendError::NotFound(format!("Distributor {distributor_id} not found"))
            })?
            .name
            .clone();
        let p = self
            .partners
            .iter()
            .find(|p| p.id == partner_id)
            .ok_or_else(|| BackendError::NotFound(format!("Partner {partner_id} not found")))?
            .name
            .clone();
        // Both ends must be companies the actor sees (a restricted admin sees none).
        let both = Channel::new(Some(partner_id), Some(distributor_id));
        actor.may_attach(both, None, self.linked())?;
        let now = Utc::now();
        if let Some(existing) = self
            .links
            .iter_mut()
            .find(|l| l.distributor_id == distributor_id && l.partner_id == partner_id)
        {
            if existing.is_active {
                return Err(BackendError::Rule(format!(
                    "Partner {p} is already linked to distributor {d}"
                )));
            }
            // Re-activating an ended link keeps its row (the pair is unique).
            existing.is_active = true;
            existing.updated_at = now;
            existing.assigned_at = now;
            existing.notes = notes.map(str::to_string);
            let row = existing.clone();
            return self.link_view(&row).ok_or_else(|| not_found("Partner"));
        }
        let row = LinkRow {
            id: Uuid::new_v4(),
            distributor_id,
            partner_id,
            assigned_at: now,
            assigned_by: actor.is_admin_account().then_some(actor.id),
            is_active: true,
            notes: notes.map(str::to_string),
            created_at: now,
            updated_at: now,
        };
        self.links.push(row.clone());
        self.link_view(&row).ok_or_else(|| not_found("Partner"))
    }

    /// Ends a link (keeps the row, inactive, so its history stays).
    pub fn unlink_partner(
        &mut self,
        actor: &Actor,
        distributor_id: Id,
        partner_id: Id,
    ) -> BackendResult<()> {
        Self::require_admin(actor)?;
        let link = self
            .links
            .iter_mut()
            .find(|l| {
                l.distributor_id == distributor_id && l.partner_id == partner_id && l.is_active
            })
            .ok_or_else(|| {
                BackendError::NotFound("No active link between that distributor and partner".into())
            })?;
        link.is_active = false;
        link.updated_at = Utc::now();
        Ok(())
    }
}
