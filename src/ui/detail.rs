//! Record details over the current tab: a lead with its notes, activities
//! and history; an order with items and notes; a contract with its notes,
//! origin order and renewals.

use super::theme::Theme;
use crate::app::{App, Detail};
use crate::domain::money::{format_amount, format_money};
use crate::domain::*;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, detail: &Detail, theme: &Theme) {
    let rect = super::centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let (title, lines, scroll) = match detail {
        Detail::Lead {
            data: Some(d),
            scroll,
            ..
        } => (
            format!("Lead · {}", d.lead.title),
            lead(app, d, theme),
            *scroll,
        ),
        Detail::Order {
            data: Some(d),
            scroll,
            ..
        } => (
            format!("Order · {}", d.order.order_number),
            order(app, d, theme),
            *scroll,
        ),
        Detail::Contract {
            data: Some(d),
            scroll,
            ..
        } => (
            format!("Contract · {}", d.contract.contract_number),
            contract(app, d, theme),
            *scroll,
        ),
        _ => (
            "Loading…".to_string(),
            vec![Line::styled("Loading…", theme.dim())],
            0,
        ),
    };
    let keys = format!(
        " {} ",
        super::chrome::hint_line(
            &app.prefs.keys,
            crate::app::keymap::Context::Detail,
            &super::chrome::overlay_actions(&crate::app::Overlay::Detail(detail.clone())),
            rect.width.saturating_sub(4) as usize,
        )
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title()))
        .title_bottom(Line::styled(keys, theme.dim()))
        .border_style(theme.focus_border());
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}

/// A labelled value; an empty one reads "—" rather than looking missing.
fn kv<'a>(label: &str, value: String, theme: &Theme) -> Line<'a> {
    let value = if value.is_empty() {
        "—".into()
    } else {
        value
    };
    Line::from(vec![
        Span::styled(format!("{label:<16}"), theme.dim()),
        Span::raw(value),
    ])
}

fn date(d: Option<Timestamp>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "—".into())
}

fn when(d: Timestamp) -> String {
    d.format("%Y-%m-%d %H:%M").to_string()
}

fn section<'a>(title: &str, theme: &Theme) -> Vec<Line<'a>> {
    vec![
        Line::raw(""),
        Line::styled(title.to_string(), theme.title()),
    ]
}

fn lead<'a>(app: &App, d: &LeadDetail, theme: &Theme) -> Vec<Line<'a>> {
    let l = &d.lead;
    let overdue = l.is_overdue(app.now);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(l.status.label().to_string(), theme.lead_status(l.status)),
            Span::raw(format!("  {}", l.title)),
        ]),
        kv("Organization", l.organization.clone(), theme),
        kv(
            "Contact",
            format!(
                "{}{}{}",
                l.contact_name,
                l.contact_email
                    .as_deref()
                    .map(|e| format!(" <{e}>"))
                    .unwrap_or_default(),
                l.contact_phone
                    .as_deref()
                    .map(|p| format!(" · {p}"))
                    .unwrap_or_default()
            ),
            theme,
        ),
        kv(
            "Value",
            l.value
                .map(|v| format_money(v, &l.currency))
                .unwrap_or_else(|| "—".into()),
            theme,
        ),
        kv(
            "Probability",
            l.probability
                .map(|p| format!("{p}%"))
                .unwrap_or_else(|| "—".into()),
            theme,
        ),
        Line::from(vec![
            Span::styled(format!("{:<16}", "Close date"), theme.dim()),
            Span::styled(
                format!(
                    "{}{}",
                    date(l.expected_close_date),
                    if overdue { "  overdue" } else { "" }
                ),
                if overdue {
                    theme.error()
                } else {
                    ratatui::style::Style::default()
                },
            ),
        ]),
        kv("Owner", app.names.user(l.owner_id), theme),
        kv("Partner", app.names.partner(l.partner_id), theme),
        kv(
            "Distributor",
            app.names.distributor(l.distributor_id),
            theme,
        ),
        kv(
            "Source",
            format!("{} ({})", l.provider_name, l.sync_status),
            theme,
        ),
        kv(
            "Created / upd.",
            format!("{} / {}", when(l.created_at), when(l.updated_at)),
            theme,
        ),
    ];
    lines.extend(section(&format!("Notes ({})", d.notes.len()), theme));
    for n in &d.notes {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", when(n.created_at)), theme.dim()),
            Span::raw(n.content.clone()),
        ]));
    }
    lines.extend(section(
        &format!("Activities ({})", d.activities.len()),
        theme,
    ));
    for a in &d.activities {
        let due = a
            .due_date
            .map(|d| format!(" · due {}", d.format("%Y-%m-%d")))
            .unwrap_or_default();
        let late = !a.done && a.due_date.is_some_and(|d| d < app.now);
        lines.push(Line::from(vec![
            Span::raw(if a.done { "[x] " } else { "[ ] " }),
            Span::styled(format!("{} ", a.activity_type), theme.key()),
            Span::raw(a.subject.clone().unwrap_or_default()),
            Span::styled(due, if late { theme.error() } else { theme.dim() }),
        ]));
        // The description under it, every line of it.
        for text in a.description.iter().flat_map(|d| d.lines()) {
            lines.push(Line::from(vec![
                Span::raw("      "),
                Span::raw(text.to_string()),
            ]));
        }
    }
    match &d.status_history {
        Some(history) => {
            lines.extend(section(
                &format!("Status history ({})", history.len()),
                theme,
            ));
            for h in history {
                let who = h
                    .changed_by_user_id
                    .map(|u| app.names.user(u))
                    .unwrap_or_else(|| "—".into());
                lines.push(Line::from(vec![
                    Span::styled(format!("{}  ", when(h.changed_at)), theme.dim()),
                    Span::raw(format!(
                        "{} → {}",
                        h.old_status.map(|s| s.label()).unwrap_or("—"),
                        h.new_status.label()
                    )),
                    Span::styled(format!("  by {who}"), theme.dim()),
                    Span::raw(
                        h.reason
                            .as_deref()
                            .map(|r| format!("  “{r}”"))
                            .unwrap_or_default(),
                    ),
                ]));
            }
        }
        None => {
            lines.extend(section("Status history", theme));
            lines.push(Line::styled(
                "Not available from this backend (the REST API has no history endpoint).",
                theme.dim(),
            ));
        }
    }
    lines
}

fn notes<'a>(lines: &mut Vec<Line<'a>>, app: &App, notes: &[RecordNote], theme: &Theme) {
    lines.extend(section(&format!("Notes ({})", notes.len()), theme));
    let mut sorted: Vec<&RecordNote> = notes.iter().collect();
    sorted.sort_by(|a, b| {
        b.is_pinned
            .cmp(&a.is_pinned)
            .then(a.created_at.cmp(&b.created_at))
    });
    for n in sorted {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", when(n.created_at)), theme.dim()),
            Span::raw(if n.is_pinned { "📌 " } else { "" }),
            Span::raw(if n.is_internal { "[internal] " } else { "" }),
            Span::raw(n.content.replace('\n', " · ")),
            Span::styled(format!("  — {}", app.names.user(n.created_by)), theme.dim()),
        ]));
    }
}

fn order<'a>(app: &App, d: &OrderDetail, theme: &Theme) -> Vec<Line<'a>> {
    let o = &d.order;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(o.status.label().to_string(), theme.order_status(o.status)),
            Span::raw(format!("  {}", o.order_number)),
        ]),
        kv("Partner", app.names.partner(o.partner_id), theme),
        kv(
            "Distributor",
            app.names.distributor(o.distributor_id),
            theme,
        ),
        kv("Created by", app.names.user(o.created_by), theme),
        kv(
            "From lead",
            o.lead_id
                .map(|id| {
                    app.leads
                        .title_of(id)
                        .map(str::to_string)
                        .unwrap_or_else(|| "a lead not in your list".into())
                })
                .unwrap_or_else(|| "—".into()),
            theme,
        ),
        kv("Subtotal", format_money(o.subtotal, "EUR"), theme),
        kv("Discount", format_money(o.discount_amount, "EUR"), theme),
        kv("Total", format_money(o.total_amount, "EUR"), theme),
    ];
    if let Some(n) = &o.notes_internal {
        lines.push(kv("Internal notes", n.clone(), theme));
    }
    // The order's life so far: its status timestamps, oldest first.
    lines.extend(section("Status history", theme));
    for (label, at) in [
        ("created", Some(o.created_at)),
        ("sent", o.sent_at),
        ("fulfilled", o.fulfilled_at),
        ("cancelled", o.cancelled_at),
    ] {
        if let Some(at) = at {
            lines.push(Line::raw(format!("{}  {label}", when(at))));
        }
    }
    lines.extend(section(&format!("Items ({})", d.items.len()), theme));
    for i in &d.items {
        lines.push(Line::raw(format!(
            "{} × {} {} · {}m · {} /u · sub {} · −{}% {} · total {}",
            i.quantity,
            i.product_name,
            i.product_unit,
            i.duration_months,
            crate::domain::money::format_unit_price(i.unit_price),
            format_amount(i.subtotal),
            i.discount_percentage.normalize(),
            format_amount(i.discount_amount),
            format_amount(i.total)
        )));
    }
    notes(&mut lines, app, &d.notes, theme);
    if let Some(c) = &d.contract {
        lines.extend(section("Contract", theme));
        lines.push(Line::raw(format!(
            "{} · {} · {}",
            c.contract_number,
            c.status.label(),
            format_money(c.total_value, &c.currency)
        )));
    }
    lines
}

fn contract<'a>(app: &App, d: &ContractDetail, theme: &Theme) -> Vec<Line<'a>> {
    let c = &d.contract;
    let days = match c.days_left(app.now) {
        Some(d) if d < 0 => format!(" (expired {} days ago)", -d),
        Some(d) => format!(" ({d} days left)"),
        None => String::new(),
    };

    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                c.status.label().to_string(),
                theme.contract_status(c.status),
            ),
            Span::raw(format!(
                "  {} · {}",
                c.contract_number,
                c.contract_type.label()
            )),
        ]),
        kv(
            "Customer",
            c.customer_name.clone().unwrap_or_else(|| "—".into()),
            theme,
        ),
        kv("Partner", app.names.partner(c.partner_id), theme),
        kv(
            "Distributor",
            app.names.distributor(c.distributor_id),
            theme,
        ),
        kv("Manager", app.names.user(c.user_id), theme),
        kv(
            "Total value",
            format_money(c.total_value, &c.currency),
            theme,
        ),
        kv(
            "Per period",
            c.value_per_period
                .map(|v| {
                    format!(
                        "{} every {} months",
                        format_money(v, &c.currency),
                        c.periodicity_months.unwrap_or(1)
                    )
                })
                .unwrap_or_else(|| "—".into()),
            theme,
        ),
        kv("Activated", date(Some(c.activation_date)), theme),
        kv(
            "Expires",
            format!("{}{days}", date(c.expiration_date)),
            theme,
        ),
        kv(
            "Billing",
            format!(
                "{} {}",
                c.billing_provider,
                c.billing_customer_id.as_deref().unwrap_or("")
            ),
            theme,
        ),
        kv(
            "Invoices",
            if c.billing_invoices.is_empty() {
                "none".into()
            } else {
                c.billing_invoices.join(", ")
            },
            theme,
        ),
        kv(
            "Order",
            c.order_id
                .map(|id| {
                    app.orders
                        .list
                        .all
                        .iter()
                        .find(|o| o.id == id)
                        .map(|o| o.order_number.clone())
                        .unwrap_or_else(|| "an order not in your list".into())
                })
                .unwrap_or_else(|| "none (created directly)".into()),
            theme,
        ),
    ];
    let number = |id: Id| {
        app.contracts
            .list
            .all
            .iter()
            .find(|x| x.id == id)
            .map(|x| x.contract_number.clone())
            .unwrap_or_else(|| "a contract not in your list".into())
    };
    if let Some(from) = c.renewed_from_id {
        lines.push(kv("Renewed from", number(from), theme));
    }
    if !d.renewed_by.is_empty() {
        lines.push(kv(
            "Renewed by",
            d.renewed_by
                .iter()
                .map(|i| number(*i))
                .collect::<Vec<_>>()
                .join(", "),
            theme,
        ));
    }
    if let Some(n) = &c.notes_internal {
        lines.push(kv("Internal notes", n.clone(), theme));
    }
    // The server keeps no status history table for contracts; each change
    // with a reason leaves an internal note, which is the history we have.
    let changes: Vec<&RecordNote> = d
        .notes
        .iter()
        .filter(|n| n.content.starts_with("Status changed from"))
        .collect();
    lines.extend(section(
        &format!("Status history ({})", changes.len()),
        theme,
    ));
    if changes.is_empty() {
        lines.push(Line::styled(
            "No recorded status changes (only changes made with a reason are recorded).",
            theme.dim(),
        ));
    }
    for n in changes {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", when(n.created_at)), theme.dim()),
            Span::raw(
                n.content
                    .replace("Status changed from ", "")
                    .replace(" to ", " → ")
                    .replace("\nReason: ", "  “")
                    + "”",
            ),
            Span::styled(
                format!("  by {}", app.names.user(n.created_by)),
                theme.dim(),
            ),
        ]));
    }
    notes(&mut lines, app, &d.notes, theme);
    match &app.contracts.order {
        Some((id, order)) if *id == c.id => {
            lines.extend(section(
                &format!(
                    "Order {} ({} items)",
                    order.order.order_number,
                    order.items.len()
                ),
                theme,
            ));
            for i in &order.items {
                lines.push(Line::raw(format!(
                    "{} × {} {} · {}m · total {}",
                    i.quantity,
                    i.product_name,
                    i.product_unit,
                    i.duration_months,
                    format_money(i.total, &c.currency)
                )));
            }
        }
        _ if c.order_id.is_some() => lines.push(Line::styled("Loading the order…", theme.dim())),
        _ => {}
    }
    lines.extend(section("Invoices", theme));
    match &app.contracts.invoices {
        Some((id, Ok(inv))) if *id == c.id => {
            if inv.invoices.is_empty() {
                lines.push(Line::styled(
                    format!("None from {} ({}).", inv.provider, inv.message),
                    theme.dim(),
                ));
            }
            for i in &inv.invoices {
                lines.push(Line::raw(format!(
                    "{}  {}  {}  {}",
                    i.invoice_number.as_deref().unwrap_or(&i.invoice_id),
                    i.status.as_deref().unwrap_or("—"),
                    i.amount
                        .map(|a| format_money(a, i.currency.as_deref().unwrap_or("EUR")))
                        .unwrap_or_default(),
                    i.created_at
                        .as_deref()
                        .map(|d| d.get(..10).unwrap_or(d))
                        .unwrap_or("")
                )));
            }
        }
        Some((id, Err(e))) if *id == c.id => lines.push(Line::styled(
            format!("Not available from this backend: {e}"),
            theme.dim(),
        )),
        _ => lines.push(Line::styled("Loading invoices…", theme.dim())),
    }
    lines
}
