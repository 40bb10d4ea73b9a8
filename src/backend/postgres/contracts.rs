//! The contracts tab: list (with "expiring soon"), detail with notes and
//! renewals, the status machine, notes, invoices.

use super::error::R;
use super::leads::valid;
use super::orders::{insert_note, reason_note};
use super::paging::{self, query, ListSpec, Order};
use super::rows::{self, get};
use super::sql::{text_filter, Sql};
use super::types::Pg;
use super::{scope, PostgresBackend};
use crate::backend::*;
use crate::domain::scope::Actor;
use crate::domain::transitions::check_contract_transition;
use crate::domain::validation::validate_note;
use crate::domain::*;
use deadpool_postgres::GenericClient;

/// One contract the actor may see (404, then 403).
async fn visible_contract<C: GenericClient>(
    c: &C,
    actor: &Actor,
    id: Id,
    lock: bool,
) -> R<Contract> {
    let mut q = Sql::default();
    let idp = q.bind(id);
    let cond = scope::records(&mut q, actor, "c");
    q.text = format!(
        "SELECT {}, ({cond}) AS visible FROM {} WHERE c.id = {idp}{}",
        rows::CONTRACT,
        rows::CONTRACT_FROM,
        // The customer side of the join is nullable: lock the contract only.
        if lock { " FOR UPDATE OF c" } else { "" }
    );
    let found = paging::rows(c, &q).await?;
    let r = found
        .first()
        .ok_or_else(|| BackendError::NotFound("Contract not found".into()))?;
    if !get::<bool>(r, "visible")? {
        return Err(BackendError::Forbidden("Access denied".into()).into());
    }
    rows::contract(r)
}

/// The contracts list as SQL: its identity, statements and filter.
pub(super) fn contract_list<'a>(
    actor: &'a Actor,
    q: &'a ContractQuery,
) -> (ListSpec, impl Fn() -> Sql + Sync + 'a) {
    let filter = move || {
        let mut s = Sql::new("WHERE ");
        let cond = scope::records(&mut s, actor, "c");
        s.push(&cond);
        if let Some(st) = q.status {
            let p = s.bind(Pg(st));
            s.and(&format!("c.status = {p}"));
        }
        if let Some(pid) = q.partner_id {
            let p = s.bind(pid);
            s.and(&format!("c.partner_id = {p}"));
        }
        if let Some(did) = q.distributor_id {
            let p = s.bind(did);
            s.and(&format!("c.distributor_id = {p}"));
        }
        if let Some(days) = q.expiring_within_days {
            // As `Contract::expires_within`: active, and whole days left
            // (truncated) between 0 and `days`.
            match i32::try_from(days) {
                Ok(days) if days >= 0 => {
                    let p = s.bind(days);
                    s.and(&format!(
                        "c.status = 'ACTIVE' AND c.expiration_date > now() - interval '1 day' \
                         AND c.expiration_date < now() + make_interval(days => {p} + 1)"
                    ));
                }
                Ok(_) => {
                    s.and("FALSE");
                }
                Err(_) => {
                    s.and("c.status = 'ACTIVE' AND c.expiration_date > now() - interval '1 day'");
                }
            }
        }
        text_filter(
            &mut s,
            q.text.as_deref(),
            &["c.contract_number", "pc.name", "c.notes_internal"],
        );
        s
    };
    let spec = ListSpec {
        key: format!("contracts|{}|{q:?}", scope::fingerprint(actor)),
        select: format!("SELECT {} FROM {}", rows::CONTRACT, rows::CONTRACT_FROM),
        count: format!("SELECT count(*) FROM {}", rows::CONTRACT_FROM),
        order: Order::Newest("c"),
    };
    (spec, filter)
}

impl PostgresBackend {
    pub(super) async fn contracts_page(
        &self,
        q: &ContractQuery,
        page: PageRequest,
    ) -> R<Page<Contract>> {
        let (c, actor) = self.reader().await?;
        let (spec, filter) = contract_list(&actor, q);
        paging::read_page(&c, &self.lists, spec, &filter, page, rows::contract, |c| {
            Some((c.created_at, c.id))
        })
        .await
    }

    /// The contract, its notes and its renewals: three pipelined queries.
    pub(super) async fn contract_detail(&self, id: Id) -> R<ContractDetail> {
        let (c, actor) = self.reader().await?;
        let notes = format!(
            "SELECT {} FROM notes n WHERE n.contract_id = $1 ORDER BY n.created_at, n.id",
            rows::NOTE
        );
        let renewals =
            "SELECT id FROM contracts WHERE renewed_from_id = $1 ORDER BY created_at, id";
        let params_1: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&id];
        let params_2: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&id];
        let (contract, notes, renewals) = tokio::try_join!(
            visible_contract(&c, &actor, id, false),
            query(&c, &notes, &params_1),
            query(&c, renewals, &params_2),
        )?;
        Ok(ContractDetail {
            contract,
            notes: rows::all(&notes, rows::note)?,
            renewed_by: renewals
                .iter()
                .map(|r| get(r, "id"))
                .collect::<R<Vec<Id>>>()?,
        })
    }

    pub(super) async fn contract_status(
        &self,
        id: Id,
        status: ContractStatus,
        reason: Option<&str>,
    ) -> R<Contract> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        let current = visible_contract(&tx, &actor, id, true).await?;
        check_contract_transition(&actor, current.status, status)?;
        let note = reason_note(&actor, current.status.as_str(), status.as_str(), reason)?;
        let stamp = if status == ContractStatus::Cancelled {
            ", cancelled_at = now()"
        } else {
            ""
        };
        tx.execute(
            &format!("UPDATE contracts SET status = $2, updated_at = now(){stamp} WHERE id = $1"),
            &[&id, &Pg(status)],
        )
        .await?;
        if let Some(n) = note {
            insert_note(&tx, &actor, None, Some(id), &n).await?;
        }
        let contract = visible_contract(&tx, &actor, id, false).await?;
        tx.commit().await?;
        Ok(contract)
    }

    pub(super) async fn contract_note(&self, id: Id, note: &NoteDraft) -> R<RecordNote> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        visible_contract(&tx, &actor, id, false).await?;
        valid(validate_note(&note.content))?;
        let n = insert_note(&tx, &actor, None, Some(id), note).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// The server's placeholder: invoice ids from `billing_invoices`.
    pub(super) async fn invoices(&self, id: Id) -> R<ContractInvoices> {
        let (c, actor) = self.reader().await?;
        let k = visible_contract(&c, &actor, id, false).await?;
        Ok(ContractInvoices {
            contract_id: k.id,
            contract_number: k.contract_number.clone(),
            invoices: k
                .billing_invoices
                .iter()
                .map(|inv| Invoice {
                    invoice_id: inv.clone(),
                    invoice_number: Some(format!(
                        "INV-{}",
                        inv.chars().take(8).collect::<String>().to_uppercase()
                    )),
                    status: Some("paid".into()),
                    amount: Some(k.total_value),
                    currency: Some(k.currency.clone()),
                    created_at: Some(serde_util::format_utc(&k.activation_date)),
                })
                .collect(),
            provider: "mock".into(),
            message: "Invoice data will be integrated with Pennylane billing provider".into(),
        })
    }
}
