//! Partners tab writes: companies, links, users (admins only, checked
//! before anything is sent) and the jumps to the other tabs.

use super::*;

impl App {
    // ---- company writes ------------------------------------------------------

    pub(super) fn new_company(&mut self) {
        let kind = self.partners.channel.kind();
        if !self.admin_or_refuse(kind.plural()) {
            return;
        }
        let form = Form::company(FormPurpose::NewCompany(kind), &CompanyDraft::default());
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    pub(super) fn edit_company(&mut self) {
        let kind = self.partners.channel.kind();
        if !self.admin_or_refuse(kind.plural()) {
            return;
        }
        if let Some((kind, c)) = self.selected_company() {
            let purpose = FormPurpose::EditCompany(kind, Box::new(c.clone()));
            let form = Form::company(purpose, &CompanyDraft::from_company(c));
            self.overlays.push(Overlay::Form(Box::new(form)));
        }
    }

    pub(super) fn toggle_active(&mut self) {
        if self.partners.pane == Pane::Users {
            self.toggle_user_enabled();
            return;
        }
        let kind = self.partners.channel.kind();
        if !self.admin_or_refuse(kind.plural()) {
            return;
        }
        let Some((kind, c)) = self.selected_company() else {
            return;
        };
        // Through the history, so `z` can put it back.
        let step = crate::app::history::Step::CompanyActive {
            kind,
            id: c.id,
            name: c.name.clone(),
            from: c.is_active,
            to: !c.is_active,
        };
        let change = crate::app::history::Change::new(vec![step], None);
        self.run_change(change, crate::app::history::Direction::Forward);
    }

    pub(super) fn confirm_delete(&mut self) {
        let kind = self.partners.channel.kind();
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

    pub(in crate::app) fn confirm_key(
        &mut self,
        c: Confirm,
        action: Option<Action>,
    ) -> Option<Overlay> {
        match action {
            Some(Action::Yes) => {
                match c.action {
                    ConfirmAction::DeleteCompany(kind, id, name) => {
                        let b = self.session.backend.clone();
                        self.call(async move {
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
            Some(Action::No) => {
                self.notice("Nothing deleted");
                None
            }
            _ => Some(Overlay::Confirm(c)),
        }
    }

    // ---- links ---------------------------------------------------------------

    /// A picker of the other side: unlinked ones to link, linked ones to unlink.
    pub(super) fn pick_link(&mut self, unlink: bool) {
        if !self.admin_or_refuse("links") {
            return;
        }
        let Some((kind, c)) = self.selected_company() else {
            return;
        };
        let (id, name) = (c.id, c.name.clone());
        let linked: Vec<Id> = self
            .partners
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
            CompanyKind::Distributor => &self.partners.partners.all,
            CompanyKind::Partner => &self.partners.distributors.all,
        };
        let mut options: Vec<(String, PickValue)> = others
            .iter()
            .filter(|o| linked.contains(&o.id) == unlink)
            .map(|o| (o.name.clone(), PickValue::Id(Some(o.id))))
            .collect();
        options.sort_by(|a, b| a.0.cmp(&b.0));
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
        self.overlays.push(Overlay::Picker(Picker::new(
            title,
            options,
            PickPurpose::Channel(purpose),
        )));
    }

    /// Carries out a Partners-tab picker's choice.
    pub(in crate::app) fn channel_pick(
        &mut self,
        pick: ChannelPick,
        value: PickValue,
        label: &str,
    ) {
        let b = self.session.backend.clone();
        let label = label.to_string();
        match pick {
            ChannelPick::Link(kind, id) | ChannelPick::Unlink(kind, id) => {
                let PickValue::Id(Some(other)) = value else {
                    return;
                };
                let unlink = matches!(pick, ChannelPick::Unlink(..));
                let (d, p) = match kind {
                    CompanyKind::Distributor => (id, other),
                    CompanyKind::Partner => (other, id),
                };
                let (dn, pn) = (self.names.distributor(Some(d)), self.names.partner(Some(p)));
                self.call(async move {
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
                let PickValue::Role(role) = value else {
                    return;
                };
                self.call(async move {
                    Msg::Channel(ChannelMsg::UserSaved {
                        what: format!("Role set to {label}"),
                        result: b.set_user_role(user.id, role, None, Some(&user)).await,
                    })
                });
            }
            ChannelPick::MoveUser(user) => {
                let PickValue::MoveTo(to) = value else {
                    return;
                };
                let name = self.names.user(user.id);
                self.call(async move {
                    Msg::Channel(ChannelMsg::UserSaved {
                        what: format!("Moved {name} to {label}"),
                        result: b.set_user_company(user.id, to, Some(&user)).await,
                    })
                });
            }
            ChannelPick::Jump(partner) => {
                if let PickValue::Jump(to) = value {
                    self.jump(partner, to);
                }
            }
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
        // Checked against the row as listed: a user changed since (enabled
        // by someone else meanwhile, say) is refused, not flipped back.
        let read = u.clone();
        let b = self.session.backend.clone();
        self.call(async move {
            Msg::Channel(ChannelMsg::UserSaved {
                what: format!("{} {name}", if enable { "Enabled" } else { "Disabled" }),
                result: b.set_user_enabled(id, enable, None, Some(&read)).await,
            })
        });
    }

    pub(super) fn pick_role(&mut self) {
        if !self.admin_or_refuse("users") {
            return;
        }
        let Some(u) = self.selected_user() else {
            self.error("Select a user first (u, then j/k)");
            return;
        };
        let (read, current) = (Box::new(u.clone()), u.role);
        let title = format!("Role of {}", u.display_name());
        let options = UserRole::ALL
            .iter()
            .filter(|r| **r != current)
            .map(|r| (r.label().to_string(), PickValue::Role(*r)))
            .collect();
        self.overlays.push(Overlay::Picker(Picker::new(
            title,
            options,
            PickPurpose::Channel(ChannelPick::Role(read)),
        )));
    }

    pub(super) fn pick_user_company(&mut self) {
        if !self.admin_or_refuse("users") {
            return;
        }
        let Some(u) = self.selected_user() else {
            self.error("Select a user first (u, then j/k)");
            return;
        };
        let (read, title) = (
            Box::new(u.clone()),
            format!("Move {} to…", u.display_name()),
        );
        let (pid, did) = (u.partner_id, u.distributor_id);
        let mut options: Vec<(String, PickValue)> = Vec::new();
        let mut add = |list: &RecordList<Company>, kind: CompanyKind, current| {
            let mut o: Vec<(String, PickValue)> = list
                .all
                .iter()
                .filter(|c| Some(c.id) != current)
                .map(|c| {
                    let to = CompanyAssignment {
                        partner_id: (kind == CompanyKind::Partner).then_some(c.id),
                        distributor_id: (kind == CompanyKind::Distributor).then_some(c.id),
                    };
                    let label = match kind {
                        CompanyKind::Partner => "Partner",
                        CompanyKind::Distributor => "Distributor",
                    };
                    (format!("{label}: {}", c.name), PickValue::MoveTo(to))
                })
                .collect();
            o.sort_by(|a, b| a.0.cmp(&b.0));
            options.extend(o);
        };
        add(&self.partners.partners, CompanyKind::Partner, pid);
        add(&self.partners.distributors, CompanyKind::Distributor, did);
        self.overlays.push(Overlay::Picker(Picker::new(
            title,
            options,
            PickPurpose::Channel(ChannelPick::MoveUser(read)),
        )));
    }

    // ---- jumps ---------------------------------------------------------------

    pub(super) fn pick_jump(&mut self) {
        let Some((kind, c)) = self.selected_company() else {
            return;
        };
        if kind != CompanyKind::Partner {
            self.error("Jumps start from a partner: select one in the partners pane");
            return;
        }
        let (id, title) = (c.id, "Jump to…".to_string());
        let options = [
            ("Leads", JumpTarget::Leads),
            ("Orders", JumpTarget::Orders),
            ("Contracts", JumpTarget::Contracts),
        ]
        .iter()
        .map(|(t, to)| (format!("{t} of {}", c.name), PickValue::Jump(*to)))
        .collect();
        self.overlays.push(Overlay::Picker(Picker::new(
            title,
            options,
            PickPurpose::Channel(ChannelPick::Jump(id)),
        )));
    }

    /// Switches tab with that tab narrowed to the partner (by id, so a
    /// similar name or a customer called the same never slips in).
    fn jump(&mut self, partner: Id, to: JumpTarget) {
        let name = self.names.partner(Some(partner));
        self.filter_bar.active = false;
        match to {
            JumpTarget::Leads => {
                let me = self.me_id();
                self.leads.set_scope(Some(partner), None, me);
                self.tab = Tab::Leads;
            }
            JumpTarget::Orders => {
                self.orders.partner_filter = Some(partner);
                self.orders.status_filter = None;
                self.orders.list.filter.clear();
                self.rebuild_orders();
                self.tab = Tab::Orders;
            }
            JumpTarget::Contracts => {
                self.contracts.partner_filter = Some(partner);
                self.contracts.view = ContractView::All;
                self.contracts.list.filter.clear();
                self.rebuild_contracts();
                self.tab = Tab::Contracts;
            }
        }
        let to = match to {
            JumpTarget::Leads => "leads",
            JumpTarget::Orders => "orders",
            JumpTarget::Contracts => "contracts",
        };
        self.notice(format!("Showing {to} of {name} (Esc shows all)"));
    }
}
