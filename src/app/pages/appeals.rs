//! The list of collective appeals; opened from a consultation it chooses the appeal the
//! consultation joins (or opens a new one prefilled from it).

use super::{appeal, appeal_form};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::move_selection;
use crate::domain::card::AppealRow;
use crate::domain::{Consultation, Id};

/// The consultation an appeal is being chosen (or opened) for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinTarget {
    pub consultation: Id,
    pub person_name: String,
    /// The consultation's first topic and the event's city, to prefill a new appeal.
    pub topic: String,
    pub host_city: String,
}

#[derive(Clone, Debug)]
pub struct AppealsPage {
    pub rows: Vec<AppealRow>,
    pub selected: usize,
    pub loading: bool,
    /// Set while choosing an appeal for a consultation to join.
    pub join: Option<JoinTarget>,
    pub joining: bool,
}

/// What to join or open for a consultation, from the person card.
pub fn join_target(c: &Consultation, person_name: String, host_city: String) -> JoinTarget {
    JoinTarget {
        consultation: c.meta.id,
        person_name,
        topic: c.fields.topics.first().cloned().unwrap_or_default(),
        host_city,
    }
}

/// The list, read when it is first shown.
pub fn page(join: Option<JoinTarget>) -> AppealsPage {
    AppealsPage {
        rows: vec![],
        selected: 0,
        loading: true,
        join,
        joining: false,
    }
}

pub fn open(join: Option<JoinTarget>) -> Outcome {
    Outcome::push(Page::Appeals(page(join)), vec![Effect::LoadAppeals])
}

impl AppealsPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match command {
            c if c.moves_selection() => {
                move_selection(&mut self.selected, self.rows.len(), command);
                Outcome::none()
            }
            Command::Open => {
                let Some(row) = self.rows.get(self.selected) else {
                    return Outcome::none();
                };
                let id = row.appeal.meta.id;
                match &self.join {
                    Some(j) if !self.joining => {
                        self.joining = true;
                        Outcome::effects(vec![Effect::JoinAppeal {
                            consultation: j.consultation,
                            appeal: id,
                        }])
                    }
                    Some(_) => Outcome::none(),
                    None => appeal::open(id),
                }
            }
            Command::NewAppeal => {
                let form = appeal_form::new(cx, self.join.clone());
                Outcome::push(Page::AppealForm(form), vec![])
            }
            Command::Back => Outcome::back(vec![]),
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::AppealsLoaded(rows) => {
                self.selected = self.selected.min(rows.len().saturating_sub(1));
                self.rows = rows;
                self.loading = false;
                Ok(Outcome::none())
            }
            Action::AppealJoined(id) => {
                cx.flash("flash-appeal-joined", vec![], FlashKind::Info);
                self.joining = false;
                self.join = None;
                Ok(appeal::open(id))
            }
            other => Err(other),
        }
    }

    pub fn on_return(&mut self, reload: bool) -> Outcome {
        if reload {
            self.loading = true;
            Outcome::effects(vec![Effect::LoadAppeals])
        } else {
            Outcome::none()
        }
    }
}
