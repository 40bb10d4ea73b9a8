//! The in-memory tables of the demo backend (and of the test fake server,
//! which wraps the same store).

use crate::domain::*;
use std::collections::HashMap;

/// A link row as stored (the API response embeds the partner; we join on read).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRow {
    pub id: Id,
    pub distributor_id: Id,
    pub partner_id: Id,
    pub assigned_at: Timestamp,
    pub assigned_by: Option<Id>,
    pub is_active: bool,
    pub notes: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// An `admin_users` row (database admin accounts).
#[derive(Debug, Clone, PartialEq)]
pub struct AdminAccount {
    pub id: Id,
    pub username: String,
    pub email: String,
    pub full_name: Option<String>,
    pub is_active: bool,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Default)]
pub struct DemoData {
    pub admins: Vec<AdminAccount>,
    pub users: Vec<User>,
    pub partners: Vec<Company>,
    pub distributors: Vec<Company>,
    pub links: Vec<LinkRow>,
    pub products: Vec<Product>,
    pub durations: Vec<Duration>,
    /// Billing customers (Pennylane): id → name.
    pub customers: Vec<(Id, String)>,
    pub leads: Vec<Lead>,
    pub lead_index: HashMap<Id, usize>,
    pub activities: Vec<LeadActivity>,
    pub lead_notes: Vec<LeadNote>,
    pub history: Vec<LeadStatusChange>,
    pub orders: Vec<Order>,
    pub items: Vec<OrderItem>,
    pub notes: Vec<RecordNote>,
    pub contracts: Vec<Contract>,
}

impl DemoData {
    pub fn reindex_leads(&mut self) {
        self.lead_index = self
            .leads
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id, i))
            .collect();
    }

    pub fn lead_pos(&self, id: Id) -> Option<usize> {
        self.lead_index.get(&id).copied()
    }

    pub fn company_list(&self, kind: CompanyKind) -> &Vec<Company> {
        match kind {
            CompanyKind::Partner => &self.partners,
            CompanyKind::Distributor => &self.distributors,
        }
    }

    pub fn company_list_mut(&mut self, kind: CompanyKind) -> &mut Vec<Company> {
        match kind {
            CompanyKind::Partner => &mut self.partners,
            CompanyKind::Distributor => &mut self.distributors,
        }
    }

    pub fn actively_linked(&self, distributor_id: Id, partner_id: Id) -> bool {
        self.links.iter().any(|l| {
            l.is_active && l.distributor_id == distributor_id && l.partner_id == partner_id
        })
    }

    pub fn customer_name(&self, id: Id) -> Option<String> {
        self.customers
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, n)| n.clone())
    }

    pub fn user(&self, id: Id) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// Display name for any user id, regular or admin account.
    pub fn user_name(&self, id: Id) -> Option<String> {
        self.user(id)
            .map(|u| u.display_name().to_string())
            .or_else(|| {
                self.admins
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| a.username.clone())
            })
    }
}
