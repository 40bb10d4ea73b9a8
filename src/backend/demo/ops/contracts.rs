//! Contract operations: list, read, status, notes, invoices.

use super::*;
use crate::backend::demo::data::DemoData;
use crate::backend::*;
use crate::domain::scope::Actor;
use crate::domain::transitions::*;
use crate::domain::*;
use chrono::Utc;

impl DemoData {
    fn visible_contract(&self, actor: &Actor, id: Id) -> BackendResult<usize> {
        let pos = self
            .contracts
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| not_found("Contract"))?;
        let c = &self.contracts[pos];
        if !actor.sees_record(c.partner_id, c.distributor_id) {
            return Err(BackendError::Forbidden("Access denied".into()));
        }
        Ok(pos)
    }

    pub fn list_contracts(
        &self,
        actor: &Actor,
        q: &ContractQuery,
        page: PageRequest,
    ) -> Page<Contract> {
        let now = Utc::now();
        let mut rows: Vec<Contract> = self
            .contracts
            .iter()
            .filter(|c| actor.sees_record(c.partner_id, c.distributor_id))
            .filter(|c| q.status.is_none_or(|s| c.status == s))
            .filter(|c| q.partner_id.is_none_or(|p| c.partner_id == Some(p)))
            .filter(|c| q.distributor_id.is_none_or(|d| c.distributor_id == Some(d)))
            .filter(|c| {
                q.expiring_within_days
                    .is_none_or(|days| c.expires_within(now, days))
            })
            .filter(|c| {
                q.text.as_deref().is_none_or(|t| {
                    text_hit(
                        t,
                        &[
                            Some(&c.contract_number),
                            c.customer_name.as_deref(),
                            c.notes_internal.as_deref(),
                        ],
                    )
                })
            })
            .cloned()
            .collect();
        rows.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        Page::slice(rows, page)
    }

    pub fn get_contract(&self, actor: &Actor, id: Id) -> BackendResult<ContractDetail> {
        let pos = self.visible_contract(actor, id)?;
        Ok(ContractDetail {
            contract: self.contracts[pos].clone(),
            notes: self
                .notes
                .iter()
                .filter(|n| n.contract_id == Some(id))
                .cloned()
                .collect(),
            renewed_by: self
                .contracts
                .iter()
                .filter(|c| c.renewed_from_id == Some(id))
                .map(|c| c.id)
                .collect(),
        })
    }

    pub fn change_contract_status(
        &mut self,
        actor: &Actor,
        id: Id,
        status: ContractStatus,
        reason: Option<&str>,
    ) -> BackendResult<Contract> {
        let pos = self.visible_contract(actor, id)?;
        let old = self.contracts[pos].status;
        check_contract_transition(actor, old, status)?;
        let now = Utc::now();
        let c = &mut self.contracts[pos];
        c.status = status;
        c.updated_at = now;
        if status == ContractStatus::Cancelled {
            c.cancelled_at = Some(now);
        }
        let contract = c.clone();
        if let Some(reason) = reason.filter(|r| !r.trim().is_empty()) {
            let note = NoteDraft {
                content: status_change_note(old.as_str(), status.as_str(), reason),
                is_internal: true,
                is_pinned: false,
            };
            self.push_note(actor, None, Some(id), &note)?;
        }
        Ok(contract)
    }

    pub fn add_contract_note(
        &mut self,
        actor: &Actor,
        id: Id,
        note: &NoteDraft,
    ) -> BackendResult<RecordNote> {
        self.visible_contract(actor, id)?;
        self.push_note(actor, None, Some(id), note)
    }

    pub fn contract_invoices(&self, actor: &Actor, id: Id) -> BackendResult<ContractInvoices> {
        let pos = self.visible_contract(actor, id)?;
        let c = &self.contracts[pos];
        Ok(ContractInvoices {
            contract_id: c.id,
            contract_number: c.contract_number.clone(),
            invoices: c
                .billing_invoices
                .iter()
                .map(|inv| Invoice {
                    invoice_id: inv.clone(),
                    invoice_number: Some(format!(
                        "INV-{}",
                        inv.chars().take(8).collect::<String>().to_uppercase()
                    )),
                    status: Some("paid".into()),
                    amount: Some(c.total_value),
                    currency: Some(c.currency.clone()),
                    created_at: Some(serde_util::format_utc(&c.activation_date)),
                })
                .collect(),
            provider: "mock".into(),
            message: "Invoice data will be integrated with Pennylane billing provider".into(),
        })
    }
}
