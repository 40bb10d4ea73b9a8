//! List queries and pages.

use crate::domain::*;
use serde::{Deserialize, Serialize};

/// Which page to read; pages count from 1, as on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub page_size: u32,
}

impl PageRequest {
    /// The server's maximum page size.
    pub const MAX_SIZE: u32 = 100;

    pub fn first(page_size: u32) -> Self {
        PageRequest { page: 1, page_size }
    }

    pub fn offset(self) -> usize {
        (self.page.max(1) as usize - 1) * self.page_size as usize
    }
}

/// One page of a list, with the server's pagination facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub page_size: u32,
    pub total_items: u64,
}

impl<T> Page<T> {
    /// Pages the total makes (at least 1; saturates rather than wrapping
    /// when a server claims more than `u32::MAX` pages).
    pub fn total_pages(&self) -> u32 {
        if self.page_size == 0 {
            return 1;
        }
        super::pager::pages_for(self.total_items, self.page_size)
    }

    /// Cuts one page out of an already filtered, ordered list.
    pub fn slice(all: Vec<T>, req: PageRequest) -> Page<T> {
        let total = all.len() as u64;
        let items = all
            .into_iter()
            .skip(req.offset())
            .take(req.page_size as usize)
            .collect();
        Page {
            items,
            page: req.page,
            page_size: req.page_size,
            total_items: total,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadQuery {
    pub status: Option<LeadStatus>,
    /// Case-insensitive substring over title, organization, contact and email.
    pub text: Option<String>,
    pub owner_id: Option<Id>,
    pub partner_id: Option<Id>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderQuery {
    pub status: Option<OrderStatus>,
    pub text: Option<String>,
    pub partner_id: Option<Id>,
    pub lead_id: Option<Id>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContractQuery {
    pub status: Option<ContractStatus>,
    pub text: Option<String>,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
    /// Active contracts expiring within this many days from now.
    pub expiring_within_days: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanyQuery {
    pub is_active: Option<bool>,
    /// Name search (the API's `search`).
    pub search: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserQuery {
    pub role: Option<UserRole>,
    pub is_enabled: Option<bool>,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
}

/// Case-insensitive substring search used by the in-memory backends.
pub fn text_hit(needle: &str, fields: &[Option<&str>]) -> bool {
    let needle = needle.trim().to_lowercase();
    needle.is_empty()
        || fields
            .iter()
            .flatten()
            .any(|f| f.to_lowercase().contains(&needle))
}
