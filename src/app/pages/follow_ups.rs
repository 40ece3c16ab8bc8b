//! Open follow-ups: due this week by default, or overdue (the latest missed first), or
//! all; narrowed by topic or officer. Totals come from the whole index.

use super::{appeal, card, close};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::Cx;
use crate::app::widgets::move_selection;
use crate::domain::card::{FollowUpPage, FollowUpRecord, FollowUpRow};
use crate::domain::followup::list::{FollowUpFilter, next_choice};

/// Follow-ups loaded at a time; more come as the list is scrolled.
pub const FOLLOW_UP_PAGE: usize = 500;

#[derive(Clone, Debug, Default)]
pub struct FollowUpsPage {
    pub rows: Vec<FollowUpRow>,
    /// Open follow-ups in all (`rows` may hold only the first of them).
    pub total: usize,
    pub overdue: usize,
    /// Due today or in the six days after.
    pub week: usize,
    /// How many the filter shows in all.
    pub matching: usize,
    /// Topic codes and officers among the open follow-ups, with their counts.
    pub topics: Vec<(String, usize)>,
    pub officers: Vec<(String, usize)>,
    pub filter: FollowUpFilter,
    pub selected: usize,
    pub loading: bool,
}

pub fn load(cx: &Cx, limit: usize, filter: &FollowUpFilter) -> Effect {
    Effect::LoadFollowUps {
        limit,
        today: cx.today(),
        filter: filter.clone(),
    }
}

pub fn open(cx: &Cx) -> Outcome {
    let page = FollowUpsPage {
        loading: true,
        ..FollowUpsPage::default()
    };
    let effects = vec![load(cx, FOLLOW_UP_PAGE, &page.filter)];
    Outcome::push(Page::FollowUps(page), effects)
}

impl FollowUpsPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match command {
            c if c.moves_selection() => {
                let len = self.rows.len();
                move_selection(&mut self.selected, len, command);
                let near_end = self.selected + 20 >= len;
                if near_end && len < self.matching && !self.loading {
                    self.loading = true;
                    return Outcome::effects(vec![load(cx, len + FOLLOW_UP_PAGE, &self.filter)]);
                }
                Outcome::none()
            }
            Command::FilterDue => {
                self.filter.due = self.filter.due.next();
                self.refilter(cx)
            }
            Command::FilterTopic => {
                self.filter.topic = next_choice(&self.filter.topic, &self.topics);
                self.refilter(cx)
            }
            Command::FilterOfficer => {
                self.filter.officer = next_choice(&self.filter.officer, &self.officers);
                self.refilter(cx)
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
                let (title, notes) = match (&row.record, &row.person) {
                    (FollowUpRecord::Consultation(c), p) => (
                        p.as_ref().map(|p| p.fields.full_name()).unwrap_or_default(),
                        Some(c.fields.notes.clone()),
                    ),
                    (FollowUpRecord::Appeal(a), _) => (a.fields.title.clone(), None),
                };
                Outcome::push(Page::Close(close::new(cx, row.id(), title, notes)), vec![])
            }
            _ => Outcome::none(),
        }
    }

    /// The list from its top under the new filter; the rows shown stay until it comes.
    fn refilter(&mut self, cx: &Cx) -> Outcome {
        self.selected = 0;
        self.loading = true;
        Outcome::effects(vec![load(cx, FOLLOW_UP_PAGE, &self.filter)])
    }

    pub fn on_result(&mut self, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::FollowUpsLoaded(page) => {
                let FollowUpPage {
                    rows,
                    total,
                    overdue,
                    week,
                    matching,
                    topics,
                    officers,
                } = page;
                // A page built by hand (tests, older callers) may leave `matching` at 0.
                self.matching = matching.max(rows.len());
                (self.rows, self.total, self.overdue, self.week) = (rows, total, overdue, week);
                (self.topics, self.officers) = (topics, officers);
                self.loading = false;
                self.selected = self.selected.min(self.rows.len().saturating_sub(1));
                Ok(Outcome::none())
            }
            other => Err(other),
        }
    }

    pub fn on_return(&mut self, cx: &Cx, reload: bool) -> Outcome {
        if reload {
            let limit = self.rows.len().max(FOLLOW_UP_PAGE);
            Outcome::effects(vec![load(cx, limit, &self.filter)])
        } else {
            Outcome::none()
        }
    }
}
