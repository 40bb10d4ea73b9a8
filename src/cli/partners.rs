//! `tentabo partners …` and `tentabo distributors …`: the channel from the
//! command line, with the same rules as the TUI (the backend enforces them).

use super::failure::{usage, CliFailure};
use super::output::Record;
use super::partners_args::{CompanyCommand, CompanyFields, DistributorsCommand};
use crate::backend::{fetch_all, CompanyQuery, SharedBackend, UserQuery};
use crate::domain::validation::{summarize, validate_company};
use crate::domain::*;
use crate::sanitize::line;
use serde::Serialize;

impl Record for Company {
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "REGISTRATION", "CITY", "STATUS"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.clone(),
            self.registration_number.clone().unwrap_or_default(),
            self.city.clone().unwrap_or_default(),
            if self.is_active { "active" } else { "inactive" }.into(),
        ]
    }
    const CSV_HEADERS: &'static [&'static str] =
        &["id", "name", "registration_number", "city", "status"];
}

/// A company by id, or by its exact name (case-insensitive).
pub(super) async fn resolve_company(
    backend: &SharedBackend,
    kind: CompanyKind,
    raw: &str,
) -> Result<Company, CliFailure> {
    if let Ok(id) = Id::parse_str(raw.trim()) {
        return Ok(backend.get_company(kind, id).await?);
    }
    let q = CompanyQuery {
        search: Some(raw.trim().to_string()),
        ..Default::default()
    };
    let found = list(backend, kind, &q).await?;
    let mut exact = found
        .into_iter()
        .filter(|c| c.name.to_lowercase() == raw.trim().to_lowercase());
    match (exact.next(), exact.next()) {
        (Some(c), None) => Ok(c),
        (None, _) => Err(CliFailure {
            code: super::EXIT_BACKEND,
            message: format!("no {} is named `{raw}`", kind.label()),
        }),
        (Some(_), Some(_)) => Err(usage(format!(
            "several {} are named `{raw}`: use the id",
            kind.plural()
        ))),
    }
}

async fn list(
    backend: &SharedBackend,
    kind: CompanyKind,
    q: &CompanyQuery,
) -> Result<Vec<Company>, CliFailure> {
    let size = backend.preferred_page_size();
    Ok(fetch_all(size, |p| {
        let (b, q) = (backend.clone(), q.clone());
        async move { b.list_companies(kind, &q, p).await }
    })
    .await?)
}

fn some(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Applies the given flags over `base` (an empty string clears a field).
fn apply(mut d: CompanyDraft, f: CompanyFields) -> CompanyDraft {
    fn set(slot: &mut Option<String>, v: Option<String>) {
        if let Some(v) = v {
            *slot = some(Some(v));
        }
    }
    if let Some(name) = f.name {
        d.name = name.trim().to_string();
    }
    set(&mut d.legal_name, f.legal_name);
    set(&mut d.registration_number, f.registration);
    set(&mut d.email, f.email);
    set(&mut d.phone, f.phone);
    set(&mut d.website, f.website);
    set(&mut d.address_line1, f.address);
    set(&mut d.address_line2, f.address2);
    set(&mut d.city, f.city);
    set(&mut d.postal_code, f.postal_code);
    set(&mut d.notes, f.notes);
    if let Some(c) = f.country {
        d.country = c.trim().to_string();
    }
    if let Some(a) = f.active {
        d.is_active = a;
    }
    d
}

fn checked(d: CompanyDraft) -> Result<CompanyDraft, CliFailure> {
    let errors = validate_company(&d);
    if errors.is_empty() {
        Ok(d)
    } else {
        Err(usage(summarize(&errors)))
    }
}

/// A link as the CLI shows it: both sides named.
#[derive(Debug, Serialize)]
pub struct LinkOut {
    pub distributor_id: Id,
    pub distributor: String,
    pub partner_id: Id,
    pub partner: String,
    pub is_active: bool,
    pub assigned_at: Timestamp,
    pub assigned_by: Option<Id>,
    pub notes: Option<String>,
}

#[derive(Debug, Serialize)]
struct CompanyShow {
    #[serde(flatten)]
    company: Company,
    kind: CompanyKind,
    links: Vec<LinkOut>,
    /// `null` when this user may not list users.
    users: Option<Vec<User>>,
}

/// The links of a company from either side (a partner's are found by
/// reading each distributor it can see).
pub(super) async fn links_of(
    backend: &SharedBackend,
    kind: CompanyKind,
    c: &Company,
) -> Result<Vec<LinkOut>, CliFailure> {
    let distributors = match kind {
        CompanyKind::Distributor => vec![c.clone()],
        CompanyKind::Partner => {
            list(backend, CompanyKind::Distributor, &Default::default()).await?
        }
    };
    let mut out = Vec::new();
    for d in distributors {
        let links = match backend.distributor_partners(d.id, false).await {
            Ok(l) => l,
            // A partner user may see a distributor but not all its links.
            Err(crate::backend::BackendError::Forbidden(_)) if kind == CompanyKind::Partner => {
                continue
            }
            Err(e) => return Err(e.into()),
        };
        out.extend(
            links
                .into_iter()
                .filter(|l| kind == CompanyKind::Distributor || l.partner_id == c.id)
                .map(|l| LinkOut {
                    distributor_id: l.distributor_id,
                    distributor: d.name.clone(),
                    partner_id: l.partner_id,
                    partner: l.partner.name,
                    is_active: l.is_active,
                    assigned_at: l.assigned_at,
                    assigned_by: l.assigned_by,
                    notes: l.notes,
                }),
        );
    }
    Ok(out)
}

async fn users_of(backend: &SharedBackend, kind: CompanyKind, id: Id) -> Option<Vec<User>> {
    let q = UserQuery {
        partner_id: (kind == CompanyKind::Partner).then_some(id),
        distributor_id: (kind == CompanyKind::Distributor).then_some(id),
        ..Default::default()
    };
    let size = backend.preferred_page_size();
    fetch_all(size, |p| {
        let (b, q) = (backend.clone(), q.clone());
        async move { b.list_users(&q, p).await }
    })
    .await
    .ok()
}

fn render_show(s: &CompanyShow) -> String {
    let c = &s.company;
    let v = |o: &Option<String>| {
        o.as_deref()
            .map_or_else(|| "—".into(), |t| line(t).into_owned())
    };
    let o = |o: &Option<String>| {
        o.as_deref()
            .map_or_else(String::new, |t| line(t).into_owned())
    };
    let mut out = format!(
        "{} ({}{})\n  id:           {}\n  legal name:   {}\n  registration: {}\n  email:        {}\n  phone:        {}\n  address:      {} {} {} {}\n",
        line(&c.name),
        s.kind.label(),
        if c.is_active { "" } else { ", inactive" },
        c.id,
        v(&c.legal_name),
        v(&c.registration_number),
        v(&c.email),
        v(&c.phone),
        o(&c.address_line1),
        o(&c.postal_code),
        o(&c.city),
        line(&c.country),
    );
    out.push_str(match s.kind {
        CompanyKind::Distributor => "partners:\n",
        CompanyKind::Partner => "distributors:\n",
    });
    if s.links.is_empty() {
        out.push_str("  none\n");
    }
    for l in &s.links {
        let other = match s.kind {
            CompanyKind::Distributor => &l.partner,
            CompanyKind::Partner => &l.distributor,
        };
        out.push_str(&format!(
            "  {}{}  since {}\n",
            line(other),
            if l.is_active { "" } else { " (ended)" },
            l.assigned_at.format("%Y-%m-%d")
        ));
    }
    match &s.users {
        Some(users) => {
            out.push_str("users:\n");
            for u in users {
                out.push_str(&format!(
                    "  {}  {}  {}\n",
                    line(u.display_name()),
                    u.role,
                    if u.is_enabled { "enabled" } else { "disabled" }
                ));
            }
        }
        None => out.push_str("users: only admins can list them\n"),
    }
    out
}

pub async fn run_company(
    backend: &SharedBackend,
    kind: CompanyKind,
    cmd: CompanyCommand,
) -> Result<String, CliFailure> {
    match cmd {
        CompanyCommand::List {
            search,
            active,
            out,
        } => {
            let q = CompanyQuery {
                is_active: active,
                search,
            };
            let mut all = list(backend, kind, &q).await?;
            all.sort_by_key(|c| c.name.to_lowercase());
            out.format().list(&all)
        }
        CompanyCommand::Show { company, out } => {
            let c = resolve_company(backend, kind, &company).await?;
            let links = links_of(backend, kind, &c).await?;
            let users = users_of(backend, kind, c.id).await;
            let show = CompanyShow {
                company: c,
                kind,
                links,
                users,
            };
            out.format().one(&show, render_show)
        }
        CompanyCommand::Create { fields, out } => {
            let draft = checked(apply(CompanyDraft::default(), fields))?;
            let c = backend.create_company(kind, &draft).await?;
            out.format().one(&c, |c| {
                format!("Created {} {} ({})\n", kind.label(), line(&c.name), c.id)
            })
        }
        CompanyCommand::Update {
            company,
            fields,
            out,
        } => {
            let c = resolve_company(backend, kind, &company).await?;
            let draft = checked(apply(CompanyDraft::from_company(&c), fields))?;
            let c = backend.update_company(kind, c.id, &draft, Some(&c)).await?;
            out.format().one(&c, |c| {
                format!("Updated {} {} ({})\n", kind.label(), line(&c.name), c.id)
            })
        }
        CompanyCommand::Delete { company, out } => {
            let c = resolve_company(backend, kind, &company).await?;
            backend.delete_company(kind, c.id).await?;
            out.format()
                .one(&serde_json::json!({ "deleted": c.id }), |_| {
                    format!("Deleted {} {} ({})\n", kind.label(), line(&c.name), c.id)
                })
        }
    }
}

pub async fn run_distributors(
    backend: &SharedBackend,
    cmd: DistributorsCommand,
) -> Result<String, CliFailure> {
    match cmd {
        DistributorsCommand::Company(c) => run_company(backend, CompanyKind::Distributor, c).await,
        DistributorsCommand::Link {
            distributor,
            partner,
            notes,
            out,
        } => {
            let d = resolve_company(backend, CompanyKind::Distributor, &distributor).await?;
            let p = resolve_company(backend, CompanyKind::Partner, &partner).await?;
            let link = backend.link_partner(d.id, p.id, notes.as_deref()).await?;
            out.format().one(&link, |_| {
                format!("Linked {} to {}\n", line(&p.name), line(&d.name))
            })
        }
        DistributorsCommand::Unlink {
            distributor,
            partner,
            out,
        } => {
            let d = resolve_company(backend, CompanyKind::Distributor, &distributor).await?;
            let p = resolve_company(backend, CompanyKind::Partner, &partner).await?;
            backend.unlink_partner(d.id, p.id).await?;
            let unlinked = serde_json::json!({
                "distributor_id": d.id,
                "partner_id": p.id,
                "is_active": false
            });
            out.format().one(&unlinked, |_| {
                format!("Unlinked {} from {}\n", line(&p.name), line(&d.name))
            })
        }
    }
}
