//! Every key binding, for every context: the tabs, the order builder, and
//! each overlay (details, pickers, forms, help, the filter bar). The
//! defaults are declared once (`defaults`); the config's `[keys]` tables
//! change them at start (`custom`), and the resulting `Keymap` is the one
//! key handling, the `?` help, every footer and the `:` palette read, so
//! they can never disagree.

mod custom;
mod defaults;
mod keys;

pub use custom::KEY_EXAMPLES;
pub use defaults::BINDINGS;
pub use keys::{key_label, keys_label, parse_key};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::borrow::Cow;

/// Where a binding applies. Tabs also take the `Lists` and `Global`
/// bindings; overlays take only their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Lists,
    Leads,
    Orders,
    Contracts,
    Partners,
    /// The order builder (the Orders tab while an order is being built).
    Builder,
    /// A record's detail over a tab.
    Detail,
    /// A company's detail (Partners tab).
    Company,
    /// A pick-from-a-list overlay (pickers, the builder's choices).
    Picker,
    /// A list narrowed as you type (the palette, a picker after `/`).
    Typing,
    Form,
    Confirm,
    Help,
    /// The `/` filter input.
    FilterBar,
}

impl Context {
    /// Contexts in the order `?` shows them.
    pub const ALL: [Context; 15] = [
        Context::Global,
        Context::Lists,
        Context::Leads,
        Context::Orders,
        Context::Builder,
        Context::Contracts,
        Context::Partners,
        Context::Detail,
        Context::Company,
        Context::Picker,
        Context::Typing,
        Context::Form,
        Context::Confirm,
        Context::Help,
        Context::FilterBar,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Lists => "Lists and boards",
            Context::Leads => "Leads",
            Context::Orders => "Orders",
            Context::Contracts => "Contracts",
            Context::Partners => "Partners",
            Context::Builder => "Order builder",
            Context::Detail => "Record detail",
            Context::Company => "Company detail",
            Context::Picker => "Pick lists",
            Context::Typing => "Lists narrowed as you type (palette, choices)",
            Context::Form => "Forms",
            Context::Confirm => "Questions (y/n)",
            Context::Help => "This help",
            Context::FilterBar => "Typing a filter",
        }
    }

    /// The name of the context's table in the config (`[keys.builder]`).
    pub fn slug(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Lists => "lists",
            Context::Leads => "leads",
            Context::Orders => "orders",
            Context::Contracts => "contracts",
            Context::Partners => "partners",
            Context::Builder => "builder",
            Context::Detail => "detail",
            Context::Company => "company",
            Context::Picker => "picker",
            Context::Typing => "typing",
            Context::Form => "form",
            Context::Confirm => "confirm",
            Context::Help => "help",
            Context::FilterBar => "filter",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// The contexts whose bindings apply here, most specific first.
    pub fn chain(self) -> &'static [Context] {
        match self {
            Context::Leads => &[Context::Leads, Context::Lists, Context::Global],
            Context::Orders => &[Context::Orders, Context::Lists, Context::Global],
            Context::Contracts => &[Context::Contracts, Context::Lists, Context::Global],
            Context::Partners => &[Context::Partners, Context::Lists, Context::Global],
            Context::Builder => &[Context::Builder, Context::Lists, Context::Global],
            Context::Lists => &[Context::Lists, Context::Global],
            Context::Global => &[Context::Global],
            Context::Detail => &[Context::Detail],
            Context::Company => &[Context::Company],
            Context::Picker => &[Context::Picker],
            Context::Typing => &[Context::Typing],
            Context::Form => &[Context::Form],
            Context::Confirm => &[Context::Confirm],
            Context::Help => &[Context::Help],
            Context::FilterBar => &[Context::FilterBar],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Palette,
    Filter,
    Refresh,
    NextTab,
    PrevTab,
    GoLeads,
    GoOrders,
    GoContracts,
    GoPartners,
    Drafts,
    Messages,
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    ClearFilter,
    MovePrev,
    MoveNext,
    MovePick,
    NewLead,
    EditLead,
    AddNote,
    AddActivity,
    ToggleView,
    CycleSort,
    ToggleMine,
    ToggleSelect,
    Reassign,
    ScopeLeads,
    ConvertLead,
    QuickView,
    ChangeStatus,
    Export,
    NewOrder,
    Activate,
    Quote,
    AddLine,
    RemoveLine,
    EditQuantity,
    ChangeProduct,
    ChangeDuration,
    PickPartner,
    PickDistributor,
    PickLead,
    /// The builder's own undo (its lines, partner, distributor, lead).
    Undo,
    SubmitOrder,
    DiscardOrder,
    CloseBuilder,
    SwitchPane,
    PrevPane,
    NewCompany,
    EditCompany,
    ToggleActive,
    DeleteCompany,
    LinkCompany,
    UnlinkCompany,
    ShowUsers,
    UserRole,
    UserCompany,
    JumpTo,
    Close,
    Choose,
    NextField,
    PrevField,
    EnterField,
    Save,
    ExternalEdit,
    Yes,
    No,
    KeepFilter,
    /// Undo the last write kept in the history (moves, reassignments,
    /// contract status, company activation), as a new write.
    UndoWrite,
    RedoWrite,
    /// Copy the selected record's identifier to the clipboard.
    Copy,
    /// Copy a one-line summary of the selected record.
    CopySummary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    /// Empty when the config took every key away (the palette still runs it).
    pub keys: Cow<'static, [Key]>,
    pub action: Action,
    /// The palette name (`:` then this), and the name in `[keys]`.
    pub name: &'static str,
    pub help: &'static str,
    /// The word in footers.
    pub short: &'static str,
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    // Shifted letters arrive as uppercase chars, sometimes with SHIFT set;
    // Shift-Tab arrives as BackTab with SHIFT.
    let mods = ev.modifiers - KeyModifiers::SHIFT;
    key.code == ev.code && key.mods == mods
}

/// The bindings in force: the defaults with the user's changes, built once
/// at start.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The binding for a key in a context (the most specific context wins).
    pub fn binding_for(&self, ctx: Context, ev: &KeyEvent) -> Option<&Binding> {
        ctx.chain().iter().find_map(|c| {
            self.bindings
                .iter()
                .find(|b| b.context == *c && b.keys.iter().any(|k| matches(k, ev)))
        })
    }

    /// The action for a key in a context.
    pub fn action_for(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        self.binding_for(ctx, ev).map(|b| b.action)
    }

    /// The binding of `action` that applies in `ctx`, if any: the most
    /// specific one that still has a key, else any (for the palette).
    pub fn binding_of(&self, ctx: Context, action: Action) -> Option<&Binding> {
        let mut all = ctx.chain().iter().flat_map(|c| {
            self.bindings
                .iter()
                .filter(move |b| b.context == *c && b.action == action)
        });
        let first = all.clone().next();
        all.find(|b| !b.keys.is_empty()).or(first)
    }

    /// Whether `action` has a binding where the user is.
    pub fn applies(&self, action: Action, ctx: Context) -> bool {
        self.binding_of(ctx, action).is_some()
    }

    /// The context an action is declared in first (for "only in …" reasons).
    pub fn home_of(&self, action: Action) -> Context {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.context)
            .unwrap_or(Context::Global)
    }

    /// The palette name of an action.
    pub fn name_of(&self, action: Action) -> &'static str {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.name)
            .unwrap_or("command")
    }

    /// The bindings that apply in `ctx`, most specific first, one per action.
    pub fn bindings_in(&self, ctx: Context) -> Vec<&Binding> {
        let mut out: Vec<&Binding> = Vec::new();
        for c in ctx.chain() {
            for b in self.bindings.iter().filter(|b| b.context == *c) {
                if !out.iter().any(|o| o.action == b.action) {
                    out.push(b);
                }
            }
        }
        out
    }

    /// The first key of an action in a context, for hints.
    pub fn first_key(&self, ctx: Context, action: Action) -> Option<String> {
        self.binding_of(ctx, action)
            .and_then(|b| b.keys.first())
            .map(key_label)
    }
}

/// Whether two bindings are ever in force at once and could fight over a
/// key: the same context, or a global one and a context that takes it. (A
/// tab's key may hide a `Lists` one on purpose, as the builder's Enter.)
pub fn compete(a: &Binding, b: &Binding) -> bool {
    let global = |x: &Binding, y: &Binding| {
        x.context == Context::Global && y.context.chain().contains(&Context::Global)
    };
    a.context == b.context || global(a, b) || global(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn tab_bindings_win_and_globals_apply() {
        let km = Keymap::default();
        let char_key = |ctx, c, m| km.action_for(ctx, &ev(KeyCode::Char(c), m));
        assert_eq!(
            char_key(Context::Leads, 's', KeyModifiers::NONE),
            Some(Action::CycleSort)
        );
        assert_eq!(
            char_key(Context::Partners, 'q', KeyModifiers::NONE),
            Some(Action::Quit)
        );
        assert_eq!(
            char_key(Context::Orders, 'c', KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            char_key(Context::Leads, 'H', KeyModifiers::SHIFT),
            Some(Action::MovePrev)
        );
        assert_eq!(char_key(Context::Orders, 'H', KeyModifiers::SHIFT), None);
        // u undoes where it is free, and is the users pane in Partners.
        assert_eq!(
            char_key(Context::Leads, 'u', KeyModifiers::NONE),
            Some(Action::UndoWrite)
        );
        assert_eq!(
            char_key(Context::Partners, 'u', KeyModifiers::NONE),
            Some(Action::ShowUsers)
        );
        assert_eq!(
            char_key(Context::Partners, 'z', KeyModifiers::NONE),
            Some(Action::UndoWrite)
        );
        assert_eq!(
            char_key(Context::Builder, 'u', KeyModifiers::NONE),
            Some(Action::Undo)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if compete(a, b) {
                    for ka in a.keys.iter() {
                        assert!(
                            !b.keys.contains(ka),
                            "{} and {} share {}",
                            a.name,
                            b.name,
                            key_label(ka)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn defaults_leave_the_multiplexer_prefixes_alone() {
        for b in BINDINGS {
            for key in b.keys.iter() {
                for c in ['a', 'b'] {
                    assert_ne!(
                        *key,
                        Key {
                            code: KeyCode::Char(c),
                            mods: KeyModifiers::CONTROL
                        },
                        "{} uses Ctrl-{c}",
                        b.name
                    );
                }
            }
        }
    }

    #[test]
    fn every_list_context_has_the_same_moves() {
        let km = Keymap::default();
        for ctx in [
            Context::Picker,
            Context::Lists,
            Context::Detail,
            Context::Typing,
        ] {
            for action in [
                Action::Up,
                Action::Down,
                Action::Top,
                Action::Bottom,
                Action::PageUp,
                Action::PageDown,
            ] {
                assert!(km.applies(action, ctx), "{ctx:?} lacks {action:?}");
            }
        }
        for (ctx, code) in [
            (Context::Picker, KeyCode::End),
            (Context::Picker, KeyCode::Char('G')),
            (Context::Typing, KeyCode::End),
            (Context::Lists, KeyCode::End),
        ] {
            assert_eq!(
                km.action_for(ctx, &ev(code, KeyModifiers::NONE)),
                Some(Action::Bottom)
            );
        }
    }

    #[test]
    fn palette_names_are_unique_per_context_and_one_action_each() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.name == b.name {
                    assert_ne!(a.context, b.context, "{} twice in one context", a.name);
                    assert_eq!(a.action, b.action, "{} names two actions", a.name);
                }
            }
        }
    }

    #[test]
    fn context_slugs_round_trip() {
        for c in Context::ALL {
            assert_eq!(Context::from_slug(c.slug()), Some(c));
        }
    }
}
