//! Turning keys into state changes and background work.

use super::form::{Form, FormEvent, FormPurpose};
use super::keymap::{self, Action, BINDINGS};
use super::leads::LeadView;
use super::msg::{Msg, Reload};
use super::*;
use crate::domain::filter::TextFilter;
use crate::domain::transitions;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::backend::crossterm::EventHandler;

impl App {
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // Ctrl-C always quits, whatever has the keyboard.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return;
        }
        if self.filter_bar.active {
            self.filter_key(key);
            return;
        }
        if !self.overlays.is_empty() {
            self.overlay_key(key);
            return;
        }
        if self.key_context() == keymap::Context::Builder {
            self.builder_key(key);
            return;
        }
        if let Some(action) = keymap::action_for(self.tab.context(), &key) {
            self.act(action);
        }
    }

    fn filter_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.filter_bar.active = false;
                self.filter_bar.input.reset();
                self.apply_filter(String::new());
            }
            KeyCode::Enter | KeyCode::Down | KeyCode::Up => self.filter_bar.active = false,
            _ => {
                self.filter_bar.input.handle_event(&Event::Key(key));
                let text = self.filter_bar.input.value().to_string();
                self.apply_filter(text);
            }
        }
    }

    pub fn apply_filter(&mut self, text: String) {
        let me = self.me_id();
        match self.tab {
            Tab::Leads => self.leads.set_filter(&text, me),
            Tab::Orders => {
                self.orders.list.filter = text;
                self.rebuild_orders();
            }
            Tab::Contracts => {
                self.contracts.list.filter = text;
                self.rebuild_contracts();
            }
            Tab::Partners => self.channel_filter(text),
        }
    }

    pub fn act(&mut self, action: Action) {
        if self.key_context() == keymap::Context::Builder {
            match action {
                Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageUp
                | Action::PageDown => return self.builder_action(action),
                // `/` in the builder searches the products to add.
                Action::Filter => return self.builder_action(Action::AddLine),
                _ => {}
            }
        }
        match action {
            Action::AddLine
            | Action::RemoveLine
            | Action::EditQuantity
            | Action::ChangeProduct
            | Action::ChangeDuration
            | Action::PickPartner
            | Action::PickDistributor
            | Action::PickLead
            | Action::Undo
            | Action::SubmitOrder
            | Action::DiscardOrder
            | Action::CloseBuilder => self.builder_action(action),
            Action::NewOrder => self.open_builder(),
            Action::ConvertLead => self.convert_lead(),
            Action::Activate => self.activation_form(),
            Action::Quote => self.request_quote(),
            Action::ChangeStatus if self.tab == Tab::Orders => self.pick_order_status(),
            Action::QuickView if self.tab == Tab::Orders => self.cycle_order_status_filter(),
            Action::ScopeLeads if self.tab == Tab::Orders => self.pick_order_scope(),
            Action::Quit => self.quit = true,
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Palette => self.overlays.push(Overlay::Palette {
                input: Input::default(),
                cursor: 0,
            }),
            Action::Filter => {
                self.filter_bar.active = true;
                self.filter_bar.input = Input::new(self.current_filter().to_string());
            }
            Action::Refresh => {
                self.refresh_current();
                self.notice(format!("Reloading {}…", self.tab.title().to_lowercase()));
            }
            Action::NextTab => self.switch_tab(Tab::ALL[(self.tab.index() + 1) % 4]),
            Action::PrevTab => self.switch_tab(Tab::ALL[(self.tab.index() + 3) % 4]),
            Action::GoLeads => self.switch_tab(Tab::Leads),
            Action::GoOrders => self.switch_tab(Tab::Orders),
            Action::GoContracts => self.switch_tab(Tab::Contracts),
            Action::GoPartners => self.switch_tab(Tab::Partners),
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-10),
            Action::PageDown => self.step(10),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Left | Action::Right => {
                self.sideways(if action == Action::Left { -1 } else { 1 })
            }
            Action::ClearFilter => {
                if !self.current_filter().is_empty() {
                    self.filter_bar.input.reset();
                    self.apply_filter(String::new());
                } else if self.tab == Tab::Leads && !self.leads.marked.is_empty() {
                    self.leads.marked.clear();
                } else {
                    self.clear_partner_scope();
                }
            }
            Action::Open => self.open_selected(),
            Action::MovePrev => self.move_selected_by(-1),
            Action::MoveNext => self.move_selected_by(1),
            Action::MovePick => self.pick_lead_status(),
            Action::NewLead => {
                let status = LeadStatus::ALL[self.leads.col];
                let draft = LeadDraft {
                    currency: "EUR".into(),
                    status: Some(status),
                    ..Default::default()
                };
                self.overlays.push(Overlay::Form(Box::new(Form::lead(
                    FormPurpose::NewLead,
                    &draft,
                ))));
            }
            Action::EditLead => {
                if let Some(l) = self.leads.selected() {
                    let purpose = FormPurpose::EditLead {
                        id: l.id,
                        updated_at: l.updated_at,
                    };
                    let form = Form::lead(purpose, &LeadDraft::from_lead(l));
                    self.overlays.push(Overlay::Form(Box::new(form)));
                }
            }
            Action::AddNote => self.note_form(),
            Action::AddActivity => {
                if let Some(id) = self.leads.selected().map(|l| l.id) {
                    self.overlays
                        .push(Overlay::Form(Box::new(Form::activity(id))));
                }
            }
            Action::ToggleView => {
                let keep = self.leads.selected().map(|l| l.id);
                self.leads.view = match self.leads.view {
                    LeadView::Board => LeadView::Table,
                    LeadView::Table => LeadView::Board,
                };
                if let Some(id) = keep {
                    self.leads.select_id(id);
                }
            }
            Action::CycleSort => match self.tab {
                Tab::Leads => {
                    let next = self.leads.sort.next();
                    self.leads.set_sort(next, self.me_id());
                    self.notice(format!("Cards sorted by {}", self.leads.sort.label()));
                }
                Tab::Orders => {
                    self.orders.sort = (self.orders.sort + 1) % update::ORDER_SORTS.len();
                    self.rebuild_orders();
                    self.notice(format!(
                        "Orders sorted by {}",
                        update::ORDER_SORTS[self.orders.sort]
                    ));
                }
                Tab::Contracts => {
                    self.contracts.sort = (self.contracts.sort + 1) % update::CONTRACT_SORTS.len();
                    self.rebuild_contracts();
                    self.notice(format!(
                        "Contracts sorted by {}",
                        update::CONTRACT_SORTS[self.contracts.sort]
                    ));
                }
                Tab::Partners => {}
            },
            Action::ToggleMine => {
                self.leads.mine_only = !self.leads.mine_only;
                self.leads.rebuild(self.me_id());
                self.notice(if self.leads.mine_only {
                    "Showing only your leads"
                } else {
                    "Showing every lead"
                });
            }
            Action::ToggleSelect if self.tab == Tab::Contracts => self.toggle_contract_mark(),
            Action::ChangeStatus => self.pick_contract_status(),
            Action::Reassign => self.pick_owner_for_reassign(),
            Action::ScopeLeads => self.pick_lead_scope(),
            Action::Export => self.pick_export(),
            Action::ToggleSelect => {
                if let Some(id) = self.leads.selected().map(|l| l.id) {
                    if !self.leads.marked.remove(&id) {
                        self.leads.marked.insert(id);
                    }
                    self.step(1);
                }
            }
            Action::QuickView => {
                let i = ContractView::ALL
                    .iter()
                    .position(|v| *v == self.contracts.view)
                    .unwrap_or(0);
                self.contracts.view = ContractView::ALL[(i + 1) % ContractView::ALL.len()];
                self.rebuild_contracts();
            }
            Action::SwitchPane
            | Action::PrevPane
            | Action::NewCompany
            | Action::EditCompany
            | Action::ToggleActive
            | Action::DeleteCompany
            | Action::LinkCompany
            | Action::UnlinkCompany
            | Action::ShowUsers
            | Action::UserRole
            | Action::UserCompany
            | Action::JumpTo => self.channel_act(action),
        }
    }

    fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.filter_bar.active = false;
    }

    fn step(&mut self, delta: isize) {
        match self.tab {
            Tab::Leads => match self.leads.view {
                LeadView::Board => {
                    let col = self.leads.col;
                    let len = self.leads.columns[col].len();
                    self.leads.cursors[col].step(delta, len);
                }
                LeadView::Table => {
                    let len = self.leads.visible_count();
                    self.leads.table_cursor.step(delta, len);
                }
            },
            Tab::Orders => {
                let len = self.orders.list.len();
                self.orders.list.cursor.step(delta, len);
            }
            Tab::Contracts => {
                let len = self.contracts.list.len();
                self.contracts.list.cursor.step(delta, len);
            }
            Tab::Partners => self.channel_step(delta),
        }
    }

    fn sideways(&mut self, delta: isize) {
        match self.tab {
            Tab::Leads if self.leads.view == LeadView::Board => {
                let n = LeadStatus::ALL.len() as isize;
                self.leads.col = (self.leads.col as isize + delta).clamp(0, n - 1) as usize;
            }
            Tab::Partners => self.channel_sideways(delta),
            _ => {}
        }
    }

    fn open_selected(&mut self) {
        match self.tab {
            Tab::Leads => {
                if let Some(id) = self.leads.selected().map(|l| l.id) {
                    self.overlays.push(Overlay::Detail(Detail::Lead {
                        id,
                        data: None,
                        scroll: 0,
                    }));
                    self.load_lead_detail(id);
                }
            }
            Tab::Orders => {
                if let Some(id) = self.orders.list.selected().map(|o| o.id) {
                    self.overlays.push(Overlay::Detail(Detail::Order {
                        id,
                        data: None,
                        scroll: 0,
                    }));
                    self.load_order_detail(id);
                }
            }
            Tab::Contracts => {
                if let Some(id) = self.contracts.list.selected().map(|c| c.id) {
                    self.overlays.push(Overlay::Detail(Detail::Contract {
                        id,
                        data: None,
                        scroll: 0,
                    }));
                    self.load_contract_detail(id);
                }
            }
            Tab::Partners => self.open_company(),
        }
    }

    /// The leads a move applies to: the marked ones, or the selected one.
    fn move_targets(&self) -> Vec<Id> {
        if !self.leads.marked.is_empty() {
            let mut ids: Vec<Id> = self.leads.marked.iter().copied().collect();
            ids.sort();
            ids
        } else {
            self.leads
                .selected()
                .map(|l| vec![l.id])
                .unwrap_or_default()
        }
    }

    fn move_selected_by(&mut self, delta: isize) {
        let Some(current) = self.leads.selected().map(|l| l.status) else {
            return;
        };
        let n = LeadStatus::ALL.len() as isize;
        let next = current.index() as isize + delta;
        if !(0..n).contains(&next) {
            return;
        }
        let status = LeadStatus::ALL[next as usize];
        let ids = self.move_targets();
        self.move_leads(ids, status, None);
        if self.leads.view == LeadView::Board {
            // Follow the card.
            self.leads.col = next as usize;
        }
    }

    /// Moves cards at once (optimistic) and asks the backend; refusals put
    /// the card back with the reason.
    pub fn move_leads(&mut self, ids: Vec<Id>, status: LeadStatus, reason: Option<String>) {
        if ids.len() > 1 {
            self.move_leads_in_bulk(ids, status, reason);
            return;
        }
        let me = self.me_id();
        for id in ids {
            let Some(from) = self.leads.all.iter().find(|l| l.id == id).map(|l| l.status) else {
                continue;
            };
            if let Err(e) = transitions::check_lead_transition(from, status) {
                self.error(e.to_string());
                continue;
            }
            self.leads.set_status(id, status, me);
            let b = self.session.backend.clone();
            let reason = reason.clone();
            self.call(async move {
                let result = b.change_lead_status(id, status, reason.as_deref()).await;
                Msg::LeadMoved { id, from, result }
            });
            self.leads.select_id(id);
        }
        self.leads.marked.clear();
    }

    fn pick_lead_status(&mut self) {
        let ids = self.move_targets();
        let Some(current) = self.leads.selected().map(|l| l.status) else {
            return;
        };
        let options = LeadStatus::ALL
            .iter()
            .filter(|s| ids.len() > 1 || **s != current)
            .map(|s| (s.label().to_string(), s.as_str().to_string()))
            .collect();
        let title = if ids.len() > 1 {
            format!("Move {} leads to…", ids.len())
        } else {
            "Move to…".into()
        };
        self.overlays.push(Overlay::Picker(Picker {
            title,
            options,
            cursor: 0,
            purpose: PickPurpose::MoveLeads(ids),
        }));
    }

    fn note_form(&mut self) {
        let form = match self.tab {
            Tab::Leads => self.leads.selected().map(|l| {
                Form::text(
                    format!("Note on “{}”", l.title),
                    FormPurpose::LeadNote { id: l.id },
                    "Note",
                    "content",
                )
            }),
            Tab::Orders => self.orders.list.selected().map(|o| {
                Form::text(
                    format!("Note on {}", o.order_number),
                    FormPurpose::OrderNote { id: o.id },
                    "Note",
                    "content",
                )
            }),
            Tab::Contracts => self.contracts.list.selected().map(|c| {
                Form::text(
                    format!("Note on {}", c.contract_number),
                    FormPurpose::ContractNote { id: c.id },
                    "Note",
                    "content",
                )
            }),
            Tab::Partners => None,
        };
        if let Some(f) = form {
            self.overlays.push(Overlay::Form(Box::new(f)));
        }
    }

    // ---- overlays ------------------------------------------------------------

    fn overlay_key(&mut self, key: KeyEvent) {
        let Some(top) = self.overlays.pop() else {
            return;
        };
        let keep = match top {
            Overlay::Help { mut scroll } => match key.code {
                KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') => None,
                KeyCode::Char('j') | KeyCode::Down => {
                    scroll = scroll.saturating_add(1);
                    Some(Overlay::Help { scroll })
                }
                KeyCode::Char('k') | KeyCode::Up => Some(Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                _ => Some(Overlay::Help { scroll }),
            },
            Overlay::Palette {
                mut input,
                mut cursor,
            } => {
                let matches = palette_matches(input.value());
                match key.code {
                    KeyCode::Esc => None,
                    KeyCode::Down | KeyCode::Tab => {
                        cursor = (cursor + 1).min(matches.len().saturating_sub(1));
                        Some(Overlay::Palette { input, cursor })
                    }
                    KeyCode::Up | KeyCode::BackTab => Some(Overlay::Palette {
                        input,
                        cursor: cursor.saturating_sub(1),
                    }),
                    KeyCode::Enter => {
                        if let Some(b) = matches.get(cursor) {
                            self.act(b.action);
                        }
                        None
                    }
                    _ => {
                        input.handle_event(&Event::Key(key));
                        Some(Overlay::Palette { input, cursor: 0 })
                    }
                }
            }
            Overlay::Detail(detail) => self.detail_key(detail, key),
            Overlay::Picker(picker) => self.picker_key(picker, key),
            Overlay::Company(d) => self.company_detail_key(d, key),
            Overlay::Confirm(c) => self.confirm_key(c, key),
            Overlay::Form(mut form) => {
                if form.submitting {
                    // Keys wait while the save is in flight (Esc still leaves).
                    if key.code == KeyCode::Esc {
                        None
                    } else {
                        Some(Overlay::Form(form))
                    }
                } else {
                    match form.handle_key(&key) {
                        FormEvent::Cancel => None,
                        FormEvent::None => Some(Overlay::Form(form)),
                        FormEvent::Edit => {
                            self.edit_request =
                                Some(form.fields[form.focus].input.value().to_string());
                            Some(Overlay::Form(form))
                        }

                        // A submit that needs no backend round trip (a move
                        // reason) closes the form at once.
                        FormEvent::Submit => {
                            if self.submit_form(&mut form) {
                                None
                            } else {
                                Some(Overlay::Form(form))
                            }
                        }
                    }
                }
            }
        };
        if let Some(o) = keep {
            self.overlays.push(o);
        }
    }

    fn detail_key(&mut self, mut detail: Detail, key: KeyEvent) -> Option<Overlay> {
        let scroll = match &mut detail {
            Detail::Lead { scroll, .. }
            | Detail::Order { scroll, .. }
            | Detail::Contract { scroll, .. } => scroll,
        };
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return None,
            KeyCode::Char('j') | KeyCode::Down => *scroll = scroll.saturating_add(1),
            KeyCode::Char('k') | KeyCode::Up => *scroll = scroll.saturating_sub(1),
            KeyCode::PageDown => *scroll = scroll.saturating_add(10),
            KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
            KeyCode::Char('r') => match &detail {
                Detail::Lead { id, .. } => self.load_lead_detail(*id),
                Detail::Order { id, .. } => self.load_order_detail(*id),
                Detail::Contract { id, .. } => self.load_contract_detail(*id),
            },
            KeyCode::Char('N') => {
                let form = match &detail {
                    Detail::Lead { id, .. } => {
                        Form::text("Note", FormPurpose::LeadNote { id: *id }, "Note", "content")
                    }
                    Detail::Order { id, .. } => Form::text(
                        "Note",
                        FormPurpose::OrderNote { id: *id },
                        "Note",
                        "content",
                    ),
                    Detail::Contract { id, .. } => Form::text(
                        "Note",
                        FormPurpose::ContractNote { id: *id },
                        "Note",
                        "content",
                    ),
                };
                self.overlays.push(Overlay::Detail(detail));
                self.overlays.push(Overlay::Form(Box::new(form)));
                return None;
            }
            KeyCode::Char(c @ ('c' | 'A' | 'Q')) if matches!(detail, Detail::Order { .. }) => {
                self.overlays.push(Overlay::Detail(detail));
                match c {
                    'c' => self.pick_order_status(),
                    'A' => self.activation_form(),
                    _ => self.request_quote(),
                }
                return None;
            }
            KeyCode::Char('c') if matches!(detail, Detail::Contract { .. }) => {
                self.overlays.push(Overlay::Detail(detail));
                self.pick_contract_status();
                return None;
            }
            KeyCode::Char('a') => {
                if let Detail::Lead { id, .. } = &detail {
                    let id = *id;
                    self.overlays.push(Overlay::Detail(detail));
                    self.overlays
                        .push(Overlay::Form(Box::new(Form::activity(id))));
                    return None;
                }
            }
            _ => {}
        }
        Some(Overlay::Detail(detail))
    }

    fn picker_key(&mut self, mut picker: Picker, key: KeyEvent) -> Option<Overlay> {
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => None,
            KeyCode::Char('j') | KeyCode::Down => {
                picker.cursor = (picker.cursor + 1).min(picker.options.len().saturating_sub(1));
                Some(Overlay::Picker(picker))
            }
            KeyCode::Char('k') | KeyCode::Up => {
                picker.cursor = picker.cursor.saturating_sub(1);
                Some(Overlay::Picker(picker))
            }
            KeyCode::Enter => {
                let (label, value) = picker.options.get(picker.cursor).cloned()?;
                let form = match &picker.purpose {
                    PickPurpose::Reassign(ids) => {
                        if let Ok(owner) = Id::parse_str(&value) {
                            self.reassign(ids.clone(), owner);
                        }
                        None
                    }
                    PickPurpose::LeadScope => {
                        self.set_lead_scope(&value, &label);
                        None
                    }
                    PickPurpose::OrderScope => {
                        self.set_order_scope(&value, &label);
                        None
                    }
                    PickPurpose::Export => {
                        self.export_contracts(&value);
                        None
                    }
                    PickPurpose::MoveLeads(ids) => value.parse::<LeadStatus>().ok().map(|status| {
                        Form::text(
                            format!("Move to {label} — reason (optional)"),
                            FormPurpose::MoveReason {
                                ids: ids.clone(),
                                status,
                            },
                            "Reason",
                            "reason",
                        )
                    }),
                    PickPurpose::OrderStatus(id) => {
                        value.parse::<OrderStatus>().ok().map(|status| {
                            Form::text(
                                format!("{label} — reason (optional)"),
                                FormPurpose::OrderStatus { id: *id, status },
                                "Reason",
                                "reason",
                            )
                        })
                    }
                    PickPurpose::Channel(pick) => {
                        self.channel_pick(pick.clone(), &value, &label);
                        None
                    }
                    PickPurpose::ContractStatus(ids) => {
                        value.parse::<ContractStatus>().ok().map(|status| {
                            Form::text(
                                format!("{label} — reason (optional)"),
                                FormPurpose::ContractStatus {
                                    ids: ids.clone(),
                                    status,
                                },
                                "Reason",
                                "reason",
                            )
                        })
                    }
                };
                form.map(|f| Overlay::Form(Box::new(f)))
            }
            _ => Some(Overlay::Picker(picker)),
        }
    }

    /// Validates locally, then starts the save; the form stays until it
    /// succeeds. True when the form is done at once (no save to wait for).
    fn submit_form(&mut self, form: &mut Form) -> bool {
        let purpose = form.purpose.clone();
        let b = self.session.backend.clone();
        match purpose {
            FormPurpose::NewLead | FormPurpose::EditLead { .. } => {
                let base = match &purpose {
                    FormPurpose::EditLead { id, .. } => self
                        .leads
                        .all
                        .iter()
                        .find(|l| l.id == *id)
                        .map(LeadDraft::from_lead)
                        .unwrap_or_default(),
                    _ => LeadDraft {
                        status: Some(LeadStatus::ALL[self.leads.col]),
                        ..Default::default()
                    },
                };
                match form.lead_draft(&base) {
                    Err(errors) => {
                        form.set_errors(&errors);
                        form.error = Some("Fix the marked fields".into());
                    }
                    Ok(draft) => {
                        form.submitting = true;
                        form.error = None;
                        form.request = Some(self.call(async move {
                            let result = match purpose {
                                FormPurpose::EditLead { id, updated_at } => {
                                    b.update_lead(id, &draft, Some(updated_at)).await
                                }
                                _ => b.create_lead(&draft).await,
                            };
                            Msg::LeadSaved(result)
                        }));
                    }
                }
            }
            FormPurpose::LeadNote { id } => {
                let content = form.value("content").to_string();
                if self.require_text(form, "content", &content) {
                    form.request = Some(self.write(
                        "Note added",
                        Reload::LeadDetail(id),
                        async move { b.add_lead_note(id, &content).await.map(|_| ()) },
                    ));
                }
            }
            FormPurpose::OrderNote { id } => {
                let note = NoteDraft {
                    content: form.value("content").to_string(),
                    ..Default::default()
                };
                if self.require_text(form, "content", &note.content) {
                    form.request = Some(self.write(
                        "Note added",
                        Reload::OrderDetail(id),
                        async move { b.add_order_note(id, &note).await.map(|_| ()) },
                    ));
                }
            }
            FormPurpose::ContractNote { id } => {
                let note = NoteDraft {
                    content: form.value("content").to_string(),
                    ..Default::default()
                };
                if self.require_text(form, "content", &note.content) {
                    form.request = Some(self.write("Note added", Reload::Contracts, async move {
                        b.add_contract_note(id, &note).await.map(|_| ())
                    }));
                    self.load_contract_detail(id);
                }
            }
            FormPurpose::LeadActivity { id } => match form.activity_draft() {
                Err(errors) => form.set_errors(&errors),
                Ok(draft) => {
                    form.submitting = true;
                    form.request = Some(self.write(
                        "Activity logged",
                        Reload::LeadDetail(id),
                        async move { b.add_lead_activity(id, &draft).await.map(|_| ()) },
                    ));
                }
            },
            FormPurpose::MoveReason { ids, status } => {
                let reason =
                    Some(form.value("reason").trim().to_string()).filter(|r| !r.is_empty());
                self.move_leads(ids, status, reason);
                return true;
            }
            FormPurpose::OrderStatus { id, status } => {
                let reason =
                    Some(form.value("reason").trim().to_string()).filter(|r| !r.is_empty());
                form.submitting = true;
                form.request = Some(self.write(
                    format!("Order is now {}", status.label()),
                    Reload::OrderDetail(id),
                    async move {
                        b.change_order_status(id, status, reason.as_deref())
                            .await
                            .map(|_| ())
                    },
                ));
            }
            FormPurpose::ActivateOrder { id } => self.submit_activation(form, id),
            FormPurpose::ContractStatus { ids, status } => {
                let reason =
                    Some(form.value("reason").trim().to_string()).filter(|r| !r.is_empty());
                let numbers: Vec<(Id, String)> = ids
                    .iter()
                    .map(|id| {
                        let n = self
                            .contracts
                            .list
                            .all
                            .iter()
                            .find(|c| c.id == *id)
                            .map(|c| c.contract_number.clone());
                        (*id, n.unwrap_or_else(|| short_id(*id)))
                    })
                    .collect();
                // The result (per contract) goes to the status bar, not the form.
                self.clear_contract_marks();
                let total = numbers.len();
                self.call(async move {
                    let mut failures = Vec::new();
                    for (id, number) in &numbers {
                        if let Err(e) = b
                            .change_contract_status(*id, status, reason.as_deref())
                            .await
                        {
                            failures.push(format!("{number}: {e}"));
                        }
                    }
                    let done = total - failures.len();
                    let result = if failures.is_empty() {
                        Ok(format!(
                            "{done} of {total} contract(s) now {}",
                            status.label()
                        ))
                    } else {
                        Err(format!(
                            "{done} of {total} now {}; refused: {}",
                            status.label(),
                            failures.join("; ")
                        ))
                    };
                    Msg::Report {
                        result,
                        reload: Reload::Contracts,
                    }
                });
                return true;
            }
            FormPurpose::SignIn => {
                let Some(sign_in) = self.session.sign_in.clone() else {
                    return false;
                };
                let (user, secret) = (
                    form.value("username").to_string(),
                    form.value("password").to_string(),
                );
                if secret.is_empty() {
                    form.set_errors(&[crate::domain::validation::FieldError {
                        field: "password",
                        message: "required".into(),
                    }]);
                    return false;
                }
                form.submitting = true;
                form.error = None;
                form.request = Some(
                    self.call(async move { Msg::SignedIn(sign_in.sign_in(&user, &secret).await) }),
                );
            }
            FormPurpose::NewCompany(kind) | FormPurpose::EditCompany(kind, _) => {
                match form.company_draft() {
                    Err(errors) => form.set_errors(&errors),
                    Ok(draft) => {
                        form.submitting = true;
                        let what = format!("Saved {} {}", kind.label(), draft.name);
                        form.request = Some(self.write(what, Reload::Companies, async move {
                            match purpose {
                                FormPurpose::EditCompany(_, id) => {
                                    b.update_company(kind, id, &draft).await.map(|_| ())
                                }
                                _ => b.create_company(kind, &draft).await.map(|_| ()),
                            }
                        }));
                    }
                }
            }
        }
        false
    }

    fn require_text(&mut self, form: &mut Form, field: &'static str, text: &str) -> bool {
        let errors = crate::domain::validation::validate_note(text);
        if errors.is_empty() {
            form.submitting = true;
            true
        } else {
            form.set_errors(&[crate::domain::validation::FieldError {
                field,
                message: "required".into(),
            }]);
            false
        }
    }
}

/// Palette entries matching the typed text (all of them when empty).
pub fn palette_matches(query: &str) -> Vec<&'static keymap::Binding> {
    let f = TextFilter::new(query);
    BINDINGS
        .iter()
        .filter(|b| f.matches(&format!("{} {}", b.name, b.help)))
        .collect()
}
