//! Performance benchmark (not a test): `cargo run --release --example bench`.
//!
//! Measures, on the demo backend: start-up to the first data frame, frame
//! render time, filter keystroke to frame and card move to frame with
//! 100,000 leads, RSS with 100,000 leads, and quick-view switching and
//! sorting with 50,000 contracts, and a keystroke in the order builder.
//! Prints medians and 95th percentiles.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tentabo::app::keymap::Action;
use tentabo::app::requests::Reply;
use tentabo::app::{App, Tab};
use tentabo::backend::demo::{DemoBackend, SeedSize};
use tokio::sync::mpsc::UnboundedReceiver;

struct Stats(Vec<Duration>);

impl Stats {
    fn report(mut self, what: &str, budget_ms: Option<f64>) {
        self.0.sort();
        let p = |q: f64| self.0[((self.0.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
        let budget = budget_ms
            .map(|b| format!("  (budget {b} ms)"))
            .unwrap_or_default();
        println!(
            "{what:<52} median {:>8.3} ms   p95 {:>8.3} ms   n={}{budget}",
            p(0.5),
            p(0.95),
            self.0.len()
        );
    }
}

async fn settle(app: &mut App, rx: &mut UnboundedReceiver<Reply>) {
    while app.pending() > 0 {
        let msg = rx.recv().await.expect("channel");
        app.handle_msg(msg);
    }
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn draw(term: &mut Terminal<TestBackend>, app: &mut App) {
    term.draw(|f| tentabo::ui::draw(f, app)).unwrap();
}

async fn app_with(size: SeedSize) -> (App, UnboundedReceiver<Reply>) {
    let backend = DemoBackend::new(size, None).unwrap();
    let (mut app, mut rx) = App::new(Arc::new(backend));
    app.load_all();
    settle(&mut app, &mut rx).await;
    (app, rx)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    println!("tentabo benchmark (release build, demo backend, TestBackend 160x45)\n");

    // Start-up: the binary, from exec to exit, seeding 300 leads and printing whoami.
    let bin = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("tentabo");
    if bin.exists() {
        let mut runs = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let out = std::process::Command::new(&bin)
                .args(["--demo", "whoami"])
                .env("XDG_CONFIG_HOME", "/nonexistent")
                .output()
                .unwrap();
            assert!(out.status.success());
            runs.push(t.elapsed());
        }
        Stats(runs).report("process start → exit (`tentabo --demo whoami`)", None);
    }

    // RSS of the real TUI with 100,000 demo leads, read from /proc once the
    // board shows them (tmux gives it a terminal).
    if bin.exists()
        && std::process::Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok()
    {
        let session = format!("tentabo-bench-{}", std::process::id());
        let cmd = format!(
            "env XDG_CONFIG_HOME=/nonexistent {} --demo --demo-leads 100000",
            bin.display()
        );
        std::process::Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                "160",
                "-y",
                "45",
                &cmd,
            ])
            .status()
            .unwrap();
        let started = Instant::now();
        let mut shown = None;
        while started.elapsed() < Duration::from_secs(30) {
            let screen = std::process::Command::new("tmux")
                .args(["capture-pane", "-p", "-t", &session])
                .output()
                .unwrap();
            if String::from_utf8_lossy(&screen.stdout).contains("Demo User")
                && String::from_utf8_lossy(&screen.stdout).contains("┌New ")
            {
                shown = Some(started.elapsed());
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(500));
        let pid = std::process::Command::new("tmux")
            .args(["display-message", "-p", "-t", &session, "#{pane_pid}"])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&pid.stdout).trim().to_string();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let rss = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .unwrap_or("VmRSS: ? kB")
            .to_string();
        let _ = std::process::Command::new("tmux")
            .args(["kill-session", "-t", &session])
            .status();
        if let Some(t) = shown {
            println!(
                "{:<52} {:>8.1} ms",
                "TUI start → 100,000-lead board on screen (tmux)",
                t.as_secs_f64() * 1000.0
            );
        }
        println!(
            "{:<52} {:>8} (budget 150 MB)",
            "RSS of the TUI with 100,000 leads",
            rss.trim_start_matches("VmRSS:").trim()
        );
    }

    // Start-up in process: seed, app, load everything, first data frame.
    let mut runs = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let (mut app, _rx) = app_with(SeedSize::default()).await;
        let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
        draw(&mut term, &mut app);
        runs.push(t.elapsed());
    }
    Stats(runs).report("start → first data frame (300 leads)", Some(100.0));

    // 100,000 leads.
    let rss_before = rss_mb();
    let t = Instant::now();
    let size = SeedSize {
        leads: 100_000,
        orders: 120,
        contracts: 80,
    };
    let (mut app, mut rx) = app_with(size).await;
    println!(
        "{:<52} {:>8.1} ms",
        "seed + load 100,000 leads",
        t.elapsed().as_secs_f64() * 1000.0
    );
    println!(
        "{:<52} {:>8.1} MB (before: {rss_before:.1} MB)",
        "RSS with 100,000 leads loaded",
        rss_mb()
    );

    let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let mut runs = Vec::new();
    for i in 0..300 {
        app.leads.cursors[app.leads.col].selected = i % 50;
        let t = Instant::now();
        draw(&mut term, &mut app);
        runs.push(t.elapsed());
    }
    Stats(runs).report("Leads board frame render, 100k leads", Some(5.0));

    app.act(Action::ToggleView);
    let mut runs = Vec::new();
    for i in 0..300 {
        app.leads.table_cursor.selected = i * 97 % 90_000;
        let t = Instant::now();
        draw(&mut term, &mut app);
        runs.push(t.elapsed());
    }
    Stats(runs).report("Leads table frame render, 100k leads", Some(5.0));
    app.act(Action::ToggleView);

    // Filter: a keystroke to the next frame (typing narrows; backspace widens).
    let mut narrow = Vec::new();
    let mut widen = Vec::new();
    for _ in 0..5 {
        app.act(Action::Filter);
        for c in "acme ind".chars() {
            let t = Instant::now();
            app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            draw(&mut term, &mut app);
            narrow.push(t.elapsed());
        }
        for _ in 0..8 {
            let t = Instant::now();
            app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            draw(&mut term, &mut app);
            widen.push(t.elapsed());
        }
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }
    Stats(narrow).report("filter keystroke → frame (typing), 100k leads", Some(16.0));
    Stats(widen).report(
        "filter keystroke → frame (backspace), 100k leads",
        Some(16.0),
    );

    // Moving a card: optimistic update to the next frame.
    let mut runs = Vec::new();
    for i in 0..100 {
        app.leads.col = i % 5;
        app.leads.cursors[app.leads.col].selected = 0;
        let t = Instant::now();
        app.act(Action::MoveNext);
        draw(&mut term, &mut app);
        runs.push(t.elapsed());
        settle(&mut app, &mut rx).await;
    }
    Stats(runs).report("move card → frame, 100k leads", Some(5.0));
    drop(app);

    // 50,000 contracts: quick views and sorting.
    let size = SeedSize {
        leads: 300,
        orders: 120,
        contracts: 50_000,
    };
    let (mut app, _rx) = app_with(size).await;
    app.tab = Tab::Contracts;
    // What the run loop does while idle after a load.
    while app.warm_caches() {}

    let mut views = Vec::new();
    let mut sorts = Vec::new();
    for _ in 0..16 {
        let t = Instant::now();
        app.act(Action::QuickView);
        draw(&mut term, &mut app);
        views.push(t.elapsed());
        let t = Instant::now();
        app.act(Action::CycleSort);
        draw(&mut term, &mut app);
        sorts.push(t.elapsed());
    }
    Stats(views).report("contracts quick view → frame, 50k contracts", Some(16.0));
    Stats(sorts).report("contracts sort → frame, 50k contracts", Some(16.0));
    drop(app);

    // The order builder: a quantity keystroke re-prices every line and the
    // totals before the next frame (50 lines, the server checks in flight).
    let (mut app, mut rx) = app_with(SeedSize::default()).await;
    app.act(Action::NewOrder);
    settle(&mut app, &mut rx).await;
    let cat = app.orders.catalogue.clone().expect("catalogue");
    let b = app.orders.builder.as_mut().expect("builder");
    for i in 0..50 {
        let p = &cat.products[i % 7];
        b.add_line(p.id, Some(cat.durations[i % cat.durations.len()].id));
    }
    let mut runs = Vec::new();
    for i in 0..200 {
        if i % 4 == 0 {
            app.act(Action::EditQuantity);
        }
        let key = if i % 4 == 3 {
            KeyCode::Enter
        } else {
            KeyCode::Char(char::from(b'1' + (i % 9) as u8))
        };
        let t = Instant::now();
        app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
        draw(&mut term, &mut app);
        runs.push(t.elapsed());
    }
    settle(&mut app, &mut rx).await;
    Stats(runs).report("builder quantity keystroke → frame, 50 lines", Some(16.0));
    drop(app);

    // Choosing the lead an order comes from: a search keystroke over
    // 100,000 leads to the next frame.
    let (mut app, mut rx) = app_with(SeedSize {
        leads: 100_000,
        ..SeedSize::default()
    })
    .await;
    app.act(Action::NewOrder);
    settle(&mut app, &mut rx).await;
    let (mut runs, mut opens) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let t = Instant::now();
        app.act(Action::PickLead);
        draw(&mut term, &mut app);
        opens.push(t.elapsed());
        for c in "acme ind".chars() {
            let t = Instant::now();
            app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            draw(&mut term, &mut app);
            runs.push(t.elapsed());
        }
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }
    Stats(opens).report("builder lead search opens → frame, 100k leads", None);
    Stats(runs).report(
        "builder lead search keystroke → frame, 100k leads",
        Some(16.0),
    );
}
