//! The interface every tab implements. The router (`router.rs`) is the only
//! place that knows which tabs exist; it reaches the current one through
//! this trait for everything tabs have in common, and hands tab-specific
//! actions to the tab's own module.

use super::keymap::{Action, Context};
use super::requests::Target;
use super::{Names, Overlay};
use crate::domain::{Id, Timestamp};

/// What the shell lends a tab: who is signed in, the clock, display names.
pub struct Cx<'a> {
    pub me: Option<Id>,
    pub now: Timestamp,
    pub names: &'a Names,
}

pub trait Component {
    /// The keymap context this tab is in now (the order builder has its own).
    fn context(&self) -> Context;
    /// The `/` filter text of what has the focus.
    fn filter(&self) -> &str;
    /// Narrows the rows to `text`, keeping the selection where it survives.
    fn set_filter(&mut self, text: String, cx: &Cx);
    /// Moves the selection by `delta` rows (clamped).
    fn step(&mut self, delta: isize);
    /// The next sort; says what the rows are sorted by now.
    fn next_sort(&mut self, cx: &Cx) -> Option<String>;
    /// The overlay that opens the selected record, and the load it needs.
    fn open(&self) -> Option<(Overlay, Option<Target>)>;
    /// What `r` reloads.
    fn refresh(&self) -> Vec<Target>;
    /// The actions worth a place in the footer here, most important first.
    fn hints(&self) -> &'static [Action];
    /// What narrows the rows beyond the filter (scopes, marks), if anything.
    fn badge(&self, _names: &Names) -> Option<String> {
        None
    }
    /// What `y` (or `Y`, `summary`) copies of the selected record.
    fn copy_text(&self, _summary: bool, _names: &Names) -> Option<super::copy::Copied> {
        None
    }
    /// Why `action` cannot run here now (the palette shows it dimmed).
    fn unavailable(&self, _action: Action) -> Option<&'static str> {
        None
    }
}
