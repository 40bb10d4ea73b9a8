//! The Contracts tab: a dense, sortable triage table with quick views.

use super::theme::{fit, Theme};
use crate::app::update_sorts::CONTRACT_SORTS;
use crate::app::App;
use crate::domain::money::format_amount;
use crate::domain::*;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    let list = &app.contracts.list;
    // A jump from the Partners tab narrows to one partner (Esc clears).
    let scope = app
        .contracts
        .partner_filter
        .map(|p| format!(" · of {}", app.names.partner(Some(p))))
        .unwrap_or_default();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(vec![
            Span::styled("Contracts", theme.title()),
            Span::raw(format!(
                " {} · {} of {} · sorted by {}{scope}",
                app.contracts.view.label(),
                list.len(),
                list.all.len(),
                CONTRACT_SORTS[app.contracts.sort]
            )),
        ]))
        .border_style(theme.dim());
    let inner = block.inner(area);
    f.render_widget(block, area);
    if super::list_placeholder(
        f,
        inner,
        list,
        "contracts",
        "No contracts match this view",
        theme,
    ) {
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    let offset = app
        .contracts
        .list
        .cursor
        .window(height, app.contracts.list.len());
    app.contracts.list.cursor.offset = offset;
    super::record_rows(app, inner, crate::app::mouse::ListId::Contracts, offset);
    let list = &app.contracts.list;
    let width = inner.width;
    let (medium, wide) = (width >= 100, width >= 150);
    let now = app.now;
    let rows: Vec<Row> = list
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(r, &i)| {
            let c = &list.all[i];
            let days = c.days_left(now);
            let days_style = match days {
                Some(d) if d < 0 => theme.dim(),
                Some(d) if d <= 30 && c.status == ContractStatus::Active => theme.error(),
                Some(d) if d <= 90 && c.status == ContractStatus::Active => theme.warn(),
                _ => theme.dim(),
            };
            let mut cells = vec![
                Span::raw(format!(
                    "{}{}",
                    if app.contracts.marked.contains(&c.id) {
                        "●"
                    } else {
                        ""
                    },
                    c.contract_number
                )),
                Span::raw(fit(c.customer_name.as_deref().unwrap_or("—"), 28)),
                Span::styled(
                    format!("{} {}", status_marker(c.status), c.status.label()),
                    theme.contract_status(c.status),
                ),
                Span::raw(format!("{} €", format_amount(c.total_value))),
                Span::styled(
                    days.map(|d| format!("{d}d")).unwrap_or_else(|| "—".into()),
                    days_style,
                ),
            ];
            if medium {
                cells.insert(2, Span::raw(fit(&app.names.partner(c.partner_id), 22)));
                cells.push(Span::raw(
                    c.expiration_date
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                ));
            }
            if wide {
                cells.insert(
                    3,
                    Span::raw(fit(&app.names.distributor(c.distributor_id), 22)),
                );
                cells.insert(4, Span::raw(c.contract_type.label()));
                cells.push(Span::raw(
                    c.value_per_period
                        .map(|v| {
                            format!(
                                "{}/{}m",
                                format_amount(v),
                                c.periodicity_months.unwrap_or(1)
                            )
                        })
                        .unwrap_or_default(),
                ));
                cells.push(Span::raw(c.activation_date.format("%Y-%m-%d").to_string()));
                cells.push(Span::raw(app.names.user(c.user_id)));
            }
            let row = Row::new(cells);
            if r == list.cursor.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(19),
        Constraint::Fill(2),
        Constraint::Length(12),
        Constraint::Length(14),
        Constraint::Length(6),
    ];
    let mut header = vec!["NUMBER", "CUSTOMER", "STATUS", "TOTAL", "LEFT"];
    if medium {
        widths.insert(2, Constraint::Fill(2));
        header.insert(2, "PARTNER");
        widths.push(Constraint::Length(10));
        header.push("EXPIRES");
    }
    if wide {
        widths.insert(3, Constraint::Fill(2));
        header.insert(3, "DISTRIBUTOR");
        widths.insert(4, Constraint::Length(12));
        header.insert(4, "TYPE");
        widths.push(Constraint::Length(14));
        header.push("PER PERIOD");
        widths.push(Constraint::Length(10));
        header.push("ACTIVATED");
        widths.push(Constraint::Fill(1));
        header.push("MANAGER");
    }
    let t = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title()))
        .column_spacing(1);
    f.render_widget(t, inner);
}

/// A marker that keeps status readable without colour.
fn status_marker(s: ContractStatus) -> &'static str {
    match s {
        ContractStatus::Active => "●",
        ContractStatus::Upgraded => "▲",
        ContractStatus::Downgraded => "▼",
        ContractStatus::Expired => "○",
        ContractStatus::Cancelled | ContractStatus::Lost => "✕",
    }
}
