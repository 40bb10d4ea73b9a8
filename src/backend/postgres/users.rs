//! The users tab (administrators only): list, enable/disable, role and
//! company. As on the server, the reasons given are not stored: its user
//! endpoints only log them and write no `audit_logs` rows.

use super::companies::require_admin;
use super::error::R;
use super::paging::{self, ListSpec, Order};
use super::rows::{self, get};
use super::sql::Sql;
use super::types::Pg;
use super::PostgresBackend;
use crate::backend::*;
use crate::domain::edits::{user_conflict, user_unchanged};
use crate::domain::*;
use deadpool_postgres::Transaction;

/// The user, locked; refused when it is no longer as `read` (enabled,
/// role, company), with what it is now.
async fn locked_user(tx: &Transaction<'_>, id: Id, read: Option<&User>) -> R<User> {
    let sql = format!(
        "SELECT {}, p.name AS p_name, d.name AS d_name FROM users u \
         LEFT JOIN partners p ON p.id = u.partner_id \
         LEFT JOIN distributors d ON d.id = u.distributor_id \
         WHERE u.id = $1 FOR UPDATE OF u",
        rows::USER
    );
    let r = tx
        .query_opt(&sql, &[&id])
        .await?
        .ok_or_else(|| BackendError::NotFound(format!("User {id} not found")))?;
    let current = rows::user(&r)?;
    if read.is_some_and(|read| !user_unchanged(read, &current)) {
        let p: Option<String> = get(&r, "p_name")?;
        let d: Option<String> = get(&r, "d_name")?;
        let company = match (p, d) {
            (Some(p), _) => Some((CompanyKind::Partner, p)),
            (None, Some(d)) => Some((CompanyKind::Distributor, d)),
            (None, None) => None,
        };
        let company = company.as_ref().map(|(k, n)| (*k, n.as_str()));
        return Err(BackendError::Conflict {
            message: user_conflict(&current, company),
        }
        .into());
    }
    Ok(current)
}

/// `UPDATE users … RETURNING` the whole user.
async fn update_user(
    tx: &Transaction<'_>,
    set: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> R<User> {
    let sql = format!(
        "UPDATE users AS u SET {set}, updated_at = now() WHERE u.id = $1 RETURNING {}",
        rows::USER
    );
    rows::user(&tx.query_one(&sql, params).await?)
}

impl PostgresBackend {
    pub(super) async fn users_page(&self, q: &UserQuery, page: PageRequest) -> R<Page<User>> {
        let (c, actor) = self.reader().await?;
        require_admin(&actor)?;
        let filter = || {
            let mut s = Sql::new("WHERE TRUE");
            if let Some(r) = q.role {
                let p = s.bind(Pg(r));
                s.and(&format!("u.role = {p}"));
            }
            if let Some(e) = q.is_enabled {
                let p = s.bind(e);
                s.and(&format!("u.is_enabled = {p}"));
            }
            if let Some(pid) = q.partner_id {
                let p = s.bind(pid);
                s.and(&format!("u.partner_id = {p}"));
            }
            if let Some(did) = q.distributor_id {
                let p = s.bind(did);
                s.and(&format!("u.distributor_id = {p}"));
            }
            s
        };
        let spec = ListSpec {
            key: format!("users|{q:?}"),
            select: format!("SELECT {} FROM users u", rows::USER),
            count: "SELECT count(*) FROM users u".into(),
            order: Order::Newest("u"),
        };
        paging::read_page(&c, &self.lists, spec, &filter, page, rows::user, |u| {
            Some((u.created_at, u.id))
        })
        .await
    }

    /// As the server: `enabled_by`/`enabled_at` are set only when a disabled
    /// user is enabled, `enabled_by` only for an admin account (the column
    /// references `admin_users`).
    pub(super) async fn user_enabled(
        &self,
        id: Id,
        enabled: bool,
        _reason: Option<&str>,
        read: Option<&User>,
    ) -> R<User> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        require_admin(&actor)?;
        let u = locked_user(&tx, id, read).await?;
        let user = if enabled && !u.is_enabled {
            let by = actor.is_admin_account().then_some(actor.id);
            update_user(
                &tx,
                "is_enabled = TRUE, enabled_by = $2, enabled_at = now()",
                &[&id, &by],
            )
            .await?
        } else {
            update_user(&tx, "is_enabled = $2", &[&id, &enabled]).await?
        };
        tx.commit().await?;
        Ok(user)
    }

    pub(super) async fn user_role(
        &self,
        id: Id,
        role: UserRole,
        _reason: Option<&str>,
        read: Option<&User>,
    ) -> R<User> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        require_admin(&actor)?;
        locked_user(&tx, id, read).await?;
        let user = update_user(&tx, "role = $2", &[&id, &Pg(role)]).await?;
        tx.commit().await?;
        Ok(user)
    }

    /// At most one company; none clears both.
    pub(super) async fn user_company(
        &self,
        id: Id,
        to: CompanyAssignment,
        read: Option<&User>,
    ) -> R<User> {
        let mut c = self.conn().await?;
        let tx = Self::begin(&mut c).await?;
        let actor = self.fresh_actor(&tx).await?;
        require_admin(&actor)?;
        locked_user(&tx, id, read).await?;
        if to.partner_id.is_some() && to.distributor_id.is_some() {
            return Err(BackendError::Rule(
                "Cannot assign user to both partner and distributor. Provide only one.".into(),
            )
            .into());
        }
        for (table, what, cid) in [
            ("partners", "Partner", to.partner_id),
            ("distributors", "Distributor", to.distributor_id),
        ] {
            if let Some(cid) = cid {
                let sql = format!("SELECT 1 FROM {table} WHERE id = $1");
                if tx.query_opt(&sql, &[&cid]).await?.is_none() {
                    return Err(BackendError::NotFound(format!("{what} {cid} not found")).into());
                }
            }
        }
        let user = update_user(
            &tx,
            "partner_id = $2, distributor_id = $3",
            &[&id, &to.partner_id, &to.distributor_id],
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }
}
