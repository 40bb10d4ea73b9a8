//! Form fields filled from a list: a status, a company, an activity type,
//! yes/no. The field keeps its value's key as its text (so drafts keep it
//! like any field) and shows the chosen item's label; Enter, or typing,
//! opens the shared pick list over the form.

use super::pick::{PickItem, PickList};
use crate::domain::{Id, LeadStatus};

/// A value a list field can hold, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    LeadStatus(LeadStatus),
    /// A partner or a distributor; `None` for none.
    Company(Option<Id>),
    Word(&'static str),
    Flag(bool),
}

impl FieldValue {
    /// The field's text for this value (what a draft file keeps).
    pub fn key(&self) -> String {
        match self {
            FieldValue::LeadStatus(s) => s.as_str().to_string(),
            FieldValue::Company(Some(id)) => id.to_string(),
            FieldValue::Company(None) => String::new(),
            FieldValue::Word(w) => (*w).to_string(),
            FieldValue::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
        }
    }
}

/// The items of a list field, and why it cannot be changed, if it cannot.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub items: Vec<PickItem<FieldValue>>,
    pub fixed: Option<String>,
}

impl Choice {
    pub fn new(items: Vec<(String, FieldValue)>) -> Self {
        Choice {
            items: items
                .into_iter()
                .map(|(label, value)| PickItem {
                    label,
                    value,
                    disabled: None,
                    search: None,
                })
                .collect(),
            fixed: None,
        }
    }

    /// The item whose key is `key`.
    pub fn item(&self, key: &str) -> Option<&PickItem<FieldValue>> {
        self.items.iter().find(|i| i.value.key() == key)
    }

    /// The list to pick from, its cursor on the current value.
    pub fn list(&self, title: &str, key: &str) -> PickList<FieldValue> {
        let mut list = PickList::with_items(title, self.items.clone());
        list.select_where(|v| v.key() == key);
        list
    }

    /// The lead statuses, in board order.
    pub fn lead_statuses() -> Self {
        Choice::new(
            LeadStatus::ALL
                .iter()
                .map(|s| (s.label().to_string(), FieldValue::LeadStatus(*s)))
                .collect(),
        )
    }

    /// Yes or no.
    pub fn yes_no() -> Self {
        Choice::new(vec![
            ("no".into(), FieldValue::Flag(false)),
            ("yes".into(), FieldValue::Flag(true)),
        ])
    }

    /// Fixed words (activity types).
    pub fn words(words: &[&'static str]) -> Self {
        Choice::new(
            words
                .iter()
                .map(|w| ((*w).to_string(), FieldValue::Word(w)))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_find_their_items_and_the_list_starts_on_the_value() {
        let c = Choice::lead_statuses();
        assert_eq!(
            c.item("negotiation").map(|i| &i.value),
            Some(&FieldValue::LeadStatus(LeadStatus::Negotiation))
        );
        assert!(c.item("cmeeting").is_none());
        let list = c.list("Status", "proposal");
        assert_eq!(
            list.selected().map(|i| &i.value),
            Some(&FieldValue::LeadStatus(LeadStatus::Proposal))
        );
        assert_eq!(FieldValue::Company(None).key(), "");
        assert_eq!(Choice::yes_no().item("yes").unwrap().label, "yes");
    }
}
