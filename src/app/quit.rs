//! Leaving: never while a save is on its way (the user sees how many are
//! left, and a second `q` leaves at once), and never losing what was typed
//! (the run loop keeps it as drafts on the way out).

use super::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quit {
    #[default]
    No,
    /// Leave as soon as the writes in flight have answered.
    WhenSaved,
    Now,
}

impl App {
    /// `q` / Ctrl-C: leave, after the saves on their way; twice: at once.
    pub fn request_quit(&mut self) {
        let writes = self.requests.writes_in_flight();
        if writes == 0 || self.quit == Quit::WhenSaved {
            self.quit = Quit::Now;
            return;
        }
        self.quit = Quit::WhenSaved;
        self.say_waiting(writes);
    }

    fn say_waiting(&mut self, writes: usize) {
        let waiting = match writes {
            1 => "the save on its way has".to_string(),
            n => format!("the {n} saves on their way have"),
        };
        self.notice(format!(
            "Quitting once {waiting} answered… q again quits now"
        ));
    }

    /// After each answer: leave when waiting and nothing is left to wait for.
    pub(super) fn quit_if_saved(&mut self) {
        if self.quit != Quit::WhenSaved {
            return;
        }
        match self.requests.writes_in_flight() {
            0 => self.quit = Quit::Now,
            n => self.say_waiting(n),
        }
    }
}
