//! The order builder: who the order is for, its priced lines, the totals
//! and what (if anything) stops it from being submitted.

use super::theme::{fit, Theme};
use crate::app::builder::{totals_of, Choice, OrderBuilder, ServerPrice};
use crate::app::keymap::Action;
use crate::app::App;
use crate::domain::money::{self, format_amount};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, b: &OrderBuilder, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(vec![
            Span::styled("New order", theme.title()),
            Span::raw(format!(
                " · {}",
                crate::app::messages::count(b.lines.len(), "line")
            )),
        ]))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                super::chrome::hint_line(
                    &app.prefs.keys,
                    crate::app::keymap::Context::Builder,
                    &[
                        Action::AddLine,
                        Action::EditQuantity,
                        Action::SubmitOrder,
                        Action::CloseBuilder,
                        Action::Undo,
                        Action::RemoveLine,
                        Action::ChangeProduct,
                        Action::ChangeDuration,
                        Action::Help,
                    ],
                    area.width.saturating_sub(4) as usize,
                )
            ),
            theme.dim(),
        ))
        .border_style(theme.focus_border());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(cat) = app.orders.catalogue.as_ref() else {
        let text = match &app.orders.catalogue_error {
            Some(e) => format!("Could not load products and durations: {e} — r to retry"),
            None => "Loading products and durations…".into(),
        };
        super::empty_state(f, inner, &text, theme);
        return;
    };
    let [head, lines_area, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(2),
        Constraint::Length(4),
    ])
    .areas(inner);

    let lead = b
        .lead_id
        .map(|id| {
            app.leads
                .title_of(id)
                .map(str::to_string)
                .unwrap_or_else(|| "a lead not in your list".into())
        })
        .unwrap_or_else(|| "—".into());
    let who = |label: &str, key: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<12}"), theme.dim()),
            Span::raw(if value.is_empty() {
                "—".to_string()
            } else {
                value
            }),
            Span::styled(format!("  ({key})"), theme.dim()),
        ])
    };
    f.render_widget(
        Paragraph::new(vec![
            who("Partner", "p", app.names.partner(b.partner_id)),
            who("Distributor", "d", app.names.distributor(b.distributor_id)),
            who("From lead", "L", lead),
        ]),
        head,
    );

    let priced = b.priced(cat);
    if b.lines.is_empty() {
        super::empty_state(
            f,
            lines_area,
            "No lines yet: a (or /) to search a product",
            theme,
        );
    } else {
        let wide = lines_area.width >= 120;
        // (header, width; 0 = takes the rest, right-aligned)
        let mut cols: Vec<(&str, usize, bool)> = vec![
            ("#", 2, false),
            ("PRODUCT", 0, false),
            ("QTY", 6, true),
            ("DURATION", 10, false),
            ("TIER", 7, false),
            ("UNIT", 9, true),
            ("SUBTOTAL", 11, true),
            ("DISC", 7, true),
            ("DISCOUNT", 10, true),
            ("TOTAL", 11, true),
            ("", 1, false),
        ];
        let narrow = lines_area.width < 100;
        if !wide {
            // Narrower: no discount amount column; the total says it.
            cols.remove(8);
        }
        if narrow {
            // Narrowest: no tier and no discount %; the detail shows them.
            cols.remove(7);
            cols.remove(4);
        }
        let fixed: usize = cols.iter().map(|c| c.1 + 1).sum();
        let rest = (lines_area.width as usize).saturating_sub(fixed).max(8);
        let render = |cells: Vec<(String, Style)>| -> Line {
            let spans: Vec<Span> = cells
                .into_iter()
                .zip(&cols)
                .map(|((text, style), (_, w, right))| {
                    let w = if *w == 0 { rest } else { *w };
                    let t = fit(&text, w);
                    let t = if *right {
                        format!("{t:>w$} ")
                    } else {
                        format!("{t:<w$} ")
                    };
                    Span::styled(t, style)
                })
                .collect();
            Line::from(spans)
        };
        let mut out: Vec<Line> = vec![render(
            cols.iter()
                .map(|c| (c.0.to_string(), theme.title()))
                .collect(),
        )];
        let mut selected_at = 0;
        for (i, (line, p)) in b.lines.iter().zip(&priced).enumerate() {
            let selected = i == b.cursor;
            let qty = match (&b.editing, selected) {
                (Some(input), true) if input.value().is_empty() => format!("{}▏", line.quantity),
                (Some(input), true) => format!("{}▏", input.value()),
                _ => line.quantity.clone(),
            };
            let calc = p.price.as_ref();
            let amount =
                |v: Option<rust_decimal::Decimal>| v.map(format_amount).unwrap_or_default();
            let plain = Style::default();
            let (mark, mark_style) = match &p.server {
                Some(ServerPrice::Agrees) => ("✓", theme.ok()),
                Some(ServerPrice::Pending) => ("…", theme.dim()),
                Some(ServerPrice::Unconfirmed(_)) => ("?", theme.warn()),
                Some(ServerPrice::Differs(_)) => ("≠", theme.error()),
                None => ("", plain),
            };
            let mut cells = vec![
                (format!("{}", i + 1), plain),
                (p.product.clone().unwrap_or_else(|| "?".into()), plain),
                (
                    qty,
                    if selected && b.editing.is_some() {
                        theme.key()
                    } else {
                        plain
                    },
                ),
                (p.duration.clone().unwrap_or_else(|| "—".into()), plain),
                (p.tier.clone().unwrap_or_else(|| "—".into()), theme.dim()),
                (
                    calc.map(|c| money::format_unit_price(c.unit_price))
                        .unwrap_or_default(),
                    plain,
                ),
                (amount(calc.map(|c| c.subtotal)), plain),
                (
                    calc.map(|c| format!("−{}%", c.discount_percentage.normalize()))
                        .unwrap_or_default(),
                    plain,
                ),
                (amount(calc.map(|c| c.discount_amount)), plain),
                (amount(calc.map(|c| c.total)), theme.title()),
                (mark.to_string(), mark_style),
            ];
            if !wide {
                cells.remove(8);
            }
            if narrow {
                cells.remove(7);
                cells.remove(4);
            }
            if selected {
                selected_at = out.len();
            }
            let row = render(cells);
            out.push(if selected {
                row.style(theme.selected())
            } else {
                row
            });
            let note = p
                .error
                .as_ref()
                .map(|e| (e.clone(), theme.error()))
                .or_else(|| match &p.server {
                    Some(ServerPrice::Unconfirmed(e)) => Some((
                        format!("not confirmed by the server ({e}); the exact figure above stands"),
                        theme.warn(),
                    )),
                    _ => None,
                });
            if let Some((text, style)) = note {
                out.push(Line::styled(
                    fit(&format!("   ↳ {text}"), lines_area.width as usize),
                    style,
                ));
            }
        }
        // Keep the selected line in view (the header row stays on top).
        let room = (lines_area.height as usize).saturating_sub(1).max(1);
        let skip = (selected_at + 2).saturating_sub(room + 1);
        let mut shown = vec![out[0].clone()];
        shown.extend(out.into_iter().skip(1 + skip).take(room));
        f.render_widget(Paragraph::new(shown), lines_area);
    }

    let totals = totals_of(&priced);
    let blocker = b.blocker_of(&priced, app.builder_needs_distributor());
    let mut foot_lines = vec![if totals.overflow {
        Line::styled(
            "Total: too large to compute — lower a quantity (the order cannot be submitted)",
            theme.error(),
        )
    } else {
        Line::from(vec![
            Span::styled("Subtotal ", theme.dim()),
            Span::raw(format!("{} €", format_amount(totals.subtotal))),
            Span::styled("   Discount ", theme.dim()),
            Span::raw(format!("{} €", format_amount(totals.discount_amount))),
            Span::styled("   Total ", theme.dim()),
            Span::styled(
                format!("{} €", format_amount(totals.total_amount)),
                theme.title(),
            ),
        ])
    }];
    if b.submitting {
        foot_lines.push(Line::styled("Submitting…", theme.dim()));
    } else if let Some(e) = &b.error {
        foot_lines.push(Line::styled(fit(e, foot.width as usize), theme.error()));
    }
    match blocker {
        Some(why) => foot_lines.push(Line::styled(
            fit(&format!("Cannot submit yet: {why}"), foot.width as usize),
            theme.warn(),
        )),
        None => foot_lines.push(Line::styled("Ready: S to submit", theme.ok())),
    }
    f.render_widget(Paragraph::new(foot_lines), foot);

    if let Some(choice) = &b.choice {
        draw_choice(f, area, choice, app, theme);
    }
}

fn draw_choice(f: &mut Frame, area: Rect, c: &Choice, app: &App, theme: &Theme) {
    let h = (c.list.len() as u16 + 4).clamp(6, area.height.saturating_sub(2).max(6));
    let rect = super::centered(area, 70, h);
    super::overlays::pick_list(f, rect, &c.list, &app.prefs.keys, &app.hits, theme);
}
