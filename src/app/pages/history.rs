//! The versions of a consultation or an appeal, newest first.

use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::domain::Id;
use crate::domain::history::Version;

#[derive(Clone, Debug)]
pub struct HistoryPage {
    pub title: String,
    /// Newest first.
    pub versions: Vec<Version>,
    /// The offset of the record's event (a consultation's); `None`: of no event (an
    /// appeal), shown at the desk's.
    pub offset_min: Option<i32>,
    /// First line shown.
    pub scroll: usize,
    pub loading: bool,
}

/// The timeline of the record `id`, read when shown.
pub fn open(title: String, id: Id, offset_min: Option<i32>) -> Outcome {
    let page = HistoryPage {
        title,
        versions: vec![],
        offset_min,
        scroll: 0,
        loading: true,
    };
    Outcome::push(Page::History(page), vec![Effect::LoadTimeline(id)])
}

impl HistoryPage {
    pub fn on_command(&mut self, command: Command) -> Outcome {
        match command {
            Command::Up => self.scroll = self.scroll.saturating_sub(1),
            Command::Down => self.scroll += 1,
            Command::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Command::PageDown => self.scroll += 10,
            Command::Top => self.scroll = 0,
            Command::Back => return Outcome::back(vec![]),
            _ => {}
        }
        Outcome::none()
    }

    pub fn on_result(&mut self, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::TimelineLoaded(versions) => {
                self.versions = versions;
                self.loading = false;
                Ok(Outcome::none())
            }
            other => Err(other),
        }
    }
}
