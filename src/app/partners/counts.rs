//! The Partners tab's per-company counts, and whether they can be trusted.

use super::Counts;
use crate::app::App;
use crate::domain::Id;
use std::collections::HashMap;

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

    /// Leads, orders, contracts and users per company, counted once per change.
    pub fn channel_counts(&mut self) -> &HashMap<Id, Counts> {
        if self.partners.channel.counts.is_none() {
            let mut m: HashMap<Id, Counts> = HashMap::new();
            let mut add = |p: Option<Id>, d: Option<Id>, f: fn(&mut Counts)| {
                for id in [p, d].into_iter().flatten() {
                    f(m.entry(id).or_default());
                }
            };
            for l in &self.leads.all {
                add(l.partner_id, l.distributor_id, |c| c.leads += 1);
            }
            for o in &self.orders.list.all {
                add(o.partner_id, o.distributor_id, |c| c.orders += 1);
            }
            for x in &self.contracts.list.all {
                add(x.partner_id, x.distributor_id, |c| c.contracts += 1);
            }
            for u in &self.partners.channel.users.all {
                add(u.partner_id, u.distributor_id, |c| c.users += 1);
            }
            self.partners.channel.counts = Some(m);
        }
        self.partners
            .channel
            .counts
            .get_or_insert_with(HashMap::new)
    }
}
