//! The Orders tab: a sortable list of orders.

use super::theme::{fit, Theme};
use crate::app::update_sorts::ORDER_SORTS;
use crate::app::App;
use crate::domain::money::format_amount;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    if app.orders.builder_open {
        if let Some(b) = &app.orders.builder {
            super::builder::draw(f, area, app, b, theme);
            return;
        }
    }
    let list = &app.orders.list;
    let mut scope = String::new();
    if let Some(s) = app.orders.status_filter {
        scope.push_str(&format!(" · only {}", s.label()));
    }
    if app.orders.partner_filter.is_some() {
        scope.push_str(&format!(
            " · of {}",
            app.names.partner(app.orders.partner_filter)
        ));
    }
    if app.orders.builder.as_ref().is_some_and(|b| !b.is_empty()) {
        scope.push_str(" · an order is being built: n to go back to it");
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(vec![
            Span::styled("Orders", theme.title()),
            Span::raw(format!(
                " {} of {} · sorted by {}{scope}",
                list.len(),
                list.all.len(),
                ORDER_SORTS[app.orders.sort]
            )),
        ]))
        .border_style(theme.dim());
    let inner = block.inner(area);
    f.render_widget(block, area);
    if super::list_placeholder(f, inner, list, "orders", "No orders match", theme) {
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    let offset = app.orders.list.cursor.window(height, app.orders.list.len());
    app.orders.list.cursor.offset = offset;
    super::record_rows(app, inner, crate::app::mouse::ListId::Orders, offset);
    let list = &app.orders.list;
    let wide = inner.width >= 110;
    let rows: Vec<Row> = list
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(r, &i)| {
            let o = &list.all[i];
            let mut cells = vec![
                Span::raw(o.order_number.clone()),
                Span::styled(o.status.label(), theme.order_status(o.status)),
                Span::raw(fit(&app.names.partner(o.partner_id), 24)),
                Span::raw(format!("{} €", format_amount(o.total_amount))),
                Span::styled(o.created_at.format("%Y-%m-%d").to_string(), theme.dim()),
            ];
            if wide {
                cells.insert(3, Span::raw(app.names.distributor(o.distributor_id)));
                cells.push(Span::raw(app.names.user(o.created_by)));
                // The lead's title when it is loaded, else a marker.
                let lead = o
                    .lead_id
                    .map(|id| {
                        app.leads
                            .title_of(id)
                            .map(|t| fit(t, 24))
                            .unwrap_or_else(|| "lead".into())
                    })
                    .unwrap_or_default();
                cells.push(Span::styled(lead, theme.dim()));
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
        Constraint::Length(22),
        Constraint::Length(14),
        Constraint::Fill(2),
        Constraint::Length(14),
        Constraint::Length(10),
    ];
    let mut header = vec!["NUMBER", "STATUS", "PARTNER", "TOTAL", "CREATED"];
    if wide {
        widths.insert(3, Constraint::Fill(2));
        header.insert(3, "DISTRIBUTOR");
        widths.push(Constraint::Fill(1));
        header.push("CREATOR");
        widths.push(Constraint::Fill(1));
        header.push("LEAD");
    }
    let t = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title()))
        .column_spacing(1);
    f.render_widget(t, inner);
}
