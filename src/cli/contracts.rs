//! `tentabo contracts …`

use super::args::ContractsCommand;
use super::commands::{parse_enum, parse_id};
use super::failure::CliFailure;
use super::leads::note_line;
use super::output::Record;
use crate::backend::{fetch_all, CompanyQuery, ContractQuery, SharedBackend, UserQuery};
use crate::domain::money::format_amount;
use crate::domain::*;
use crate::export::{ContractRow, CONTRACT_CSV_HEADERS};
use crate::sanitize::line;
use std::collections::HashMap;

/// The table shows the essentials; CSV is the TUI's export, column for column.
impl Record for ContractRow {
    const HEADERS: &'static [&'static str] = &[
        "ID", "NUMBER", "STATUS", "CUSTOMER", "PARTNER", "TOTAL", "EXPIRES", "DAYS",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.contract_number.clone(),
            self.status.to_string(),
            self.customer.clone(),
            self.partner.clone(),
            format!("{} {}", format_amount(self.total_value), self.currency),
            self.expiration_date.clone(),
            self.days_left.map(|d| d.to_string()).unwrap_or_default(),
        ]
    }
    const CSV_HEADERS: &'static [&'static str] = CONTRACT_CSV_HEADERS;
    fn csv_cells(&self) -> Vec<String> {
        self.export_cells()
    }
}

/// Names for ids; what this user may not list stays a short id.
pub(super) async fn names(
    backend: &SharedBackend,
) -> (
    HashMap<Id, String>,
    HashMap<Id, String>,
    HashMap<Id, String>,
) {
    let size = backend.preferred_page_size();
    let mut out = (HashMap::new(), HashMap::new(), HashMap::new());
    for (kind, map) in [
        (CompanyKind::Partner, &mut out.0),
        (CompanyKind::Distributor, &mut out.1),
    ] {
        let list = fetch_all(size, |p| {
            let b = backend.clone();
            async move { b.list_companies(kind, &CompanyQuery::default(), p).await }
        })
        .await
        .unwrap_or_default();
        map.extend(list.into_iter().map(|c| (c.id, c.name)));
    }
    let users = fetch_all(size, |p| {
        let b = backend.clone();
        async move { b.list_users(&UserQuery::default(), p).await }
    })
    .await
    .unwrap_or_default();
    out.2.extend(
        users
            .into_iter()
            .map(|u| (u.id, u.display_name().to_string())),
    );
    out
}

pub(super) fn name(map: &HashMap<Id, String>, id: Option<Id>) -> String {
    id.map(|i| {
        map.get(&i)
            .cloned()
            .unwrap_or_else(|| crate::app::short_id(i))
    })
    .unwrap_or_default()
}

pub async fn run(backend: &SharedBackend, cmd: ContractsCommand) -> Result<String, CliFailure> {
    match cmd {
        ContractsCommand::List {
            status,
            expiring_days,
            partner,
            search,
            out,
        } => {
            let q = ContractQuery {
                status: status.as_deref().map(parse_enum).transpose()?,
                expiring_within_days: expiring_days,
                partner_id: partner.as_deref().map(parse_id).transpose()?,
                text: search,
                ..Default::default()
            };
            let size = backend.preferred_page_size();
            let contracts = fetch_all(size, |p| {
                let (b, q) = (backend.clone(), q.clone());
                async move { b.list_contracts(&q, p).await }
            })
            .await?;
            out.format()
                .list_via(&contracts, || async {
                    let (partners, distributors, users) = names(backend).await;
                    let now = chrono::Utc::now();
                    contracts
                        .iter()
                        .map(|c| {
                            ContractRow::new(
                                c,
                                now,
                                name(&partners, c.partner_id),
                                name(&distributors, c.distributor_id),
                                name(&users, Some(c.user_id)),
                            )
                        })
                        .collect()
                })
                .await
        }
        ContractsCommand::Show { id, out } => {
            let d = backend.get_contract(parse_id(&id)?).await?;
            out.format().one(&d, render_contract)
        }
        ContractsCommand::Status {
            id,
            status,
            reason,
            out,
        } => {
            let status: ContractStatus = parse_enum(&status)?;
            let c = backend
                .change_contract_status(parse_id(&id)?, status, reason.as_deref())
                .await?;
            out.format().one(&c, |c| {
                format!("{} is now {}\n", line(&c.contract_number), c.status)
            })
        }
        ContractsCommand::Note {
            id,
            text,
            internal,
            out,
        } => {
            let note = NoteDraft {
                content: text,
                is_internal: internal,
                is_pinned: false,
            };
            let n = backend.add_contract_note(parse_id(&id)?, &note).await?;
            out.format().one(&n, |n| format!("Note added ({})\n", n.id))
        }
    }
}

fn render_contract(d: &ContractDetail) -> String {
    let c = &d.contract;
    let mut s = format!(
        "{} ({})\n  id:        {}\n  customer:  {}\n  type:      {}\n  total:     {} {}\n  activated: {}\n  expires:   {}\n",
        line(&c.contract_number),
        c.status,
        c.id,
        line(c.customer_name.as_deref().unwrap_or("—")),
        c.contract_type,
        format_amount(c.total_value),
        line(&c.currency),
        c.activation_date.format("%Y-%m-%d"),
        c.expiration_date.map(|e| e.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into()),
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
    s
}
