//! Selection and scrolling over a filtered list, shared by every table.
//! Only indices move; rows are built for the visible window alone.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` within `len` rows.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let next = self.selected as isize + delta;
        self.selected = next.clamp(0, len as isize - 1) as usize;
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }

    pub fn clamp(&mut self, len: usize) {
        if self.selected >= len {
            self.selected = len.saturating_sub(1);
        }
    }

    /// The first visible row for a window of `height` rows, keeping the
    /// selection in view with the least scrolling.
    pub fn window(&self, height: usize, len: usize) -> usize {
        if height == 0 || len <= height {
            return 0;
        }
        let mut offset = self.offset.min(len - height);
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_selection_visible() {
        let mut c = Cursor::default();
        c.step(15, 100);
        assert_eq!(c.selected, 15);
        assert_eq!(c.window(10, 100), 6);
        c.offset = 6;
        c.step(-10, 100);
        assert_eq!(c.window(10, 100), 5);
        c.step(-100, 100);
        assert_eq!(c.selected, 0);
        c.bottom(100);
        assert_eq!(c.window(10, 100), 90);
        c.clamp(3);
        assert_eq!(c.selected, 2);
    }
}
