//! The Leads tab: a kanban board (one column per status) or a dense table.

use super::theme::{fit, Theme};
use crate::app::leads::LeadView;
use crate::app::mouse::{Hit, ListId};
use crate::app::App;
use crate::domain::money::{format_amount, format_compact};
use crate::domain::*;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;

/// Lines per card: title, organization/contact, value/prob/date, owner,
/// and a separator.
const CARD_HEIGHT: u16 = 5;
const MIN_COLUMN_WIDTH: u16 = 24;

pub fn draw(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    if !app.leads.loaded {
        let text = match &app.leads.load_error {
            Some(e) => format!("Could not load leads: {e} — r to retry"),
            None => "Loading leads…".into(),
        };
        super::empty_state(f, area, &text, theme);
        return;
    }
    match app.leads.view {
        LeadView::Board => board(f, area, app, theme),
        LeadView::Table => table(f, area, app, theme),
    }
}

fn board(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    let n = LeadStatus::ALL.len();
    // Show as many whole columns as fit, keeping the selected one in view.
    let fit_count = ((area.width / MIN_COLUMN_WIDTH) as usize).clamp(1, n);
    let first = app
        .leads
        .col
        .saturating_sub(fit_count - 1)
        .min(n - fit_count);
    let shown: Vec<usize> = (first..first + fit_count).collect();
    let areas =
        Layout::horizontal(vec![Constraint::Ratio(1, fit_count as u32); fit_count]).split(area);
    let now = app.now;
    let me = app.me_id();
    for (slot, &k) in shown.iter().enumerate() {
        let status = LeadStatus::ALL[k];
        let focused = k == app.leads.col;
        let col = &app.leads.columns[k];
        let more_left = slot == 0 && first > 0;
        let more_right = slot == fit_count - 1 && first + fit_count < n;
        let title = Line::from(vec![
            Span::raw(if more_left { "‹ " } else { "" }),
            Span::styled(
                status.label().to_string(),
                theme.lead_status(status).add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(" {} ", col.len())),
            Span::styled(
                match app.leads.totals[k] {
                    Some(t) => format!("{}€", format_compact(t)),
                    None => "too large".to_string(),
                },
                theme.dim(),
            ),
            Span::raw(if more_right { " ›" } else { "" }),
        ]);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(title)
            .border_style(if focused {
                theme.focus_border()
            } else {
                theme.dim()
            });
        let inner = block.inner(areas[slot]);
        f.render_widget(block, areas[slot]);
        let rows_hit = |offset| Hit::Rows {
            list: ListId::LeadColumn(k),
            top: inner.y,
            offset,
            height: CARD_HEIGHT,
        };
        if col.is_empty() {
            app.hits.add(areas[slot], rows_hit(0));
            f.render_widget(Paragraph::new(Line::styled("no leads", theme.dim())), inner);
            continue;
        }
        let per_page = (inner.height / CARD_HEIGHT).max(1) as usize;
        let cursor = &mut app.leads.cursors[k];
        let offset = cursor.window(per_page, col.len());
        cursor.offset = offset;
        let selected = cursor.selected;
        app.hits.add(areas[slot], rows_hit(offset));
        let width = inner.width as usize;
        for (row, &i) in col.iter().enumerate().skip(offset).take(per_page) {
            let lead = &app.leads.all[i as usize];
            let y = inner.y + ((row - offset) as u16) * CARD_HEIGHT;
            let h = CARD_HEIGHT.min(inner.bottom().saturating_sub(y));
            let rect = Rect {
                x: inner.x,
                y,
                width: inner.width,
                height: h,
            };
            let is_sel = focused && row == selected;
            let marked = app.leads.marked.contains(&lead.id);
            card(
                f, rect, lead, width, is_sel, marked, now, me, &app.names, theme,
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn card(
    f: &mut Frame,
    rect: Rect,
    lead: &Lead,
    width: usize,
    selected: bool,
    marked: bool,
    now: Timestamp,
    me: Option<Id>,
    names: &crate::app::Names,
    theme: &Theme,
) {
    let mark = if marked { "● " } else { "" };
    let title = Line::styled(
        fit(&format!("{mark}{}", lead.title), width),
        ratatui::style::Style::default().add_modifier(Modifier::BOLD),
    );
    let org = Line::raw(fit(
        &format!("{} · {}", lead.organization, lead.contact_name),
        width,
    ));
    let value = lead
        .value
        .map(|v| money_short(v, &lead.currency))
        .unwrap_or_else(|| "—".into());
    let prob = lead
        .probability
        .map(|p| format!(" {p}%"))
        .unwrap_or_default();
    let overdue = lead.is_overdue(now);
    let date = lead
        .expected_close_date
        .map(|d| format!(" {}{}", if overdue { "!" } else { "" }, d.format("%d %b")))
        .unwrap_or_default();
    let third = Line::from(vec![
        Span::raw(fit(
            &format!("{value}{prob}"),
            width.saturating_sub(date.chars().count()),
        )),
        Span::styled(date, if overdue { theme.error() } else { theme.dim() }),
    ]);
    let owner = if Some(lead.owner_id) == me {
        "you".to_string()
    } else {
        names.user(lead.owner_id)
    };
    let fourth = Line::styled(fit(&format!("@{owner}"), width), theme.dim());
    let mut p = Paragraph::new(vec![title, org, third, fourth]);
    if selected {
        p = p.style(theme.selected());
    }
    f.render_widget(
        p,
        Rect {
            height: rect.height.min(CARD_HEIGHT - 1),
            ..rect
        },
    );
    if rect.height == CARD_HEIGHT {
        let sep = Line::styled("╌".repeat(width), theme.dim());
        f.render_widget(
            Paragraph::new(sep),
            Rect {
                y: rect.y + CARD_HEIGHT - 1,
                height: 1,
                ..rect
            },
        );
    }
}

/// `12,500.00€` for euros, `12,500.00 USD` otherwise.
fn money_short(v: rust_decimal::Decimal, currency: &str) -> String {
    if currency == "EUR" {
        format!("{}€", format_amount(v))
    } else {
        format!("{} {currency}", format_amount(v))
    }
}

fn table(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(vec![
            Span::styled("Leads", theme.title()),
            Span::raw(format!(
                " {} of {} · sorted by {}",
                app.leads.visible_count(),
                app.leads.all.len(),
                app.leads.sort.label()
            )),
        ]))
        .border_style(theme.dim());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let height = inner.height.saturating_sub(1) as usize;
    let len = app.leads.visible_count();
    let offset = app.leads.table_cursor.window(height, len);
    app.leads.table_cursor.offset = offset;
    super::record_rows(app, inner, ListId::LeadTable, offset);
    let selected = app.leads.table_cursor.selected;
    let now = app.now;
    let wide = inner.width >= 120;
    let rows: Vec<Row> = (offset..(offset + height).min(len))
        .filter_map(|r| app.leads.table_index(r).map(|i| (r, &app.leads.all[i])))
        .map(|(r, l)| {
            let mut cells = vec![
                Span::styled(l.status.label(), theme.lead_status(l.status)),
                Span::raw(format!(
                    "{}{}",
                    if app.leads.marked.contains(&l.id) {
                        "● "
                    } else {
                        ""
                    },
                    l.title
                )),
                Span::raw(l.organization.clone()),
                Span::raw(l.value.map(format_amount).unwrap_or_default()),
                Span::raw(l.probability.map(|p| format!("{p}%")).unwrap_or_default()),
                Span::styled(
                    l.expected_close_date
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    if l.is_overdue(now) {
                        theme.error()
                    } else {
                        theme.dim()
                    },
                ),
            ];
            if wide {
                cells.insert(3, Span::raw(l.contact_name.clone()));
                cells.push(Span::raw(app.names.partner(l.partner_id)));
            }
            let row = Row::new(cells);
            if r == selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(11),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(13),
        Constraint::Length(4),
        Constraint::Length(10),
    ];
    let mut header = vec!["STATUS", "TITLE", "ORGANIZATION", "VALUE", "PROB", "CLOSE"];
    if wide {
        widths.insert(3, Constraint::Fill(2));
        header.insert(3, "CONTACT");
        widths.push(Constraint::Fill(2));
        header.push("PARTNER");
    }
    let t = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title()))
        .column_spacing(1);
    f.render_widget(t, inner);
}
