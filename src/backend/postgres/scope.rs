//! The server's MultiTenantFilter as SQL conditions, so lists and counts
//! only ever touch what the actor may see.

use super::sql::Sql;
use crate::domain::scope::{Actor, Visibility};
use crate::domain::CompanyKind;

/// Leads, orders and contracts: by their `partner_id`/`distributor_id`.
pub fn records(sql: &mut Sql, actor: &Actor, alias: &str) -> String {
    match actor.visibility() {
        Visibility::All => "TRUE".into(),
        Visibility::Distributor(d) => format!("{alias}.distributor_id = {}", sql.bind(d)),
        Visibility::Partner(p) => format!("{alias}.partner_id = {}", sql.bind(p)),
        Visibility::Nothing => "FALSE".into(),
    }
}

/// Partners and distributors: a distributor sees its actively linked
/// partners, a partner the distributors it is actively linked to.
pub fn companies(sql: &mut Sql, actor: &Actor, kind: CompanyKind, alias: &str) -> String {
    let linked = |sql: &mut Sql, mine: &str, theirs: &str, id| {
        format!(
            "EXISTS (SELECT 1 FROM distributor_partners dp WHERE dp.{theirs} = {alias}.id \
             AND dp.{mine} = {} AND dp.is_active)",
            sql.bind(id)
        )
    };
    match (actor.visibility(), kind) {
        (Visibility::All, _) => "TRUE".into(),
        (Visibility::Nothing, _) => "FALSE".into(),
        (Visibility::Partner(p), CompanyKind::Partner) => format!("{alias}.id = {}", sql.bind(p)),
        (Visibility::Distributor(d), CompanyKind::Distributor) => {
            format!("{alias}.id = {}", sql.bind(d))
        }
        (Visibility::Distributor(d), CompanyKind::Partner) => {
            linked(sql, "distributor_id", "partner_id", d)
        }
        (Visibility::Partner(p), CompanyKind::Distributor) => {
            linked(sql, "partner_id", "distributor_id", p)
        }
    }
}

/// A stable text for cache keys: the slice of data the actor sees.
pub fn fingerprint(actor: &Actor) -> String {
    format!("{:?}", actor.visibility())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{UserRole, UserType};
    use uuid::Uuid;

    fn actor(role: UserRole, p: Option<Uuid>, d: Option<Uuid>) -> Actor {
        Actor {
            id: Uuid::new_v4(),
            user_type: UserType::User,
            role: Some(role),
            partner_id: p,
            distributor_id: d,
        }
    }

    #[test]
    fn conditions_follow_the_visibility() {
        let mut s = Sql::default();
        let p = Some(Uuid::new_v4());
        assert_eq!(
            records(&mut s, &actor(UserRole::Partner, p, None), "l"),
            "l.partner_id = $1"
        );
        assert_eq!(
            records(&mut s, &actor(UserRole::Admin, None, None), "l"),
            "TRUE"
        );
        assert_eq!(
            records(&mut s, &actor(UserRole::RestrictedAdmin, None, None), "l"),
            "FALSE"
        );
        assert_eq!(
            records(&mut s, &actor(UserRole::Partner, None, None), "l"),
            "FALSE"
        );
        let c = companies(
            &mut s,
            &actor(UserRole::Distributor, None, Some(Uuid::new_v4())),
            CompanyKind::Partner,
            "co",
        );
        assert!(c.contains("dp.partner_id = co.id") && c.contains("dp.distributor_id = $2"));
    }
}
