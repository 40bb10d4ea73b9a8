//! Help (generated from the keymap), the command palette, pickers and forms.

use super::theme::{fit, Theme};
use crate::app::form::Form;
use crate::app::keymap::{keys_label, Action, Context, Keymap};
use crate::app::mouse::{Hit, Hits};
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
        let keys = &app.prefs.keys;
        let rows: Vec<_> = keys
            .bindings()
            .iter()
            .filter(|b| b.context == ctx)
            .collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::styled(ctx.title(), theme.title()));
        for b in rows {
            // The undo keys say what they would undo now.
            let help = match b.action {
                Action::UndoWrite => app.undo_hint(),
                Action::RedoWrite => app.redo_hint(),
                _ => b.help.to_string(),
            };
            // What cannot work for this backend or user: dimmed, with why.
            match app.cannot(b.action, b.context) {
                Some(why) => {
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {:<18}", keys_label(b)), theme.dim()),
                        Span::styled(help, theme.dim()),
                    ]));
                    lines.push(Line::styled(
                        format!("  {:<18}↳ not here: {why}", ""),
                        theme.dim(),
                    ));
                }
                None => lines.push(Line::from(vec![
                    Span::styled(format!("  {:<18}", keys_label(b)), theme.key()),
                    Span::raw(help),
                ])),
            }
        }
        lines.push(Line::raw(""));
    }
    let hint = super::chrome::hint_line(
        &app.prefs.keys,
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
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}

/// `!`: every message of the session, whole and wrapped, newest first.
pub fn messages(f: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let rect = super::centered(area, area.width.saturating_sub(4).max(20), area.height);
    let mut lines = Vec::new();
    for m in app.messages.iter().rev() {
        let style = if m.error { theme.error() } else { theme.ok() };
        let mut first = true;
        for text in m.text.lines() {
            let stamp = if first {
                m.at.with_timezone(&chrono::Local)
                    .format("%H:%M:%S ")
                    .to_string()
            } else {
                " ".repeat(9)
            };
            first = false;
            lines.push(Line::from(vec![
                Span::styled(stamp, theme.dim()),
                Span::styled(text.to_string(), style),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("No messages yet", theme.dim()));
    }
    let hint = super::chrome::hint_line(
        &app.prefs.keys,
        Context::Help,
        &[Action::Down, Action::Close],
        rect.width.saturating_sub(4) as usize,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Messages, newest first ", theme.title()))
        .title_bottom(Line::styled(format!(" {hint} "), theme.dim()))
        .border_style(theme.focus_border());
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}

pub fn palette(f: &mut Frame, area: Rect, p: &Palette, keys: &Keymap, hits: &Hits, theme: &Theme) {
    let rect = Rect {
        y: area.y + 1,
        ..super::centered(area, 76, (p.list.len() as u16 + 4).max(6))
    };
    pick_list(f, rect, &p.list, keys, hits, theme);
}

pub fn picker(f: &mut Frame, area: Rect, p: &Picker, keys: &Keymap, hits: &Hits, theme: &Theme) {
    let extra = if p.list.typing { 4 } else { 3 };
    // Wide enough for the labels (and the title), within the screen.
    let want = (p.list.widest().max(p.list.title.chars().count()) + 6).clamp(48, 110);
    let rect = super::centered(area, want as u16, p.list.len() as u16 + extra);
    pick_list(f, rect, &p.list, keys, hits, theme);
}

/// Draws any pick list (pickers, the builder's choices, the palette) in
/// `rect`: the query line while narrowing, the rows with the cursor kept in
/// view, dimmed rows with their reason, and the keys from the keymap.
pub fn pick_list<T: Clone>(
    f: &mut Frame,
    rect: Rect,
    list: &PickList<T>,
    keys: &Keymap,
    hits: &Hits,
    theme: &Theme,
) {
    let ctx = list.context();
    let hint = super::chrome::hint_line(
        keys,
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
    let top = inner.y + lines.len() as u16;
    let rows = Rect {
        y: top,
        height: inner.bottom().saturating_sub(top),
        ..inner
    };
    hits.add(rows, Hit::Pick { top, start });
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

pub fn form(f: &mut Frame, area: Rect, form: &Form, keys: &Keymap, theme: &Theme) {
    // The form's message is shown whole, on as many lines as it needs.
    let err_h = form.error.as_deref().map_or(1, |e| wrapped_height(e, 64));
    let rows = form.fields.len() as u16 * 2 + 3 + err_h;
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
                        keys,
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
    // Never less than one field, however long the message.
    let err_h = err_h.min(inner.height.saturating_sub(2));
    let fields_bottom = inner.bottom().saturating_sub(err_h);
    let room = (inner.height.saturating_sub(err_h) / 2).max(1) as usize;
    let first = form.focus.saturating_sub(room - 1);
    for (i, field) in form.fields.iter().enumerate().skip(first) {
        if y >= fields_bottom {
            break;
        }
        let focused = i == form.focus;
        let scroll = field
            .input
            .visual_scroll(field_w.saturating_sub(1) as usize);
        let value: String = if field.secret {
            "•".repeat(field.input.value().chars().count().saturating_sub(scroll))
        } else if field.choice.is_some() {
            form.shown(i)
        } else {
            field.input.value().chars().skip(scroll).collect()
        };
        let empty = value.is_empty();
        let shown = match &field.choice {
            // A list field says how to change it, or why it cannot be.
            Some(c) if focused => match &c.fixed {
                Some(why) => format!("{value}  · {why}"),
                None if empty => format!("{}  ▾ Enter to choose", field.hint),
                None => format!("{value}  ▾ Enter to choose"),
            },
            _ if empty && !focused => field.hint.to_string(),
            _ => value,
        };
        let line = Line::from(vec![
            Span::styled(
                format!("{:<w$}", field.label, w = label_w as usize),
                if focused { theme.key() } else { theme.dim() },
            ),
            Span::styled(
                fit(&shown, field_w as usize),
                if empty && !focused {
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
        if focused && field.choice.is_none() {
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
    if let Some(list) = &form.pick {
        let want = (list.widest().max(list.title.chars().count()) + 6).clamp(40, 90);
        let extra = if list.typing { 4 } else { 3 };
        let r = super::centered(area, want as u16, list.len() as u16 + extra);
        // Not for the mouse: its clicks go to pickers on top of the stack.
        pick_list(f, r, list, keys, &crate::app::mouse::Hits::default(), theme);
        return;
    }
    if let Some(err) = &form.error {
        let r = Rect {
            x: inner.x,
            y: fields_bottom,
            width: inner.width,
            height: err_h,
        };
        let lines: Vec<Line> = err
            .lines()
            .map(|l| Line::styled(l.to_string(), theme.error()))
            .collect();
        f.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            r,
        );
    }
}

/// Rows `text` takes wrapped at `width` columns (at least one).
fn wrapped_height(text: &str, width: usize) -> u16 {
    let rows: usize = text
        .lines()
        .map(|l| l.chars().count().div_ceil(width.max(1)).max(1))
        .sum();
    rows.clamp(1, 200) as u16
}
