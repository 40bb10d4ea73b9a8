//! `tentabo contracts …`

use super::args::ContractsCommand;
use super::commands::{parse_enum, parse_id, usage, CliFailure};
use super::output::{json, table};
use crate::backend::{fetch_all, CompanyQuery, ContractQuery, SharedBackend, UserQuery};
use crate::domain::money::format_amount;
use crate::domain::*;
use crate::export::{to_csv, ContractRow};
use std::collections::HashMap;

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
            csv,
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
            if out.json && !csv {
                return json(&contracts).map_err(usage);
            }
            let (partners, distributors, users) = names(backend).await;
            let now = chrono::Utc::now();
            let rows: Vec<ContractRow> = contracts
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
                .collect();
            if csv {
                return to_csv(&rows).map_err(usage);
            }
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.contract_number.clone(),
                        r.status.to_string(),
                        r.customer.clone(),
                        r.partner.clone(),
                        format!("{} {}", format_amount(r.total_value), r.currency),
                        r.expiration_date.clone(),
                        r.days_left.map(|d| d.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            Ok(table(
                &[
                    "ID", "NUMBER", "STATUS", "CUSTOMER", "PARTNER", "TOTAL", "EXPIRES", "DAYS",
                ],
                &lines,
            ))
        }
        ContractsCommand::Show { id, out } => {
            let d = backend.get_contract(parse_id(&id)?).await?;
            if out.json {
                return json(&d).map_err(usage);
            }
            let c = &d.contract;
            let mut s = format!(
                "{} ({})\n  id:        {}\n  customer:  {}\n  type:      {}\n  total:     {} {}\n  activated: {}\n  expires:   {}\n",
                c.contract_number,
                c.status,
                c.id,
                c.customer_name.as_deref().unwrap_or("—"),
                c.contract_type,
                format_amount(c.total_value),
                c.currency,
                c.activation_date.format("%Y-%m-%d"),
                c.expiration_date.map(|e| e.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into()),
            );
            if !d.notes.is_empty() {
                s.push_str("notes:\n");
                for n in &d.notes {
                    s.push_str(&format!(
                        "  {}  {}\n",
                        n.created_at.format("%Y-%m-%d %H:%M"),
                        n.content.replace('\n', " · ")
                    ));
                }
            }
            Ok(s)
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
            if out.json {
                return json(&c).map_err(usage);
            }
            Ok(format!("{} is now {}\n", c.contract_number, c.status))
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
            if out.json {
                return json(&n).map_err(usage);
            }
            Ok(format!("Note added ({})\n", n.id))
        }
    }
}
