//! `tentabo leads …`

use super::args::LeadsCommand;
use super::commands::{parse_enum, parse_id};
use super::failure::{usage, CliFailure};
use super::output::Record;
use crate::backend::{fetch_all, LeadQuery, SharedBackend};
use crate::domain::money::format_amount;
use crate::domain::serde_util::{parse_decimal, parse_utc};
use crate::domain::validation::{summarize, validate_lead};
use crate::domain::*;
use crate::sanitize::line;

impl Record for Lead {
    const HEADERS: &'static [&'static str] = &["ID", "STATUS", "TITLE", "ORGANIZATION", "VALUE"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.status.to_string(),
            self.title.clone(),
            self.organization.clone(),
            self.value
                .map(|v| format!("{} {}", format_amount(v), self.currency))
                .unwrap_or_default(),
        ]
    }
    const CSV_HEADERS: &'static [&'static str] =
        &["id", "status", "title", "organization", "value", "currency"];
    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.status.as_str().to_string(),
            self.title.clone(),
            self.organization.clone(),
            self.value
                .map(|v| crate::domain::money::cents(v).to_string())
                .unwrap_or_default(),
            self.currency.to_string(),
        ]
    }
}

pub async fn run(backend: &SharedBackend, cmd: LeadsCommand) -> Result<String, CliFailure> {
    match cmd {
        LeadsCommand::List {
            status,
            search,
            out,
        } => {
            let q = LeadQuery {
                status: status.as_deref().map(parse_enum).transpose()?,
                text: search,
                ..Default::default()
            };
            let size = backend.preferred_page_size();
            let leads = fetch_all(size, |p| {
                let (b, q) = (backend.clone(), q.clone());
                async move { b.list_leads(&q, p).await }
            })
            .await?;
            out.format().list(&leads)
        }
        LeadsCommand::Show { id, out } => {
            let detail = backend.get_lead(parse_id(&id)?).await?;
            out.format().one(&detail, render_lead)
        }
        LeadsCommand::Create {
            title,
            organization,
            contact,
            email,
            phone,
            value,
            probability,
            close,
            partner,
            distributor,
            out,
        } => {
            let value = match value {
                Some(v) => {
                    Some(parse_decimal(&v).ok_or_else(|| usage(format!("`{v}` is not a number")))?)
                }
                None => None,
            };
            let expected_close_date = match close {
                Some(d) => Some(
                    parse_utc(&d)
                        .ok_or_else(|| usage(format!("`{d}` is not a date (YYYY-MM-DD)")))?,
                ),
                None => None,
            };
            let draft = LeadDraft {
                title,
                organization,
                contact_name: contact,
                contact_email: email,
                contact_phone: phone,
                value,
                currency: "EUR".into(),
                status: Some(LeadStatus::New),
                probability,
                expected_close_date,
                partner_id: partner.as_deref().map(parse_id).transpose()?,
                distributor_id: distributor.as_deref().map(parse_id).transpose()?,
            };
            let errors = validate_lead(&draft);
            if !errors.is_empty() {
                return Err(usage(summarize(&errors)));
            }
            let lead = backend.create_lead(&draft).await?;
            out.format().one(&lead, |l| {
                format!("Created “{}” ({})\n", line(&l.title), l.id)
            })
        }
        LeadsCommand::Note { id, text, out } => {
            let note = backend.add_lead_note(parse_id(&id)?, &text).await?;
            out.format()
                .one(&note, |n| format!("Note added ({})\n", n.id))
        }
        LeadsCommand::Move {
            id,
            status,
            reason,
            out,
        } => {
            let status: LeadStatus = parse_enum(&status)?;
            let lead = backend
                .change_lead_status(parse_id(&id)?, status, reason.as_deref())
                .await?;
            out.format().one(&lead, |l| {
                format!("{} is now {}\n", line(&l.title), l.status)
            })
        }
    }
}

/// A note's text on one line: its own line breaks read as ` · `.
pub(super) fn note_line(content: &str) -> String {
    line(&content.replace('\n', " · ")).into_owned()
}

fn render_lead(d: &LeadDetail) -> String {
    let l = &d.lead;
    let mut s = format!(
        "{}\n  id:           {}\n  status:       {}\n  organization: {}\n  contact:      {}{}\n  value:        {}\n  probability:  {}\n  close date:   {}\n",
        line(&l.title),
        l.id,
        l.status,
        line(&l.organization),
        line(&l.contact_name),
        l.contact_email.as_deref().map(|e| format!(" <{}>", line(e))).unwrap_or_default(),
        l.value.map(|v| format!("{} {}", format_amount(v), line(&l.currency))).unwrap_or_else(|| "—".into()),
        l.probability.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into()),
        l.expected_close_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into()),
    );
    if !d.notes.is_empty() {
        s.push_str("notes:\n");
        for n in &d.notes {
            s.push_str(&format!(
                "  {}  {}\n",
                n.created_at.format("%Y-%m-%d %H:%M"),
                note_line(&n.content)
            ));
        }
    }
    if !d.activities.is_empty() {
        s.push_str("activities:\n");
        for a in &d.activities {
            s.push_str(&format!(
                "  [{}] {} {}\n",
                if a.done { "x" } else { " " },
                line(&a.activity_type),
                line(a.subject.as_deref().unwrap_or(""))
            ));
        }
    }
    match &d.status_history {
        Some(h) if !h.is_empty() => {
            s.push_str("history:\n");
            for c in h {
                s.push_str(&format!(
                    "  {}  {} → {}{}\n",
                    c.changed_at.format("%Y-%m-%d %H:%M"),
                    c.old_status
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| "—".into()),
                    c.new_status,
                    c.reason
                        .as_deref()
                        .map(|r| format!("  ({})", line(r)))
                        .unwrap_or_default()
                ));
            }
        }
        Some(_) => {}
        None => s.push_str("history: not available from this backend\n"),
    }
    s
}
