//! The header (tabs, backend, user, spinner) and the status bar (filter
//! input, last notice or error, key hints).

use super::theme::{fit, Theme};
use crate::app::keymap::{key_label, Action, Context, Keymap};
use crate::app::mouse::Hit;
use crate::app::{App, Detail, Overlay, Tab};
use crate::backend::BackendKind;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// After a message cut to fit the status bar.
const MORE: &str = " (! whole)";

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn header(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = vec![Span::styled(" tentabo ", theme.title())];
    let mut x = area.x + 9;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        let width = label.chars().count() as u16;
        let title = Rect {
            x,
            width: width.min(area.right().saturating_sub(x)),
            height: 1,
            ..area
        };
        app.hits.add(title, Hit::Tab(*tab));
        x = x.saturating_add(width);
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
            Span::styled(
                format!(
                    "  {}",
                    hint_line(
                        &app.prefs.keys,
                        Context::FilterBar,
                        &[Action::KeepFilter, Action::ClearFilter],
                        width / 2
                    )
                ),
                theme.dim(),
            ),
        ]);
        f.render_widget(Paragraph::new(line), area);
        let x = area.x + 1 + app.filter_bar.input.visual_cursor() as u16;
        f.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    let hints = hints(app);
    let hint_text: String = hints.iter().map(|(k, d, _)| format!("{k} {d}  ")).collect();
    let mut spans = Vec::new();
    let filter = app.current_filter();
    if !filter.is_empty() {
        spans.push(Span::styled(format!("/{filter} "), theme.key()));
    }
    if let Some(badge) = app.current().badge(&app.names) {
        spans.push(Span::styled(format!("[{badge}] "), theme.key()));
    }

    if let Some(s) = app.status_here() {
        // The message comes first (a quote link, a refusal's reason); key
        // hints fill what it leaves, and `?` is always there for the rest.
        let text = crate::app::messages::one_line(&s.text);
        let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
        let wanted = text.chars().count();
        let hints_room = hint_text.chars().count().min(width / 2);
        let room = if wanted + hints_room < width.saturating_sub(used + 1) {
            wanted
        } else {
            width.saturating_sub(used + 10)
        };
        let style = if s.error { theme.error() } else { theme.ok() };
        if wanted > room {
            // Cut: the rest is one key away.
            let more = MORE;
            spans.push(Span::styled(
                fit(&text, room.saturating_sub(more.chars().count())),
                style,
            ));
            spans.push(Span::styled(more, theme.key()));
        } else {
            spans.push(Span::styled(text, style));
        }
    }
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let room = width.saturating_sub(used + 1);
    if room > 8 {
        let mut hint_spans = Vec::new();
        let mut taken = 0;
        for (k, d, off) in hints {
            let w = k.chars().count() + d.chars().count() + 3;
            if taken + w > room {
                break;
            }
            taken += w;
            // What cannot work here is dimmed (the palette says why).
            hint_spans.push(Span::styled(k, if off { theme.dim() } else { theme.key() }));
            hint_spans.push(Span::styled(format!(" {d}  "), theme.dim()));
        }
        spans.push(Span::raw(" ".repeat(room.saturating_sub(taken) + 1)));
        spans.extend(hint_spans);
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The most useful keys for where the user is, most important first, and
/// whether each cannot work here.
fn hints(app: &App) -> Vec<(String, &'static str, bool)> {
    let ctx = app.key_context();
    let actions: Vec<Action> = match app.overlays.last() {
        Some(o) => overlay_actions(o),
        None => {
            // The tab's first hints, then the way to every other key.
            let tab = app.current().hints();
            let mut v = vec![Action::Help, Action::Filter];
            v.extend_from_slice(&tab[..tab.len().min(4)]);
            v.extend([Action::Palette, Action::Quit]);
            v.extend_from_slice(&tab[tab.len().min(4)..]);
            v
        }
    };
    let keys = &app.prefs.keys;
    actions
        .iter()
        .filter_map(|a| keys.binding_of(ctx, *a).map(|b| (a, b)))
        .filter_map(|(a, b)| {
            let off = app.cannot_here(*a).is_some()
                || (app.overlays.is_empty() && app.current().unavailable(*a).is_some());
            Some((key_label(b.keys.first()?), b.short, off))
        })
        .collect()
}

/// The actions worth showing for an overlay, most important first.
pub fn overlay_actions(o: &Overlay) -> Vec<Action> {
    match o {
        Overlay::Detail(d) => {
            let mut v = vec![Action::Close, Action::Down, Action::AddNote];
            v.extend_from_slice(match d {
                Detail::Lead { .. } => &[Action::AddActivity][..],
                Detail::Order { .. } => &[Action::ChangeStatus, Action::Activate, Action::Quote],
                Detail::Contract { .. } => &[Action::ChangeStatus],
            });
            v.extend([Action::Refresh, Action::Help]);
            v
        }
        Overlay::Company(_) => vec![
            Action::Close,
            Action::Down,
            Action::EditCompany,
            Action::ToggleActive,
            Action::LinkCompany,
            Action::UnlinkCompany,
            Action::ShowUsers,
            Action::JumpTo,
            Action::Help,
        ],
        Overlay::Form(_) => vec![
            Action::Save,
            Action::Close,
            Action::EnterField,
            Action::ExternalEdit,
        ],
        Overlay::Picker(_) | Overlay::Palette(_) => {
            vec![
                Action::Choose,
                Action::Close,
                Action::Filter,
                Action::Bottom,
            ]
        }
        Overlay::Confirm(_) => vec![Action::Yes, Action::No],
        Overlay::Help { .. } | Overlay::Messages { .. } => vec![Action::Close, Action::Down],
    }
}

/// (key, word) for each action that has a key in `ctx`, in the given order.
pub fn hint_pairs(keys: &Keymap, ctx: Context, actions: &[Action]) -> Vec<(String, &'static str)> {
    actions
        .iter()
        .filter_map(|a| keys.binding_of(ctx, *a))
        .filter_map(|b| Some((key_label(b.keys.first()?), b.short)))
        .collect()
}

/// The hints of `actions` in `ctx` as one line of at most `width`
/// characters: the least important (last) hints are dropped first, and
/// none is ever cut.
pub fn hint_line(keys: &Keymap, ctx: Context, actions: &[Action], width: usize) -> String {
    let mut out = String::new();
    for (k, d) in hint_pairs(keys, ctx, actions) {
        let item = format!("{k} {d}");
        let need = item.chars().count() + if out.is_empty() { 0 } else { 3 };
        if out.chars().count() + need > width {
            break;
        }
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(&item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_drop_whole_items_from_the_end_never_cut_one() {
        let actions = [Action::Save, Action::Close, Action::EnterField];
        let keys = Keymap::default();
        let full = hint_line(&keys, Context::Form, &actions, 200);
        assert_eq!(full, "Ctrl-S save · Esc cancel · Enter next/save");
        for width in 0..full.chars().count() {
            let line = hint_line(&keys, Context::Form, &actions, width);
            assert!(line.chars().count() <= width, "{line:?} in {width}");
            assert!(full.starts_with(&line), "{line:?}");
            assert!(line.is_empty() || line.ends_with("save") || line.ends_with("cancel"));
        }
    }
}
