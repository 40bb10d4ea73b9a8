//! Keys for whatever is drawn over the tabs. Each overlay has its keymap
//! context; keys resolve through the keymap like everywhere else.

use super::form::{Form, FormEvent, FormPurpose};
use super::keymap::{Action, Context};
use super::pick::PickEvent;
use super::*;
use crossterm::event::KeyEvent;

impl Overlay {
    /// The keymap context of this overlay.
    pub fn context(&self) -> Context {
        match self {
            // The log scrolls and closes like the help.
            Overlay::Help { .. } | Overlay::Messages { .. } => Context::Help,
            Overlay::Palette(p) => p.list.context(),
            Overlay::Detail(_) => Context::Detail,
            Overlay::Picker(p) => p.list.context(),
            // A list field's list, while open, has the keys.
            Overlay::Form(f) => f.pick.as_ref().map_or(Context::Form, |p| p.context()),
            Overlay::Company(_) => Context::Company,
            Overlay::Confirm(_) => Context::Confirm,
        }
    }
}

impl App {
    pub(super) fn overlay_key(&mut self, key: KeyEvent) {
        let Some(top) = self.overlays.pop() else {
            return;
        };
        let ctx = top.context();
        let keys = self.prefs.keys.clone();
        let action = keys.action_for(ctx, &key);
        if action == Some(Action::Help) {
            self.overlays.push(top);
            self.overlays.push(Overlay::Help { scroll: 0 });
            return;
        }
        if let Some(a @ (Action::Copy | Action::CopySummary)) = action {
            self.overlays.push(top);
            self.copy_record(a == Action::CopySummary);
            return;
        }
        let keep = match top {
            Overlay::Help { scroll } => help_key(scroll, action),
            Overlay::Messages { scroll } => match help_key(scroll, action) {
                Some(Overlay::Help { scroll }) => Some(Overlay::Messages { scroll }),
                _ => None,
            },
            Overlay::Palette(mut palette) => match palette.list.handle_key(&keys, &key) {
                PickEvent::None => Some(Overlay::Palette(palette)),
                PickEvent::Closed => None,
                PickEvent::Refused(why) => {
                    self.error(why);
                    Some(Overlay::Palette(palette))
                }
                PickEvent::Chosen(_, action) => {
                    self.act(action);
                    None
                }
            },
            Overlay::Detail(detail) => self.detail_key(detail, action),
            Overlay::Picker(mut picker) => {
                let event = picker.list.handle_key(&keys, &key);
                self.picker_event(picker, event)
            }
            Overlay::Company(d) => self.company_detail_key(d, action),
            Overlay::Confirm(c) => self.confirm_key(c, action),
            Overlay::Form(form) => self.form_key(form, &key),
        };
        if let Some(o) = keep {
            self.overlays.push(o);
        }
    }

    fn form_key(&mut self, mut form: Box<Form>, key: &KeyEvent) -> Option<Overlay> {
        if form.submitting {
            // Keys wait while the save is in flight; Esc still leaves (the
            // answer is then told in the status bar).
            return match self.prefs.keys.action_for(Context::Form, key) {
                Some(Action::Close) => None,
                _ => Some(Overlay::Form(form)),
            };
        }
        match form.handle_key(&self.prefs.keys, key) {
            FormEvent::Cancel => None,
            FormEvent::None => Some(Overlay::Form(form)),
            FormEvent::Edit => {
                self.edit_request = Some(form.fields[form.focus].input.value().to_string());
                Some(Overlay::Form(form))
            }
            // A submit that needs no backend round trip (a move reason)
            // closes the form at once.
            FormEvent::Submit => {
                if self.submit_form(&mut form) {
                    None
                } else {
                    Some(Overlay::Form(form))
                }
            }
        }
    }

    fn detail_key(&mut self, mut detail: Detail, action: Option<Action>) -> Option<Overlay> {
        // What cannot work for this record here says why, and opens nothing.
        let record = match &detail {
            Detail::Lead { .. } => Context::Leads,
            Detail::Order { .. } => Context::Orders,
            Detail::Contract { .. } => Context::Contracts,
        };
        if let Some(why) = action.and_then(|a| self.cannot(a, record)) {
            let name = action
                .map(|a| self.prefs.keys.name_of(a))
                .unwrap_or_default();
            self.error(format!("{name}: {why}"));
            return Some(Overlay::Detail(detail));
        }
        let scroll = match &mut detail {
            Detail::Lead { scroll, .. }
            | Detail::Order { scroll, .. }
            | Detail::Contract { scroll, .. } => scroll,
        };
        let Some(action) = action else {
            return Some(Overlay::Detail(detail));
        };
        match action {
            Action::Close => return None,
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = scroll.saturating_add(10),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            // The view clamps to the text's end.
            Action::Bottom => *scroll = u16::MAX / 2,
            Action::Refresh => match &detail {
                Detail::Lead { id, .. } => self.load_lead_detail(*id),
                Detail::Order { id, .. } => self.load_order_detail(*id),
                Detail::Contract { id, .. } => self.load_contract_detail(*id),
            },
            Action::AddNote => {
                let purpose = match &detail {
                    Detail::Lead { id, .. } => FormPurpose::LeadNote { id: *id },
                    Detail::Order { id, .. } => FormPurpose::OrderNote { id: *id },
                    Detail::Contract { id, .. } => FormPurpose::ContractNote { id: *id },
                };
                self.overlays.push(Overlay::Detail(detail));
                let form = Form::text("Note", purpose, "Note", "content");
                self.overlays.push(Overlay::Form(Box::new(form)));
                return None;
            }
            Action::ChangeStatus | Action::Activate | Action::Quote
                if matches!(detail, Detail::Order { .. }) =>
            {
                self.overlays.push(Overlay::Detail(detail));
                match action {
                    Action::ChangeStatus => self.pick_order_status(),
                    Action::Activate => self.activation_form(),
                    _ => self.request_quote(),
                }
                return None;
            }
            Action::ChangeStatus if matches!(detail, Detail::Contract { .. }) => {
                self.overlays.push(Overlay::Detail(detail));
                self.pick_contract_status();
                return None;
            }
            Action::AddActivity => {
                if let Detail::Lead { id, .. } = &detail {
                    let id = *id;
                    self.overlays.push(Overlay::Detail(detail));
                    self.overlays
                        .push(Overlay::Form(Box::new(Form::activity(id))));
                    return None;
                }
                self.error("Activities are logged on leads");
            }
            Action::ChangeStatus | Action::Activate | Action::Quote => {
                self.error(
                    "Not for this record: c works on orders and contracts, A and Q on orders",
                );
            }
            _ => {}
        }
        Some(Overlay::Detail(detail))
    }

    /// What a picker's answer (a key or a click) does.
    pub(super) fn picker_event(
        &mut self,
        picker: Picker,
        event: PickEvent<PickValue>,
    ) -> Option<Overlay> {
        let (label, value) = match event {
            PickEvent::None => return Some(Overlay::Picker(picker)),
            PickEvent::Closed => return None,
            PickEvent::Refused(why) => {
                self.error(why);
                return Some(Overlay::Picker(picker));
            }
            PickEvent::Chosen(label, value) => (label, value),
        };
        let reason = |title: String, purpose: FormPurpose| {
            Some(Overlay::Form(Box::new(Form::text(
                title, purpose, "Reason", "reason",
            ))))
        };
        match (picker.purpose, value) {
            (PickPurpose::Reassign(ids), PickValue::Id(Some(owner))) => {
                self.reassign(ids, owner);
                None
            }
            (PickPurpose::LeadScope, PickValue::LeadScope(scope)) => {
                self.set_lead_scope(scope);
                None
            }
            (PickPurpose::OrderScope, PickValue::Id(partner)) => {
                self.set_order_scope(partner, &label);
                None
            }
            (PickPurpose::Export, PickValue::Export(format)) => {
                self.export_contracts(format);
                None
            }
            (PickPurpose::MoveLeads(ids), PickValue::LeadStatus(status)) => reason(
                format!("Move to {label} — reason (optional)"),
                FormPurpose::MoveReason { ids, status },
            ),
            (PickPurpose::OrderStatus(id), PickValue::OrderStatus(status))
                if self.admin_account() =>
            {
                self.without_reason(&label, FormPurpose::OrderStatus { id, status })
            }
            (PickPurpose::ContractStatus(ids), PickValue::ContractStatus(status))
                if self.admin_account() =>
            {
                self.without_reason(&label, FormPurpose::ContractStatus { ids, status })
            }
            (PickPurpose::OrderStatus(id), PickValue::OrderStatus(status)) => reason(
                format!("{label} — reason (optional)"),
                FormPurpose::OrderStatus { id, status },
            ),
            (PickPurpose::ContractStatus(ids), PickValue::ContractStatus(status)) => reason(
                format!("{label} — reason (optional)"),
                FormPurpose::ContractStatus { ids, status },
            ),
            (PickPurpose::Drafts, PickValue::Draft(choice)) => {
                self.draft_chosen(choice);
                None
            }
            (PickPurpose::Channel(pick), value) => {
                self.channel_pick(pick, value, &label);
                None
            }
            (purpose, value) => {
                // A picker is always built with values of its purpose.
                tracing::error!(?purpose, ?value, "picker value does not fit its purpose");
                None
            }
        }
    }
}

impl App {
    /// A status change by an admin account: no reason is asked, as the
    /// server keeps a reason as a note by a regular user and fails.
    fn without_reason(&mut self, label: &str, purpose: FormPurpose) -> Option<Overlay> {
        let title = format!("{label} — no reason: the server records none for admin accounts");
        let mut form = Form::text(title, purpose, "Reason", "reason");
        if self.submit_form(&mut form) || !form.submitting {
            return None;
        }
        Some(Overlay::Form(Box::new(form)))
    }
}

fn help_key(scroll: u16, action: Option<Action>) -> Option<Overlay> {
    let scroll = match action {
        Some(Action::Close) => return None,
        Some(Action::Down) => scroll.saturating_add(1),
        Some(Action::Up) => scroll.saturating_sub(1),
        Some(Action::PageDown) => scroll.saturating_add(10),
        Some(Action::PageUp) => scroll.saturating_sub(10),
        _ => scroll,
    };
    Some(Overlay::Help { scroll })
}
