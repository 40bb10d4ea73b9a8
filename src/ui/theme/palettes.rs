//! The colours of each theme. Only the 16 named ANSI colours, so each
//! follows the terminal's palette. The portable one (`auto` when the
//! background is unknown) keeps to red, green and magenta, which read on
//! light and dark backgrounds alike; yellow, cyan and white fade on light
//! ones, blue and dark gray on dark ones.

use super::Styles;
use crate::domain::*;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Palette {
    Portable,
    Dark,
    Light,
    Mono,
}

fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

fn fg(c: Color) -> Style {
    Style::default().fg(c)
}

/// Reversed and bold: visible on any background, with or without colour.
fn reversed() -> Style {
    Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

impl Palette {
    pub(super) fn styles(self) -> Styles {
        let dim_modifier = Style::default().add_modifier(Modifier::DIM);
        match self {
            Palette::Mono => Styles {
                title: bold(),
                dim: dim_modifier,
                selected: reversed(),
                focus: bold(),
                error: bold(),
                ok: Style::default(),
                warn: Style::default(),
                badge: reversed(),
                key: bold(),
            },
            Palette::Portable => Styles {
                title: fg(Color::Magenta).add_modifier(Modifier::BOLD),
                dim: dim_modifier,
                selected: reversed(),
                focus: fg(Color::Magenta).add_modifier(Modifier::BOLD),
                error: fg(Color::Red).add_modifier(Modifier::BOLD),
                ok: fg(Color::Green),
                warn: fg(Color::Magenta),
                badge: reversed(),
                key: bold(),
            },
            Palette::Dark => Styles {
                title: fg(Color::Cyan).add_modifier(Modifier::BOLD),
                dim: fg(Color::DarkGray),
                selected: reversed(),
                focus: fg(Color::Yellow).add_modifier(Modifier::BOLD),
                error: fg(Color::LightRed).add_modifier(Modifier::BOLD),
                ok: fg(Color::LightGreen),
                warn: fg(Color::Yellow),
                badge: fg(Color::White)
                    .bg(Color::Magenta)
                    .add_modifier(Modifier::BOLD),
                key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            },
            Palette::Light => Styles {
                title: fg(Color::Blue).add_modifier(Modifier::BOLD),
                dim: fg(Color::DarkGray),
                selected: reversed(),
                focus: fg(Color::Magenta).add_modifier(Modifier::BOLD),
                error: fg(Color::Red).add_modifier(Modifier::BOLD),
                ok: fg(Color::Green),
                warn: fg(Color::Magenta),
                badge: reversed(),
                key: fg(Color::Blue).add_modifier(Modifier::BOLD),
            },
        }
    }

    pub(super) fn lead(self, s: LeadStatus) -> Color {
        use LeadStatus::*;
        match (self, s) {
            (Palette::Mono, _) => Color::Reset,
            (_, Won) => self.good(),
            (_, Lost) => self.bad(),
            (Palette::Dark, New) => Color::LightCyan,
            (Palette::Dark, Contacted) => Color::LightBlue,
            (Palette::Dark, Qualified) => Color::Cyan,
            (Palette::Dark, Proposal) => Color::LightMagenta,
            (Palette::Dark, Negotiation) => Color::Yellow,
            (Palette::Light, New | Contacted) => Color::Blue,
            (Palette::Light, Qualified | Proposal) => Color::Magenta,
            (Palette::Portable, Qualified | Proposal | Negotiation) => Color::Magenta,
            _ => Color::Reset,
        }
    }

    pub(super) fn order(self, s: OrderStatus) -> Color {
        use OrderStatus::*;
        match (self, s) {
            (Palette::Mono, _) => Color::Reset,
            (_, Fulfilled) => self.good(),
            (_, Cancelled) => self.bad(),
            (Palette::Dark, Created) => Color::LightCyan,
            (Palette::Dark, Sent) => Color::LightBlue,
            (Palette::Dark, InFulfillment) => Color::Yellow,
            (Palette::Light, Created | Sent) => Color::Blue,
            (_, InFulfillment) => Color::Magenta,
            _ => Color::Reset,
        }
    }

    pub(super) fn contract(self, s: ContractStatus) -> Color {
        use ContractStatus::*;
        match (self, s) {
            (Palette::Mono, _) => Color::Reset,
            (_, Active) => self.good(),
            (_, Cancelled | Lost) => self.bad(),
            (Palette::Dark, Upgraded | Downgraded) => Color::Cyan,
            (Palette::Dark, Expired) => Color::Yellow,
            (Palette::Light, Upgraded | Downgraded) => Color::Blue,
            _ => Color::Magenta,
        }
    }

    fn good(self) -> Color {
        match self {
            Palette::Dark => Color::LightGreen,
            _ => Color::Green,
        }
    }

    fn bad(self) -> Color {
        match self {
            Palette::Dark => Color::LightRed,
            _ => Color::Red,
        }
    }
}
