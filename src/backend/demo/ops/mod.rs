//! Every backend operation on the in-memory tables, checked against an
//! actor with the domain's rules. The demo backend calls these with its
//! signed-in user; the test fake server with the user behind each token.

mod catalogue;
mod companies;
mod contracts;
mod leads;
mod links;
mod orders;
mod users;

use super::data::DemoData;
use crate::backend::*;
use crate::domain::attach::Channel;
use crate::domain::scope::Actor;
use crate::domain::validation::*;
use crate::domain::*;
use chrono::Utc;
use uuid::Uuid;

fn not_found(what: &str) -> BackendError {
    BackendError::NotFound(format!("{what} not found"))
}

impl DemoData {
    pub fn me_for(&self, actor: &Actor) -> BackendResult<Me> {
        if actor.is_admin_account() {
            let a = self
                .admins
                .iter()
                .find(|a| a.id == actor.id)
                .ok_or_else(|| not_found("Admin account"))?;
            return Ok(Me {
                id: a.id,
                user_type: UserType::Admin,
                username: Some(a.username.clone()),
                email: a.email.clone(),
                full_name: a.full_name.clone(),
                role: None,
                is_enabled: a.is_active,
                created_at: a.created_at,
                last_login: None,
                partner_id: None,
                distributor_id: None,
            });
        }
        let u = self.user(actor.id).ok_or_else(|| not_found("User"))?;
        Ok(Me {
            id: u.id,
            user_type: UserType::User,
            username: u.username.clone(),
            email: u.email.clone(),
            full_name: u.full_name.clone(),
            role: Some(u.role),
            is_enabled: u.is_enabled,
            created_at: u.created_at,
            last_login: u.last_login,
            partner_id: u.partner_id,
            distributor_id: u.distributor_id,
        })
    }

    /// The actor for a username: a regular user first, then an admin account.
    pub fn actor_for(&self, username: &str) -> Option<Actor> {
        if let Some(u) = self
            .users
            .iter()
            .find(|u| u.username.as_deref() == Some(username))
        {
            return Some(Actor {
                id: u.id,
                user_type: UserType::User,
                role: Some(u.role),
                partner_id: u.partner_id,
                distributor_id: u.distributor_id,
            });
        }
        self.admins
            .iter()
            .find(|a| a.username == username)
            .map(|a| Actor {
                id: a.id,
                user_type: UserType::Admin,
                role: None,
                partner_id: None,
                distributor_id: None,
            })
    }

    // ---- checks shared by several record kinds ------------------------------

    /// The actor as the data has it now: a role or company changed since
    /// sign-in applies at once, and a disabled or deleted account may do
    /// nothing more (as the server, which reads the user on each request).
    pub fn current_actor(&self, signed_in: &Actor) -> BackendResult<Actor> {
        if signed_in.is_admin_account() {
            return match self.admins.iter().find(|a| a.id == signed_in.id) {
                Some(a) if a.is_active => Ok(signed_in.clone()),
                Some(_) => Err(BackendError::Forbidden("Admin account is disabled".into())),
                None => Err(BackendError::Unauthorized(
                    "your admin account no longer exists".into(),
                )),
            };
        }
        match self.user(signed_in.id) {
            Some(u) if u.is_enabled => Ok(Actor::from_user(u)),
            Some(_) => Err(BackendError::Forbidden("User account is disabled".into())),
            None => Err(BackendError::Unauthorized(
                "your user no longer exists".into(),
            )),
        }
    }

    /// Whether an active link joins a distributor and a partner, as the
    /// scope rules ask it.
    pub fn linked(&self) -> impl Fn(Id, Id) -> bool + '_ {
        |d, p| self.actively_linked(d, p)
    }

    /// A record about to point at `to` (see `domain::attach`): both
    /// companies exist, and the actor may attach them. `before` is what an
    /// edited record pointed at.
    fn check_channel(
        &self,
        actor: &Actor,
        to: Channel,
        before: Option<Channel>,
    ) -> BackendResult<()> {
        if let Some(p) = to.partner_id {
            if !self.partners.iter().any(|x| x.id == p) {
                return Err(BackendError::NotFound(format!("Partner {p} not found")));
            }
        }
        if let Some(d) = to.distributor_id {
            if !self.distributors.iter().any(|x| x.id == d) {
                return Err(BackendError::NotFound(format!("Distributor {d} not found")));
            }
        }
        Ok(actor.may_attach(to, before, self.linked())?)
    }

    /// An order's or a contract's note (validated).
    fn push_note(
        &mut self,
        actor: &Actor,
        order_id: Option<Id>,
        contract_id: Option<Id>,
        note: &NoteDraft,
    ) -> BackendResult<RecordNote> {
        // `notes.created_by` references a regular user.
        actor.can_record_work().map_err(BackendError::Forbidden)?;
        let errors = validate_note(&note.content);
        if !errors.is_empty() {
            return Err(BackendError::invalid(errors));
        }
        let now = Utc::now();
        let n = RecordNote {
            id: Uuid::new_v4(),
            order_id,
            contract_id,
            content: note.content.clone(),
            is_internal: note.is_internal,
            is_pinned: note.is_pinned,
            created_by: actor.id,
            created_at: now,
            updated_at: now,
        };
        self.notes.push(n.clone());
        Ok(n)
    }

    fn require_admin(actor: &Actor) -> BackendResult<()> {
        if actor.can_administer() {
            Ok(())
        } else {
            Err(BackendError::Forbidden("Admin privileges required".into()))
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
