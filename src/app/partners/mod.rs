//! Partners tab: the channel. Distributors, partners, the links between
//! them and their users; writes are for admins, everyone else is told why.

use crate::app::component::{Component, Cx};
use crate::app::form::{Form, FormPurpose};
use crate::app::keymap::{Action, Context};
use crate::app::msg::{Msg, Res};
use crate::app::records::RecordList;
use crate::app::requests::Target;
use crate::app::*;
use crate::backend::{fetch_all_with, UserQuery};
use crate::domain::filter::fold;
use crate::domain::scope::Actor;

mod company_form;
mod counts;
mod writes;

pub(in crate::app) use company_form::rule_on_field;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Distributors,
    Partners,
    // Partners: users of the selected company
    Users,
}

/// Everything the Partners tab owns.
pub struct PartnersTab {
    pub distributors: RecordList<Company>,
    pub partners: RecordList<Company>,
    /// The focused pane.
    pub pane: Pane,
    pub channel: ChannelState,
}

impl Default for PartnersTab {
    fn default() -> Self {
        PartnersTab {
            distributors: RecordList::default(),
            partners: RecordList::default(),
            pane: Pane::Partners,
            channel: ChannelState::default(),
        }
    }
}

/// Per-company counts shown in the panes (from the lists already loaded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub users: usize,
    pub leads: usize,
    pub orders: usize,
    pub contracts: usize,
}

/// State of the Partners tab beyond the two company lists.
#[derive(Default)]
pub struct ChannelState {
    /// Every user (admins only); `visible` holds the current company's.
    pub users: RecordList<User>,
    /// Why the users cannot be shown (the server refused the list).
    pub users_error: Option<String>,
    /// Every distributor–partner link, ended ones included.
    pub links: Option<Result<Vec<DistributorPartnerLink>, String>>,
    /// The company pane last focused: whose users and links are shown.
    pub company_pane: Option<CompanyKind>,
    /// Recomputed lazily after any new data (`None` = stale).
    pub counts: Option<HashMap<Id, Counts>>,
}

impl ChannelState {
    pub fn kind(&self) -> CompanyKind {
        self.company_pane.unwrap_or(CompanyKind::Partner)
    }

    /// Links touching a company, whichever side it is on.
    pub fn links_of(&self, kind: CompanyKind, id: Id) -> Vec<&DistributorPartnerLink> {
        match &self.links {
            Some(Ok(links)) => links
                .iter()
                .filter(|l| match kind {
                    CompanyKind::Distributor => l.distributor_id == id,
                    CompanyKind::Partner => l.partner_id == id,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A question answered with y/n before a destructive write.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub action: ConfirmAction,
}

#[derive(Debug, Clone)]
pub enum ConfirmAction {
    DeleteCompany(CompanyKind, Id, String),
}

/// The record shown by Enter in the Partners tab: fields, links, users.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyDetail {
    pub kind: CompanyKind,
    pub id: Id,
    pub scroll: u16,
}

/// What a Partners-tab picker's choice does.
#[derive(Debug, Clone, PartialEq)]
pub enum ChannelPick {
    Link(CompanyKind, Id),
    Unlink(CompanyKind, Id),
    /// With the user as read when the picker opened (checked on save).
    Role(Box<User>),
    MoveUser(Box<User>),
    Jump(Id),
}

/// Results of Partners-tab background work.
pub enum ChannelMsg {
    Links(Res<Vec<DistributorPartnerLink>>),
    UserSaved {
        what: String,
        result: Res<User>,
    },
    /// The company form's edit: on a conflict, with the company as it is now.
    CompanySaved {
        id: Id,
        what: String,
        result: Res<Company>,
        current: Option<Box<Company>>,
    },
    /// A company or link write outside a form; reloads the channel after.
    Written {
        done: String,
        failed: String,
        result: Res<()>,
    },
}

impl PartnersTab {
    /// The company selected in the last focused company pane.
    pub fn selected_company(&self) -> Option<(CompanyKind, &Company)> {
        let kind = self.channel.kind();
        let list = match kind {
            CompanyKind::Distributor => &self.distributors,
            CompanyKind::Partner => &self.partners,
        };
        list.selected().map(|c| (kind, c))
    }

    pub fn selected_user(&self) -> Option<&User> {
        (self.pane == Pane::Users)
            .then(|| self.channel.users.selected())
            .flatten()
    }

    pub fn rebuild_companies(&mut self, kind: CompanyKind) {
        let list = match kind {
            CompanyKind::Distributor => &mut self.distributors,
            CompanyKind::Partner => &mut self.partners,
        };
        list.rebuild(|_| true, 0, |c| (fold(&c.name), c.id), |c| c.id);
    }

    /// The users pane holds the users of the selected company.
    pub fn rebuild_channel_users(&mut self) {
        let owner = self.selected_company().map(|(k, c)| (k, c.id));
        self.channel.users.rebuild(
            |u| match owner {
                Some((CompanyKind::Partner, id)) => u.partner_id == Some(id),
                Some((CompanyKind::Distributor, id)) => u.distributor_id == Some(id),
                None => false,
            },
            0,
            |u| (fold(u.display_name()), u.id),
            |u| u.id,
        );
    }
}

impl Component for PartnersTab {
    fn context(&self) -> Context {
        Context::Partners
    }

    fn filter(&self) -> &str {
        match self.pane {
            Pane::Distributors => &self.distributors.filter,
            Pane::Partners => &self.partners.filter,
            Pane::Users => &self.channel.users.filter,
        }
    }

    fn set_filter(&mut self, text: String, _cx: &Cx) {
        match self.pane {
            Pane::Distributors => {
                self.distributors.filter = text;
                self.rebuild_companies(CompanyKind::Distributor);
            }
            Pane::Partners => {
                self.partners.filter = text;
                self.rebuild_companies(CompanyKind::Partner);
            }
            Pane::Users => self.channel.users.filter = text,
        }
        self.rebuild_channel_users();
    }

    fn step(&mut self, delta: isize) {
        match self.pane {
            Pane::Distributors => {
                let len = self.distributors.len();
                self.distributors.cursor.step(delta, len);
            }
            Pane::Partners => {
                let len = self.partners.len();
                self.partners.cursor.step(delta, len);
            }
            Pane::Users => {
                let len = self.channel.users.len();
                self.channel.users.cursor.step(delta, len);
                return;
            }
        }
        self.rebuild_channel_users();
    }

    fn next_sort(&mut self, _cx: &Cx) -> Option<String> {
        None
    }

    fn open(&self) -> Option<(Overlay, Option<Target>)> {
        let (kind, c) = self.selected_company()?;
        let detail = CompanyDetail {
            kind,
            id: c.id,
            scroll: 0,
        };
        Some((Overlay::Company(detail), None))
    }

    fn refresh(&self) -> Vec<Target> {
        vec![
            Target::Companies(CompanyKind::Distributor),
            Target::Companies(CompanyKind::Partner),
            Target::Users,
        ]
    }

    fn copy_text(&self, summary: bool, _names: &Names) -> Option<crate::app::copy::Copied> {
        match self.selected_user() {
            Some(u) => crate::app::copy::user(u, summary),
            None if self.pane == Pane::Users => None,
            None => {
                let (kind, c) = self.selected_company()?;
                crate::app::copy::company(kind, c, summary)
            }
        }
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::SwitchPane,
            Action::Open,
            Action::NewCompany,
            Action::LinkCompany,
            Action::ShowUsers,
            Action::JumpTo,
            Action::EditCompany,
        ]
    }

    fn unavailable(&self, action: Action) -> Option<&'static str> {
        match action {
            Action::UserRole | Action::UserCompany if self.pane != Pane::Users => {
                Some("only in the users pane (u)")
            }
            _ => None,
        }
    }
}

impl App {
    /// The company selected in the last focused company pane.
    pub fn selected_company(&self) -> Option<(CompanyKind, &Company)> {
        self.partners.selected_company()
    }

    pub fn selected_user(&self) -> Option<&User> {
        self.partners.selected_user()
    }

    pub(in crate::app) fn rebuild_companies(&mut self, kind: CompanyKind) {
        self.partners.rebuild_companies(kind);
    }

    pub(in crate::app) fn rebuild_channel_users(&mut self) {
        self.partners.rebuild_channel_users();
    }

    pub fn company_name(&self, kind: CompanyKind, id: Id) -> String {
        match kind {
            CompanyKind::Distributor => self.names.distributor(Some(id)),
            CompanyKind::Partner => self.names.partner(Some(id)),
        }
    }

    /// Whether this user may change the channel (the server's `require_admin`).
    pub fn channel_admin(&self) -> bool {
        self.session
            .me
            .as_ref()
            .is_some_and(|me| Actor::from_me(me).can_administer())
    }

    /// True for admins; otherwise says why in the status bar.
    fn admin_or_refuse(&mut self, what: &str) -> bool {
        let Some(me) = self.session.me.as_ref() else {
            self.error("Still signing in; try again in a moment");
            return false;
        };
        if Actor::from_me(me).can_administer() {
            return true;
        }
        let who = me.username.clone().unwrap_or_else(|| me.email.clone());
        let role = me.role_label().to_lowercase();
        self.error(format!(
            "Only admins can change {what} (you are {who}, {role})"
        ));
        false
    }

    pub(in crate::app) fn channel_act(&mut self, action: Action) {
        match action {
            Action::Left => self.channel_sideways(-1),
            Action::Right => self.channel_sideways(1),
            Action::SwitchPane => self.cycle_pane(1),
            Action::PrevPane => self.cycle_pane(-1),
            Action::NewCompany => self.new_company(),
            Action::EditCompany => self.edit_company(),
            Action::ToggleActive => self.toggle_active(),
            Action::DeleteCompany => self.confirm_delete(),
            Action::LinkCompany => self.pick_link(false),
            Action::UnlinkCompany => self.pick_link(true),
            Action::ShowUsers => self.set_pane(Pane::Users),
            Action::UserRole => self.pick_role(),
            Action::UserCompany => self.pick_user_company(),
            Action::JumpTo => self.pick_jump(),
            _ => {}
        }
    }

    // ---- panes ---------------------------------------------------------------

    const PANES: [Pane; 3] = [Pane::Distributors, Pane::Partners, Pane::Users];

    pub(in crate::app) fn cycle_pane(&mut self, delta: isize) {
        let n = Self::PANES.len() as isize;
        let mut i = Self::PANES
            .iter()
            .position(|p| *p == self.partners.pane)
            .unwrap_or(1) as isize;
        i = (i + delta).rem_euclid(n);
        // Without users to show, cycling skips their pane.
        if Self::PANES[i as usize] == Pane::Users && self.partners.channel.users_error.is_some() {
            i = (i + delta).rem_euclid(n);
        }
        self.set_pane(Self::PANES[i as usize]);
    }

    /// h/l: the neighbouring pane, stopping at the ends.
    pub(in crate::app) fn channel_sideways(&mut self, delta: isize) {
        let i = Self::PANES
            .iter()
            .position(|p| *p == self.partners.pane)
            .unwrap_or(1) as isize;
        let next = (i + delta).clamp(0, Self::PANES.len() as isize - 1) as usize;
        self.set_pane(Self::PANES[next]);
    }

    pub(in crate::app) fn set_pane(&mut self, pane: Pane) {
        match pane {
            Pane::Distributors => {
                self.partners.channel.company_pane = Some(CompanyKind::Distributor)
            }
            Pane::Partners => self.partners.channel.company_pane = Some(CompanyKind::Partner),
            Pane::Users => {
                if let Some(why) = self.partners.channel.users_error.clone() {
                    self.error(format!("No users pane: {why}"));
                    return;
                }
            }
        }
        self.partners.pane = pane;
        self.rebuild_channel_users();
    }

    // ---- loading -------------------------------------------------------------

    /// Every link, read distributor by distributor (the API has no other way).
    pub fn load_channel_links(&mut self) {
        let ids: Vec<Id> = self
            .partners
            .distributors
            .all
            .iter()
            .map(|d| d.id)
            .collect();
        let b = self.session.backend.clone();
        self.load(crate::app::requests::Target::Links, async move {
            let (mut all, mut refused, total) = (Vec::new(), None, ids.len());
            let mut seen = 0;
            for id in ids {
                match b.distributor_partners(id, false).await {
                    Ok(links) => {
                        seen += 1;
                        all.extend(links)
                    }
                    // Some roles may read a distributor but not its links.
                    Err(e @ BackendError::Forbidden(_)) => refused = Some(e),
                    Err(e) => return Msg::Channel(ChannelMsg::Links(Err(e))),
                }
            }
            let result = match refused {
                Some(e) if seen == 0 && total > 0 => Err(e),
                _ => Ok(all),
            };
            Msg::Channel(ChannelMsg::Links(result))
        });
    }

    pub fn load_channel_users(&mut self) {
        let b = self.session.backend.clone();
        self.load(crate::app::requests::Target::Users, async move {
            let (size, conc) = (b.preferred_page_size(), b.page_concurrency());
            Msg::Users(
                fetch_all_with(size, conc, |p| {
                    let b = b.clone();
                    async move { b.list_users(&UserQuery::default(), p).await }
                })
                .await,
            )
        });
    }

    pub(in crate::app) fn users_loaded(&mut self, result: Res<Vec<User>>) {
        match result {
            Ok(users) => {
                self.names.users = users
                    .iter()
                    .map(|u| (u.id, u.display_name().to_string()))
                    .collect();
                self.partners.channel.users.set(users, |u| {
                    format!(
                        "{} {} {} {}",
                        u.display_name(),
                        u.username.as_deref().unwrap_or(""),
                        u.email,
                        u.role
                    )
                });
                self.partners.channel.users_error = None;
                self.rebuild_channel_users();
            }
            // Only admins may list users; everyone else sees short ids.
            Err(e @ BackendError::Forbidden(_)) => {
                self.partners.channel.users.loaded = true;
                self.partners.channel.users_error =
                    Some(format!("only admins can see users ({e})"));
            }
            Err(e) => {
                self.partners.channel.users.loaded = true;
                self.partners.channel.users_error = Some(format!("loading users failed ({e})"));
                self.failed_in(Tab::Partners, "Loading users failed", e);
            }
        }
    }

    pub(in crate::app) fn channel_msg(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::Links(result) => {
                self.partners.channel.links = Some(result.map_err(|e| e.to_string()));
            }
            ChannelMsg::UserSaved { what, result } => match result {
                Ok(user) => {
                    let id = user.id;
                    if let Some(u) = self
                        .partners
                        .channel
                        .users
                        .all
                        .iter_mut()
                        .find(|u| u.id == id)
                    {
                        *u = user;
                    }
                    self.notice(what);
                    // Reload so a moved user leaves this company's list.
                    self.load_channel_users();
                }
                Err(e) => {
                    self.failed(&format!("{what}: refused"), e);
                    // A refusal (a conflict, say) means the row shown may be
                    // stale: read the users again before the next try.
                    self.load_channel_users();
                }
            },
            ChannelMsg::CompanySaved {
                id,
                what,
                result,
                current,
            } => self.company_saved(id, what, result, current),
            ChannelMsg::Written {
                done,
                failed,
                result,
            } => {
                match result {
                    Ok(()) => self.notice(done),
                    Err(e) => self.failed(&failed, e),
                }
                self.load_companies();
            }
        }
    }

    // ---- detail --------------------------------------------------------------

    /// Enter: the selected company (from the users pane, theirs).
    pub(in crate::app) fn company_detail_key(
        &mut self,
        mut d: CompanyDetail,
        action: Option<Action>,
    ) -> Option<Overlay> {
        match action {
            Some(Action::Close) => return None,
            Some(Action::Down) => d.scroll = d.scroll.saturating_add(1),
            Some(Action::Up) => d.scroll = d.scroll.saturating_sub(1),
            Some(Action::PageDown) => d.scroll = d.scroll.saturating_add(10),
            Some(Action::PageUp) => d.scroll = d.scroll.saturating_sub(10),
            Some(Action::Refresh) => {
                self.load_companies();
                self.load_channel_users();
            }
            // The tab's own keys act on the company shown (it is the selected one).
            Some(
                a @ (Action::EditCompany
                | Action::ToggleActive
                | Action::DeleteCompany
                | Action::LinkCompany
                | Action::UnlinkCompany),
            ) if self.partners.pane != Pane::Users => {
                self.overlays.push(Overlay::Company(d));
                self.act(a); // says why first when it cannot work
                return None;
            }
            // These leave the detail for the users pane or another tab.
            Some(a @ (Action::ShowUsers | Action::JumpTo)) => {
                self.channel_act(a);
                return None;
            }
            _ => {}
        }
        Some(Overlay::Company(d))
    }
}
