//! Partners tab: the channel. Distributors, partners, the links between
//! them and their users; writes are for admins, everyone else is told why.

use super::form::{Form, FormPurpose};
use super::keymap::Action;
use super::msg::{Msg, Res};
use super::records::RecordList;
use super::*;
use crate::backend::{fetch_all_with, UserQuery};
use crate::domain::filter::fold;
use crate::domain::scope::Actor;
use crossterm::event::{KeyCode, KeyEvent};

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
    /// Contracts narrowed to one partner by a jump (Esc clears); orders
    /// use the Orders tab's own partner filter.
    pub contracts_partner: Option<Id>,
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
    Role(Id),
    MoveUser(Id),
    Jump(Id),
}

/// Results of Partners-tab background work.
pub enum ChannelMsg {
    Links(Res<Vec<DistributorPartnerLink>>),
    UserSaved {
        what: String,
        result: Res<User>,
    },
    /// A company or link write outside a form; reloads the channel after.
    Written {
        done: String,
        failed: String,
        result: Res<()>,
    },
}

/// The server's uniqueness refusal names a field: show it there too.
pub(super) fn rule_on_field(form: &mut Form, e: &BackendError) {
    let company_form = matches!(
        form.purpose,
        FormPurpose::NewCompany(_) | FormPurpose::EditCompany(..)
    );
    if let (true, BackendError::Rule(text)) = (company_form, e) {
        if text.contains("registration number") {
            if let Some(i) = form
                .fields
                .iter()
                .position(|f| f.name == "registration_number")
            {
                form.fields[i].error = Some("already used by another company".into());
                form.focus = i;
            }
        }
    }
}

impl App {
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

    pub fn company_name(&self, kind: CompanyKind, id: Id) -> String {
        match kind {
            CompanyKind::Distributor => self.names.distributor(Some(id)),
            CompanyKind::Partner => self.names.partner(Some(id)),
        }
    }

    /// Whether this user may change the channel (the server's `require_admin`).
    pub fn channel_admin(&self) -> bool {
        self.me
            .as_ref()
            .is_some_and(|me| Actor::from_me(me).can_administer())
    }

    /// True for admins; otherwise says why in the status bar.
    fn admin_or_refuse(&mut self, what: &str) -> bool {
        let Some(me) = self.me.as_ref() else {
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

    pub(super) fn channel_act(&mut self, action: Action) {
        // The palette can name these anywhere; they act on the Partners tab's selection.
        if self.tab != Tab::Partners {
            self.error("That works in the Partners tab (4)");
            return;
        }
        match action {
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

    pub(super) fn cycle_pane(&mut self, delta: isize) {
        let n = Self::PANES.len() as isize;
        let mut i = Self::PANES
            .iter()
            .position(|p| *p == self.pane)
            .unwrap_or(1) as isize;
        i = (i + delta).rem_euclid(n);
        // Without users to show, cycling skips their pane.
        if Self::PANES[i as usize] == Pane::Users && self.channel.users_error.is_some() {
            i = (i + delta).rem_euclid(n);
        }
        self.set_pane(Self::PANES[i as usize]);
    }

    /// h/l: the neighbouring pane, stopping at the ends.
    pub(super) fn channel_sideways(&mut self, delta: isize) {
        let i = Self::PANES
            .iter()
            .position(|p| *p == self.pane)
            .unwrap_or(1) as isize;
        let next = (i + delta).clamp(0, Self::PANES.len() as isize - 1) as usize;
        self.set_pane(Self::PANES[next]);
    }

    pub(super) fn set_pane(&mut self, pane: Pane) {
        match pane {
            Pane::Distributors => self.channel.company_pane = Some(CompanyKind::Distributor),
            Pane::Partners => self.channel.company_pane = Some(CompanyKind::Partner),
            Pane::Users => {
                if let Some(why) = self.channel.users_error.clone() {
                    self.error(format!("No users pane: {why}"));
                    return;
                }
            }
        }
        self.pane = pane;
        self.rebuild_channel_users();
    }

    pub(super) fn channel_step(&mut self, delta: isize) {
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

    pub(super) fn channel_filter(&mut self, text: String) {
        match self.pane {
            Pane::Distributors => {
                self.distributors.filter = text;
                self.rebuild_companies(CompanyKind::Distributor);
            }
            Pane::Partners => {
                self.partners.filter = text;
                self.rebuild_companies(CompanyKind::Partner);
            }
            Pane::Users => {
                self.channel.users.filter = text;
                self.rebuild_channel_users();
                return;
            }
        }
        self.rebuild_channel_users();
    }

    pub(super) fn rebuild_companies(&mut self, kind: CompanyKind) {
        let list = match kind {
            CompanyKind::Distributor => &mut self.distributors,
            CompanyKind::Partner => &mut self.partners,
        };
        list.rebuild(|_| true, 0, |c| (fold(&c.name), c.id), |c| c.id);
    }

    /// The users pane holds the users of the selected company.
    pub(super) fn rebuild_channel_users(&mut self) {
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

    // ---- loading -------------------------------------------------------------

    /// Every link, read distributor by distributor (the API has no other way).
    pub fn load_channel_links(&mut self) {
        let ids: Vec<Id> = self.distributors.all.iter().map(|d| d.id).collect();
        let b = self.backend.clone();
        self.spawn(async move {
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
        let b = self.backend.clone();
        self.spawn(async move {
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

    pub(super) fn users_loaded(&mut self, result: Res<Vec<User>>) {
        match result {
            Ok(users) => {
                self.names.users = users
                    .iter()
                    .map(|u| (u.id, u.display_name().to_string()))
                    .collect();
                self.channel.users.set(users, |u| {
                    format!(
                        "{} {} {} {}",
                        u.display_name(),
                        u.username.as_deref().unwrap_or(""),
                        u.email,
                        u.role
                    )
                });
                self.channel.users_error = None;
                self.rebuild_channel_users();
            }
            // Only admins may list users; everyone else sees short ids.
            Err(e @ BackendError::Forbidden(_)) => {
                self.channel.users.loaded = true;
                self.channel.users_error = Some(format!("only admins can see users ({e})"));
            }
            Err(e) => {
                self.channel.users.loaded = true;
                self.channel.users_error = Some(format!("loading users failed ({e})"));
                self.failed("Loading users failed", e);
            }
        }
    }

    pub(super) fn channel_msg(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::Links(result) => {
                self.channel.links = Some(result.map_err(|e| e.to_string()));
            }
            ChannelMsg::UserSaved { what, result } => match result {
                Ok(user) => {
                    let id = user.id;
                    if let Some(u) = self.channel.users.all.iter_mut().find(|u| u.id == id) {
                        *u = user;
                    }
                    self.notice(what);
                    // Reload so a moved user leaves this company's list.
                    self.load_channel_users();
                }
                Err(e) => self.failed(&format!("{what}: refused"), e),
            },
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

    /// Leads, orders, contracts and users per company, counted once per change.
    pub fn channel_counts(&mut self) -> &HashMap<Id, Counts> {
        if self.channel.counts.is_none() {
            let mut m: HashMap<Id, Counts> = HashMap::new();
            let mut add = |p: Option<Id>, d: Option<Id>, f: fn(&mut Counts)| {
                for id in [p, d].into_iter().flatten() {
                    f(m.entry(id).or_default());
                }
            };
            for l in &self.leads.all {
                add(l.partner_id, l.distributor_id, |c| c.leads += 1);
            }
            for o in &self.orders.all {
                add(o.partner_id, o.distributor_id, |c| c.orders += 1);
            }
            for x in &self.contracts.all {
                add(x.partner_id, x.distributor_id, |c| c.contracts += 1);
            }
            for u in &self.channel.users.all {
                add(u.partner_id, u.distributor_id, |c| c.users += 1);
            }
            self.channel.counts = Some(m);
        }
        self.channel.counts.get_or_insert_with(HashMap::new)
    }

    // ---- company writes ------------------------------------------------------

    fn new_company(&mut self) {
        let kind = self.channel.kind();
        if !self.admin_or_refuse(kind.plural()) {
            return;
        }
        let form = Form::company(FormPurpose::NewCompany(kind), &CompanyDraft::default());
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn edit_company(&mut self) {
        let kind = self.channel.kind();
        if !self.admin_or_refuse(kind.plural()) {
            return;
        }
        if let Some((kind, c)) = self.selected_company() {
            let purpose = FormPurpose::EditCompany(kind, c.id);
            let form = Form::company(purpose, &CompanyDraft::from_company(c));
            self.overlays.push(Overlay::Form(Box::new(form)));
        }
    }

    fn toggle_active(&mut self) {
        if self.pane == Pane::Users {
            self.toggle_user_enabled();
            return;
        }
        let kind = self.channel.kind();
        if !self.admin_or_refuse(kind.plural()) {
            return;
        }
        let Some((kind, c)) = self.selected_company() else {
            return;
        };
        let mut draft = CompanyDraft::from_company(c);
        draft.is_active = !c.is_active;
        let (id, name) = (c.id, c.name.clone());
        let verb = if draft.is_active {
            "Reactivated"
        } else {
            "Deactivated"
        };
        let b = self.backend.clone();
        self.spawn(async move {
            let result = b.update_company(kind, id, &draft).await.map(|_| ());
            Msg::Channel(ChannelMsg::Written {
                done: format!("{verb} {} {name}", kind.label()),
                failed: format!("Could not change {name}"),
                result,
            })
        });
    }

    fn confirm_delete(&mut self) {
        let kind = self.channel.kind();
        if !self.admin_or_refuse(kind.plural()) {
            return;
        }
        if let Some((kind, c)) = self.selected_company() {
            let question = format!(
                "Delete {} {}? This cannot be undone. (y/n)",
                kind.label(),
                c.name
            );
            let action = ConfirmAction::DeleteCompany(kind, c.id, c.name.clone());
            self.overlays
                .push(Overlay::Confirm(Confirm { question, action }));
        }
    }

    pub(super) fn confirm_key(&mut self, c: Confirm, key: KeyEvent) -> Option<Overlay> {
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                match c.action {
                    ConfirmAction::DeleteCompany(kind, id, name) => {
                        let b = self.backend.clone();
                        self.spawn(async move {
                            let result = b.delete_company(kind, id).await;
                            Msg::Channel(ChannelMsg::Written {
                                done: format!("Deleted {} {name}", kind.label()),
                                failed: format!("Delete refused for {name}"),
                                result,
                            })
                        });
                    }
                }
                None
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc | KeyCode::Char('q') => {
                self.notice("Nothing deleted");
                None
            }
            _ => Some(Overlay::Confirm(c)),
        }
    }

    // ---- links ---------------------------------------------------------------

    /// A picker of the other side: unlinked ones to link, linked ones to unlink.
    fn pick_link(&mut self, unlink: bool) {
        if !self.admin_or_refuse("links") {
            return;
        }
        let Some((kind, c)) = self.selected_company() else {
            return;
        };
        let (id, name) = (c.id, c.name.clone());
        let linked: Vec<Id> = self
            .channel
            .links_of(kind, id)
            .into_iter()
            .filter(|l| l.is_active)
            .map(|l| match kind {
                CompanyKind::Distributor => l.partner_id,
                CompanyKind::Partner => l.distributor_id,
            })
            .collect();
        let others = match kind {
            CompanyKind::Distributor => &self.partners.all,
            CompanyKind::Partner => &self.distributors.all,
        };
        let mut options: Vec<(String, String)> = others
            .iter()
            .filter(|o| linked.contains(&o.id) == unlink)
            .map(|o| (o.name.clone(), o.id.to_string()))
            .collect();
        options.sort();
        let other = match kind {
            CompanyKind::Distributor => "partners",
            CompanyKind::Partner => "distributors",
        };
        if options.is_empty() {
            self.error(if unlink {
                format!("{name} has no active links to end")
            } else {
                format!("{name} is already linked to every one of the {other}")
            });
            return;
        }
        let (title, purpose) = if unlink {
            (
                format!("Unlink {name} from…"),
                ChannelPick::Unlink(kind, id),
            )
        } else {
            (format!("Link {name} to…"), ChannelPick::Link(kind, id))
        };
        self.overlays.push(Overlay::Picker(Picker {
            title,
            options,
            cursor: 0,
            purpose: PickPurpose::Channel(purpose),
        }));
    }

    /// Carries out a Partners-tab picker's choice.
    pub(super) fn channel_pick(&mut self, pick: ChannelPick, value: &str, label: &str) {
        let parsed = Id::parse_str(value.split_once(':').map_or(value, |x| x.1)).ok();
        let b = self.backend.clone();
        let label = label.to_string();
        match pick {
            ChannelPick::Link(kind, id) | ChannelPick::Unlink(kind, id) => {
                let Some(other) = parsed else { return };
                let unlink = matches!(pick, ChannelPick::Unlink(..));
                let (d, p) = match kind {
                    CompanyKind::Distributor => (id, other),
                    CompanyKind::Partner => (other, id),
                };
                let (dn, pn) = (self.names.distributor(Some(d)), self.names.partner(Some(p)));
                self.spawn(async move {
                    let result = if unlink {
                        b.unlink_partner(d, p).await
                    } else {
                        b.link_partner(d, p, None).await.map(|_| ())
                    };
                    let (done, failed) = if unlink {
                        (format!("Unlinked {pn} from {dn}"), "Unlink refused")
                    } else {
                        (format!("Linked {pn} to {dn}"), "Link refused")
                    };
                    Msg::Channel(ChannelMsg::Written {
                        done,
                        failed: failed.into(),
                        result,
                    })
                });
            }
            ChannelPick::Role(user) => {
                let Ok(role) = value.parse::<UserRole>() else {
                    return;
                };
                self.spawn(async move {
                    Msg::Channel(ChannelMsg::UserSaved {
                        what: format!("Role set to {label}"),
                        result: b.set_user_role(user, role, None).await,
                    })
                });
            }
            ChannelPick::MoveUser(user) => {
                let Some(to_id) = parsed else { return };
                let to = if value.starts_with("distributor:") {
                    CompanyAssignment {
                        distributor_id: Some(to_id),
                        partner_id: None,
                    }
                } else {
                    CompanyAssignment {
                        partner_id: Some(to_id),
                        distributor_id: None,
                    }
                };
                let name = self.names.user(user);
                self.spawn(async move {
                    Msg::Channel(ChannelMsg::UserSaved {
                        what: format!("Moved {name} to {label}"),
                        result: b.set_user_company(user, to).await,
                    })
                });
            }
            ChannelPick::Jump(partner) => self.jump(partner, value),
        }
    }

    // ---- users ---------------------------------------------------------------

    fn toggle_user_enabled(&mut self) {
        if !self.admin_or_refuse("users") {
            return;
        }
        let Some(u) = self.selected_user() else {
            return;
        };
        let (id, enable, name) = (u.id, !u.is_enabled, u.display_name().to_string());
        let b = self.backend.clone();
        self.spawn(async move {
            Msg::Channel(ChannelMsg::UserSaved {
                what: format!("{} {name}", if enable { "Enabled" } else { "Disabled" }),
                result: b.set_user_enabled(id, enable, None).await,
            })
        });
    }

    fn pick_role(&mut self) {
        if !self.admin_or_refuse("users") {
            return;
        }
        let Some(u) = self.selected_user() else {
            self.error("Select a user first (u, then j/k)");
            return;
        };
        let (id, current) = (u.id, u.role);
        let title = format!("Role of {}", u.display_name());
        let options = UserRole::ALL
            .iter()
            .filter(|r| **r != current)
            .map(|r| (r.label().to_string(), r.as_str().to_string()))
            .collect();
        self.overlays.push(Overlay::Picker(Picker {
            title,
            options,
            cursor: 0,
            purpose: PickPurpose::Channel(ChannelPick::Role(id)),
        }));
    }

    fn pick_user_company(&mut self) {
        if !self.admin_or_refuse("users") {
            return;
        }
        let Some(u) = self.selected_user() else {
            self.error("Select a user first (u, then j/k)");
            return;
        };
        let (id, title) = (u.id, format!("Move {} to…", u.display_name()));
        let (pid, did) = (u.partner_id, u.distributor_id);
        let mut options: Vec<(String, String)> = Vec::new();
        let mut add = |list: &RecordList<Company>, kind: &str, label: &str, current| {
            let mut o: Vec<(String, String)> = list
                .all
                .iter()
                .filter(|c| Some(c.id) != current)
                .map(|c| (format!("{label}: {}", c.name), format!("{kind}:{}", c.id)))
                .collect();
            o.sort();
            options.extend(o);
        };
        add(&self.partners, "partner", "Partner", pid);
        add(&self.distributors, "distributor", "Distributor", did);
        self.overlays.push(Overlay::Picker(Picker {
            title,
            options,
            cursor: 0,
            purpose: PickPurpose::Channel(ChannelPick::MoveUser(id)),
        }));
    }

    // ---- jumps ---------------------------------------------------------------

    fn pick_jump(&mut self) {
        let Some((kind, c)) = self.selected_company() else {
            return;
        };
        if kind != CompanyKind::Partner {
            self.error("Jumps start from a partner: select one in the partners pane");
            return;
        }
        let (id, title) = (c.id, format!("Show {}'s…", c.name));
        let options = ["leads", "orders", "contracts"]
            .iter()
            .map(|t| (format!("{} {t}", c.name), t.to_string()))
            .collect();
        self.overlays.push(Overlay::Picker(Picker {
            title,
            options,
            cursor: 0,
            purpose: PickPurpose::Channel(ChannelPick::Jump(id)),
        }));
    }

    /// Switches tab with that tab narrowed to the partner (by id, so a
    /// similar name or a customer called the same never slips in).
    fn jump(&mut self, partner: Id, to: &str) {
        let name = self.names.partner(Some(partner));
        self.filtering = false;
        match to {
            "leads" => {
                let me = self.me_id();
                self.leads.set_scope(Some(partner), None, me);
                self.tab = Tab::Leads;
            }
            "orders" => {
                self.order_partner_filter = Some(partner);
                self.order_status_filter = None;
                self.orders.filter.clear();
                self.rebuild_orders();
                self.tab = Tab::Orders;
            }
            "contracts" => {
                self.channel.contracts_partner = Some(partner);
                self.contract_view = ContractView::All;
                self.contracts.filter.clear();
                self.rebuild_contracts();
                self.tab = Tab::Contracts;
            }
            _ => return,
        }
        self.notice(format!("Showing {to} of {name} (Esc shows all)"));
    }

    /// Esc with no filter left: drop a jump's partner scope on this tab.
    pub(super) fn clear_partner_scope(&mut self) {
        let cleared = match self.tab {
            Tab::Orders => self.order_partner_filter.take().is_some(),
            Tab::Contracts => self.channel.contracts_partner.take().is_some(),
            Tab::Leads if self.leads.partner_scope.is_some() => {
                let me = self.me_id();
                let owner = self.leads.owner_scope;
                self.leads.set_scope(None, owner, me);
                true
            }
            _ => false,
        };
        if cleared {
            self.rebuild_orders();
            self.rebuild_contracts();
            self.notice(format!("Showing all {}", self.tab.title().to_lowercase()));
        }
    }

    // ---- detail --------------------------------------------------------------

    /// Enter: the selected company (from the users pane, theirs).
    pub(super) fn open_company(&mut self) {
        if let Some((kind, c)) = self.selected_company() {
            let id = c.id;
            self.overlays.push(Overlay::Company(CompanyDetail {
                kind,
                id,
                scroll: 0,
            }));
        }
    }

    pub(super) fn company_detail_key(
        &mut self,
        mut d: CompanyDetail,
        key: KeyEvent,
    ) -> Option<Overlay> {
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => return None,
            KeyCode::Char('j') | KeyCode::Down => d.scroll = d.scroll.saturating_add(1),
            KeyCode::Char('k') | KeyCode::Up => d.scroll = d.scroll.saturating_sub(1),
            KeyCode::PageDown => d.scroll = d.scroll.saturating_add(10),
            KeyCode::PageUp => d.scroll = d.scroll.saturating_sub(10),
            KeyCode::Char('r') => {
                self.load_companies();
                self.load_channel_users();
            }
            _ => {}
        }
        Some(Overlay::Company(d))
    }
}
