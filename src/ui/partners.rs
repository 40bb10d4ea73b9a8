//! The Partners tab: distributors and partners as full-width tables, then
//! the selected company's details and links beside its users.

use super::theme::{fit, Theme};
use crate::app::mouse::ListId;
use crate::app::partners::Counts;
use crate::app::records::RecordList;
use crate::app::{App, Pane};
use crate::domain::*;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;
use std::collections::HashMap;

pub fn draw(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    // Distributors are few: their pane takes what it needs, up to a quarter.
    let dist_rows =
        (app.partners.distributors.all.len() as u16 + 3).clamp(4, (area.height / 4).max(4));
    let bottom_rows = (area.height * 35 / 100).max(7);
    let [dist, part, bottom] = Layout::vertical([
        Constraint::Length(dist_rows),
        Constraint::Min(4),
        Constraint::Length(bottom_rows),
    ])
    .areas(area);
    let counts = (app.channel_counts().clone(), app.counts_known());
    let focus = app.partners.pane;
    let badge = if app.session.me.is_some() && !app.channel_admin() {
        " · read-only (admins change the channel) "
    } else {
        ""
    };
    let panes = [(dist, Pane::Distributors), (part, Pane::Partners)];
    for (area, which) in panes {
        let (title, list) = match which {
            Pane::Distributors => (
                format!("Distributors{badge}"),
                &mut app.partners.distributors,
            ),
            _ => ("Partners".to_string(), &mut app.partners.partners),
        };
        if let Some((inner, offset)) = pane(f, area, &title, list, focus == which, &counts, theme) {
            super::record_rows(app, inner, ListId::Pane(which), offset);
        }
    }
    if bottom.width >= 100 {
        let [info, users_area] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        details(f, info, app, theme);
        users(f, users_area, app, theme);
    } else if focus == Pane::Users {
        users(f, bottom, app, theme);
    } else {
        details(f, bottom, app, theme);
    }
}

fn pane_block<'a>(title: String, count: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(Line::from(vec![
            Span::styled(title, theme.title()),
            Span::raw(count),
        ]))
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.dim()
        })
}

/// A count: `?` when its list is unknown, `·` for none.
pub fn count_cell(n: usize, known: bool) -> String {
    match (known, n) {
        (false, _) => "?".into(),
        (true, 0) => "·".into(),
        (true, n) => n.to_string(),
    }
}

fn pane(
    f: &mut Frame,
    area: Rect,
    title: &str,
    list: &mut RecordList<Company>,
    focused: bool,
    (counts, known): &(HashMap<Id, Counts>, [bool; 4]),
    theme: &Theme,
) -> Option<(Rect, usize)> {
    let filter = if list.filter.is_empty() {
        String::new()
    } else {
        format!(" /{}", list.filter)
    };
    let block = pane_block(
        title.to_string(),
        format!(" {} of {}{filter} ", list.len(), list.all.len()),
        focused,
        theme,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    let noun = title.to_lowercase();
    if super::list_placeholder(
        f,
        inner,
        list,
        &noun,
        "No match (Esc clears the filter)",
        theme,
    ) {
        return None;
    }
    // Wide terminals get every field; narrow ones the essentials.
    let wide = inner.width >= 120;
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
            let n = counts.get(&c.id).copied().unwrap_or_default();
            let mut cells = vec![Span::raw(c.name.clone())];
            if wide {
                cells.push(Span::raw(c.legal_name.clone().unwrap_or_default()));
            }
            cells.push(Span::raw(c.registration_number.clone().unwrap_or_default()));
            if wide {
                cells.push(Span::raw(
                    c.email.clone().or(c.phone.clone()).unwrap_or_default(),
                ));
            }
            cells.push(Span::raw(c.city.clone().unwrap_or_default()));
            cells.push(if c.is_active {
                Span::styled("active", theme.ok())
            } else {
                Span::styled("inactive", theme.dim())
            });
            for (v, k) in [n.users, n.leads, n.orders, n.contracts]
                .into_iter()
                .zip(known)
            {
                cells.push(Span::raw(count_cell(v, *k)));
            }
            let row = Row::new(cells);
            if focused && r == list.cursor.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let mut widths = vec![Constraint::Fill(3)];
    let mut header = vec!["NAME"];
    if wide {
        widths.push(Constraint::Fill(3));
        header.push("LEGAL NAME");
    }
    widths.push(Constraint::Fill(2));
    header.push("REG./VAT");
    if wide {
        widths.push(Constraint::Fill(3));
        header.push("CONTACT");
    }
    widths.push(Constraint::Fill(2));
    header.push("CITY");
    widths.push(Constraint::Length(8));
    header.push("STATUS");
    for h in ["USERS", "LEADS", "ORDERS", "CONTR."] {
        widths.push(Constraint::Length(6));
        header.push(h);
    }
    let t = Table::new(rows, widths).header(Row::new(header).style(theme.title()));
    f.render_widget(t, inner);
    Some((inner, offset))
}

/// Who the links of a company point to, with their state and origin.
pub fn link_lines<'a>(app: &App, kind: CompanyKind, id: Id, theme: &Theme) -> Vec<Line<'a>> {
    let other = match kind {
        CompanyKind::Distributor => "Partners",
        CompanyKind::Partner => "Distributors",
    };
    let links = match &app.partners.channel.links {
        None => return vec![Line::styled(format!("{other}: loading…"), theme.dim())],
        Some(Err(e)) => return vec![Line::styled(format!("{other}: {e}"), theme.error())],
        Some(Ok(_)) => app.partners.channel.links_of(kind, id),
    };
    let active = links.iter().filter(|l| l.is_active).count();
    let mut lines = vec![Line::styled(
        format!("{other} ({active} linked, {} ended)", links.len() - active),
        theme.title(),
    )];
    if links.is_empty() {
        lines.push(Line::styled("  none (L links one)", theme.dim()));
    }
    for l in links {
        let name = match kind {
            CompanyKind::Distributor => l.partner.name.clone(),
            CompanyKind::Partner => app.names.distributor(Some(l.distributor_id)),
        };
        // Only admin accounts are recorded (the column references admin_users).
        let by = l
            .assigned_by
            .map(|u| match app.names.users.get(&u) {
                Some(n) => format!(" by {n}"),
                None => " by an admin account".into(),
            })
            .unwrap_or_default();
        let (mark, style) = if l.is_active {
            ("● ", theme.ok())
        } else {
            ("○ ", theme.dim())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark}"), style),
            Span::raw(name),
            Span::styled(
                format!(
                    "{} · since {}{by}",
                    if l.is_active { "" } else { " (ended)" },
                    l.assigned_at.format("%Y-%m-%d")
                ),
                theme.dim(),
            ),
        ]));
    }
    lines
}

fn details(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled("Details", theme.title()))
        .border_style(theme.dim());
    let Some((kind, c)) = app.selected_company() else {
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
    let place = [
        c.postal_code.as_deref(),
        c.city.as_deref(),
        Some(&c.country),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    let mut lines = vec![
        Line::from(vec![
            Span::styled(c.name.clone(), theme.title()),
            Span::styled(
                format!(
                    " · {}{}",
                    kind.label(),
                    if c.is_active { "" } else { " · inactive" }
                ),
                theme.dim(),
            ),
        ]),
        field("Legal name", c.legal_name.as_deref()),
        field("Reg./VAT", c.registration_number.as_deref()),
        field("Email", c.email.as_deref()),
        field("Phone", c.phone.as_deref()),
        field("Address", c.address_line1.as_deref()),
        field("Place", Some(&place)),
    ];
    lines.extend(link_lines(app, kind, c.id, theme));
    f.render_widget(Paragraph::new(lines).block(block), area);
}

fn users(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    let owner = app
        .selected_company()
        .map(|(_, c)| c.name.clone())
        .unwrap_or_default();
    let focused = app.partners.pane == Pane::Users;
    let list = &mut app.partners.channel.users;
    let filter = if list.filter.is_empty() {
        String::new()
    } else {
        format!(" /{}", list.filter)
    };
    let count = if app.partners.channel.users_error.is_some() {
        String::new()
    } else {
        format!(" {}{filter} ", list.len())
    };
    let block = pane_block(format!("Users of {owner}"), count, focused, theme);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if let Some(why) = &app.partners.channel.users_error {
        let text = format!("No users: {why}");
        f.render_widget(
            Paragraph::new(Line::styled(text, theme.dim()))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    if super::list_placeholder(f, inner, list, "users", "No users", theme) {
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
            let u = &list.all[i];
            let row = Row::new(vec![
                Span::raw(u.display_name().to_string()),
                Span::raw(u.username.clone().unwrap_or_else(|| u.email.clone())),
                Span::raw(u.role.label()),
                if u.is_enabled {
                    Span::styled("enabled", theme.ok())
                } else {
                    Span::styled("disabled", theme.error())
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
        Constraint::Length(16),
        Constraint::Length(8),
    ];
    let t = Table::new(rows, widths)
        .header(Row::new(vec!["NAME", "LOGIN", "ROLE", "STATE"]).style(theme.title()));
    f.render_widget(t, inner);
    super::record_rows(app, inner, ListId::Pane(Pane::Users), offset);
}
