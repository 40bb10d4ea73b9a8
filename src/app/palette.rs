//! The `:` command palette: the commands of where the user is (the tab's,
//! the lists', the global ones), narrowed as you type. A command that
//! cannot run here now is shown dimmed with the reason, and does nothing.

use super::keymap::{self, Action, Context};
use super::pick::{PickItem, PickList};
use super::App;

#[derive(Debug, Clone)]
pub struct Palette {
    pub list: PickList<Action>,
}

impl Palette {
    pub fn new(app: &App) -> Palette {
        let ctx = app.tab_context();
        let keys = app.prefs.keys.clone();
        let mut bindings = keys.bindings_in(ctx);
        // Then the other tabs' commands, dimmed with where they work.
        for other in [
            Context::Leads,
            Context::Orders,
            Context::Builder,
            Context::Contracts,
            Context::Partners,
        ] {
            let extra: Vec<_> = keys
                .bindings()
                .iter()
                .filter(|b| b.context == other && !bindings.iter().any(|o| o.action == b.action))
                .collect();
            bindings.extend(extra);
        }
        let items = bindings
            .into_iter()
            .filter(|b| b.action != Action::Palette)
            .map(|b| {
                let disabled = app.unavailable_binding(b);
                // A dimmed command says why in place of what it does.
                let text = disabled
                    .as_deref()
                    .map_or(b.help.to_string(), |why| format!("({why})"));
                PickItem {
                    label: format!("{:<16} {:<9} {text}", b.name, keymap::keys_label(b)),
                    value: b.action,
                    disabled,
                    search: Some(format!("{} {}", b.name, b.help)),
                }
            })
            .collect();
        Palette {
            list: PickList::with_items(format!("Commands — {}", ctx.title()), items).typing(),
        }
    }
}
