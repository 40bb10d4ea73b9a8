//! Every key binding in one table. Key handling, the `?` help overlay, the
//! status-bar hints and the `:` palette are all generated from it, so they
//! can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. `Global` applies everywhere in normal mode.
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
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Lists => "Lists and boards",
            Context::Leads => "Leads",
            Context::Orders => "Orders",
            Context::Contracts => "Contracts",
            Context::Partners => "Partners",
            Context::Builder => "Order builder",
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
    // Leads
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
    // Contracts
    QuickView,
    ChangeStatus,
    Export,
    // Partners
    SwitchPane,
    // Orders
    NewOrder,
    Activate,
    Quote,
    ConvertLead,
    // Order builder
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
}

macro_rules! b {
    ($ctx:ident, [$($key:expr),+], $action:ident, $name:literal, $help:literal) => {
        Binding { context: Context::$ctx, keys: &[$($key),+], action: Action::$action, name: $name, help: $help }
    };
}

pub static BINDINGS: &[Binding] = &[
    b!(Global, [k('q'), ctrl('c')], Quit, "quit", "Quit"),
    b!(Global, [k('?')], Help, "help", "Show or hide this help"),
    b!(Global, [k(':')], Palette, "palette", "Command palette"),
    b!(
        Global,
        [k('/')],
        Filter,
        "filter",
        "Filter the current view as you type"
    ),
    b!(
        Global,
        [k('r'), code(KeyCode::F(5))],
        Refresh,
        "refresh",
        "Reload from the backend"
    ),
    b!(
        Global,
        [code(KeyCode::Tab)],
        NextTab,
        "next-tab",
        "Next tab"
    ),
    b!(
        Global,
        [code(KeyCode::BackTab)],
        PrevTab,
        "prev-tab",
        "Previous tab"
    ),
    b!(Global, [k('1')], GoLeads, "leads", "Leads tab"),
    b!(Global, [k('2')], GoOrders, "orders", "Orders tab"),
    b!(Global, [k('3')], GoContracts, "contracts", "Contracts tab"),
    b!(Global, [k('4')], GoPartners, "partners", "Partners tab"),
    b!(Lists, [k('k'), code(KeyCode::Up)], Up, "up", "Up"),
    b!(Lists, [k('j'), code(KeyCode::Down)], Down, "down", "Down"),
    b!(
        Lists,
        [k('h'), code(KeyCode::Left)],
        Left,
        "left",
        "Left (previous column or pane)"
    ),
    b!(
        Lists,
        [k('l'), code(KeyCode::Right)],
        Right,
        "right",
        "Right (next column or pane)"
    ),
    b!(
        Lists,
        [k('g'), code(KeyCode::Home)],
        Top,
        "top",
        "First row"
    ),
    b!(
        Lists,
        [k('G'), code(KeyCode::End)],
        Bottom,
        "bottom",
        "Last row"
    ),
    b!(
        Lists,
        [code(KeyCode::PageUp), ctrl('u')],
        PageUp,
        "page-up",
        "Page up"
    ),
    b!(
        Lists,
        [code(KeyCode::PageDown), ctrl('d')],
        PageDown,
        "page-down",
        "Page down"
    ),
    b!(
        Lists,
        [code(KeyCode::Enter)],
        Open,
        "open",
        "Open the selected record"
    ),
    b!(
        Lists,
        [code(KeyCode::Esc)],
        ClearFilter,
        "clear-filter",
        "Clear the filter / close"
    ),
    b!(
        Leads,
        [k('H'), k('<')],
        MovePrev,
        "move-prev",
        "Move the card to the previous status"
    ),
    b!(
        Leads,
        [k('L'), k('>')],
        MoveNext,
        "move-next",
        "Move the card to the next status"
    ),
    b!(
        Leads,
        [k('m')],
        MovePick,
        "move",
        "Move the card to a status (with a reason)"
    ),
    b!(Leads, [k('n')], NewLead, "new-lead", "New lead"),
    b!(Leads, [k('e')], EditLead, "edit-lead", "Edit the lead"),
    b!(Leads, [k('N')], AddNote, "note", "Add a note"),
    b!(Leads, [k('a')], AddActivity, "activity", "Log an activity"),
    b!(Leads, [k('v')], ToggleView, "toggle-view", "Board ⇄ table"),
    b!(
        Leads,
        [k('s')],
        CycleSort,
        "sort",
        "Sort cards: value, close date, updated"
    ),
    b!(Leads, [k('M')], ToggleMine, "mine", "Only my leads"),
    b!(
        Leads,
        [k(' ')],
        ToggleSelect,
        "select",
        "Mark cards for a bulk move or reassignment"
    ),
    b!(
        Leads,
        [k('A')],
        Reassign,
        "reassign",
        "Give the marked (or selected) leads to someone"
    ),
    b!(
        Leads,
        [k('F')],
        ScopeLeads,
        "leads-of",
        "Only the leads of a partner or an owner"
    ),
    b!(
        Contracts,
        [k('f')],
        QuickView,
        "quick-view",
        "Next quick view (active, expiring 30/60/90, …)"
    ),
    b!(
        Contracts,
        [k('s')],
        CycleSort,
        "sort-contracts",
        "Sort by the next column"
    ),
    b!(
        Contracts,
        [k('c')],
        ChangeStatus,
        "contract-status",
        "Change status (with a reason; marked contracts in bulk)"
    ),
    b!(
        Contracts,
        [k(' ')],
        ToggleSelect,
        "select-contract",
        "Mark for a bulk status change"
    ),
    b!(
        Contracts,
        [k('x')],
        Export,
        "export",
        "Export the current view to CSV or JSON"
    ),
    b!(
        Orders,
        [k('s')],
        CycleSort,
        "sort-orders",
        "Sort by the next column"
    ),
    // Partners
    b!(
        Orders,
        [k('n')],
        NewOrder,
        "new-order",
        "Build a new order (or go back to the one being built)"
    ),
    b!(
        Orders,
        [k('c')],
        ChangeStatus,
        "order-status",
        "Change status (only the steps the server allows)"
    ),
    b!(Orders, [k('N')], AddNote, "order-note", "Add a note"),
    b!(
        Orders,
        [k('A')],
        Activate,
        "activate",
        "Activate a fulfilled order into a contract"
    ),
    b!(Orders, [k('Q')], Quote, "quote", "Get the order's quote"),
    b!(
        Orders,
        [k('f')],
        QuickView,
        "orders-status",
        "Only orders in the next status (all, created, sent, …)"
    ),
    b!(
        Orders,
        [k('F')],
        ScopeLeads,
        "orders-of",
        "Only the orders of a partner"
    ),
    b!(
        Leads,
        [k('o')],
        ConvertLead,
        "convert-lead",
        "Turn the lead into an order (opens the builder)"
    ),
    b!(
        Builder,
        [k('a'), code(KeyCode::Insert)],
        AddLine,
        "add-line",
        "Add a line: search a product, then pick a duration"
    ),
    b!(
        Builder,
        [k('x'), code(KeyCode::Delete)],
        RemoveLine,
        "remove-line",
        "Remove the selected line"
    ),
    b!(
        Builder,
        [k('e'), code(KeyCode::Enter)],
        EditQuantity,
        "quantity",
        "Type the line's quantity (prices follow as you type)"
    ),
    b!(
        Builder,
        [k('c')],
        ChangeProduct,
        "line-product",
        "Change the line's product"
    ),
    b!(
        Builder,
        [k('m')],
        ChangeDuration,
        "line-duration",
        "Change the line's duration"
    ),
    b!(
        Builder,
        [k('p')],
        PickPartner,
        "order-partner",
        "Choose the partner"
    ),
    b!(
        Builder,
        [k('d')],
        PickDistributor,
        "order-distributor",
        "Choose the distributor"
    ),
    b!(
        Builder,
        [k('L')],
        PickLead,
        "order-lead",
        "Choose the lead the order comes from"
    ),
    b!(Builder, [k('u')], Undo, "undo", "Undo the last change"),
    b!(
        Builder,
        [k('S'), ctrl('s')],
        SubmitOrder,
        "submit-order",
        "Submit the order"
    ),
    b!(
        Builder,
        [k('X')],
        DiscardOrder,
        "discard-order",
        "Throw the order being built away"
    ),
    b!(
        Builder,
        [code(KeyCode::Esc)],
        CloseBuilder,
        "close-builder",
        "Back to the orders list (the order is kept)"
    ),
    b!(
        Partners,
        [k(']')],
        SwitchPane,
        "next-pane",
        "Next pane: distributors → partners → users"
    ),
    b!(Partners, [k('[')], PrevPane, "prev-pane", "Previous pane"),
    b!(
        Partners,
        [k('n')],
        NewCompany,
        "new-company",
        "New distributor or partner (the focused pane's kind)"
    ),
    b!(
        Partners,
        [k('e')],
        EditCompany,
        "edit-company",
        "Edit the selected company"
    ),
    b!(
        Partners,
        [k('d'), k(' ')],
        ToggleActive,
        "toggle-active",
        "Deactivate/reactivate (users pane: disable/enable)"
    ),
    b!(
        Partners,
        [k('D')],
        DeleteCompany,
        "delete-company",
        "Delete (refused while orders, contracts… refer to it)"
    ),
    b!(
        Partners,
        [k('L')],
        LinkCompany,
        "link",
        "Link the partner to a distributor (or the reverse)"
    ),
    b!(
        Partners,
        [k('U')],
        UnlinkCompany,
        "unlink",
        "End a distributor–partner link"
    ),
    b!(
        Partners,
        [k('u')],
        ShowUsers,
        "users",
        "Users of the selected company"
    ),
    b!(
        Partners,
        [k('R')],
        UserRole,
        "user-role",
        "Change the selected user's role"
    ),
    b!(
        Partners,
        [k('C')],
        UserCompany,
        "move-user",
        "Move the selected user to another company"
    ),
    b!(
        Partners,
        [k('J')],
        JumpTo,
        "jump",
        "Jump to the partner's leads, orders or contracts"
    ),
];

/// The action for a key in the given tab context (tab bindings win over
/// list bindings, which win over global ones).
pub fn action_for(tab: Context, ev: &KeyEvent) -> Option<Action> {
    let matches = |key: &Key| {
        // Shifted letters arrive as uppercase chars, sometimes with SHIFT set.
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        key.code == ev.code && key.mods == mods
    };
    for ctx in [tab, Context::Lists, Context::Global] {
        if let Some(b) = BINDINGS
            .iter()
            .find(|b| b.context == ctx && b.keys.iter().any(matches))
        {
            return Some(b.action);
        }
    }
    None
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
        format!("Ctrl-{base}")
    } else {
        base
    }
}

pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(key_label).collect::<Vec<_>>().join("/")
}

/// The first key of an action in a context, for hints.
pub fn first_key(ctx: Context, action: Action) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| {
            (b.context == ctx || b.context == Context::Global || b.context == Context::Lists)
                && b.action == action
        })
        .map(|b| key_label(&b.keys[0]))
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
                let shadows = a.context == b.context
                    || a.context == Context::Global
                    || b.context == Context::Global;
                if shadows {
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
    fn palette_names_are_unique() {
        let mut names: Vec<_> = BINDINGS.iter().map(|b| b.name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
