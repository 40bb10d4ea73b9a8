//! A distributor's or partner's full record over the Partners tab: every
//! field, its links and its users; and the y/n question before a delete.

use super::theme::Theme;
use crate::app::partners::{CompanyDetail, Confirm};
use crate::app::App;
use crate::domain::*;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

fn kv<'a>(label: &str, value: Option<&str>, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<14}"), theme.dim()),
        Span::raw(value.filter(|v| !v.is_empty()).unwrap_or("—").to_string()),
    ])
}

pub fn detail(f: &mut Frame, area: Rect, app: &App, d: &CompanyDetail, theme: &Theme) {
    let rect = super::centered(area, 96, area.height);
    let list = match d.kind {
        CompanyKind::Distributor => &app.partners.distributors,
        CompanyKind::Partner => &app.partners.partners,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title_bottom(Line::styled(
            format!(
                " {} ",
                super::chrome::hint_line(
                    &app.prefs.keys,
                    crate::app::keymap::Context::Company,
                    &super::chrome::overlay_actions(&crate::app::Overlay::Company(d.clone())),
                    rect.width.saturating_sub(4) as usize,
                )
            ),
            theme.dim(),
        ))
        .border_style(theme.focus_border());
    f.render_widget(Clear, rect);
    let Some(c) = list.all.iter().find(|c| c.id == d.id) else {
        let text = format!("This {} is gone (deleted?)", d.kind.label());
        f.render_widget(Paragraph::new(text).block(block), rect);
        return;
    };
    let block = block.title(Span::styled(
        format!(" {} · {} ", c.name, d.kind.label()),
        theme.title(),
    ));
    let n = app
        .partners
        .channel
        .counts
        .as_ref()
        .and_then(|m| m.get(&c.id).copied())
        .unwrap_or_default();
    // The links and users first: they are what this view is opened for.
    let mut lines = vec![
        kv("Reg./VAT", c.registration_number.as_deref(), theme),
        kv(
            "Active",
            Some(if c.is_active { "yes" } else { "no" }),
            theme,
        ),
        kv(
            "Records",
            Some(&{
                let k = app.counts_known();
                let c = |v, i: usize| super::partners::count_cell(v, k[i]).replace('·', "0");
                format!(
                    "{} users · {} leads · {} orders · {} contracts",
                    c(n.users, 0),
                    c(n.leads, 1),
                    c(n.orders, 2),
                    c(n.contracts, 3)
                )
            }),
            theme,
        ),
        Line::raw(""),
    ];
    lines.extend(super::partners::link_lines(app, d.kind, c.id, theme));
    lines.push(Line::raw(""));
    lines.extend(user_lines(app, d.kind, c.id, theme));
    lines.push(Line::raw(""));
    lines.extend([
        Line::styled("Fields", theme.title()),
        kv("Legal name", c.legal_name.as_deref(), theme),
        kv("Email", c.email.as_deref(), theme),
        kv("Phone", c.phone.as_deref(), theme),
        kv("Website", c.website.as_deref(), theme),
        kv("Address", c.address_line1.as_deref(), theme),
        kv("Address 2", c.address_line2.as_deref(), theme),
        kv("Postal code", c.postal_code.as_deref(), theme),
        kv("City", c.city.as_deref(), theme),
        kv("Country", Some(&c.country), theme),
        kv("Notes", c.notes.as_deref(), theme),
        kv(
            "Created",
            Some(&c.created_at.format("%Y-%m-%d %H:%M").to_string()),
            theme,
        ),
        kv(
            "Updated",
            Some(&c.updated_at.format("%Y-%m-%d %H:%M").to_string()),
            theme,
        ),
    ]);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((d.scroll, 0)),
        rect,
    );
}

fn user_lines<'a>(app: &App, kind: CompanyKind, id: Id, theme: &Theme) -> Vec<Line<'a>> {
    if let Some(why) = &app.partners.channel.users_error {
        return vec![Line::styled(format!("Users: {why}"), theme.dim())];
    }
    let users: Vec<&User> = app
        .partners
        .channel
        .users
        .all
        .iter()
        .filter(|u| match kind {
            CompanyKind::Partner => u.partner_id == Some(id),
            CompanyKind::Distributor => u.distributor_id == Some(id),
        })
        .collect();
    let mut lines = vec![Line::styled(
        format!("Users ({})", users.len()),
        theme.title(),
    )];
    for u in users {
        lines.push(Line::from(vec![
            Span::raw(format!("  {:<24}", u.display_name())),
            Span::styled(format!("{:<18}", u.role.label()), theme.dim()),
            if u.is_enabled {
                Span::styled("enabled", theme.ok())
            } else {
                Span::styled("disabled", theme.error())
            },
        ]));
    }
    lines
}

pub fn confirm(f: &mut Frame, area: Rect, c: &Confirm, theme: &Theme) {
    let rect = super::centered(area, 60, 5);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Confirm ", theme.title()))
        .border_style(theme.error());
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(c.question.clone())
            .block(block)
            .wrap(Wrap { trim: true }),
        rect,
    );
}
