//! The Partners tab: distributors and partners side by side, and the
//! selected record's details and links.

use super::theme::{fit, Theme};
use crate::app::records::RecordList;
use crate::app::{App, Pane};
use crate::domain::*;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    let [lists, info] = if area.width >= 100 {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(area)
    };
    let [top, bottom] = Layout::vertical([Constraint::Length(6), Constraint::Min(3)]).areas(lists);
    let focus = app.pane;
    pane(
        f,
        top,
        "Distributors",
        &mut app.distributors,
        focus == Pane::Distributors,
        theme,
    );
    pane(
        f,
        bottom,
        "Partners",
        &mut app.partners,
        focus == Pane::Partners,
        theme,
    );
    details(f, info, app, theme);
}

fn pane(
    f: &mut Frame,
    area: Rect,
    title: &str,
    list: &mut RecordList<Company>,
    focused: bool,
    theme: &Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(vec![
            Span::styled(title.to_string(), theme.title()),
            Span::raw(format!(" {} of {}", list.len(), list.all.len())),
        ]))
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.dim()
        });
    let inner = block.inner(area);
    f.render_widget(block, area);
    if !list.loaded {
        super::empty_state(f, inner, "Loading…", theme);
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    let offset = list.cursor.window(height, list.len());
    list.cursor.offset = offset;
    let rows: Vec<Row> = list
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(r, &i)| {
            let c = &list.all[i];
            let row = Row::new(vec![
                Span::raw(c.name.clone()),
                Span::raw(c.city.clone().unwrap_or_default()),
                Span::raw(c.registration_number.clone().unwrap_or_default()),
                if c.is_active {
                    Span::styled("active", theme.ok())
                } else {
                    Span::styled("inactive", theme.dim())
                },
            ]);
            if focused && r == list.cursor.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let widths = [
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(8),
    ];
    let t = Table::new(rows, widths)
        .header(Row::new(vec!["NAME", "CITY", "REGISTRATION", "STATUS"]).style(theme.title()));
    f.render_widget(t, inner);
}

fn details(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let selected = match app.pane {
        Pane::Distributors => app.distributors.selected(),
        Pane::Partners => app.partners.selected(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled("Details", theme.title()))
        .border_style(theme.dim());
    let Some(c) = selected else {
        f.render_widget(Paragraph::new("Nothing selected").block(block), area);
        return;
    };
    let width = area.width.saturating_sub(16) as usize;
    let field = |label: &str, v: Option<&str>| {
        Line::from(vec![
            Span::styled(format!("{label:<13}"), theme.dim()),
            Span::raw(fit(v.unwrap_or("—"), width)),
        ])
    };
    let mut lines = vec![
        Line::styled(c.name.clone(), theme.title()),
        field("Legal name", c.legal_name.as_deref()),
        field("Registration", c.registration_number.as_deref()),
        field("Email", c.email.as_deref()),
        field("Phone", c.phone.as_deref()),
        field("Website", c.website.as_deref()),
        field("Address", c.address_line1.as_deref()),
        field(
            "City",
            Some(&format!(
                "{} {}",
                c.postal_code.as_deref().unwrap_or(""),
                c.city.as_deref().unwrap_or("")
            )),
        ),
        field("Country", Some(&c.country)),
        field("Active", Some(if c.is_active { "yes" } else { "no" })),
    ];
    match app.pane {
        Pane::Distributors => {
            lines.push(Line::raw(""));
            match &app.links {
                Some((id, links)) if *id == c.id => {
                    lines.push(Line::styled(
                        format!(
                            "Partners ({})",
                            links.iter().filter(|l| l.is_active).count()
                        ),
                        theme.title(),
                    ));
                    for l in links {
                        let state = if l.is_active { "" } else { " (ended)" };
                        lines.push(Line::raw(format!(
                            "  {}{state} · since {}",
                            l.partner.name,
                            l.assigned_at.format("%Y-%m-%d")
                        )));
                    }
                }
                _ => lines.push(Line::styled("Partners: loading…", theme.dim())),
            }
        }
        Pane::Partners => {
            let leads = app
                .leads
                .all
                .iter()
                .filter(|l| l.partner_id == Some(c.id))
                .count();
            let orders = app
                .orders
                .all
                .iter()
                .filter(|o| o.partner_id == Some(c.id))
                .count();
            let contracts = app
                .contracts
                .all
                .iter()
                .filter(|x| x.partner_id == Some(c.id))
                .count();
            lines.push(Line::raw(""));
            lines.push(Line::raw(format!(
                "{leads} leads · {orders} orders · {contracts} contracts"
            )));
        }
    }
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
