//! The non-interactive subcommands.

use super::args::{Command, LeadsCommand, OutputArgs};
use super::output::{json, table};
use super::{EXIT_BACKEND, EXIT_USAGE};
use crate::backend::{fetch_all, BackendError, LeadQuery, SharedBackend};
use crate::domain::money::format_amount;
use crate::domain::*;
use std::str::FromStr;

/// A failure to report on stderr, with its exit code.
pub struct CliFailure {
    pub code: u8,
    pub message: String,
}

impl From<BackendError> for CliFailure {
    fn from(e: BackendError) -> Self {
        CliFailure {
            code: EXIT_BACKEND,
            message: e.to_string(),
        }
    }
}

pub(super) fn usage(message: impl Into<String>) -> CliFailure {
    CliFailure {
        code: EXIT_USAGE,
        message: message.into(),
    }
}

pub(super) fn parse_id(raw: &str) -> Result<Id, CliFailure> {
    Id::parse_str(raw.trim())
        .map_err(|_| usage(format!("`{raw}` is not a valid id (expected a UUID)")))
}

pub(super) fn parse_enum<T: FromStr<Err = UnknownValue>>(raw: &str) -> Result<T, CliFailure> {
    raw.parse::<T>().map_err(|e| usage(e.to_string()))
}

/// Runs one subcommand; returns what to print on stdout.
pub async fn run_command(backend: SharedBackend, command: Command) -> Result<String, CliFailure> {
    match command {
        Command::Login(_) | Command::Logout => Err(usage("login and logout do not need a session")),
        Command::Whoami(out) => whoami(&backend, &out).await,
        Command::Leads(cmd) => leads(&backend, cmd).await,
        Command::Contracts(cmd) => super::contracts::run(&backend, cmd).await,
        Command::Orders(cmd) => super::orders::run(&backend, cmd).await,
        // Partners
        Command::Partners(cmd) => {
            super::partners::run_company(&backend, CompanyKind::Partner, cmd).await
        }
        Command::Distributors(cmd) => super::partners::run_distributors(&backend, cmd).await,
        Command::Users(cmd) => super::users::run(&backend, cmd).await,
    }
}

async fn whoami(backend: &SharedBackend, out: &OutputArgs) -> Result<String, CliFailure> {
    let me = backend.whoami().await?;
    if out.json {
        return json(&me).map_err(usage);
    }
    Ok(format!(
        "{} ({}) — {} via {} [{}]\n",
        me.display_name(),
        me.username.as_deref().unwrap_or(&me.email),
        me.role_label(),
        backend.kind().label(),
        backend.location()
    ))
}

fn lead_rows(leads: &[Lead]) -> Vec<Vec<String>> {
    leads
        .iter()
        .map(|l| {
            vec![
                l.id.to_string(),
                l.status.to_string(),
                l.title.clone(),
                l.organization.clone(),
                l.value
                    .map(|v| format!("{} {}", format_amount(v), l.currency))
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

async fn leads(backend: &SharedBackend, cmd: LeadsCommand) -> Result<String, CliFailure> {
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
            if out.json {
                return json(&leads).map_err(usage);
            }
            Ok(table(
                &["ID", "STATUS", "TITLE", "ORGANIZATION", "VALUE"],
                &lead_rows(&leads),
            ))
        }
        LeadsCommand::Show { id, out } => {
            let detail = backend.get_lead(parse_id(&id)?).await?;
            if out.json {
                return json(&detail).map_err(usage);
            }
            Ok(render_lead(&detail))
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
                Some(v) => Some(
                    crate::domain::serde_util::parse_decimal(&v)
                        .ok_or_else(|| usage(format!("`{v}` is not a number")))?,
                ),
                None => None,
            };
            let expected_close_date = match close {
                Some(d) => Some(
                    crate::domain::serde_util::parse_utc(&d)
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
            let errors = crate::domain::validation::validate_lead(&draft);
            if !errors.is_empty() {
                return Err(usage(crate::domain::validation::summarize(&errors)));
            }
            let lead = backend.create_lead(&draft).await?;
            if out.json {
                return json(&lead).map_err(usage);
            }
            Ok(format!("Created “{}” ({})\n", lead.title, lead.id))
        }
        LeadsCommand::Note { id, text, out } => {
            let note = backend.add_lead_note(parse_id(&id)?, &text).await?;
            if out.json {
                return json(&note).map_err(usage);
            }
            Ok(format!("Note added ({})\n", note.id))
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
            if out.json {
                return json(&lead).map_err(usage);
            }
            Ok(format!("{} is now {}\n", lead.title, lead.status))
        }
    }
}

fn render_lead(d: &LeadDetail) -> String {
    let l = &d.lead;
    let mut s = format!(
        "{}\n  id:           {}\n  status:       {}\n  organization: {}\n  contact:      {}{}\n  value:        {}\n  probability:  {}\n  close date:   {}\n",
        l.title,
        l.id,
        l.status,
        l.organization,
        l.contact_name,
        l.contact_email.as_deref().map(|e| format!(" <{e}>")).unwrap_or_default(),
        l.value.map(|v| format!("{} {}", format_amount(v), l.currency)).unwrap_or_else(|| "—".into()),
        l.probability.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into()),
        l.expected_close_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into()),
    );
    if !d.notes.is_empty() {
        s.push_str("notes:\n");
        for n in &d.notes {
            s.push_str(&format!(
                "  {}  {}\n",
                n.created_at.format("%Y-%m-%d %H:%M"),
                n.content
            ));
        }
    }
    if !d.activities.is_empty() {
        s.push_str("activities:\n");
        for a in &d.activities {
            s.push_str(&format!(
                "  [{}] {} {}\n",
                if a.done { "x" } else { " " },
                a.activity_type,
                a.subject.as_deref().unwrap_or("")
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
                        .map(|r| format!("  ({r})"))
                        .unwrap_or_default()
                ));
            }
        }
        Some(_) => {}
        None => s.push_str("history: not available from this backend\n"),
    }
    s
}
