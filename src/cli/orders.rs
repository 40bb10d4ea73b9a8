//! `tentabo orders …`

use super::args::OrdersCommand;
use super::commands::{parse_enum, parse_id};
use super::contracts::{name, names};
use super::failure::{usage, CliFailure};
use super::leads::note_line;
use super::output::Record;
use crate::backend::{fetch_all, CompanyQuery, OrderQuery, SharedBackend};
use crate::domain::money::format_amount;
use crate::domain::*;
use crate::sanitize::line;
use std::io::Read;

/// An order as a list shows it: its partner and distributor named.
struct OrderRow<'a> {
    order: &'a Order,
    partner: String,
    distributor: String,
}

impl Record for OrderRow<'_> {
    const HEADERS: &'static [&'static str] = &[
        "ID",
        "NUMBER",
        "STATUS",
        "PARTNER",
        "DISTRIBUTOR",
        "TOTAL",
        "CREATED",
    ];
    fn cells(&self) -> Vec<String> {
        let o = self.order;
        vec![
            o.id.to_string(),
            o.order_number.clone(),
            o.status.to_string(),
            self.partner.clone(),
            self.distributor.clone(),
            format!("{} EUR", format_amount(o.total_amount)),
            o.created_at.format("%Y-%m-%d").to_string(),
        ]
    }
    const CSV_HEADERS: &'static [&'static str] = &[
        "id",
        "order_number",
        "status",
        "partner",
        "distributor",
        "total_amount",
        "currency",
        "created_at",
    ];
    fn csv_cells(&self) -> Vec<String> {
        let o = self.order;
        vec![
            o.id.to_string(),
            o.order_number.clone(),
            o.status.to_string(),
            self.partner.clone(),
            self.distributor.clone(),
            crate::domain::money::cents(o.total_amount).to_string(),
            "EUR".into(),
            o.created_at.format("%Y-%m-%d").to_string(),
        ]
    }
}

/// A partner or distributor by id or by exact (case-insensitive) name.
async fn company(backend: &SharedBackend, kind: CompanyKind, raw: &str) -> Result<Id, CliFailure> {
    if let Ok(id) = Id::parse_str(raw.trim()) {
        return Ok(id);
    }
    let size = backend.preferred_page_size();
    let all = fetch_all(size, |p| {
        let b = backend.clone();
        async move { b.list_companies(kind, &CompanyQuery::default(), p).await }
    })
    .await?;
    let wanted = raw.trim().to_lowercase();
    all.iter()
        .find(|c| c.name.to_lowercase() == wanted)
        .map(|c| c.id)
        .ok_or_else(|| {
            usage(format!(
                "no {} named `{raw}` that you can see",
                kind.label()
            ))
        })
}

/// `PRODUCT:QUANTITY:MONTHS` → a line, resolving names against the catalogue.
fn parse_line(
    raw: &str,
    products: &[Product],
    durations: &[Duration],
) -> Result<OrderLineDraft, CliFailure> {
    let parts: Vec<&str> = raw.rsplitn(3, ':').collect();
    let [months, quantity, product] = parts[..] else {
        return Err(usage(format!(
            "`{raw}`: a line is PRODUCT:QUANTITY:MONTHS, e.g. \"Backup Vault:25:12\""
        )));
    };
    let product_id = match Id::parse_str(product.trim()) {
        Ok(id) => id,
        Err(_) => {
            let wanted = product.trim().to_lowercase();
            products
                .iter()
                .find(|p| p.name.to_lowercase() == wanted)
                .map(|p| p.id)
                .ok_or_else(|| {
                    let known: Vec<&str> = products
                        .iter()
                        .filter(|p| p.is_active)
                        .map(|p| p.name.as_str())
                        .collect();
                    usage(format!(
                        "`{product}` is not a product; known: {}",
                        known.join(", ")
                    ))
                })?
        }
    };
    let quantity: i64 = quantity
        .trim()
        .parse()
        .map_err(|_| usage(format!("`{quantity}` is not a whole quantity")))?;
    let duration_id = match Id::parse_str(months.trim()) {
        Ok(id) => id,
        Err(_) => {
            let m: i32 = months
                .trim()
                .trim_end_matches('m')
                .parse()
                .map_err(|_| usage(format!("`{months}` is not a number of months")))?;
            durations
                .iter()
                .find(|d| d.months == m)
                .map(|d| d.id)
                .ok_or_else(|| {
                    let known: Vec<String> =
                        durations.iter().map(|d| d.months.to_string()).collect();
                    usage(format!(
                        "no {m}-month duration; offered: {} months",
                        known.join(", ")
                    ))
                })?
        }
    };
    Ok(OrderLineDraft {
        product_id,
        duration_id,
        quantity,
    })
}

fn parse_date(raw: &str) -> Result<Timestamp, CliFailure> {
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| usage(format!("`{raw}` is not a date (YYYY-MM-DD)")))
}

fn show(d: &OrderDetail, partner: &str, distributor: &str) -> String {
    let o = &d.order;
    let (partner, distributor) = (line(partner), line(distributor));
    let mut s = format!(
        "{} ({})\n  id:          {}\n  partner:     {partner}\n  distributor: {distributor}\n  subtotal:    {} EUR\n  discount:    {} EUR\n  total:       {} EUR\n  created:     {}\n",
        line(&o.order_number),
        o.status,
        o.id,
        format_amount(o.subtotal),
        format_amount(o.discount_amount),
        format_amount(o.total_amount),
        o.created_at.format("%Y-%m-%d %H:%M"),
    );
    if !d.items.is_empty() {
        s.push_str("items:\n");
        for i in &d.items {
            s.push_str(&format!(
                "  {} × {} · {} months · {} /{} · −{}% · {} EUR\n",
                i.quantity,
                line(&i.product_name),
                i.duration_months,
                crate::domain::money::format_unit_price(i.unit_price),
                line(&i.product_unit),
                i.discount_percentage.normalize(),
                format_amount(i.total)
            ));
        }
    }
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
    if let Some(c) = &d.contract {
        s.push_str(&format!(
            "contract: {} ({})\n",
            line(&c.contract_number),
            c.status
        ));
    }
    s
}

pub async fn run(backend: &SharedBackend, cmd: OrdersCommand) -> Result<String, CliFailure> {
    match cmd {
        OrdersCommand::List {
            status,
            partner,
            search,
            out,
        } => {
            let partner_id = match partner {
                Some(p) => Some(company(backend, CompanyKind::Partner, &p).await?),
                None => None,
            };
            let q = OrderQuery {
                status: status.as_deref().map(parse_enum).transpose()?,
                partner_id,
                text: search,
                ..Default::default()
            };
            let size = backend.preferred_page_size();
            let orders = fetch_all(size, |p| {
                let (b, q) = (backend.clone(), q.clone());
                async move { b.list_orders(&q, p).await }
            })
            .await?;
            out.format()
                .list_via(&orders, || async {
                    let (partners, distributors, _) = names(backend).await;
                    orders
                        .iter()
                        .map(|o| OrderRow {
                            order: o,
                            partner: name(&partners, o.partner_id),
                            distributor: name(&distributors, o.distributor_id),
                        })
                        .collect()
                })
                .await
        }
        OrdersCommand::Show { id, out } => {
            let d = backend.get_order(parse_id(&id)?).await?;
            out.format()
                .one_via(&d, || async {
                    let (partners, distributors, _) = names(backend).await;
                    show(
                        &d,
                        &name(&partners, d.order.partner_id),
                        &name(&distributors, d.order.distributor_id),
                    )
                })
                .await
        }
        OrdersCommand::Quote { id, out } => {
            let q = backend.order_quote(parse_id(&id)?).await?;
            out.format().one(&q, |q| {
                let link = q.quote_pdf_url.as_ref().or(q.quote_url.as_ref());
                format!(
                    "{} quote ({}): {} {}\n",
                    line(&q.order_number),
                    line(&q.provider),
                    line(&q.message),
                    line(link.map_or("", String::as_str))
                )
            })
        }
        OrdersCommand::Create {
            partner,
            distributor,
            lead,
            lines,
            stdin,
            notes,
            out,
        } => {
            let draft = if stdin {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .map_err(|e| usage(format!("cannot read standard input: {e}")))?;
                serde_json::from_str::<OrderDraft>(&text).map_err(|e| {
                    usage(format!(
                        "standard input is not an order (OrderCreate JSON): {e}"
                    ))
                })?
            } else {
                if lines.is_empty() {
                    return Err(usage(
                        "give at least one --line PRODUCT:QUANTITY:MONTHS (or --stdin)",
                    ));
                }
                let me = backend.whoami().await?;
                let products = backend.list_products(true).await?;
                let durations = backend.list_durations().await?;
                let items = lines
                    .iter()
                    .map(|l| parse_line(l, &products, &durations))
                    .collect::<Result<Vec<_>, _>>()?;
                let partner_id = match partner {
                    Some(p) => Some(company(backend, CompanyKind::Partner, &p).await?),
                    None => me.partner_id,
                };
                let distributor_id = match distributor {
                    Some(d) => Some(company(backend, CompanyKind::Distributor, &d).await?),
                    None => me.distributor_id,
                };
                OrderDraft {
                    partner_id,
                    distributor_id,
                    lead_id: lead.as_deref().map(parse_id).transpose()?,
                    notes_internal: notes,
                    items,
                }
            };
            let d = backend.create_order(&draft).await?;
            out.format().one(&d, |d| {
                format!(
                    "Created {} ({}): total {} EUR\n",
                    line(&d.order.order_number),
                    d.order.id,
                    format_amount(d.order.total_amount)
                )
            })
        }
        OrdersCommand::Status {
            id,
            status,
            reason,
            out,
        } => {
            let status: OrderStatus = parse_enum(&status)?;
            let o = backend
                .change_order_status(parse_id(&id)?, status, reason.as_deref())
                .await?;
            out.format().one(&o, |o| {
                format!("{} is now {}\n", line(&o.order_number), o.status)
            })
        }
        OrdersCommand::Activate {
            id,
            start,
            expires,
            notes,
            out,
        } => {
            let req = ActivationDraft {
                activation_date: start.as_deref().map(parse_date).transpose()?,
                expiration_date: expires.as_deref().map(parse_date).transpose()?,
                notes_internal: notes,
            };
            let c = backend.activate_order(parse_id(&id)?, &req).await?;
            out.format().one(&c, |c| {
                format!(
                    "Activated: contract {} ({}) until {}\n",
                    line(&c.contract_number),
                    c.id,
                    c.expiration_date
                        .map(|e| e.format("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| "—".into())
                )
            })
        }
        OrdersCommand::Note {
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
            let n = backend.add_order_note(parse_id(&id)?, &note).await?;
            out.format().one(&n, |n| format!("Note added ({})\n", n.id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use rust_decimal::Decimal;

    fn catalogue() -> (Vec<Product>, Vec<Duration>) {
        let now = Utc::now();
        let p = Product {
            id: Id::new_v4(),
            name: "Backup Vault".into(),
            type_id: Id::nil(),
            unit: "TB".into(),
            description: None,
            is_active: true,
            created_at: now,
            updated_at: now,
            price_tiers: vec![],
        };
        let d = Duration {
            id: Id::new_v4(),
            months: 12,
            discount_percentage: Decimal::TEN,
            name: "12 months".into(),
            created_at: now,
            updated_at: now,
        };
        (vec![p], vec![d])
    }

    #[test]
    fn lines_resolve_names_and_months() {
        let (p, d) = catalogue();
        let line = parse_line("backup vault:25:12", &p, &d).ok().unwrap();
        assert_eq!(line.product_id, p[0].id);
        assert_eq!(line.duration_id, d[0].id);
        assert_eq!(line.quantity, 25);
        // Names may hold colons' neighbours: only the last two fields split.
        assert!(parse_line("Backup Vault:x:12", &p, &d).is_err());
        assert!(parse_line("Backup Vault:3:7", &p, &d)
            .err()
            .unwrap()
            .message
            .contains("offered: 12"));
        assert!(parse_line("Nope:3:12", &p, &d)
            .err()
            .unwrap()
            .message
            .contains("known: Backup Vault"));
        assert!(parse_line("3:12", &p, &d).is_err());
    }
}
