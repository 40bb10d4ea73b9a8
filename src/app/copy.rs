//! `y` and `Y`: what is copied for each kind of record — its identifier,
//! or a one-line summary. The app only asks; the run loop writes the OSC 52
//! escape to the terminal (`crate::clipboard`).

use super::{App, Detail, Names, Overlay};
use crate::config::ClipboardMode;
use crate::domain::money::format_money;
use crate::domain::*;

/// Text to put on the clipboard, and what it is (for the status line).
#[derive(Debug, Clone, PartialEq)]
pub struct Copied {
    pub text: String,
    pub what: String,
}

fn copied(text: String, what: impl Into<String>) -> Option<Copied> {
    Some(Copied {
        text,
        what: what.into(),
    })
}

fn join(parts: &[Option<String>]) -> String {
    parts
        .iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn lead(l: &Lead, summary: bool, names: &Names) -> Option<Copied> {
    if !summary {
        return copied(format!("{} ({})", l.title, l.id), "lead title and id");
    }
    let line = join(&[
        Some(l.organization.clone()),
        Some(l.contact_name.clone()),
        Some(l.status.label().to_string()),
        l.value.map(|v| format_money(v, &l.currency)),
        l.probability.map(|p| format!("{p}%")),
        l.expected_close_date.map(|d| format!("close {d}")),
        Some(format!("owner {}", names.user(l.owner_id))),
    ]);
    copied(
        format!("{} — {line} ({})", l.title, l.id),
        "a summary of the lead",
    )
}

pub fn order(o: &Order, summary: bool, names: &Names) -> Option<Copied> {
    if !summary {
        return copied(o.order_number.clone(), "order number");
    }
    let line = join(&[
        Some(names.partner(o.partner_id)),
        Some(o.status.label().to_string()),
        Some(format_money(o.total_amount, "EUR")),
        Some(format!("created {}", o.created_at.date_naive())),
    ]);
    copied(
        format!("{} — {line}", o.order_number),
        "a summary of the order",
    )
}

pub fn contract(c: &Contract, summary: bool, names: &Names) -> Option<Copied> {
    if !summary {
        return copied(c.contract_number.clone(), "contract number");
    }
    let line = join(&[
        c.customer_name.clone(),
        Some(c.status.label().to_string()),
        Some(format_money(c.total_value, &c.currency)),
        Some(format!(
            "{} → {}",
            c.activation_date.date_naive(),
            c.expiration_date
                .map(|d| d.date_naive().to_string())
                .unwrap_or_else(|| "open-ended".into())
        )),
        Some(names.partner(c.partner_id)),
    ]);
    copied(
        format!("{} — {line}", c.contract_number),
        "a summary of the contract",
    )
}

pub fn company(kind: CompanyKind, c: &Company, summary: bool) -> Option<Copied> {
    if !summary {
        return copied(c.name.clone(), format!("{} name", kind.label()));
    }
    let line = join(&[
        Some(kind.label().to_string()),
        Some(if c.is_active { "active" } else { "inactive" }.to_string()),
        c.city.clone(),
        c.email.clone(),
        c.registration_number.clone(),
    ]);
    copied(
        format!("{} — {line}", c.name),
        format!("a summary of the {}", kind.label()),
    )
}

pub fn user(u: &User, summary: bool) -> Option<Copied> {
    if !summary {
        let name = u.username.clone().unwrap_or_else(|| u.email.clone());
        return copied(name, "username");
    }
    let line = join(&[
        Some(u.email.clone()),
        Some(u.role.label().to_string()),
        Some(if u.is_enabled { "enabled" } else { "disabled" }.to_string()),
    ]);
    copied(
        format!("{} — {line}", u.display_name()),
        "a summary of the user",
    )
}

impl App {
    /// `y`/`Y`: asks the run loop to copy the record in view.
    pub(in crate::app) fn copy_record(&mut self, summary: bool) {
        if self.prefs.clipboard == ClipboardMode::Off {
            self.error("Copying is off (clipboard = \"off\" in the config)");
            return;
        }
        let found = match self.overlays.last() {
            Some(Overlay::Detail(d)) => self.detail_copy(d, summary),
            Some(Overlay::Company(d)) => {
                let list = match d.kind {
                    CompanyKind::Distributor => &self.partners.distributors,
                    CompanyKind::Partner => &self.partners.partners,
                };
                let c = list.all.iter().find(|c| c.id == d.id);
                c.and_then(|c| company(d.kind, c, summary))
            }
            _ => self.current().copy_text(summary, &self.names),
        };
        let Some(c) = found else {
            self.error("Nothing selected to copy");
            return;
        };
        // Pasted into a shell, a control character could run something.
        let text = crate::sanitize::line(&c.text).into_owned();
        let shown = crate::ui::theme::fit(&text, 48);
        self.notice(format!("Copied {}: {shown}", c.what));
        self.copy_request = Some(text);
    }

    fn detail_copy(&self, d: &Detail, summary: bool) -> Option<Copied> {
        match d {
            Detail::Lead { id, .. } => {
                let l = self.leads.all.iter().find(|l| l.id == *id)?;
                lead(l, summary, &self.names)
            }
            Detail::Order { id, data, .. } => {
                let listed = self.orders.list.all.iter().find(|o| o.id == *id);
                let o = listed.or(data.as_ref().map(|d| &d.order))?;
                order(o, summary, &self.names)
            }
            Detail::Contract { id, data, .. } => {
                let listed = self.contracts.list.all.iter().find(|c| c.id == *id);
                let c = listed.or(data.as_ref().map(|d| &d.contract))?;
                contract(c, summary, &self.names)
            }
        }
    }
}
