//! Styles, with colour only when allowed (`NO_COLOR` turns it off; bold,
//! reverse and markers still carry the meaning).

use crate::domain::*;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }
    pub fn selected(&self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn focus_border(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn badge(&self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::Magenta)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn lead_status(&self, s: LeadStatus) -> Style {
        self.fg(match s {
            LeadStatus::New => Color::Cyan,
            LeadStatus::Contacted => Color::Blue,
            LeadStatus::Qualified => Color::LightBlue,
            LeadStatus::Proposal => Color::Magenta,
            LeadStatus::Negotiation => Color::Yellow,
            LeadStatus::Won => Color::Green,
            LeadStatus::Lost => Color::Red,
        })
    }
    pub fn order_status(&self, s: OrderStatus) -> Style {
        self.fg(match s {
            OrderStatus::Created => Color::Cyan,
            OrderStatus::Sent => Color::Blue,
            OrderStatus::InFulfillment => Color::Yellow,
            OrderStatus::Fulfilled => Color::Green,
            OrderStatus::Cancelled => Color::Red,
        })
    }
    pub fn contract_status(&self, s: ContractStatus) -> Style {
        self.fg(match s {
            ContractStatus::Active => Color::Green,
            ContractStatus::Upgraded | ContractStatus::Downgraded => Color::Cyan,
            ContractStatus::Expired => Color::Yellow,
            ContractStatus::Cancelled | ContractStatus::Lost => Color::Red,
        })
    }
}

/// Cuts `s` to `width` display cells, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let count = s.chars().count();
    if count <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn fit_truncates_with_ellipsis() {
        assert_eq!(super::fit("abcdef", 4), "abc…");
        assert_eq!(super::fit("abc", 4), "abc");
        assert_eq!(super::fit("abc", 0), "");
    }
}
