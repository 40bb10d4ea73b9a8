//! Application state and its update loop. `update` functions change state
//! and start background tasks; `crate::ui` only reads this state to draw.

mod capability;
pub mod component;
pub mod contracts;
pub mod copy;
pub mod drafts;
mod quit;
pub use quit::Quit;
pub mod choice;
pub mod form;
mod form_kinds;
mod form_parse;
mod forms;
pub mod history;
pub mod keymap;
pub mod leads;
pub mod list;
pub mod messages;
pub mod mouse;
pub mod msg;
pub mod once;
pub mod orders;
mod overlay_keys;
pub mod palette;
pub mod partners;
pub mod pick;
pub mod prefs;
pub use prefs::Prefs;
pub mod records;
pub mod requests;
mod router;
pub use router::draw_tab;
pub mod run;
pub mod signin_screen;
mod tasks;
pub mod update;
pub use update as update_sorts;

pub use contracts::ContractView;
pub use orders::builder;
pub use partners::Pane;

use crate::backend::signin::SharedSignIn;
use crate::backend::{BackendError, BackendKind, SharedBackend};
use crate::domain::*;
use form::Form;
use leads::LeadsState;
use requests::{Reply, Requests};
use std::collections::HashMap;
use tokio::sync::mpsc::UnboundedReceiver;
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Leads,
    Orders,
    Contracts,
    Partners,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Leads, Tab::Orders, Tab::Contracts, Tab::Partners];
    pub fn title(self) -> &'static str {
        match self {
            Tab::Leads => "Leads",
            Tab::Orders => "Orders",
            Tab::Contracts => "Contracts",
            Tab::Partners => "Partners",
        }
    }
    pub fn context(self) -> keymap::Context {
        match self {
            Tab::Leads => keymap::Context::Leads,
            Tab::Orders => keymap::Context::Orders,
            Tab::Contracts => keymap::Context::Contracts,
            Tab::Partners => keymap::Context::Partners,
        }
    }
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Display names for ids, loaded once and refreshed with the lists. An id
/// this user cannot name is said in words, never as an id fragment.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pub partners: HashMap<Id, String>,
    pub distributors: HashMap<Id, String>,
    pub users: HashMap<Id, String>,
    /// The signed-in user: "you".
    pub me: Option<Id>,
}

impl Names {
    pub fn partner(&self, id: Option<Id>) -> String {
        id.map(|i| {
            self.partners
                .get(&i)
                .cloned()
                .unwrap_or_else(|| "another partner".into())
        })
        .unwrap_or_default()
    }
    pub fn distributor(&self, id: Option<Id>) -> String {
        id.map(|i| {
            self.distributors
                .get(&i)
                .cloned()
                .unwrap_or_else(|| "another distributor".into())
        })
        .unwrap_or_default()
    }
    /// Only admins may list users: to anyone else, others are "another user".
    pub fn user(&self, id: Id) -> String {
        if self.me == Some(id) {
            return "you".into();
        }
        self.users
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "another user".into())
    }
}

pub fn short_id(id: Id) -> String {
    id.simple().to_string()[..8].to_string()
}

/// The last notice or error, shown in the status bar until replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
    /// The tab whose load failed: shown there only.
    pub tab: Option<Tab>,
}

/// Record details shown over the current tab.
#[derive(Debug, Clone)]
pub enum Detail {
    Lead {
        id: Id,
        data: Option<Box<LeadDetail>>,
        scroll: u16,
    },
    Order {
        id: Id,
        data: Option<Box<OrderDetail>>,
        scroll: u16,
    },
    Contract {
        id: Id,
        data: Option<Box<ContractDetail>>,
        scroll: u16,
    },
}

/// What a picker's choice does.
#[derive(Debug, Clone, PartialEq)]
pub enum PickPurpose {
    Export,
    Reassign(Vec<Id>),
    LeadScope,
    MoveLeads(Vec<Id>),

    OrderStatus(Id),
    ContractStatus(Vec<Id>),
    /// Only the orders of a partner (value: its id, or empty for all).
    OrderScope,
    /// Restore or discard unsaved work kept last time.
    Drafts,
    // Partners
    Channel(partners::ChannelPick),
}

/// A picked value, typed: nothing is parsed back from a label.
#[derive(Debug, Clone, PartialEq)]
pub enum PickValue {
    LeadStatus(LeadStatus),
    OrderStatus(OrderStatus),
    ContractStatus(ContractStatus),
    Role(UserRole),
    /// A user, a company or a partner (by id); `None` for "all"/"none".
    Id(Option<Id>),
    /// Leads of one partner or one owner, or everyone's.
    LeadScope(LeadScope),
    Export(ExportFormat),
    MoveTo(CompanyAssignment),
    Jump(JumpTarget),
    Draft(drafts::DraftChoice),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadScope {
    Everyone,
    Partner(Id),
    Owner(Id),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// Where `J` on a partner goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JumpTarget {
    Leads,
    Orders,
    Contracts,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub list: pick::PickList<PickValue>,
    pub purpose: PickPurpose,
}

impl Picker {
    pub fn new(
        title: impl Into<String>,
        options: Vec<(String, PickValue)>,
        purpose: PickPurpose,
    ) -> Self {
        Picker {
            list: pick::PickList::new(title, options),
            purpose,
        }
    }
}

/// Things drawn over the tabs; the last one has the keyboard.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// Every message of the session, whole, newest first (`!`).
    Messages {
        scroll: u16,
    },
    Palette(palette::Palette),
    Detail(Detail),
    Picker(Picker),
    Form(Box<Form>),
    // Partners
    Company(partners::CompanyDetail),
    Confirm(partners::Confirm),
}

/// The shell: which tab, the overlay stack, the session, the requests in
/// flight and the status line; each tab owns the rest of its state.
pub struct App {
    pub session: Session,
    pub requests: Requests,
    pub tab: Tab,
    /// Things drawn over the tabs; the last one has the keyboard.
    pub overlays: Vec<Overlay>,
    /// The `/` input while typing a filter.
    pub filter_bar: FilterBar,
    pub status: Option<StatusLine>,
    /// Every notice and error, whole (the `!` log).
    pub messages: Vec<messages::Message>,
    /// Display names for ids, shared by every tab.
    pub names: Names,
    pub leads: LeadsState,
    pub orders: orders::OrdersTab,
    pub contracts: contracts::ContractsTab,
    pub partners: partners::PartnersTab,
    /// Whether (and when) the app leaves.
    pub quit: Quit,
    /// Text to hand to `$EDITOR` (Ctrl-E in a form field); the run loop does it.
    pub edit_request: Option<String>,
    /// Text to put on the clipboard (`y`); the run loop writes the escape.
    pub copy_request: Option<String>,
    /// "Now" for days-left and overdue marks (fixed in tests).
    pub now: Timestamp,
    pub prefs: Prefs,
    /// Writes that `z`/`u` can undo, and what `Z`/`U` can redo.
    pub history: history::History,
    /// Where the last frame drew what, for mouse clicks.
    pub hits: mouse::Hits,
    pub last_click: Option<mouse::LastClick>,
}

/// Who is signed in, and on what.
pub struct Session {
    pub backend: SharedBackend,
    /// How to sign in again when the session expires (API mode).
    pub sign_in: Option<SharedSignIn>,
    pub kind: BackendKind,
    pub location: String,
    pub me: Option<Me>,
}

/// The `/` filter input while it is being typed.
#[derive(Default)]
pub struct FilterBar {
    pub active: bool,
    pub input: Input,
}

impl App {
    pub fn new(backend: SharedBackend) -> (App, UnboundedReceiver<Reply>) {
        let (requests, rx) = Requests::new();
        // A warning about the connection (a remote database in clear text).
        let status = backend.notice().map(|text| StatusLine {
            text,
            error: true,
            tab: None,
        });
        let app = App {
            session: Session {
                kind: backend.kind(),
                location: backend.location(),
                backend,
                sign_in: None,
                me: None,
            },
            requests,
            tab: Tab::Leads,
            overlays: Vec::new(),
            filter_bar: FilterBar::default(),
            messages: status
                .iter()
                .map(|s| messages::Message {
                    at: chrono::Utc::now(),
                    text: s.text.clone(),
                    error: true,
                })
                .collect(),
            status,
            names: Names::default(),
            leads: LeadsState::default(),
            orders: Default::default(),
            contracts: Default::default(),
            partners: Default::default(),
            quit: Quit::No,
            edit_request: None,
            copy_request: None,
            now: chrono::Utc::now(),
            prefs: Prefs::from_env(),
            history: Default::default(),
            hits: Default::default(),
            last_click: None,
        };
        (app, rx)
    }

    /// Background requests still running (the spinner shows while > 0).
    pub fn pending(&self) -> usize {
        self.requests.pending()
    }

    pub fn me_id(&self) -> Option<Id> {
        self.session.me.as_ref().map(|m| m.id)
    }

    pub fn notice(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.log(&text, false);
        self.status = Some(StatusLine {
            text,
            error: false,
            tab: None,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        tracing::warn!(error = %text, "shown to user");
        self.log(&text, true);
        self.status = Some(StatusLine {
            text,
            error: true,
            tab: None,
        });
    }

    /// Reports a failed background call; an expired session opens the
    /// sign-in form over whatever the user was doing (nothing is lost).
    pub fn failed(&mut self, context: &str, e: BackendError) {
        if e.needs_login() {
            // A save cut short by the expired session: editable again, to
            // retry once signed in.
            if let Some(Overlay::Form(f)) = self.overlays.last_mut() {
                if f.submitting && f.purpose != form::FormPurpose::SignIn {
                    f.submitting = false;
                    f.error = Some("Session expired: sign in, then save again".into());
                }
            }
            if let Some(sign_in) = self.session.sign_in.clone() {
                let open = self.overlays.iter().any(
                    |o| matches!(o, Overlay::Form(f) if f.purpose == form::FormPurpose::SignIn),
                );
                if !open {
                    let hint = self
                        .session
                        .me
                        .as_ref()
                        .and_then(|m| m.username.clone())
                        .or_else(|| sign_in.username_hint());
                    self.overlays.push(Overlay::Form(Box::new(Form::sign_in(
                        &sign_in.server(),
                        hint.as_deref(),
                    ))));
                }
                self.error(format!("{context}: {e}"));
                return;
            }
        }
        self.error(format!("{context}: {e}"));
    }

    /// Puts the text back from `$EDITOR` into the field being edited.
    pub fn finish_edit(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                if let Some(Overlay::Form(f)) = self.overlays.last_mut() {
                    if let Some(field) = f.fields.get_mut(f.focus) {
                        field.input = tui_input::Input::new(text);
                        field.error = None;
                    }
                }
                self.notice("Text from the editor is in the form: Enter to save");
            }
            Err(e) => self.error(format!("Editor: {e}")),
        }
    }

    /// Switches to a backend on a new session and reloads everything.
    pub fn use_backend(&mut self, backend: SharedBackend) {
        // Loads still answering from the old session are dropped.
        self.requests.new_epoch();
        // Another session's changes are not ours to undo.
        self.history.clear();
        if let Some(text) = backend.notice() {
            self.error(text);
        }
        self.session.kind = backend.kind();
        self.session.location = backend.location();
        self.session.backend = backend;
        self.load_all();
    }

    pub fn top_overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }
}
