//! Views: pure functions of the app state onto a frame. They never await
//! and build rows only for what is visible.

mod builder;
mod chrome;
mod company;
pub(crate) mod contracts;
mod detail;
pub(crate) mod leads;
pub(crate) mod orders;
pub mod overlays;
pub(crate) mod partners;
pub mod theme;

use crate::app::{App, Overlay};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use theme::Theme;

/// The smallest terminal the layout works in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn draw(f: &mut Frame, app: &mut App) {
    draw_views(f, app);
    scrub(f.buffer_mut());
}

/// Text from the server is data, never terminal commands: whatever a view
/// drew, no control character or bidi override reaches the terminal.
fn scrub(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(crate::sanitize::is_hostile) {
            let clean = crate::sanitize::line(cell.symbol()).into_owned();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn draw_views(f: &mut Frame, app: &mut App) {
    let area = f.area();
    let theme = app.prefs.theme();
    app.hits.clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Terminal too small ({}×{}): tentabo needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Resize, or press q to quit.",
            area.width, area.height
        );
        f.render_widget(
            Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(f, header, app, &theme);
    crate::app::draw_tab(f, body, app, &theme);
    chrome::status_bar(f, status, app, &theme);
    for i in 0..app.overlays.len() {
        let overlay = app.overlays[i].clone();
        match overlay {
            Overlay::Help { scroll } => overlays::help(f, body, app, scroll, &theme),
            Overlay::Messages { scroll } => overlays::messages(f, body, app, scroll, &theme),
            Overlay::Palette(p) => {
                overlays::palette(f, body, &p, &app.prefs.keys, &app.hits, &theme)
            }
            Overlay::Detail(d) => detail::draw(f, body, app, &d, &theme),
            Overlay::Picker(p) => overlays::picker(f, body, &p, &app.prefs.keys, &app.hits, &theme),
            Overlay::Form(form) => overlays::form(f, body, &form, &app.prefs.keys, &theme),
            Overlay::Company(d) => company::detail(f, body, app, &d, &theme),
            Overlay::Confirm(c) => company::confirm(f, body, &c, &theme),
        }
    }
}

/// Records a table's rows (below its header line in `inner`) for clicks.
pub fn record_rows(app: &App, inner: Rect, list: crate::app::mouse::ListId, offset: usize) {
    let rows = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    app.hits.add(
        rows,
        crate::app::mouse::Hit::Rows {
            list,
            top: rows.y,
            offset,
            height: 1,
        },
    );
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Draws "Loading…", the load error, or `empty` when a list has no rows
/// to show; false when there are rows for the caller to draw.
pub fn list_placeholder<T>(
    f: &mut Frame,
    area: Rect,
    list: &crate::app::records::RecordList<T>,
    noun: &str,
    empty: &str,
    theme: &Theme,
) -> bool {
    let text = if !list.loaded {
        match &list.error {
            Some(e) => format!("Could not load {noun}: {e} — r to retry"),
            None => format!("Loading {noun}…"),
        }
    } else if list.is_empty() {
        empty.to_string()
    } else {
        return false;
    };
    empty_state(f, area, &text, theme);
    true
}

/// A one-line message in the middle of an empty view.
pub fn empty_state(f: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    let y = area.y + area.height / 2;
    let line = Line::styled(text.to_string(), theme.dim()).centered();
    f.render_widget(
        Paragraph::new(line),
        Rect {
            x: area.x,
            y,
            width: area.width,
            height: 1,
        },
    );
}
