//! Application state and its update loop. `update` functions change state
//! and start background tasks; `crate::ui` only reads this state to draw.

pub mod builder;
mod contracts;
pub mod form;
mod orders;

pub mod keymap;
mod keys;
pub use keys::palette_matches;
pub mod leads;
mod leads_actions;
pub mod list;
pub mod msg;
pub mod partners;
pub mod records;
pub mod run;
pub mod signin_screen;

mod tasks;
pub mod update;
pub use update as update_sorts;

use crate::backend::signin::SharedSignIn;
use crate::backend::{BackendError, BackendKind, SharedBackend};
use crate::domain::*;
use form::Form;
use leads::LeadsState;
use msg::Msg;
use records::RecordList;
use std::collections::HashMap;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
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

/// The contracts tab's one-key quick views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractView {
    All,
    Active,
    Expiring30,
    Expiring60,
    Expiring90,
    Expired,
    Closed,
    Mine,
}

impl ContractView {
    pub const ALL: [ContractView; 8] = [
        ContractView::All,
        ContractView::Active,
        ContractView::Expiring30,
        ContractView::Expiring60,
        ContractView::Expiring90,
        ContractView::Expired,
        ContractView::Closed,
        ContractView::Mine,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ContractView::All => "all",
            ContractView::Active => "active",
            ContractView::Expiring30 => "expiring ≤30d",
            ContractView::Expiring60 => "expiring ≤60d",
            ContractView::Expiring90 => "expiring ≤90d",
            ContractView::Expired => "expired",
            ContractView::Closed => "cancelled/lost",
            ContractView::Mine => "mine",
        }
    }
    pub fn keeps(self, c: &Contract, now: Timestamp, me: Option<Id>) -> bool {
        match self {
            ContractView::All => true,
            ContractView::Active => c.status == ContractStatus::Active,
            ContractView::Expiring30 => c.expires_within(now, 30),
            ContractView::Expiring60 => c.expires_within(now, 60),
            ContractView::Expiring90 => c.expires_within(now, 90),
            ContractView::Expired => c.status == ContractStatus::Expired,
            ContractView::Closed => {
                matches!(c.status, ContractStatus::Cancelled | ContractStatus::Lost)
            }
            ContractView::Mine => Some(c.user_id) == me,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Distributors,
    Partners,
    // Partners: users of the selected company
    Users,
}

/// Display names for ids, loaded once and refreshed with the lists.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pub partners: HashMap<Id, String>,
    pub distributors: HashMap<Id, String>,
    pub users: HashMap<Id, String>,
}

impl Names {
    pub fn partner(&self, id: Option<Id>) -> String {
        id.map(|i| {
            self.partners
                .get(&i)
                .cloned()
                .unwrap_or_else(|| short_id(i))
        })
        .unwrap_or_default()
    }
    pub fn distributor(&self, id: Option<Id>) -> String {
        id.map(|i| {
            self.distributors
                .get(&i)
                .cloned()
                .unwrap_or_else(|| short_id(i))
        })
        .unwrap_or_default()
    }
    pub fn user(&self, id: Id) -> String {
        self.users.get(&id).cloned().unwrap_or_else(|| short_id(id))
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
    // Partners
    Channel(partners::ChannelPick),
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    /// (label, wire value)
    pub options: Vec<(String, String)>,
    pub cursor: usize,
    pub purpose: PickPurpose,
}

/// Things drawn over the tabs; the last one has the keyboard.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help { scroll: u16 },
    Palette { input: Input, cursor: usize },
    Detail(Detail),
    Picker(Picker),
    Form(Box<Form>),
    // Partners
    Company(partners::CompanyDetail),
    Confirm(partners::Confirm),
}

pub struct App {
    pub backend: SharedBackend,
    /// How to sign in again when the session expires (API mode).
    pub sign_in: Option<SharedSignIn>,
    pub kind: BackendKind,
    pub location: String,
    pub me: Option<Me>,
    pub tab: Tab,
    pub overlays: Vec<Overlay>,
    pub filtering: bool,
    pub filter_input: Input,
    pub leads: LeadsState,
    pub orders: RecordList<Order>,
    pub order_sort: usize,
    /// The Orders tab's status and partner filters.
    pub order_status_filter: Option<OrderStatus>,
    pub order_partner_filter: Option<Id>,
    /// The order being built; kept across tab switches until submitted or discarded.
    pub builder: Option<builder::OrderBuilder>,
    /// Whether the Orders tab shows the builder (rather than the list).
    pub builder_open: bool,
    pub catalogue: Option<builder::Catalogue>,
    pub catalogue_loading: bool,
    /// Why the catalogue could not be loaded (`r` in the builder retries).
    pub catalogue_error: Option<String>,
    /// Server price checks already asked for.
    pub price_requests: std::collections::HashSet<builder::PriceKey>,
    /// `q` was pressed once with an unsubmitted order: a second `q` quits.
    pub quit_warned: bool,
    pub contracts: RecordList<Contract>,
    pub contract_view: ContractView,
    pub contract_sort: usize,
    /// Contracts narrowed to one partner (a jump from the Partners tab; Esc clears).
    pub contract_partner_filter: Option<Id>,
    /// Contracts marked for a bulk status change.
    pub contract_marked: std::collections::HashSet<Id>,
    /// Invoices and the originating order of the contract open in detail.
    pub contract_invoices: Option<(Id, Result<ContractInvoices, String>)>,
    pub contract_order: Option<(Id, Box<OrderDetail>)>,
    /// Where `x` writes exports (`TENTABO_EXPORT_DIR`, else the current directory).
    pub export_dir: std::path::PathBuf,
    pub distributors: RecordList<Company>,
    pub partners: RecordList<Company>,
    pub pane: Pane,
    pub names: Names,
    pub status: Option<StatusLine>,
    /// Background tasks still running (the spinner shows while > 0).
    pub pending: usize,
    pub spinner: usize,
    pub tx: UnboundedSender<Msg>,
    pub quit: bool,
    /// Set by a form submit that finished without a backend call.
    form_done: bool,
    /// Text to hand to `$EDITOR` (Ctrl-E in a form field); the run loop does it.
    pub edit_request: Option<String>,
    /// "Now" for days-left and overdue marks (fixed in tests).
    pub now: Timestamp,
    pub color: bool,
    /// Seconds between background refreshes; 0 = off.
    pub refresh_seconds: u64,
    // Partners
    pub channel: partners::ChannelState,
}

impl App {
    pub fn new(backend: SharedBackend) -> (App, UnboundedReceiver<Msg>) {
        let (tx, rx) = unbounded_channel();
        let app = App {
            kind: backend.kind(),
            location: backend.location(),
            backend,
            sign_in: None,
            me: None,
            tab: Tab::Leads,
            overlays: Vec::new(),
            filtering: false,
            filter_input: Input::default(),
            leads: LeadsState::default(),
            orders: RecordList::default(),
            order_sort: 0,
            order_status_filter: None,
            order_partner_filter: None,
            builder: None,
            builder_open: false,
            catalogue: None,
            catalogue_loading: false,
            catalogue_error: None,
            price_requests: Default::default(),
            quit_warned: false,
            contracts: RecordList::default(),
            contract_view: ContractView::All,
            contract_sort: 0,
            contract_partner_filter: None,
            contract_marked: Default::default(),
            contract_invoices: None,
            contract_order: None,
            export_dir: std::env::var_os("TENTABO_EXPORT_DIR")
                .map(Into::into)
                .unwrap_or_else(|| ".".into()),

            distributors: RecordList::default(),
            partners: RecordList::default(),
            pane: Pane::Partners,
            names: Names::default(),
            status: None,
            pending: 0,
            spinner: 0,
            tx,
            quit: false,
            form_done: false,
            edit_request: None,
            now: chrono::Utc::now(),
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            refresh_seconds: 60,
            channel: Default::default(),
        };
        (app, rx)
    }

    pub fn me_id(&self) -> Option<Id> {
        self.me.as_ref().map(|m| m.id)
    }

    pub fn notice(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        tracing::warn!(error = %text, "shown to user");
        self.status = Some(StatusLine { text, error: true });
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
            if let Some(sign_in) = self.sign_in.clone() {
                let open = self.overlays.iter().any(
                    |o| matches!(o, Overlay::Form(f) if f.purpose == form::FormPurpose::SignIn),
                );
                if !open {
                    let hint = self
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
        self.kind = backend.kind();
        self.location = backend.location();
        self.backend = backend;
        self.load_all();
    }

    pub fn top_overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// The filter text of the current tab.
    pub fn current_filter(&self) -> &str {
        match self.tab {
            Tab::Leads => &self.leads.filter,
            Tab::Orders => &self.orders.filter,
            Tab::Contracts => &self.contracts.filter,
            Tab::Partners => match self.pane {
                Pane::Distributors => &self.distributors.filter,
                Pane::Partners => &self.partners.filter,
                Pane::Users => &self.channel.users.filter,
            },
        }
    }
}
