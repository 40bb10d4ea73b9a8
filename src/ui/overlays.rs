//! Help (generated from the keymap), the command palette, pickers and forms.

use super::theme::{fit, Theme};
use crate::app::form::Form;
use crate::app::keymap::{keys_label, Action, Context, BINDINGS};
use crate::app::palette::Palette;
use crate::app::pick::PickList;
use crate::app::{App, Picker};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

pub fn help(f: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let rect = super::centered(area, 76, area.height);
    let mut lines = Vec::new();
    // Where the user was when `?` opened (the overlay under the help, or
    // the tab) comes first, then every other context.
    let here = app
        .overlays
        .iter()
        .rev()
        .find(|o| !matches!(o, crate::app::Overlay::Help { .. }))
        .map(|o| o.context())
        .unwrap_or_else(|| app.tab_context());
    let mut order: Vec<Context> = here.chain().to_vec();
    order.extend(Context::ALL.iter().filter(|c| !here.chain().contains(c)));
    for ctx in order {
        let rows: Vec<_> = BINDINGS.iter().filter(|b| b.context == ctx).collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::styled(ctx.title(), theme.title()));
        for b in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys_label(b)), theme.key()),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let hint = super::chrome::hint_line(
        Context::Help,
        &[Action::Down, Action::Close],
        rect.width.saturating_sub(4) as usize,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Keys ", theme.title()))
        .title_bottom(Line::styled(format!(" {hint} "), theme.dim()))
        .border_style(theme.focus_border());
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

pub fn palette(f: &mut Frame, area: Rect, p: &Palette, theme: &Theme) {
    let rect = Rect {
        y: area.y + 1,
        ..super::centered(area, 76, (p.list.len() as u16 + 4).max(6))
    };
    pick_list(f, rect, &p.list, theme);
}

pub fn picker(f: &mut Frame, area: Rect, p: &Picker, theme: &Theme) {
    let extra = if p.list.typing { 4 } else { 3 };
    // Wide enough for the labels (and the title), within the screen.
    let want = (p.list.widest().max(p.list.title.chars().count()) + 6).clamp(48, 110);
    let rect = super::centered(area, want as u16, p.list.len() as u16 + extra);
    pick_list(f, rect, &p.list, theme);
}

/// Draws any pick list (pickers, the builder's choices, the palette) in
/// `rect`: the query line while narrowing, the rows with the cursor kept in
/// view, dimmed rows with their reason, and the keys from the keymap.
pub fn pick_list<T: Clone>(f: &mut Frame, rect: Rect, list: &PickList<T>, theme: &Theme) {
    let ctx = list.context();
    let hint = super::chrome::hint_line(
        ctx,
        &[
            Action::Choose,
            Action::Close,
            Action::Filter,
            Action::Bottom,
        ],
        rect.width.saturating_sub(4) as usize,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", list.title), theme.title()))
        .title_bottom(Line::styled(format!(" {hint} "), theme.dim()))
        .border_style(theme.focus_border());
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let mut lines = Vec::new();
    if list.typing {
        lines.push(Line::from(vec![
            Span::styled("› ", theme.key()),
            Span::raw(list.query.value().to_string()),
        ]));
    }
    let width = (inner.width as usize).saturating_sub(1);
    let room = (inner.height as usize).saturating_sub(lines.len()).max(1);
    let start = list.cursor.saturating_sub(room - 1);
    for (i, item) in list.rows(start, room).enumerate() {
        let selected = start + i == list.cursor;
        let marker = if selected { "›" } else { " " };
        let line = match &item.disabled {
            // Dimmed: the label says why (the palette puts it there).
            Some(_) => Line::from(vec![
                Span::raw(marker),
                Span::styled(fit(&item.label, width), theme.dim()),
            ]),
            None => Line::raw(format!("{marker}{}", fit(&item.label, width))),
        };
        lines.push(if selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    if list.is_empty() {
        lines.push(Line::styled(" nothing matches", theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), inner);
    if list.typing {
        let x = inner.x + 2 + list.query.visual_cursor() as u16;
        f.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
    }
}

pub fn form(f: &mut Frame, area: Rect, form: &Form, theme: &Theme) {
    let rows = form.fields.len() as u16 * 2 + 4;
    let rect = super::centered(area, 72, rows);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", form.title), theme.title()))
        .title_bottom(Line::styled(
            if form.submitting {
                " saving… (Esc leaves; the result is told below) ".to_string()
            } else {
                format!(
                    " {} ",
                    super::chrome::hint_line(
                        Context::Form,
                        &[
                            Action::Save,
                            Action::Close,
                            Action::EnterField,
                            Action::ExternalEdit,
                        ],
                        rect.width.saturating_sub(4) as usize,
                    )
                )
            },
            theme.dim(),
        ))
        .border_style(theme.focus_border());
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let label_w = 15u16;
    let field_w = inner.width.saturating_sub(label_w + 1);
    let mut y = inner.y;
    // Long forms on short terminals scroll to keep the focused field in view.
    let room = (inner.height.saturating_sub(1) / 2).max(1) as usize;
    let first = form.focus.saturating_sub(room - 1);
    for (i, field) in form.fields.iter().enumerate().skip(first) {
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let scroll = field
            .input
            .visual_scroll(field_w.saturating_sub(1) as usize);
        let value: String = if field.secret {
            "•".repeat(field.input.value().chars().count().saturating_sub(scroll))
        } else {
            field.input.value().chars().skip(scroll).collect()
        };
        let shown = if value.is_empty() && !focused {
            field.hint.to_string()
        } else {
            value
        };
        let line = Line::from(vec![
            Span::styled(
                format!("{:<w$}", field.label, w = label_w as usize),
                if focused { theme.key() } else { theme.dim() },
            ),
            Span::styled(
                fit(&shown, field_w as usize),
                if field.input.value().is_empty() && !focused {
                    theme.dim()
                } else {
                    ratatui::style::Style::default()
                },
            ),
        ]);
        f.render_widget(
            Paragraph::new(line),
            Rect {
                x: inner.x,
                y,
                width: inner.width,
                height: 1,
            },
        );
        if focused {
            let x = inner.x + label_w + (field.input.visual_cursor().saturating_sub(scroll)) as u16;
            f.set_cursor_position((x.min(inner.right().saturating_sub(1)), y));
        }
        if let Some(err) = &field.error {
            let msg = Line::styled(
                format!("{:<w$}↳ {err}", "", w = label_w as usize),
                theme.error(),
            );
            f.render_widget(
                Paragraph::new(msg),
                Rect {
                    x: inner.x,
                    y: y + 1,
                    width: inner.width,
                    height: 1,
                },
            );
        }
        y += 2;
    }
    if let Some(err) = &form.error {
        let r = Rect {
            x: inner.x,
            y: inner.bottom().saturating_sub(1),
            width: inner.width,
            height: 1,
        };
        f.render_widget(
            Paragraph::new(Line::styled(fit(err, inner.width as usize), theme.error())),
            r,
        );
    }
}
