//! Open follow-ups, overdue first: consultations and appeals with a date to come back to.

use super::{appeal, card, close};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::Cx;
use crate::app::widgets::move_selection;
use crate::domain::card::{FollowUpRecord, FollowUpRow};

/// Follow-ups loaded at a time; more come as the list is scrolled.
pub const FOLLOW_UP_PAGE: usize = 500;

#[derive(Clone, Debug, Default)]
pub struct FollowUpsPage {
    pub rows: Vec<FollowUpRow>,
    /// Open follow-ups in all (`rows` may hold only the first of them).
    pub total: usize,
    pub overdue: usize,
    pub selected: usize,
    pub loading: bool,
}

pub fn load(cx: &Cx, limit: usize) -> Effect {
    Effect::LoadFollowUps {
        limit,
        today: cx.today(),
    }
}

pub fn open(cx: &Cx) -> Outcome {
    let page = FollowUpsPage {
        loading: true,
        ..FollowUpsPage::default()
    };
    Outcome::push(Page::FollowUps(page), vec![load(cx, FOLLOW_UP_PAGE)])
}

impl FollowUpsPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match command {
            c if c.moves_selection() => {
                let len = self.rows.len();
                move_selection(&mut self.selected, len, command);
                let near_end = self.selected + 20 >= len;
                if near_end && len < self.total && !self.loading {
                    self.loading = true;
                    return Outcome::effects(vec![load(cx, len + FOLLOW_UP_PAGE)]);
                }
                Outcome::none()
            }
            Command::Back => Outcome::back(vec![]),
            Command::PersonCard => {
                match self.rows.get(self.selected).map(|r| (&r.record, &r.person)) {
                    Some((FollowUpRecord::Appeal(a), _)) => appeal::open(a.meta.id),
                    Some((_, Some(p))) => card::open(p.meta.id),
                    _ => Outcome::none(),
                }
            }
            Command::CloseFollowUp => {
                let Some(row) = self.rows.get(self.selected) else {
                    return Outcome::none();
                };
                let title = match (&row.record, &row.person) {
                    (FollowUpRecord::Consultation(_), Some(p)) => p.fields.full_name(),
                    (FollowUpRecord::Appeal(a), _) => a.fields.title.clone(),
                    _ => String::new(),
                };
                Outcome::push(Page::Close(close::new(cx, row.id(), title)), vec![])
            }
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::FollowUpsLoaded(page) => {
                self.rows = page.rows;
                self.total = page.total;
                self.overdue = page.overdue;
                self.loading = false;
                self.selected = self.selected.min(self.rows.len().saturating_sub(1));
                Ok(Outcome::none())
            }
            other => Err(other),
        }
    }

    pub fn on_return(&mut self, cx: &Cx, reload: bool) -> Outcome {
        if reload {
            Outcome::effects(vec![load(cx, FOLLOW_UP_PAGE)])
        } else {
            Outcome::none()
        }
    }
}
