//! One collective appeal: its members with their amounts, and its timeline.

use super::{appeal_form, card, member};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page, Returned};
use crate::app::state::Cx;
use crate::app::widgets::move_selection;
use crate::domain::card::AppealView;
use crate::domain::{AppealMember, Id, Person};

use super::history::HistoryPage;

#[derive(Clone, Debug)]
pub struct AppealPage {
    pub id: Id,
    pub view: Option<AppealView>,
    /// The selected member.
    pub selected: usize,
}

impl AppealPage {
    pub fn selected_member(&self) -> Option<&(AppealMember, Option<Person>)> {
        self.view.as_ref()?.members.get(self.selected)
    }
}

/// The appeal, read when shown.
pub fn page(id: Id) -> AppealPage {
    AppealPage {
        id,
        view: None,
        selected: 0,
    }
}

pub fn open(id: Id) -> Outcome {
    Outcome::push(Page::Appeal(page(id)), vec![Effect::LoadAppeal(id)])
}

impl AppealPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        let len = self.view.as_ref().map_or(0, |v| v.members.len());
        match command {
            c if c.moves_selection() => {
                move_selection(&mut self.selected, len, command);
                Outcome::none()
            }
            Command::Back => Outcome::back(vec![]),
            Command::AddMember => {
                let Some(v) = &self.view else {
                    return Outcome::none();
                };
                let title = v.appeal.fields.title.clone();
                Outcome::push(Page::Member(member::new(self.id, title)), vec![])
            }
            Command::Edit => {
                let Some((m, p)) = self.selected_member().cloned() else {
                    return Outcome::none();
                };
                let title = self
                    .view
                    .as_ref()
                    .map(|v| v.appeal.fields.title.clone())
                    .unwrap_or_default();
                Outcome::push(Page::Member(member::edit(self.id, title, m, p)), vec![])
            }
            Command::EditAppeal => {
                let Some(v) = &self.view else {
                    return Outcome::none();
                };
                let form = appeal_form::edit(cx, &v.appeal);
                Outcome::push(Page::AppealForm(form), vec![])
            }
            Command::History => {
                let Some(v) = &self.view else {
                    return Outcome::none();
                };
                // The appeal screen has the timeline already.
                let history = HistoryPage {
                    title: v.appeal.fields.title.clone(),
                    versions: v.timeline.clone(),
                    offset_min: None,
                    scroll: 0,
                    loading: false,
                };
                Outcome::push(Page::History(history), vec![])
            }
            Command::PersonCard => match self.selected_member() {
                Some((m, _)) => card::open(m.person),
                None => Outcome::none(),
            },
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::AppealLoaded(view) if view.appeal.meta.id == self.id => {
                self.selected = self.selected.min(view.members.len().saturating_sub(1));
                self.view = Some(*view);
                Ok(Outcome::none())
            }
            other => Err(other),
        }
    }

    pub fn on_return(&mut self, reload: bool, with: Option<Returned>) -> Outcome {
        if let Some(Returned::MemberSaved(m)) = with {
            self.selected = self
                .view
                .as_ref()
                .filter(|_| m.appeal == self.id)
                .and_then(|v| v.members.iter().position(|(x, _)| x.meta.id == m.meta.id))
                // A new member goes to the end of the list.
                .unwrap_or(usize::MAX);
        }
        if reload {
            Outcome::effects(vec![Effect::LoadAppeal(self.id)])
        } else {
            Outcome::none()
        }
    }
}
