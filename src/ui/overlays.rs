//! Help (generated from the keymap), the command palette, pickers and forms.

use super::theme::{fit, Theme};
use crate::app::form::Form;
use crate::app::keymap::{keys_label, Context, BINDINGS};
use crate::app::{App, Picker};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use tui_input::Input;

pub fn help(f: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let rect = super::centered(area, 76, area.height);
    let mut lines = Vec::new();
    let order = [app.key_context(), Context::Lists, Context::Global];
    for ctx in order.iter().chain(
        [
            Context::Leads,
            Context::Orders,
            Context::Contracts,
            Context::Partners,
            Context::Builder,
        ]
        .iter(),
    ) {
        if lines
            .iter()
            .any(|l: &Line| l.spans.first().is_some_and(|s| s.content == ctx.title()))
        {
            continue;
        }
        let rows: Vec<_> = BINDINGS.iter().filter(|b| b.context == *ctx).collect();
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
    lines.push(Line::styled(
        "Forms: Tab/↑↓ move · Enter next/save · Ctrl-S save · Ctrl-E edit in $EDITOR · Esc cancel",
        theme.dim(),
    ));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Keys ", theme.title()))
        .title_bottom(Line::styled(" j/k scroll · ? or Esc close ", theme.dim()))
        .border_style(theme.focus_border());
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

pub fn palette(f: &mut Frame, area: Rect, input: &Input, cursor: usize, theme: &Theme) {
    let matches = crate::app::palette_matches(input.value());
    let height = (matches.len() as u16 + 3).min(area.height).max(4);
    let rect = Rect {
        y: area.y + 1,
        ..super::centered(area, 60, height)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" : command ", theme.title()))
        .border_style(theme.focus_border());
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let mut lines = vec![Line::from(vec![
        Span::styled(":", theme.key()),
        Span::raw(input.value().to_string()),
    ])];
    let visible = inner.height.saturating_sub(1) as usize;
    let start = cursor.saturating_sub(visible.saturating_sub(1));
    for (i, b) in matches.iter().enumerate().skip(start).take(visible) {
        let line = Line::from(vec![
            Span::raw(format!(" {:<16}", b.name)),
            Span::styled(
                fit(b.help, inner.width.saturating_sub(30) as usize),
                theme.dim(),
            ),
            Span::styled(format!("  {}", keys_label(b)), theme.key()),
        ]);
        lines.push(if i == cursor {
            line.style(theme.selected())
        } else {
            line
        });
    }
    f.render_widget(Paragraph::new(lines), inner);
    f.set_cursor_position((inner.x + 1 + input.visual_cursor() as u16, inner.y));
}

pub fn picker(f: &mut Frame, area: Rect, p: &Picker, theme: &Theme) {
    let rect = super::centered(area, 40, p.options.len() as u16 + 2);
    // Long lists scroll to keep the cursor in view.
    let room = rect.height.saturating_sub(2).max(1) as usize;
    let first = p.cursor.saturating_sub(room - 1);
    let lines: Vec<Line> = p
        .options
        .iter()
        .enumerate()
        .skip(first)
        .map(|(i, (label, _))| {
            let l = Line::raw(format!(" {label}"));
            if i == p.cursor {
                l.style(theme.selected())
            } else {
                l
            }
        })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", p.title), theme.title()))
        .border_style(theme.focus_border());
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn form(f: &mut Frame, area: Rect, form: &Form, theme: &Theme) {
    let rows = form.fields.len() as u16 * 2 + 4;
    let rect = super::centered(area, 72, rows);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", form.title), theme.title()))
        .title_bottom(Line::styled(
            if form.submitting {
                " saving… "
            } else {
                " Enter next/save · Ctrl-S save · Ctrl-E $EDITOR · Esc cancel "
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
