//! The leads tab: list, detail, create, versioned edit, status changes with
//! history, reassignment, notes, activities.

use super::attach::{check_channel, check_owner};
use super::error::R;
use super::paging::{self, ListSpec, Order};
use super::rows::{self, get};
use super::sql::{text_filter, Sql};
use super::types::{text_bool, Pg};
use super::{scope, PostgresBackend};
use crate::backend::*;
use crate::domain::attach::Channel;
use crate::domain::scope::Actor;
use crate::domain::transitions::check_lead_transition;
use crate::domain::validation::{validate_activity, validate_lead, validate_note, FieldError};
use crate::domain::*;
use deadpool_postgres::GenericClient;

/// Refuses invalid input with its fields.
pub(super) fn valid(errors: Vec<FieldError>) -> R<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BackendError::invalid(errors).into())
    }
}

/// One lead the actor may see, optionally locked for the rest of the
/// transaction. 404 when absent, 403 when out of scope (as the server).
pub(super) async fn visible_lead<C: GenericClient>(
    c: &C,
    actor: &Actor,
    id: Id,
    lock: bool,
) -> R<Lead> {
    let mut q = Sql::default();
    let idp = q.bind(id);
    let cond = scope::records(&mut q, actor, "l");
    q.text = format!(
        "SELECT {}, ({cond}) AS visible FROM leads l WHERE l.id = {idp}{}",
        rows::LEAD,
        if lock { " FOR UPDATE" } else { "" }
    );
    let found = paging::rows(c, &q).await?;
    let r = found
        .first()
        .ok_or_else(|| BackendError::NotFound("Lead not found".into()))?;
    if !get::<bool>(r, "visible")? {
        return Err(BackendError::Forbidden("Access denied to this lead".into()).into());
    }
    rows::lead(r)
}

/// What changed under the user, in their words.
fn conflict(current: &Lead, draft: &LeadDraft) -> BackendError {
    let mut now = Vec::new();
    if current.title != draft.title.trim() {
        now.push(format!("title “{}”", current.title));
    }
    if current.organization != draft.organization.trim() {
        now.push(format!("organization “{}”", current.organization));
    }
    if current.contact_name != draft.contact_name.trim() {
        now.push(format!("contact “{}”", current.contact_name));
    }
    if draft.status.is_some_and(|s| s != current.status) {
        now.push(format!("status {}", current.status));
    }
    if current.value != draft.value {
        now.push(match current.value {
            Some(v) => format!("value {}", money::format_money(v, &current.currency)),
            None => "no value".into(),
        });
    }
    if current.probability != draft.probability {
        now.push(match current.probability {
            Some(p) => format!("probability {p}%"),
            None => "no probability".into(),
        });
    }
    if current.expected_close_date != draft.expected_close_date {
        now.push(match current.expected_close_date {
            Some(d) => format!("expected close {}", d.format("%Y-%m-%d")),
            None => "no expected close date".into(),
        });
    }
    if current.contact_email != draft.contact_email || current.contact_phone != draft.contact_phone
    {
        now.push("other contact details".into());
    }
    let what = if now.is_empty() {
        String::new()
    } else {
        format!(" It now has {}.", now.join(", "))
    };
    BackendError::Conflict {
        message: format!(
            "“{}” was changed by someone else at {} UTC.{what} Reload it to see their values, then edit again.",
            current.title,
            current.updated_at.format("%Y-%m-%d %H:%M:%S")
        ),
    }
}

fn currency(d: &LeadDraft) -> String {
    if d.currency.trim().is_empty() {
        "EUR".into()
    } else {
        d.currency.trim().to_string()
    }
}

/// The leads list as SQL: its identity, statements and filter.
pub(super) fn lead_list<'a>(
    actor: &'a Actor,
    q: &'a LeadQuery,
) -> (ListSpec, impl Fn() -> Sql + Sync + 'a) {
    let filter = move || {
        let mut s = Sql::new("WHERE ");
        let cond = scope::records(&mut s, actor, "l");
        s.push(&cond);
        if let Some(st) = q.status {
            let p = s.bind(Pg(st));
            s.and(&format!("l.status = {p}"));
        }
        if let Some(o) = q.owner_id {
            let p = s.bind(o);
            s.and(&format!("l.owner_id = {p}"));
        }
        if let Some(pid) = q.partner_id {
            let p = s.bind(pid);
            s.and(&format!("l.partner_id = {p}"));
        }
        text_filter(
            &mut s,
            q.text.as_deref(),
            &[
                "l.title",
                "l.organization",
                "l.contact_name",
                "l.contact_email",
            ],
        );
        s
    };
    let spec = ListSpec {
        key: format!("leads|{}|{q:?}", scope::fingerprint(actor)),
        select: format!("SELECT {} FROM leads l", rows::LEAD),
        count: "SELECT count(*) FROM leads l".into(),
        order: Order::Newest("l"),
    };
    (spec, filter)
}

/// Every update moves the version on, even within one microsecond.
const BUMP: &str = "updated_at = GREATEST(now(), l.updated_at + interval '1 microsecond')";

impl PostgresBackend {
    pub(super) async fn leads_page(&self, q: &LeadQuery, page: PageRequest) -> R<Page<Lead>> {
        let (c, actor) = self.reader().await?;
        let (spec, filter) = lead_list(&actor, q);
        paging::read_page(&c, &self.lists, spec, &filter, page, rows::lead, |l| {
            Some((l.created_at, l.id))
        })
        .await
    }

    /// The lead and its children, four queries pipelined on one connection.
    pub(super) async fn lead_detail(&self, id: Id) -> R<LeadDetail> {
        let (c, actor) = self.reader().await?;
        let children = |cols: &str, table: &str, alias: &str, order: &str| {
            format!(
                "SELECT {cols} FROM {table} {alias} WHERE {alias}.lead_id = $1 ORDER BY {order}"
            )
        };
        let acts = children(rows::ACTIVITY, "lead_activities", "a", "a.created_at, a.id");
        let notes = children(rows::LEAD_NOTE, "lead_notes", "n", "n.created_at, n.id");
        let hist = children(
            rows::HISTORY,
            "lead_status_history",
            "h",
            "h.changed_at, h.id",
        );
        let params_1: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&id];
        let params_2: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&id];
        let params_3: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&id];
        let (lead, acts, notes, hist) = tokio::try_join!(
            visible_lead(&c, &actor, id, false),
            paging::query(&c, &acts, &params_1),
            paging::query(&c, &notes, &params_2),
            paging::query(&c, &hist, &params_3),
        )?;
        Ok(LeadDetail {
            lead,
            activities: rows::all(&acts, rows::activity)?,
            notes: rows::all(&notes, rows::lead_note)?,
            status_history: Some(rows::all(&hist, rows::history)?),
        })
    }

    pub(super) async fn lead_create(&self, d: &LeadDraft) -> R<Lead> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        valid(validate_lead(d))?;
        let to = Channel::new(d.partner_id, d.distributor_id);
        check_channel(&tx, &actor, to, None).await?;
        let row = tx
            .query_one(
                &format!(
                    "INSERT INTO leads AS l (provider_name, title, organization, contact_name, \
                     contact_email, contact_phone, value, currency, status, probability, \
                     expected_close_date, owner_id, partner_id, distributor_id, sync_status, \
                     provider_metadata) \
                     VALUES ('manual', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                     'synced', '{{}}'::jsonb) RETURNING {}",
                    rows::LEAD
                ),
                &[
                    &d.title.trim(),
                    &d.organization.trim(),
                    &d.contact_name.trim(),
                    &d.contact_email,
                    &d.contact_phone,
                    &d.value,
                    &currency(d),
                    &Pg(d.status.unwrap_or(LeadStatus::New)),
                    &d.probability,
                    &d.expected_close_date,
                    &actor.id,
                    &d.partner_id,
                    &d.distributor_id,
                ],
            )
            .await?;
        let lead = rows::lead(&row)?;
        tx.commit().await?;
        Ok(lead)
    }

    /// With `expected`, the row is locked and compared first: an edit of an
    /// older version is a conflict that names the current values.
    pub(super) async fn lead_update(
        &self,
        id: Id,
        d: &LeadDraft,
        expected: Option<Timestamp>,
    ) -> R<Lead> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        let current = visible_lead(&tx, &actor, id, true).await?;
        valid(validate_lead(d))?;
        let before = Channel::new(current.partner_id, current.distributor_id);
        let to = Channel::new(d.partner_id, d.distributor_id);
        check_channel(&tx, &actor, to, Some(before)).await?;
        if expected.is_some_and(|e| e != current.updated_at) {
            return Err(conflict(&current, d).into());
        }
        let row = tx
            .query_opt(
                &format!(
                    "UPDATE leads AS l SET title = $3, organization = $4, contact_name = $5, \
                     contact_email = $6, contact_phone = $7, value = $8, currency = $9, \
                     status = $10, probability = $11, expected_close_date = $12, \
                     partner_id = $13, distributor_id = $14, {BUMP} \
                     WHERE l.id = $1 AND l.updated_at = $2 RETURNING {}",
                    rows::LEAD
                ),
                &[
                    &id,
                    &current.updated_at,
                    &d.title.trim(),
                    &d.organization.trim(),
                    &d.contact_name.trim(),
                    &d.contact_email,
                    &d.contact_phone,
                    &d.value,
                    &currency(d),
                    &Pg(d.status.unwrap_or(current.status)),
                    &d.probability,
                    &d.expected_close_date,
                    &d.partner_id,
                    &d.distributor_id,
                ],
            )
            .await?;
        // The row is locked, so this only misses if the lock was bypassed.
        let row = row.ok_or_else(|| conflict(&current, d))?;
        let lead = rows::lead(&row)?;
        tx.commit().await?;
        Ok(lead)
    }

    /// The status and a `lead_status_history` row, together.
    pub(super) async fn lead_status(
        &self,
        id: Id,
        status: LeadStatus,
        reason: Option<&str>,
    ) -> R<Lead> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let current = visible_lead(&tx, &actor, id, true).await?;
        check_lead_transition(current.status, status)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        tx.execute(
            "INSERT INTO lead_status_history (lead_id, old_status, new_status, \
             changed_by_user_id, reason, changed_at) VALUES ($1, $2, $3, $4, $5, now())",
            &[&id, &Pg(current.status), &Pg(status), &actor.id, &reason],
        )
        .await?;
        let row = tx
            .query_one(
                &format!(
                    "UPDATE leads AS l SET status = $2, {BUMP} WHERE l.id = $1 RETURNING {}",
                    rows::LEAD
                ),
                &[&id, &Pg(status)],
            )
            .await?;
        let lead = rows::lead(&row)?;
        tx.commit().await?;
        Ok(lead)
    }

    pub(super) async fn lead_reassign(&self, id: Id, owner_id: Id) -> R<Lead> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        let lead = visible_lead(&tx, &actor, id, true).await?;
        let record = Channel::new(lead.partner_id, lead.distributor_id);
        check_owner(&tx, &actor, owner_id, record).await?;
        let row = tx
            .query_one(
                &format!(
                    "UPDATE leads AS l SET owner_id = $2, {BUMP} WHERE l.id = $1 RETURNING {}",
                    rows::LEAD
                ),
                &[&id, &owner_id],
            )
            .await?;
        let lead = rows::lead(&row)?;
        tx.commit().await?;
        Ok(lead)
    }

    pub(super) async fn lead_note(&self, id: Id, content: &str) -> R<LeadNote> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        visible_lead(&tx, &actor, id, false).await?;
        valid(validate_note(content))?;
        let row = tx
            .query_one(
                &format!(
                    "INSERT INTO lead_notes AS n (lead_id, content, created_by_user_id) \
                     VALUES ($1, $2, $3) RETURNING {}",
                    rows::LEAD_NOTE
                ),
                &[&id, &content, &actor.id],
            )
            .await?;
        let note = rows::lead_note(&row)?;
        tx.commit().await?;
        Ok(note)
    }

    pub(super) async fn lead_activity(&self, id: Id, d: &ActivityDraft) -> R<LeadActivity> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let lead = visible_lead(&tx, &actor, id, false).await?;
        valid(validate_activity(d))?;
        let row = tx
            .query_one(
                &format!(
                    "INSERT INTO lead_activities AS a (lead_id, provider_name, activity_type, \
                     subject, description, due_date, done, user_id, provider_metadata) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '{{}}'::jsonb) RETURNING {}",
                    rows::ACTIVITY
                ),
                &[
                    &id,
                    &lead.provider_name,
                    &d.activity_type.trim(),
                    &d.subject,
                    &d.description,
                    &d.due_date,
                    &text_bool(d.done),
                    &actor.id,
                ],
            )
            .await?;
        let a = rows::activity(&row)?;
        tx.commit().await?;
        Ok(a)
    }
}
