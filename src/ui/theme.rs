//! Colours chosen to stay readable on the 16-colour terminals of old laptops.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::VisitStatus;

pub fn header() -> Style {
    Style::new().fg(Color::Black).bg(Color::Cyan)
}

pub fn footer() -> Style {
    Style::new()
}

pub fn key() -> Style {
    Style::new().fg(Color::Black).bg(Color::Gray)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn ok() -> Style {
    Style::new().fg(Color::Green)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn focused_label() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn input() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}

pub fn status(s: VisitStatus) -> Style {
    match s {
        VisitStatus::Waiting => Style::new().fg(Color::Yellow),
        VisitStatus::WithOfficer => Style::new().fg(Color::Cyan),
        VisitStatus::Done => Style::new().fg(Color::Green),
        VisitStatus::LeftWithoutService => Style::new().fg(Color::DarkGray),
    }
}
