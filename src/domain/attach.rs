//! Scoping on writes, as on reads: a record may only be pointed at the
//! companies its writer may see, and given only to a user of the writer's
//! own scope who would see it.
//!
//! * Attaching (a lead or an order created or edited, a contract activated,
//!   a distributor–partner link): every company named that the record did
//!   not already name must be visible to the actor (a partner user sees the
//!   distributors its partner is actively linked to, a distributor user its
//!   actively linked partners), and the actor must see the record as it
//!   ends up (`Actor::sees_record`).
//! * Giving (reassigning a lead): the new owner must be an enabled regular
//!   user who would see the lead, and, for a writer scoped to a company,
//!   work for a company the writer sees.
//!
//! `linked(distributor, partner)` tells whether an active link exists.

use super::scope::{Actor, Visibility};
use super::transitions::Refusal;
use super::{Id, User, UserType};

/// The partner and distributor a record points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Channel {
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
}

impl Channel {
    pub fn new(partner_id: Option<Id>, distributor_id: Option<Id>) -> Self {
        Channel {
            partner_id,
            distributor_id,
        }
    }
}

impl Actor {
    /// The identity of a regular user, as a rule is checked against it.
    pub fn from_user(u: &User) -> Actor {
        Actor {
            id: u.id,
            user_type: UserType::User,
            role: Some(u.role),
            partner_id: u.partner_id,
            distributor_id: u.distributor_id,
        }
    }

    /// May a record point at `to`? `before` is what an edited record pointed
    /// at: a company it keeps is not checked again (an edit of a lead whose
    /// link has since ended still saves).
    pub fn may_attach(
        &self,
        to: Channel,
        before: Option<Channel>,
        linked: impl Fn(Id, Id) -> bool,
    ) -> Result<(), Refusal> {
        let new = |id: Option<Id>, old: fn(&Channel) -> Option<Id>| {
            id.filter(|i| before.as_ref().is_none_or(|b| old(b) != Some(*i)))
        };
        if let Some(p) = new(to.partner_id, |c| c.partner_id) {
            if !self.sees_partner(p, &linked) {
                return Err(Refusal::Forbidden(
                    "That partner is outside what you may work on (not yours, or not actively \
                     linked to your distributor)"
                        .into(),
                ));
            }
        }
        if let Some(d) = new(to.distributor_id, |c| c.distributor_id) {
            if !self.sees_distributor(d, &linked) {
                return Err(Refusal::Forbidden(
                    "That distributor is outside what you may work on (not yours, or not \
                     actively linked to your partner)"
                        .into(),
                ));
            }
        }
        if !self.sees_record(to.partner_id, to.distributor_id) {
            return Err(Refusal::Forbidden(
                "That partner/distributor is outside what you may work on".into(),
            ));
        }
        Ok(())
    }

    /// May a record of `record` be given to `owner`?
    pub fn may_give_to(
        &self,
        owner: &User,
        record: Channel,
        linked: impl Fn(Id, Id) -> bool,
    ) -> Result<(), Refusal> {
        let name = owner.display_name();
        if !owner.is_enabled {
            return Err(Refusal::Rule(format!(
                "{name} is disabled and cannot own records"
            )));
        }
        if !Actor::from_user(owner).sees_record(record.partner_id, record.distributor_id) {
            return Err(Refusal::Rule(format!(
                "{name} could not see this record: give it to someone of its partner or distributor"
            )));
        }
        if self.visibility() != Visibility::All {
            let in_scope = owner
                .partner_id
                .is_some_and(|p| self.sees_partner(p, &linked))
                || owner
                    .distributor_id
                    .is_some_and(|d| self.sees_distributor(d, &linked));
            if !in_scope {
                return Err(Refusal::Forbidden(format!(
                    "{name} works outside your scope: you may give records only to users of the \
                     companies you see"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserRole;
    use chrono::Utc;
    use uuid::Uuid;

    fn actor(role: UserRole, p: Option<Id>, d: Option<Id>) -> Actor {
        Actor {
            id: Uuid::new_v4(),
            user_type: UserType::User,
            role: Some(role),
            partner_id: p,
            distributor_id: d,
        }
    }

    fn user(role: UserRole, p: Option<Id>, d: Option<Id>, enabled: bool) -> User {
        User {
            id: Uuid::new_v4(),
            provider: "ldap".into(),
            provider_id: "x".into(),
            email: "x@example.com".into(),
            full_name: Some("Xavier".into()),
            username: Some("xavier".into()),
            role,
            is_enabled: enabled,
            partner_id: p,
            distributor_id: d,
            enabled_by: None,
            enabled_at: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            last_login: None,
        }
    }

    struct World {
        d1: Id,
        d2: Id,
        p1: Id,
        p2: Id,
    }

    impl World {
        fn new() -> Self {
            World {
                d1: Uuid::new_v4(),
                d2: Uuid::new_v4(),
                p1: Uuid::new_v4(),
                p2: Uuid::new_v4(),
            }
        }
        /// d1–p1 and d1–p2 are linked; d2 only to p2.
        fn linked(&self) -> impl Fn(Id, Id) -> bool + '_ {
            move |d, p| {
                (d == self.d1 && (p == self.p1 || p == self.p2)) || (d == self.d2 && p == self.p2)
            }
        }
    }

    #[test]
    fn a_partner_user_attaches_only_its_linked_distributors() {
        let w = World::new();
        let a = actor(UserRole::Partner, Some(w.p1), None);
        assert!(a
            .may_attach(Channel::new(Some(w.p1), Some(w.d1)), None, w.linked())
            .is_ok());
        assert!(a
            .may_attach(Channel::new(Some(w.p1), None), None, w.linked())
            .is_ok());
        let e = a.may_attach(Channel::new(Some(w.p1), Some(w.d2)), None, w.linked());
        assert!(matches!(e, Err(Refusal::Forbidden(m)) if m.contains("distributor")));
        assert!(a
            .may_attach(Channel::new(Some(w.p2), Some(w.d1)), None, w.linked())
            .is_err());
        assert!(a
            .may_attach(Channel::new(None, Some(w.d1)), None, w.linked())
            .is_err());
    }

    #[test]
    fn an_edit_keeps_a_company_it_already_had() {
        let w = World::new();
        let a = actor(UserRole::Partner, Some(w.p1), None);
        let before = Channel::new(Some(w.p1), Some(w.d2));
        assert!(a.may_attach(before, Some(before), w.linked()).is_ok());
        // But it cannot move to another unlinked one.
        let elsewhere = Channel::new(Some(w.p1), Some(Uuid::new_v4()));
        assert!(a.may_attach(elsewhere, Some(before), w.linked()).is_err());
    }

    #[test]
    fn a_distributor_user_attaches_only_its_linked_partners() {
        let w = World::new();
        let a = actor(UserRole::Distributor, None, Some(w.d2));
        assert!(a
            .may_attach(Channel::new(Some(w.p2), Some(w.d2)), None, w.linked())
            .is_ok());
        assert!(a
            .may_attach(Channel::new(Some(w.p1), Some(w.d2)), None, w.linked())
            .is_err());
        assert!(a
            .may_attach(Channel::new(Some(w.p2), Some(w.d1)), None, w.linked())
            .is_err());
    }

    #[test]
    fn admins_attach_anything_and_restricted_admins_nothing() {
        let w = World::new();
        let any = Channel::new(Some(w.p1), Some(w.d2));
        assert!(actor(UserRole::Admin, None, None)
            .may_attach(any, None, |_, _| false)
            .is_ok());
        assert!(actor(UserRole::RestrictedAdmin, None, None)
            .may_attach(any, None, w.linked())
            .is_err());
    }

    #[test]
    fn leads_go_to_enabled_users_of_the_scope_who_see_them() {
        let w = World::new();
        let lead = Channel::new(Some(w.p1), Some(w.d1));
        let partner = actor(UserRole::Partner, Some(w.p1), None);
        let colleague = user(UserRole::Partner, Some(w.p1), None, true);
        assert!(partner.may_give_to(&colleague, lead, w.linked()).is_ok());
        let away = user(UserRole::Partner, Some(w.p1), None, false);
        assert!(matches!(
            partner.may_give_to(&away, lead, w.linked()),
            Err(Refusal::Rule(_))
        ));
        let stranger = user(UserRole::Partner, Some(w.p2), None, true);
        assert!(partner.may_give_to(&stranger, lead, w.linked()).is_err());
        // An admin sees the lead, but works for no company of the partner's.
        let admin = user(UserRole::Admin, None, None, true);
        assert!(matches!(
            partner.may_give_to(&admin, lead, w.linked()),
            Err(Refusal::Forbidden(_))
        ));
        // The distributor's user sees it and is in scope (its distributor is linked).
        let dist_user = user(UserRole::Distributor, None, Some(w.d1), true);
        assert!(partner.may_give_to(&dist_user, lead, w.linked()).is_ok());

        // A distributor user may give to users of its linked partners.
        let dist = actor(UserRole::Distributor, None, Some(w.d1));
        assert!(dist.may_give_to(&colleague, lead, w.linked()).is_ok());
        let other_dist = user(UserRole::Distributor, None, Some(w.d2), true);
        assert!(dist.may_give_to(&other_dist, lead, w.linked()).is_err());

        // A full admin gives to anyone who sees the lead.
        let boss = actor(UserRole::Admin, None, None);
        assert!(boss.may_give_to(&admin, lead, |_, _| false).is_ok());
        assert!(boss.may_give_to(&stranger, lead, |_, _| false).is_err());
    }
}
