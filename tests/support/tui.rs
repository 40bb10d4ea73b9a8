//! Helpers to drive the App in-process and draw it on ratatui's TestBackend.
#![allow(dead_code)]

use chrono::TimeZone;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::Arc;
use tentabo::app::requests::Reply;
use tentabo::app::App;
use tentabo::backend::demo::{DemoBackend, SeedSize};
use tentabo::domain::Timestamp;
use tokio::sync::mpsc::UnboundedReceiver;

pub fn fixed_now() -> Timestamp {
    chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

pub struct Harness {
    pub app: App,
    pub rx: UnboundedReceiver<Reply>,
}

impl Harness {
    /// A demo app on a fixed clock, fully loaded.
    pub async fn demo(user: Option<&str>, leads: usize) -> Harness {
        let size = SeedSize {
            leads,
            ..SeedSize::default()
        };
        let backend = DemoBackend::new_at(fixed_now(), size, user).expect("demo backend");
        let (mut app, rx) = App::new(Arc::new(backend));
        app.now = fixed_now();
        app.prefs.color = false;
        let mut h = Harness { app, rx };
        h.app.load_all();
        h.settle().await;
        h
    }

    /// An app on any backend (the fake API server, PostgreSQL), fully loaded.
    pub async fn with_backend(backend: tentabo::backend::SharedBackend) -> Harness {
        let (mut app, rx) = App::new(backend);
        app.now = fixed_now();
        app.prefs.color = false;
        let mut h = Harness { app, rx };
        h.app.load_all();
        h.settle().await;
        h
    }

    pub fn ctrl(&mut self, c: char) {
        self.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    /// Applies task results until nothing is pending.
    pub async fn settle(&mut self) {
        while self.app.pending() > 0 {
            let msg = tokio::time::timeout(std::time::Duration::from_secs(10), self.rx.recv())
                .await
                .expect("a background task did not report within 10s")
                .expect("channel closed");
            self.app.handle_msg(msg);
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    pub fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Draws the app and returns the screen as text, one line per row.
    pub fn screen(&mut self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| tentabo::ui::draw(f, &mut self.app))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..height {
            let mut line = String::new();
            for x in 0..width {
                line.push_str(buffer[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

impl Harness {
    /// An app on any backend (API, PostgreSQL), on a fixed clock, fully loaded.
    pub async fn on(backend: tentabo::backend::SharedBackend) -> Harness {
        let (mut app, rx) = App::new(backend);
        app.now = fixed_now();
        app.prefs.color = false;
        let mut h = Harness { app, rx };
        h.app.load_all();
        h.settle().await;
        h
    }
}

impl Harness {
    /// Draws the app and returns the screen with its styles: the text, then
    /// one line per run of equally styled cells that are not plain, e.g.
    /// `y=2 x=0..24 fg=White bg=Blue +BOLD`. A lost selection or focus
    /// highlight changes this even when the characters do not.
    pub fn styled_screen(&mut self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| tentabo::ui::draw(f, &mut self.app))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let mut text = String::new();
        let mut styles = String::new();
        for y in 0..height {
            let mut line = String::new();
            let mut run: Option<(u16, String)> = None;
            for x in 0..=width {
                let style = (x < width).then(|| {
                    let c = &buffer[(x, y)];
                    line.push_str(c.symbol());
                    describe(c.fg, c.bg, c.modifier)
                });
                let same = matches!((&run, &style), (Some((_, a)), Some(b)) if a == b);
                if !same {
                    if let Some((start, s)) = run.take() {
                        if !s.is_empty() {
                            styles.push_str(&format!("y={y} x={start}..{x} {s}\n"));
                        }
                    }
                    run = style.map(|s| (x, s));
                }
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        format!("{text}--- styles ---\n{styles}")
    }
}

fn describe(
    fg: ratatui::style::Color,
    bg: ratatui::style::Color,
    m: ratatui::style::Modifier,
) -> String {
    use ratatui::style::Color;
    let mut parts = Vec::new();
    if fg != Color::Reset {
        parts.push(format!("fg={fg:?}"));
    }
    if bg != Color::Reset {
        parts.push(format!("bg={bg:?}"));
    }
    if !m.is_empty() {
        parts.push(format!("+{m:?}"));
    }
    parts.join(" ")
}
