//! Scoping on writes (`domain::attach`) against the database: the companies
//! a record is pointed at, and the users a lead is given to, checked inside
//! the write's transaction with the links they depend on held.

use super::error::R;
use super::rows::{self, get};
use crate::backend::BackendError;
use crate::domain::attach::Channel;
use crate::domain::scope::Actor;
use crate::domain::*;
use deadpool_postgres::Transaction;
use std::collections::HashSet;

/// The active links that touch these partners or distributors, locked
/// (FOR SHARE) so none ends before the write commits: an unlink racing it
/// waits, or makes this transaction start again.
pub(super) async fn active_links(
    tx: &Transaction<'_>,
    partners: &[Id],
    distributors: &[Id],
) -> R<HashSet<(Id, Id)>> {
    if partners.is_empty() && distributors.is_empty() {
        return Ok(HashSet::new());
    }
    let found = tx
        .query(
            "SELECT distributor_id, partner_id FROM distributor_partners \
             WHERE is_active AND (partner_id = ANY($1) OR distributor_id = ANY($2)) FOR SHARE",
            &[&partners, &distributors],
        )
        .await?;
    found
        .iter()
        .map(|r| Ok((get(r, "distributor_id")?, get(r, "partner_id")?)))
        .collect()
}

/// The links a rule about `actor` and these companies may ask about.
async fn links_for(
    tx: &Transaction<'_>,
    actor: &Actor,
    partners: &[Option<Id>],
    distributors: &[Option<Id>],
) -> R<HashSet<(Id, Id)>> {
    let ps: Vec<Id> = partners
        .iter()
        .chain([&actor.partner_id])
        .flatten()
        .copied()
        .collect();
    let ds: Vec<Id> = distributors
        .iter()
        .chain([&actor.distributor_id])
        .flatten()
        .copied()
        .collect();
    active_links(tx, &ps, &ds).await
}

/// A partner/distributor pair a record is about to point at: both must
/// exist, and the actor may attach them (`before`: what an edited record
/// pointed at). Returns their names and whether they are active.
pub(super) async fn check_channel(
    tx: &Transaction<'_>,
    actor: &Actor,
    to: Channel,
    before: Option<Channel>,
) -> R<[Option<(String, bool)>; 2]> {
    let (partner_id, distributor_id) = (to.partner_id, to.distributor_id);
    let r = tx
        .query_one(
            "SELECT (SELECT name FROM partners WHERE id = $1) AS p_name, \
                    (SELECT is_active FROM partners WHERE id = $1) AS p_active, \
                    (SELECT name FROM distributors WHERE id = $2) AS d_name, \
                    (SELECT is_active FROM distributors WHERE id = $2) AS d_active",
            &[&partner_id, &distributor_id],
        )
        .await?;
    let p: Option<String> = get(&r, "p_name")?;
    let d: Option<String> = get(&r, "d_name")?;
    if let (Some(id), None) = (partner_id, &p) {
        return Err(BackendError::NotFound(format!("Partner {id} not found")).into());
    }
    if let (Some(id), None) = (distributor_id, &d) {
        return Err(BackendError::NotFound(format!("Distributor {id} not found")).into());
    }
    let links = links_for(tx, actor, &[partner_id], &[distributor_id]).await?;
    actor
        .may_attach(to, before, |d, p| links.contains(&(d, p)))
        .map_err(BackendError::from)?;
    let active = |col: &str| -> R<bool> { Ok(get::<Option<bool>>(&r, col)?.unwrap_or(false)) };
    Ok([
        p.map(|n| active("p_active").map(|a| (n, a))).transpose()?,
        d.map(|n| active("d_active").map(|a| (n, a))).transpose()?,
    ])
}

/// The user a record of `record` is about to be given to: it must exist
/// and be someone the actor may give it to. The user's row is locked, so a
/// concurrent disable or move waits for this write.
pub(super) async fn check_owner(
    tx: &Transaction<'_>,
    actor: &Actor,
    owner_id: Id,
    record: Channel,
) -> R<User> {
    let sql = format!(
        "SELECT {} FROM users u WHERE u.id = $1 FOR SHARE",
        rows::USER
    );
    let owner = tx
        .query_opt(&sql, &[&owner_id])
        .await?
        .ok_or_else(|| BackendError::NotFound(format!("User {owner_id} not found")))?;
    let owner = rows::user(&owner)?;
    let links = links_for(tx, actor, &[owner.partner_id], &[owner.distributor_id]).await?;
    actor
        .may_give_to(&owner, record, |d, p| links.contains(&(d, p)))
        .map_err(BackendError::from)?;
    Ok(owner)
}
