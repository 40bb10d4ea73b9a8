//! Partners and distributors (one shape, two tables) and the links between
//! them.

use super::attach::check_channel;
use super::error::R;
use super::leads::valid;
use super::paging::{self, ListSpec, Order};
use super::rows::{self, get};
use super::sql::{text_filter, Sql};
use super::{scope, PostgresBackend};
use crate::backend::*;
use crate::domain::attach::Channel;
use crate::domain::edits::{company_conflict, company_unchanged, CompanyField};
use crate::domain::scope::Actor;
use crate::domain::validation::validate_company;
use crate::domain::*;
use deadpool_postgres::GenericClient;
use deadpool_postgres::Transaction;

fn table(kind: CompanyKind) -> &'static str {
    match kind {
        CompanyKind::Partner => "partners",
        CompanyKind::Distributor => "distributors",
    }
}

fn title(kind: CompanyKind) -> &'static str {
    match kind {
        CompanyKind::Partner => "Partner",
        CompanyKind::Distributor => "Distributor",
    }
}

fn not_found(kind: CompanyKind, id: Id) -> BackendError {
    BackendError::NotFound(format!("{} {id} not found", title(kind)))
}

/// The server's `require_admin`.
pub(super) fn require_admin(actor: &Actor) -> R<()> {
    if actor.can_administer() {
        Ok(())
    } else {
        Err(BackendError::Forbidden("Admin privileges required".into()).into())
    }
}

/// The partner columns of a link row, prefixed `p_`.
const LINK: &str = "dp.id, dp.distributor_id, dp.partner_id, dp.assigned_at, dp.assigned_by, \
    dp.is_active, dp.notes, dp.created_at, dp.updated_at, co.id AS p_id, co.name AS p_name, \
    co.legal_name AS p_legal_name, co.registration_number AS p_registration_number, \
    co.email AS p_email, co.phone AS p_phone, co.website AS p_website, \
    co.address_line1 AS p_address_line1, co.address_line2 AS p_address_line2, \
    co.city AS p_city, co.postal_code AS p_postal_code, co.country AS p_country, \
    co.is_active AS p_is_active, co.notes AS p_notes, co.created_at AS p_created_at, \
    co.updated_at AS p_updated_at";

fn link_row(r: &tokio_postgres::Row) -> R<DistributorPartnerLink> {
    Ok(DistributorPartnerLink {
        id: get(r, "id")?,
        distributor_id: get(r, "distributor_id")?,
        partner_id: get(r, "partner_id")?,
        partner: rows::company_prefixed(r, "p_")?,
        assigned_at: get(r, "assigned_at")?,
        assigned_by: get(r, "assigned_by")?,
        is_active: get(r, "is_active")?,
        notes: get(r, "notes")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
    })
}

async fn link_by_id<C: GenericClient>(c: &C, id: Id) -> R<DistributorPartnerLink> {
    let sql = format!(
        "SELECT {LINK} FROM distributor_partners dp JOIN partners co ON co.id = dp.partner_id \
         WHERE dp.id = $1"
    );
    link_row(&c.query_one(&sql, &[&id]).await?)
}

/// The name of a company, locked for the rest of the transaction.
async fn locked_name(tx: &Transaction<'_>, kind: CompanyKind, id: Id) -> R<String> {
    let sql = format!("SELECT name FROM {} WHERE id = $1 FOR UPDATE", table(kind));
    let r = tx.query_opt(&sql, &[&id]).await?;
    get(&r.ok_or_else(|| not_found(kind, id))?, "name")
}

/// Registration numbers are unique per table; say so before the index does.
async fn check_registration(
    tx: &Transaction<'_>,
    kind: CompanyKind,
    reg: Option<&str>,
    except: Option<Id>,
) -> R<()> {
    let Some(reg) = reg.filter(|r| !r.is_empty()) else {
        return Ok(());
    };
    let sql = format!(
        "SELECT 1 FROM {} WHERE registration_number = $1 AND id IS DISTINCT FROM $2",
        table(kind)
    );
    if tx.query_opt(&sql, &[&reg, &except]).await?.is_some() {
        return Err(BackendError::Rule(format!(
            "{} with registration number '{reg}' already exists",
            title(kind)
        ))
        .into());
    }
    Ok(())
}

/// The value of one field of a company, bound as a parameter.
fn param(c: &Company, f: CompanyField) -> &(dyn tokio_postgres::types::ToSql + Sync) {
    match f {
        CompanyField::Name => &c.name,
        CompanyField::LegalName => &c.legal_name,
        CompanyField::RegistrationNumber => &c.registration_number,
        CompanyField::Email => &c.email,
        CompanyField::Phone => &c.phone,
        CompanyField::Website => &c.website,
        CompanyField::AddressLine1 => &c.address_line1,
        CompanyField::AddressLine2 => &c.address_line2,
        CompanyField::City => &c.city,
        CompanyField::PostalCode => &c.postal_code,
        CompanyField::Country => &c.country,
        CompanyField::IsActive => &c.is_active,
        CompanyField::Notes => &c.notes,
    }
}

/// A company, locked for the rest of the transaction.
async fn locked_company(tx: &Transaction<'_>, kind: CompanyKind, id: Id) -> R<Company> {
    let sql = format!(
        "SELECT {} FROM {} co WHERE co.id = $1 FOR UPDATE",
        rows::COMPANY,
        table(kind)
    );
    let r = tx.query_opt(&sql, &[&id]).await?;
    rows::company(&r.ok_or_else(|| not_found(kind, id))?)
}

impl PostgresBackend {
    pub(super) async fn companies_page(
        &self,
        kind: CompanyKind,
        q: &CompanyQuery,
        page: PageRequest,
    ) -> R<Page<Company>> {
        let (c, actor) = self.reader().await?;
        let filter = || {
            let mut s = Sql::new("WHERE ");
            let cond = scope::companies(&mut s, &actor, kind, "co");
            s.push(&cond);
            if let Some(a) = q.is_active {
                let p = s.bind(a);
                s.and(&format!("co.is_active = {p}"));
            }
            text_filter(&mut s, q.search.as_deref(), &["co.name"]);
            s
        };
        let spec = ListSpec {
            key: format!("{}|{}|{q:?}", table(kind), scope::fingerprint(&actor)),
            select: format!("SELECT {} FROM {} co", rows::COMPANY, table(kind)),
            count: format!("SELECT count(*) FROM {} co", table(kind)),
            order: Order::By("co.name, co.id"),
        };
        paging::read_page(&c, &self.lists, spec, &filter, page, rows::company, |_| {
            None
        })
        .await
    }

    pub(super) async fn company(&self, kind: CompanyKind, id: Id) -> R<Company> {
        let (c, actor) = self.reader().await?;
        let mut q = Sql::default();
        let idp = q.bind(id);
        let cond = scope::companies(&mut q, &actor, kind, "co");
        q.text = format!(
            "SELECT {}, ({cond}) AS visible FROM {} co WHERE co.id = {idp}",
            rows::COMPANY,
            table(kind)
        );
        let found = paging::rows(&c, &q).await?;
        let r = found.first().ok_or_else(|| not_found(kind, id))?;
        if !get::<bool>(r, "visible")? {
            return Err(
                BackendError::Forbidden(format!("Access denied to this {}", kind.label())).into(),
            );
        }
        rows::company(r)
    }

    pub(super) async fn company_create(&self, kind: CompanyKind, d: &CompanyDraft) -> R<Company> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        require_admin(&actor)?;
        valid(validate_company(d))?;
        let now = chrono::Utc::now();
        let new = Company::from_draft(uuid::Uuid::new_v4(), d, now, now);
        check_registration(&tx, kind, new.registration_number.as_deref(), None).await?;
        let mut params = vec![&new.id as &(dyn tokio_postgres::types::ToSql + Sync)];
        params.extend(CompanyField::ALL.map(|f| param(&new, f)));
        let columns: Vec<&str> = CompanyField::ALL.iter().map(|f| f.name()).collect();
        let values: Vec<String> = (1..=params.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {} AS co (id, {}) VALUES ({}) RETURNING {}",
            table(kind),
            columns.join(", "),
            values.join(", "),
            rows::COMPANY
        );
        let company = rows::company(&tx.query_one(&sql, &params).await?)?;
        tx.commit().await?;
        Ok(company)
    }

    /// With `read`, the locked row must still be as read (same version and
    /// values), and only the fields the draft changes from it are written.
    pub(super) async fn company_update(
        &self,
        kind: CompanyKind,
        id: Id,
        d: &CompanyDraft,
        read: Option<&Company>,
    ) -> R<Company> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        require_admin(&actor)?;
        valid(validate_company(d))?;
        let current = locked_company(&tx, kind, id).await?;
        let (fields, wanted) = match read {
            Some(read) if !company_unchanged(read, &current) => {
                return Err(BackendError::Conflict {
                    message: company_conflict(read, &current),
                }
                .into())
            }
            Some(read) => {
                let fields = d.changes_from(read);
                let wanted = CompanyDraft::from_company(&current).with_fields(d, &fields);
                (fields, wanted)
            }
            None => (CompanyField::ALL.to_vec(), d.clone()),
        };
        if fields.is_empty() {
            return Ok(current);
        }
        let new = Company::from_draft(id, &wanted, current.created_at, current.updated_at);
        if fields.contains(&CompanyField::RegistrationNumber) {
            let reg = new.registration_number.as_deref();
            check_registration(&tx, kind, reg, Some(id)).await?;
        }
        let mut params = vec![&new.id as &(dyn tokio_postgres::types::ToSql + Sync)];
        params.extend(fields.iter().map(|f| param(&new, *f)));
        let sets: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{} = ${}", f.name(), i + 2))
            .collect();
        // Every save moves the version on, even within one microsecond.
        let sql = format!(
            "UPDATE {} AS co SET {}, updated_at = GREATEST(now(), co.updated_at + interval \
             '1 microsecond') WHERE co.id = $1 RETURNING {}",
            table(kind),
            sets.join(", "),
            rows::COMPANY
        );
        let company = rows::company(&tx.query_one(&sql, &params).await?)?;
        tx.commit().await?;
        Ok(company)
    }

    /// Refused, with the reason, while orders, contracts, leads or users
    /// point at the company (they have no cascade); links go with it.
    pub(super) async fn company_delete(&self, kind: CompanyKind, id: Id) -> R<()> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        require_admin(&actor)?;
        let name = locked_name(&tx, kind, id).await?;
        let col = match kind {
            CompanyKind::Partner => "partner_id",
            CompanyKind::Distributor => "distributor_id",
        };
        let r = tx
            .query_one(
                &format!(
                    "SELECT (SELECT count(*) FROM orders WHERE {col} = $1) AS orders, \
                     (SELECT count(*) FROM contracts WHERE {col} = $1) AS contracts, \
                     (SELECT count(*) FROM leads WHERE {col} = $1) AS leads, \
                     (SELECT count(*) FROM users WHERE {col} = $1) AS users"
                ),
                &[&id],
            )
            .await?;
        let n = |c: &str| get::<i64>(&r, c);
        let (orders, contracts, leads, users) =
            (n("orders")?, n("contracts")?, n("leads")?, n("users")?);
        if orders + contracts + leads + users > 0 {
            return Err(BackendError::Rule(format!(
                "Cannot delete {} {name}: it still has {orders} orders, {contracts} contracts, \
                 {leads} leads and {users} users. Deactivate it instead.",
                kind.label()
            ))
            .into());
        }
        // A row added since the check makes the delete fail on its foreign
        // key, which maps to the same kind of refusal.
        tx.execute(
            &format!("DELETE FROM {} WHERE id = $1", table(kind)),
            &[&id],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn links(
        &self,
        distributor_id: Id,
        active_only: bool,
    ) -> R<Vec<DistributorPartnerLink>> {
        let (c, actor) = self.reader().await?;
        // Visibility of the id itself (an admin reading an unknown
        // distributor gets an empty list, as from the server).
        let mut vis = Sql::default();
        let did = vis.bind(distributor_id);
        let cond = scope::companies(&mut vis, &actor, CompanyKind::Distributor, "d");
        vis.text = format!("SELECT ({cond}) AS visible FROM (SELECT {did}::uuid AS id) d");
        let links = format!(
            "SELECT {LINK} FROM distributor_partners dp JOIN partners co ON co.id = dp.partner_id \
             WHERE dp.distributor_id = $1 AND (NOT $2 OR dp.is_active) ORDER BY co.name, dp.id"
        );
        let params_1: [&(dyn tokio_postgres::types::ToSql + Sync); 2] =
            [&distributor_id, &active_only];
        let (vis, found) =
            tokio::try_join!(paging::rows(&c, &vis), paging::query(&c, &links, &params_1))?;
        if !vis
            .first()
            .map(|r| get::<bool>(r, "visible"))
            .transpose()?
            .unwrap_or(false)
        {
            return Err(BackendError::Forbidden("Access denied to this distributor".into()).into());
        }
        rows::all(&found, link_row)
    }

    /// A new link, or an ended one active again (the pair is unique).
    pub(super) async fn link(
        &self,
        distributor_id: Id,
        partner_id: Id,
        notes: Option<&str>,
    ) -> R<DistributorPartnerLink> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        require_admin(&actor)?;
        let d = locked_name(&tx, CompanyKind::Distributor, distributor_id).await?;
        let p = locked_name(&tx, CompanyKind::Partner, partner_id).await?;
        // Both ends must be companies the actor sees (a restricted admin sees none).
        let both = Channel::new(Some(partner_id), Some(distributor_id));
        check_channel(&tx, &actor, both, None).await?;
        let assigned_by = actor.is_admin_account().then_some(actor.id);
        let existing = tx
            .query_opt(
                "SELECT id, is_active FROM distributor_partners \
                 WHERE distributor_id = $1 AND partner_id = $2 FOR UPDATE",
                &[&distributor_id, &partner_id],
            )
            .await?;
        let id: Id = match existing {
            Some(r) if get::<bool>(&r, "is_active")? => {
                return Err(BackendError::Rule(format!(
                    "Partner {p} is already linked to distributor {d}"
                ))
                .into())
            }
            Some(r) => {
                let id: Id = get(&r, "id")?;
                tx.execute(
                    "UPDATE distributor_partners SET is_active = TRUE, assigned_at = now(), \
                     assigned_by = COALESCE($2, assigned_by), notes = $3, updated_at = now() \
                     WHERE id = $1",
                    &[&id, &assigned_by, &notes],
                )
                .await?;
                id
            }
            None => tx
                .query_one(
                    "INSERT INTO distributor_partners (distributor_id, partner_id, assigned_by, \
                     is_active, notes) VALUES ($1, $2, $3, TRUE, $4) RETURNING id",
                    &[&distributor_id, &partner_id, &assigned_by, &notes],
                )
                .await?
                .get("id"),
        };
        let link = link_by_id(&tx, id).await?;
        tx.commit().await?;
        Ok(link)
    }

    /// Ends a link: the row stays, inactive, so its history does too.
    pub(super) async fn unlink(&self, distributor_id: Id, partner_id: Id) -> R<()> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        require_admin(&actor)?;
        let n = tx
            .execute(
                "UPDATE distributor_partners SET is_active = FALSE, updated_at = now() \
                 WHERE distributor_id = $1 AND partner_id = $2 AND is_active",
                &[&distributor_id, &partner_id],
            )
            .await?;
        if n == 0 {
            return Err(BackendError::NotFound(
                "No active link between that distributor and partner".into(),
            )
            .into());
        }
        tx.commit().await?;
        Ok(())
    }
}
