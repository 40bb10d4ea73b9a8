//! Every key binding in one table, for every context: the tabs, the order
//! builder, and each overlay (details, pickers, forms, help, the filter
//! bar). Key handling, the `?` help, every footer and the `:` palette are
//! generated from it, so they can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// The palette name (`:` then this).
    pub name: &'static str,
    pub help: &'static str,
    /// The word in footers.
    pub short: &'static str,
}

macro_rules! b {
    ($ctx:ident, [$($key:expr),+], $action:ident, $name:literal, $help:literal, $short:literal) => {
        Binding { context: Context::$ctx, keys: &[$($key),+], action: Action::$action, name: $name, help: $help, short: $short }
    };
}

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    b!(Global, [k('q'), ctrl('c')], Quit, "quit", "Quit", "quit"),
    b!(Global, [k('?')], Help, "help", "Show or hide this help", "help"),
    b!(Global, [k(':')], Palette, "palette", "Command palette", "commands"),
    b!(Global, [k('/')], Filter, "filter", "Filter the current view as you type", "filter"),
    b!(Global, [k('r'), code(KeyCode::F(5))], Refresh, "refresh", "Reload from the backend", "reload"),
    b!(Global, [code(KeyCode::Tab)], NextTab, "next-tab", "Next tab", "tab"),
    b!(Global, [code(KeyCode::BackTab)], PrevTab, "prev-tab", "Previous tab", "tab"),
    b!(Global, [k('1')], GoLeads, "leads", "Leads tab", "leads"),
    b!(Global, [k('2')], GoOrders, "orders", "Orders tab", "orders"),
    b!(Global, [k('3')], GoContracts, "contracts", "Contracts tab", "contracts"),
    b!(Global, [k('4')], GoPartners, "partners", "Partners tab", "partners"),
    b!(Global, [ctrl('o')], Drafts, "drafts", "Unsaved work kept from last time: restore or discard", "drafts"),
    b!(Lists, [k('k'), code(KeyCode::Up)], Up, "up", "Up", "up"),
    b!(Lists, [k('j'), code(KeyCode::Down)], Down, "down", "Down", "down"),
    b!(Lists, [k('h'), code(KeyCode::Left)], Left, "left", "Left (previous column or pane)", "left"),
    b!(Lists, [k('l'), code(KeyCode::Right)], Right, "right", "Right (next column or pane)", "right"),
    b!(Lists, [k('g'), code(KeyCode::Home)], Top, "top", "First row", "top"),
    b!(Lists, [k('G'), code(KeyCode::End)], Bottom, "bottom", "Last row", "bottom"),
    b!(Lists, [code(KeyCode::PageUp), ctrl('u')], PageUp, "page-up", "Page up", "page up"),
    b!(Lists, [code(KeyCode::PageDown), ctrl('d')], PageDown, "page-down", "Page down", "page down"),
    b!(Lists, [code(KeyCode::Enter)], Open, "open", "Open the selected record", "open"),
    b!(Lists, [code(KeyCode::Esc)], ClearFilter, "clear-filter", "Clear the filter / close", "clear"),
    b!(Leads, [k('H'), k('<')], MovePrev, "move-prev", "Move the card to the previous status", "move back"),
    b!(Leads, [k('L'), k('>')], MoveNext, "move-next", "Move the card to the next status", "move"),
    b!(Leads, [k('m')], MovePick, "move", "Move the card to a status (with a reason)", "move to"),
    b!(Leads, [k('n')], NewLead, "new-lead", "New lead", "new"),
    b!(Leads, [k('e')], EditLead, "edit-lead", "Edit the lead", "edit"),
    b!(Leads, [k('N')], AddNote, "note", "Add a note", "note"),
    b!(Leads, [k('a')], AddActivity, "activity", "Log an activity", "activity"),
    b!(Leads, [k('v')], ToggleView, "toggle-view", "Board ⇄ table", "view"),
    b!(Leads, [k('s')], CycleSort, "sort", "Sort cards: value, close date, updated", "sort"),
    b!(Leads, [k('M')], ToggleMine, "mine", "Only my leads", "mine"),
    b!(Leads, [k(' ')], ToggleSelect, "select", "Mark cards for a bulk move or reassignment", "mark"),
    b!(Leads, [k('A')], Reassign, "reassign", "Give the marked (or selected) leads to someone", "reassign"),
    b!(Leads, [k('F')], ScopeLeads, "leads-of", "Only the leads of a partner or an owner", "scope"),
    b!(Leads, [k('o')], ConvertLead, "convert-lead", "Turn the lead into an order (opens the builder)", "order"),
    b!(Contracts, [k('f')], QuickView, "quick-view", "Next quick view (active, expiring 30/60/90, …)", "view"),
    b!(Contracts, [k('s')], CycleSort, "sort-contracts", "Sort by the next column", "sort"),
    b!(Contracts, [k('c')], ChangeStatus, "contract-status", "Change status (with a reason; marked contracts in bulk)", "status"),
    b!(Contracts, [k(' ')], ToggleSelect, "select-contract", "Mark for a bulk status change", "mark"),
    b!(Contracts, [k('x')], Export, "export", "Export the current view to CSV or JSON", "export"),
    b!(Contracts, [k('N')], AddNote, "contract-note", "Add a note to the contract", "note"),
    b!(Orders, [k('s')], CycleSort, "sort-orders", "Sort by the next column", "sort"),
    b!(Orders, [k('n')], NewOrder, "new-order", "Build a new order (or go back to the one being built)", "new"),
    b!(Orders, [k('c')], ChangeStatus, "order-status", "Change status (only the steps the server allows)", "status"),
    b!(Orders, [k('N')], AddNote, "order-note", "Add a note", "note"),
    b!(Orders, [k('A')], Activate, "activate", "Activate a fulfilled order into a contract", "activate"),
    b!(Orders, [k('Q')], Quote, "quote", "Get the order's quote", "quote"),
    b!(Orders, [k('f')], QuickView, "orders-status", "Only orders in the next status (all, created, sent, …)", "status filter"),
    b!(Orders, [k('F')], ScopeLeads, "orders-of", "Only the orders of a partner", "partner"),
    b!(Builder, [k('a'), code(KeyCode::Insert)], AddLine, "add-line", "Add a line: search a product, then pick a duration", "add line"),
    b!(Builder, [k('x'), code(KeyCode::Delete)], RemoveLine, "remove-line", "Remove the selected line", "remove"),
    b!(Builder, [k('e'), code(KeyCode::Enter)], EditQuantity, "quantity", "Type the line's quantity (prices follow as you type)", "quantity"),
    b!(Builder, [k('c')], ChangeProduct, "line-product", "Change the line's product", "product"),
    b!(Builder, [k('m')], ChangeDuration, "line-duration", "Change the line's duration", "duration"),
    b!(Builder, [k('p')], PickPartner, "order-partner", "Choose the partner", "partner"),
    b!(Builder, [k('d')], PickDistributor, "order-distributor", "Choose the distributor", "distributor"),
    b!(Builder, [k('L')], PickLead, "order-lead", "Choose the lead the order comes from", "lead"),
    b!(Builder, [k('u')], Undo, "undo", "Undo the last change", "undo"),
    b!(Builder, [k('S'), ctrl('s')], SubmitOrder, "submit-order", "Submit the order", "submit"),
    b!(Builder, [k('X')], DiscardOrder, "discard-order", "Throw the order being built away", "discard"),
    b!(Builder, [code(KeyCode::Esc)], CloseBuilder, "close-builder", "Back to the orders list (the order is kept)", "back"),
    b!(Partners, [k(']')], SwitchPane, "next-pane", "Next pane", "pane"),
    b!(Partners, [k('[')], PrevPane, "prev-pane", "Previous pane", "pane"),
    b!(Partners, [k('n')], NewCompany, "new-company", "New distributor or partner (the focused pane's kind)", "new"),
    b!(Partners, [k('e')], EditCompany, "edit-company", "Edit the selected company", "edit"),
    b!(Partners, [k('d'), k(' ')], ToggleActive, "toggle-active", "Deactivate/reactivate (users pane: disable/enable)", "active"),
    b!(Partners, [k('D')], DeleteCompany, "delete-company", "Delete (refused while orders, contracts… refer to it)", "delete"),
    b!(Partners, [k('L')], LinkCompany, "link", "Link the partner to a distributor (or the reverse)", "link"),
    b!(Partners, [k('U')], UnlinkCompany, "unlink", "End a distributor–partner link", "unlink"),
    b!(Partners, [k('u')], ShowUsers, "users", "Users of the selected company", "users"),
    b!(Partners, [k('R')], UserRole, "user-role", "Change the selected user's role", "role"),
    b!(Partners, [k('C')], UserCompany, "move-user", "Move the selected user to another company", "move"),
    b!(Partners, [k('J')], JumpTo, "jump", "Jump to the partner's leads, orders or contracts", "jump"),
    b!(Detail, [k('k'), code(KeyCode::Up)], Up, "detail-up", "Scroll up", "scroll"),
    b!(Detail, [k('j'), code(KeyCode::Down)], Down, "detail-down", "Scroll down", "scroll"),
    b!(Detail, [code(KeyCode::PageUp), ctrl('u')], PageUp, "detail-page-up", "Page up", "page up"),
    b!(Detail, [code(KeyCode::PageDown), ctrl('d')], PageDown, "detail-page-down", "Page down", "page down"),
    b!(Detail, [k('g'), code(KeyCode::Home)], Top, "detail-top", "Top", "top"),
    b!(Detail, [k('G'), code(KeyCode::End)], Bottom, "detail-bottom", "Bottom", "bottom"),
    b!(Detail, [k('r'), code(KeyCode::F(5))], Refresh, "detail-reload", "Reload the record", "reload"),
    b!(Detail, [k('N')], AddNote, "detail-note", "Add a note", "note"),
    b!(Detail, [k('a')], AddActivity, "detail-activity", "Log an activity (leads)", "activity"),
    b!(Detail, [k('c')], ChangeStatus, "detail-status", "Change the status (orders, contracts)", "status"),
    b!(Detail, [k('A')], Activate, "detail-activate", "Activate into a contract (orders)", "activate"),
    b!(Detail, [k('Q')], Quote, "detail-quote", "Get the quote (orders)", "quote"),
    b!(Detail, [k('?')], Help, "detail-help", "Show the keys", "help"),
    b!(Detail, [code(KeyCode::Esc), k('q')], Close, "detail-close", "Close", "close"),
    b!(Company, [k('k'), code(KeyCode::Up)], Up, "company-up", "Scroll up", "scroll"),
    b!(Company, [k('j'), code(KeyCode::Down)], Down, "company-down", "Scroll down", "scroll"),
    b!(Company, [code(KeyCode::PageUp)], PageUp, "company-page-up", "Page up", "page up"),
    b!(Company, [code(KeyCode::PageDown)], PageDown, "company-page-down", "Page down", "page down"),
    b!(Company, [k('r'), code(KeyCode::F(5))], Refresh, "company-reload", "Reload", "reload"),
    b!(Company, [k('e')], EditCompany, "company-edit", "Edit the company (admins)", "edit"),
    b!(Company, [k('d')], ToggleActive, "company-toggle-active", "Deactivate or reactivate", "active"),
    b!(Company, [k('D')], DeleteCompany, "company-delete", "Delete, after a y/n question", "delete"),
    b!(Company, [k('L')], LinkCompany, "company-link", "Link", "link"),
    b!(Company, [k('U')], UnlinkCompany, "company-unlink", "End a link", "unlink"),
    b!(Company, [k('u')], ShowUsers, "company-users", "The users pane", "users"),
    b!(Company, [k('J')], JumpTo, "company-jump", "Its leads, orders or contracts", "jump"),
    b!(Company, [k('?')], Help, "company-help", "Show the keys", "help"),
    b!(Company, [code(KeyCode::Esc), k('q'), code(KeyCode::Enter)], Close, "company-close", "Close", "close"),
    b!(Picker, [k('k'), code(KeyCode::Up), ctrl('p')], Up, "pick-up", "Up", "up"),
    b!(Picker, [k('j'), code(KeyCode::Down), ctrl('n')], Down, "pick-down", "Down", "down"),
    b!(Picker, [k('g'), code(KeyCode::Home)], Top, "pick-top", "First", "first"),
    b!(Picker, [k('G'), code(KeyCode::End)], Bottom, "pick-bottom", "Last", "last"),
    b!(Picker, [code(KeyCode::PageUp), ctrl('u')], PageUp, "pick-page-up", "Page up", "page up"),
    b!(Picker, [code(KeyCode::PageDown), ctrl('d')], PageDown, "pick-page-down", "Page down", "page down"),
    b!(Picker, [k('/')], Filter, "pick-narrow", "Type to narrow the list", "narrow"),
    b!(Picker, [code(KeyCode::Enter)], Choose, "pick-choose", "Choose", "choose"),
    b!(Picker, [k('?')], Help, "picker-help", "Show the keys", "help"),
    b!(Picker, [code(KeyCode::Esc), k('q')], Close, "pick-close", "Close", "close"),
    b!(Typing, [code(KeyCode::Up), ctrl('p'), code(KeyCode::BackTab)], Up, "typed-up", "Up", "up"),
    b!(Typing, [code(KeyCode::Down), ctrl('n'), code(KeyCode::Tab)], Down, "typed-down", "Down", "down"),
    b!(Typing, [code(KeyCode::Home)], Top, "typed-top", "First", "first"),
    b!(Typing, [code(KeyCode::End)], Bottom, "typed-bottom", "Last", "last"),
    b!(Typing, [code(KeyCode::PageUp), ctrl('u')], PageUp, "typed-page-up", "Page up", "page up"),
    b!(Typing, [code(KeyCode::PageDown), ctrl('d')], PageDown, "typed-page-down", "Page down", "page down"),
    b!(Typing, [code(KeyCode::Enter)], Choose, "typed-choose", "Choose (run, in the palette)", "choose"),
    b!(Typing, [code(KeyCode::Esc)], Close, "typed-close", "Close", "close"),
    b!(Form, [code(KeyCode::Tab), code(KeyCode::Down)], NextField, "form-next", "Next field", "next"),
    b!(Form, [code(KeyCode::BackTab), code(KeyCode::Up)], PrevField, "form-prev", "Previous field", "previous"),
    b!(Form, [code(KeyCode::Enter)], EnterField, "form-enter", "Next field; on the last one, save", "next/save"),
    b!(Form, [ctrl('s')], Save, "form-save", "Save", "save"),
    b!(Form, [ctrl('e')], ExternalEdit, "form-editor", "Write the field in $EDITOR", "editor"),
    b!(Form, [code(KeyCode::Esc)], Close, "form-cancel", "Cancel", "cancel"),
    b!(Confirm, [k('y'), k('Y')], Yes, "confirm-yes", "Yes", "yes"),
    b!(Confirm, [k('n'), k('N'), code(KeyCode::Esc), k('q')], No, "confirm-no", "No", "no"),
    b!(Help, [k('k'), code(KeyCode::Up)], Up, "help-up", "Scroll up", "scroll"),
    b!(Help, [k('j'), code(KeyCode::Down)], Down, "help-down", "Scroll down", "scroll"),
    b!(Help, [code(KeyCode::PageUp)], PageUp, "help-page-up", "Page up", "page up"),
    b!(Help, [code(KeyCode::PageDown)], PageDown, "help-page-down", "Page down", "page down"),
    b!(Help, [code(KeyCode::Esc), k('?'), k('q')], Close, "help-close", "Close", "close"),
    b!(FilterBar, [code(KeyCode::Enter), code(KeyCode::Up), code(KeyCode::Down)], KeepFilter, "filter-keep", "Keep the filter", "keep"),
    b!(FilterBar, [code(KeyCode::Esc)], ClearFilter, "filter-clear", "Clear the filter", "clear"),
];

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    // Shifted letters arrive as uppercase chars, sometimes with SHIFT set;
    // Shift-Tab arrives as BackTab with SHIFT.
    let mods = ev.modifiers - KeyModifiers::SHIFT;
    key.code == ev.code && key.mods == mods
}

/// The binding for a key in a context (the most specific context wins).
pub fn binding_for(ctx: Context, ev: &KeyEvent) -> Option<&'static Binding> {
    ctx.chain().iter().find_map(|c| {
        BINDINGS
            .iter()
            .find(|b| b.context == *c && b.keys.iter().any(|k| matches(k, ev)))
    })
}

/// The action for a key in a context.
pub fn action_for(ctx: Context, ev: &KeyEvent) -> Option<Action> {
    binding_for(ctx, ev).map(|b| b.action)
}

/// The binding of `action` that applies in `ctx`, if any.
pub fn binding_of(ctx: Context, action: Action) -> Option<&'static Binding> {
    ctx.chain().iter().find_map(|c| {
        BINDINGS
            .iter()
            .find(|b| b.context == *c && b.action == action)
    })
}

/// Whether `action` has a key where the user is.
pub fn applies(action: Action, ctx: Context) -> bool {
    binding_of(ctx, action).is_some()
}

/// The context an action is declared in first (for "only in …" reasons).
pub fn home_of(action: Action) -> Context {
    BINDINGS
        .iter()
        .find(|b| b.action == action)
        .map(|b| b.context)
        .unwrap_or(Context::Global)
}

/// The palette name of an action.
pub fn name_of(action: Action) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.action == action)
        .map(|b| b.name)
        .unwrap_or("command")
}

/// The bindings that apply in `ctx`, most specific first, one per action.
pub fn bindings_in(ctx: Context) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for c in ctx.chain() {
        for b in BINDINGS.iter().filter(|b| b.context == *c) {
            if !out.iter().any(|o| o.action == b.action) {
                out.push(b);
            }
        }
    }
    out
}

pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(key_label).collect::<Vec<_>>().join("/")
}

/// The first key of an action in a context, for hints.
pub fn first_key(ctx: Context, action: Action) -> Option<String> {
    binding_of(ctx, action).map(|b| key_label(&b.keys[0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn tab_bindings_win_and_globals_apply() {
        assert_eq!(
            action_for(Context::Leads, &ev(KeyCode::Char('s'), KeyModifiers::NONE)),
            Some(Action::CycleSort)
        );
        assert_eq!(
            action_for(
                Context::Partners,
                &ev(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(
                Context::Orders,
                &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Context::Leads, &ev(KeyCode::Char('H'), KeyModifiers::SHIFT)),
            Some(Action::MovePrev)
        );
        assert_eq!(
            action_for(
                Context::Orders,
                &ev(KeyCode::Char('H'), KeyModifiers::SHIFT)
            ),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                // Same context, or a tab's binding hiding a global one.
                let global = |x: &Binding, y: &Binding| {
                    x.context == Context::Global && y.context.chain().contains(&Context::Global)
                };
                if a.context == b.context || global(a, b) || global(b, a) {
                    for ka in a.keys {
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
    fn every_list_context_has_the_same_moves() {
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
                assert!(applies(action, ctx), "{ctx:?} lacks {action:?}");
            }
        }
        for (ctx, code) in [
            (Context::Picker, KeyCode::End),
            (Context::Picker, KeyCode::Char('G')),
            (Context::Typing, KeyCode::End),
            (Context::Lists, KeyCode::End),
        ] {
            assert_eq!(
                action_for(ctx, &ev(code, KeyModifiers::NONE)),
                Some(Action::Bottom)
            );
        }
    }

    #[test]
    fn palette_names_are_unique() {
        let mut names: Vec<_> = BINDINGS.iter().map(|b| b.name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
