//! Whether the Partners tab's per-company counts can be trusted.

use crate::app::App;

impl App {
    /// Which counts can be trusted (users, leads, orders, contracts): a list
    /// that failed to load, or was refused, counts nothing — unknown, not zero.
    pub fn counts_known(&self) -> [bool; 4] {
        let ch = &self.partners.channel;
        [
            ch.users.loaded && ch.users_error.is_none(),
            self.leads.loaded && self.leads.load_error.is_none(),
            self.orders.list.loaded && self.orders.list.error.is_none(),
            self.contracts.list.loaded && self.contracts.list.error.is_none(),
        ]
    }
}
