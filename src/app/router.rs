//! The router: the one place that knows which tabs exist. Keys go to the
//! overlay on top, else to the filter bar, else through the keymap to a
//! global action or to the current tab (its `Component` for what every tab
//! has, its own module for the rest).

use super::component::{Component, Cx};
use super::keymap::{self, Action, Context};
use super::*;
use crate::ui::theme::Theme;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::Frame;
use tui_input::backend::crossterm::EventHandler;

impl App {
    /// The current tab, for what every tab has in common.
    pub fn current(&self) -> &dyn Component {
        match self.tab {
            Tab::Leads => &self.leads,
            Tab::Orders => &self.orders,
            Tab::Contracts => &self.contracts,
            Tab::Partners => &self.partners,
        }
    }

    /// Runs `f` on the current tab with what the shell lends it.
    pub fn with_current<R>(&mut self, f: impl FnOnce(&mut dyn Component, &Cx) -> R) -> R {
        let cx = Cx {
            me: self.session.me.as_ref().map(|m| m.id),
            now: self.now,
            names: &self.names,
        };
        let tab: &mut dyn Component = match self.tab {
            Tab::Leads => &mut self.leads,
            Tab::Orders => &mut self.orders,
            Tab::Contracts => &mut self.contracts,
            Tab::Partners => &mut self.partners,
        };
        f(tab, &cx)
    }

    /// The keymap context that has the keyboard (overlays first).
    pub fn key_context(&self) -> Context {
        if self.filter_bar.active {
            return Context::FilterBar;
        }
        match self.overlays.last() {
            Some(o) => o.context(),
            None => self.tab_context(),
        }
    }

    /// The keymap context of the current tab, ignoring overlays.
    pub fn tab_context(&self) -> Context {
        self.current().context()
    }

    /// The filter text of the current tab.
    pub fn current_filter(&self) -> &str {
        self.current().filter()
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // Ctrl-C always quits, whatever has the keyboard.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.request_quit();
            return;
        }
        if self.filter_bar.active {
            self.filter_key(key);
            return;
        }
        if !self.overlays.is_empty() {
            self.overlay_key(key);
            return;
        }
        if self.tab_context() == Context::Builder {
            self.builder_key(key);
            return;
        }
        if let Some(action) = self.prefs.keys.action_for(self.tab_context(), &key) {
            self.act(action);
        }
    }

    fn filter_key(&mut self, key: KeyEvent) {
        match self.prefs.keys.action_for(Context::FilterBar, &key) {
            Some(Action::ClearFilter) => {
                self.filter_bar.active = false;
                self.filter_bar.input.reset();
                self.apply_filter(String::new());
            }
            Some(Action::KeepFilter) => self.filter_bar.active = false,
            _ => {
                self.filter_bar.input.handle_event(&Event::Key(key));
                let text = self.filter_bar.input.value().to_string();
                self.apply_filter(text);
            }
        }
    }

    pub fn apply_filter(&mut self, text: String) {
        self.with_current(|tab, cx| tab.set_filter(text, cx));
    }

    /// Why the command of binding `b` cannot run where the user is, if it
    /// cannot (the palette shows it dimmed with this reason).
    pub fn unavailable_binding(&self, b: &keymap::Binding) -> Option<String> {
        if !self.tab_context().chain().contains(&b.context) {
            return Some(match b.context {
                Context::Builder => "only while building an order (2, then n)".to_string(),
                home => match Tab::ALL.iter().position(|t| t.context() == home) {
                    Some(i) => format!("only in the {} tab ({})", home.title(), i + 1),
                    None => format!("only in {}", home.title()),
                },
            });
        }
        self.cannot(b.action, b.context)
            .or_else(|| self.current().unavailable(b.action).map(str::to_string))
    }

    /// Runs an action from a key or the palette.
    pub fn act(&mut self, action: Action) {
        match action {
            Action::Quit => self.request_quit(),
            Action::Drafts => self.offer_drafts(false),
            Action::Messages => self.open_messages(),
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Palette => {
                let palette = palette::Palette::new(self);
                self.overlays.push(Overlay::Palette(palette));
            }
            Action::Filter if self.tab_context() == Context::Builder => {
                // `/` in the builder searches the products to add.
                self.builder_action(Action::AddLine)
            }
            Action::Filter => {
                self.filter_bar.active = true;
                self.filter_bar.input = Input::new(self.current_filter().to_string());
            }
            Action::Refresh => {
                self.refresh_current();
                self.notice(format!("Reloading {}…", self.tab.title().to_lowercase()));
            }
            Action::NextTab => self.switch_tab(Tab::ALL[(self.tab.index() + 1) % 4]),
            Action::PrevTab => self.switch_tab(Tab::ALL[(self.tab.index() + 3) % 4]),
            Action::GoLeads => self.switch_tab(Tab::Leads),
            Action::GoOrders => self.switch_tab(Tab::Orders),
            Action::GoContracts => self.switch_tab(Tab::Contracts),
            Action::GoPartners => self.switch_tab(Tab::Partners),
            Action::Up => self.with_current(|t, _| t.step(-1)),
            Action::Down => self.with_current(|t, _| t.step(1)),
            Action::PageUp => self.with_current(|t, _| t.step(-10)),
            Action::PageDown => self.with_current(|t, _| t.step(10)),
            Action::Top => self.with_current(|t, _| t.step(isize::MIN / 2)),
            Action::Bottom => self.with_current(|t, _| t.step(isize::MAX / 2)),
            Action::Open => self.open_selected(),
            Action::UndoWrite => self.undo_write(),
            Action::Copy => self.copy_record(false),
            Action::CopySummary => self.copy_record(true),
            Action::RedoWrite => self.redo_write(),
            Action::ClearFilter => self.clear_view(),
            Action::CycleSort => {
                if let Some(text) = self.with_current(|t, cx| t.next_sort(cx)) {
                    self.notice(text);
                }
            }
            _ => {
                let why = self
                    .cannot(action, self.tab_context())
                    .or_else(|| self.current().unavailable(action).map(str::to_string));
                if let Some(why) = why {
                    self.error(format!("{}: {why}", self.prefs.keys.name_of(action)));
                    return;
                }
                match self.tab {
                    Tab::Leads => self.leads_act(action),
                    Tab::Orders => self.orders_act(action),
                    Tab::Contracts => self.contracts_act(action),
                    Tab::Partners => self.channel_act(action),
                }
            }
        }
    }

    pub(super) fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.filter_bar.active = false;
    }

    fn open_selected(&mut self) {
        if let Some((overlay, load)) = self.current().open() {
            self.overlays.push(overlay);
            if let Some(target) = load {
                self.start_load(target);
            }
        }
    }

    /// `r`: the current tab's data. One load of a list at a time: a list
    /// still loading is left to finish rather than asked for again.
    pub fn refresh_current(&mut self) {
        for target in self.current().refresh() {
            if !self.requests.is_loading(target) {
                self.start_load(target);
            }
        }
    }

    /// Esc in a tab: the filter first, then marks, then a jump's scope.
    fn clear_view(&mut self) {
        if !self.current_filter().is_empty() {
            self.filter_bar.input.reset();
            self.apply_filter(String::new());
            return;
        }
        let me = self.me_id();
        let cleared = match self.tab {
            Tab::Leads if !self.leads.marked.is_empty() => {
                self.leads.marked.clear();
                return;
            }
            Tab::Leads if self.leads.partner_scope.is_some() => {
                let owner = self.leads.owner_scope;
                self.leads.set_scope(None, owner, me);
                true
            }
            Tab::Orders => {
                let cleared = self.orders.partner_filter.take().is_some();
                self.orders.rebuild();
                cleared
            }
            Tab::Contracts => {
                let cleared = self.contracts.partner_filter.take().is_some();
                self.contracts.rebuild(self.now, me);
                cleared
            }
            _ => false,
        };
        if cleared {
            self.notice(format!("Showing all {}", self.tab.title().to_lowercase()));
        }
    }
}

/// Draws the current tab's view into `area`.
pub fn draw_tab(f: &mut Frame, area: Rect, app: &mut App, theme: &Theme) {
    match app.tab {
        Tab::Leads => crate::ui::leads::draw(f, area, app, theme),
        Tab::Orders => crate::ui::orders::draw(f, area, app, theme),
        Tab::Contracts => crate::ui::contracts::draw(f, area, app, theme),
        Tab::Partners => crate::ui::partners::draw(f, area, app, theme),
    }
}
