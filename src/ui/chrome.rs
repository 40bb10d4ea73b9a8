//! The header (tabs, backend, user, spinner) and the status bar (filter
//! input, last notice or error, key hints).

use super::theme::{fit, Theme};
use crate::app::keymap::{first_key, Action, Context};
use crate::app::{App, Tab};
use crate::backend::BackendKind;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn header(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = vec![Span::styled(" tentabo ", theme.title())];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        spans.push(if *tab == app.tab {
            Span::styled(label, theme.selected())
        } else {
            Span::raw(label)
        });
    }
    let left_width: usize = spans.iter().map(|s| s.content.chars().count()).sum();

    let mut right = Vec::new();
    if app.pending() > 0 {
        right.push(Span::styled(
            format!("{} ", SPINNER[app.requests.spinner % SPINNER.len()]),
            theme.warn(),
        ));
    }
    if app.session.kind == BackendKind::Demo {
        right.push(Span::styled(" DEMO ", theme.badge()));
        right.push(Span::raw(" "));
    } else {
        right.push(Span::styled(
            format!("{} ", app.session.kind.label()),
            theme.dim(),
        ));
    }
    let who = match &app.session.me {
        Some(me) => format!("{} · {} ", me.display_name(), me.role_label()),
        None => "signing in… ".to_string(),
    };
    let room = (area.width as usize).saturating_sub(left_width + 12);
    right.push(Span::raw(fit(&who, room)));
    let right_width: usize = right.iter().map(|s| s.content.chars().count()).sum();
    let gap = (area.width as usize).saturating_sub(left_width + right_width);
    if gap > 0 {
        spans.push(Span::raw(" ".repeat(gap)));
        spans.extend(right);
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn status_bar(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = area.width as usize;
    if app.filter_bar.active {
        let text = app.filter_bar.input.value();
        let line = Line::from(vec![
            Span::styled("/", theme.key()),
            Span::raw(text.to_string()),
            Span::styled("▏", theme.key()),
            Span::styled("  Enter keep · Esc clear", theme.dim()),
        ]);
        f.render_widget(Paragraph::new(line), area);
        let x = area.x + 1 + app.filter_bar.input.visual_cursor() as u16;
        f.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    let hints = hints(app);
    let hint_text: String = hints.iter().map(|(k, d)| format!("{k} {d}  ")).collect();
    let mut spans = Vec::new();
    let filter = app.current_filter();
    if !filter.is_empty() {
        spans.push(Span::styled(format!("/{filter} "), theme.key()));
    }
    if app.tab == Tab::Leads {
        let l = &app.leads;
        let mut scope = Vec::new();
        if l.mine_only {
            scope.push("mine".to_string());
        }
        if let Some(p) = l.partner_scope {
            scope.push(app.names.partner(Some(p)));
        }
        if let Some(o) = l.owner_scope {
            scope.push(format!("@{}", app.names.user(o)));
        }
        if !l.marked.is_empty() {
            scope.push(format!("{} marked", l.marked.len()));
        }
        if !scope.is_empty() {
            spans.push(Span::styled(
                format!("[{}] ", scope.join(" · ")),
                theme.key(),
            ));
        }
    }

    if let Some(s) = &app.status {
        // The message comes first (a quote link, a refusal's reason); key
        // hints fill what it leaves, and `?` is always there for the rest.
        let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
        let wanted = s.text.chars().count();
        let hints_room = hint_text.chars().count().min(width / 2);
        let room = if wanted + hints_room < width.saturating_sub(used + 1) {
            wanted
        } else {
            width.saturating_sub(used + 10)
        };
        spans.push(Span::styled(
            fit(&s.text, room),
            if s.error { theme.error() } else { theme.ok() },
        ));
    }
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let room = width.saturating_sub(used + 1);
    if room > 8 {
        let mut hint_spans = Vec::new();
        let mut taken = 0;
        for (k, d) in hints {
            let w = k.chars().count() + d.chars().count() + 3;
            if taken + w > room {
                break;
            }
            taken += w;
            hint_spans.push(Span::styled(k, theme.key()));
            hint_spans.push(Span::styled(format!(" {d}  "), theme.dim()));
        }
        spans.push(Span::raw(" ".repeat(room.saturating_sub(taken) + 1)));
        spans.extend(hint_spans);
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The most useful keys for where the user is.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let ctx = app.key_context();
    let key = |a: Action| first_key(ctx, a).unwrap_or_default();
    let mut h = vec![(key(Action::Help), "help"), (key(Action::Filter), "filter")];
    match app.tab {
        Tab::Leads => {
            h.push((key(Action::Open), "open"));
            h.push(("H/L".into(), "move"));
            h.push((key(Action::NewLead), "new"));
            h.push((key(Action::ToggleView), "view"));
        }
        Tab::Contracts => {
            h.push((key(Action::Open), "open"));
            h.push((
                first_key(Context::Contracts, Action::QuickView).unwrap_or_default(),
                "quick view",
            ));
            h.push((key(Action::CycleSort), "sort"));
        }
        Tab::Orders if ctx == Context::Builder => {
            h.push((key(Action::AddLine), "add line"));
            h.push((key(Action::EditQuantity), "quantity"));
            h.push((key(Action::Undo), "undo"));
            h.push((key(Action::SubmitOrder), "submit"));
        }
        Tab::Orders => {
            h.push((key(Action::Open), "open"));
            h.push((key(Action::NewOrder), "new"));
            h.push((key(Action::ChangeStatus), "status"));
            h.push((key(Action::CycleSort), "sort"));
        }
        Tab::Partners => {
            h.push(("[ ]".into(), "pane"));
            h.push((key(Action::Open), "open"));
            h.push((key(Action::NewCompany), "new"));
            h.push((key(Action::LinkCompany), "link"));
            h.push((key(Action::ShowUsers), "users"));
            h.push((key(Action::JumpTo), "jump"));
        }
    }
    h.push((key(Action::Palette), "commands"));
    h.push((key(Action::Quit), "quit"));
    h
}
