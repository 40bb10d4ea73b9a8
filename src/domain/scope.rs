//! Who may see and do what: the server's multi-tenant filter and its role
//! checks, as pure functions.
//!
//! * admin accounts (`admin_users`), and users with role admin or fulfiller: everything;
//! * distributor users: records whose `distributor_id` is theirs, partners
//!   actively linked to their distributor, their own distributor;
//! * partner users: records whose `partner_id` is theirs, their own partner,
//!   the distributors it is actively linked to;
//! * anyone else (a restricted admin, a user with no company): no records.

use super::{Id, Me, UserRole, UserType};

/// The identity every rule is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: Id,
    pub user_type: UserType,
    pub role: Option<UserRole>,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
}

/// What slice of the records an actor sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    All,
    Distributor(Id),
    Partner(Id),
    Nothing,
}

impl Actor {
    pub fn from_me(me: &Me) -> Actor {
        Actor {
            id: me.id,
            user_type: me.user_type,
            role: me.role,
            partner_id: me.partner_id,
            distributor_id: me.distributor_id,
        }
    }

    pub fn is_admin_account(&self) -> bool {
        self.user_type == UserType::Admin
    }

    fn has_role(&self, roles: &[UserRole]) -> bool {
        self.role.is_some_and(|r| roles.contains(&r))
    }

    pub fn visibility(&self) -> Visibility {
        if self.is_admin_account() || self.has_role(&[UserRole::Admin, UserRole::Fulfiller]) {
            return Visibility::All;
        }
        match self.role {
            Some(UserRole::Distributor) => self
                .distributor_id
                .map_or(Visibility::Nothing, Visibility::Distributor),
            Some(UserRole::Partner) => self
                .partner_id
                .map_or(Visibility::Nothing, Visibility::Partner),
            _ => Visibility::Nothing,
        }
    }

    /// Leads, orders and contracts carry a partner and a distributor.
    pub fn sees_record(&self, partner_id: Option<Id>, distributor_id: Option<Id>) -> bool {
        match self.visibility() {
            Visibility::All => true,
            Visibility::Distributor(d) => distributor_id == Some(d),
            Visibility::Partner(p) => partner_id == Some(p),
            Visibility::Nothing => false,
        }
    }

    /// `linked(distributor, partner)` tells whether an active link exists.
    pub fn sees_partner(&self, partner_id: Id, linked: impl Fn(Id, Id) -> bool) -> bool {
        match self.visibility() {
            Visibility::All => true,
            Visibility::Distributor(d) => linked(d, partner_id),
            Visibility::Partner(p) => p == partner_id,
            Visibility::Nothing => false,
        }
    }

    pub fn sees_distributor(&self, distributor_id: Id, linked: impl Fn(Id, Id) -> bool) -> bool {
        match self.visibility() {
            Visibility::All => true,
            Visibility::Distributor(d) => d == distributor_id,
            Visibility::Partner(p) => linked(distributor_id, p),
            Visibility::Nothing => false,
        }
    }

    /// The server's `require_admin`: admin accounts, admins and restricted admins.
    pub fn can_administer(&self) -> bool {
        self.is_admin_account() || self.has_role(&[UserRole::Admin, UserRole::RestrictedAdmin])
    }

    /// Marking an order fulfilled, activating contracts: admins and fulfillers.
    pub fn can_fulfill(&self) -> bool {
        self.is_admin_account() || self.has_role(&[UserRole::Admin, UserRole::Fulfiller])
    }

    /// Cancelling orders, changing contract status: admins only.
    pub fn is_full_admin(&self) -> bool {
        self.is_admin_account() || self.has_role(&[UserRole::Admin])
    }

    /// Lead and order writes record the acting user in columns that reference
    /// `users`, so an `admin_users` account cannot do them on the real server.
    pub fn can_record_work(&self) -> Result<(), String> {
        if self.is_admin_account() {
            Err(
                "Admin accounts cannot do lead and order work: the server records the acting user \
                 against regular users only. Sign in as a regular (LDAP) user."
                    .into(),
            )
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn actor(user_type: UserType, role: Option<UserRole>, p: Option<Id>, d: Option<Id>) -> Actor {
        Actor {
            id: Uuid::new_v4(),
            user_type,
            role,
            partner_id: p,
            distributor_id: d,
        }
    }

    #[test]
    fn admins_and_fulfillers_see_everything() {
        let p = Some(Uuid::new_v4());
        for a in [
            actor(UserType::Admin, None, None, None),
            actor(UserType::User, Some(UserRole::Admin), None, None),
            actor(UserType::User, Some(UserRole::Fulfiller), None, None),
        ] {
            assert!(a.sees_record(p, None));
            assert!(a.sees_record(None, None));
        }
    }

    #[test]
    fn distributor_sees_its_records_and_linked_partners() {
        let (d1, d2, p1, p2) = (
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
        );
        let a = actor(UserType::User, Some(UserRole::Distributor), None, Some(d1));
        assert!(a.sees_record(Some(p2), Some(d1)));
        assert!(!a.sees_record(Some(p1), Some(d2)));
        assert!(!a.sees_record(Some(p1), None));
        let linked = |d: Id, p: Id| d == d1 && p == p1;
        assert!(a.sees_partner(p1, linked));
        assert!(!a.sees_partner(p2, linked));
        assert!(a.sees_distributor(d1, linked));
        assert!(!a.sees_distributor(d2, linked));
    }

    #[test]
    fn partner_sees_only_its_own() {
        let (d1, p1, p2) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let a = actor(UserType::User, Some(UserRole::Partner), Some(p1), None);
        assert!(a.sees_record(Some(p1), Some(d1)));
        assert!(!a.sees_record(Some(p2), Some(d1)));
        assert!(a.sees_partner(p1, |_, _| false));
        assert!(!a.sees_partner(p2, |_, _| true));
        assert!(a.sees_distributor(d1, |d, p| d == d1 && p == p1));
    }

    #[test]
    fn restricted_admin_and_unattached_users_see_nothing() {
        let p = Some(Uuid::new_v4());
        let ra = actor(UserType::User, Some(UserRole::RestrictedAdmin), None, None);
        assert_eq!(ra.visibility(), Visibility::Nothing);
        assert!(!ra.sees_record(p, None));
        assert!(ra.can_administer());
        let orphan = actor(UserType::User, Some(UserRole::Partner), None, None);
        assert!(!orphan.sees_record(p, None));
    }

    #[test]
    fn role_checks() {
        let fulfiller = actor(UserType::User, Some(UserRole::Fulfiller), None, None);
        assert!(
            fulfiller.can_fulfill() && !fulfiller.is_full_admin() && !fulfiller.can_administer()
        );
        let admin_account = actor(UserType::Admin, None, None, None);
        assert!(admin_account.can_record_work().is_err());
        assert!(fulfiller.can_record_work().is_ok());
    }
}
