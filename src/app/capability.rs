//! What cannot work for this backend or this user: not offered. The
//! palette, the help and the footers dim it with the reason, and its key
//! says why before any picker or form opens.

use super::keymap::{Action, Context};
use super::App;
use crate::backend::Capability;
use crate::domain::scope::Actor;

/// Said for the lead and order work an admin account cannot record.
const ADMIN_ACCOUNT: &str =
    "admin accounts cannot do lead and order work (the server records a regular user)";

impl App {
    /// Why `action`, bound in `ctx`, cannot work here at all, if it cannot.
    pub fn cannot(&self, action: Action, ctx: Context) -> Option<String> {
        let backend = match action {
            Action::Reassign => self.session.backend.cannot(Capability::ReassignLead),
            Action::UnlinkCompany => self.session.backend.cannot(Capability::UnlinkPartner),
            _ => None,
        };
        if let Some(why) = backend {
            return Some(why.to_string());
        }
        let me = self.session.me.as_ref()?;
        let actor = Actor::from_me(me);
        let work = matches!(
            action,
            Action::NewLead
                | Action::EditLead
                | Action::MovePrev
                | Action::MoveNext
                | Action::MovePick
                | Action::AddActivity
                | Action::AddNote
                | Action::Reassign
                | Action::ConvertLead
                | Action::NewOrder
                | Action::SubmitOrder
                | Action::Activate
        );
        if work && actor.can_record_work().is_err() {
            return Some(ADMIN_ACCOUNT.into());
        }
        let channel = matches!(ctx, Context::Partners | Context::Company)
            && matches!(
                action,
                Action::NewCompany
                    | Action::EditCompany
                    | Action::ToggleActive
                    | Action::DeleteCompany
                    | Action::LinkCompany
                    | Action::UnlinkCompany
                    | Action::UserRole
                    | Action::UserCompany
            );
        match action {
            _ if channel && !actor.can_administer() => Some(format!(
                "Only admins can change the channel (you are {}, {})",
                me.username.as_deref().unwrap_or(&me.email),
                me.role_label().to_lowercase()
            )),
            Action::Activate if !actor.can_fulfill() => {
                Some("Only admins and fulfillers can activate contracts".into())
            }
            Action::ChangeStatus if ctx == Context::Contracts && !actor.is_full_admin() => {
                Some("Only admins can change contract status".into())
            }
            _ => None,
        }
    }

    /// Why `action` cannot work where the keyboard is (the footers dim it).
    pub fn cannot_here(&self, action: Action) -> Option<String> {
        use super::{Detail, Overlay};
        let ctx = match self.overlays.last() {
            Some(Overlay::Detail(Detail::Lead { .. })) => Context::Leads,
            Some(Overlay::Detail(Detail::Order { .. })) => Context::Orders,
            Some(Overlay::Detail(Detail::Contract { .. })) => Context::Contracts,
            Some(o) => o.context(),
            None => self.tab_context(),
        };
        self.cannot(action, ctx)
    }

    /// Whether an admin account is signed in: it cannot record a reason
    /// (the server keeps it as a note by a regular user, and fails).
    pub fn admin_account(&self) -> bool {
        self.session
            .me
            .as_ref()
            .is_some_and(|m| Actor::from_me(m).is_admin_account())
    }
}
