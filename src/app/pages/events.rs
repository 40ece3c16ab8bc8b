//! The list of reception days: the first page, always at the bottom of the stack.

use super::{appeals, backup, dashboard, event_form, follow_ups, import, queue};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page, Returned};
use crate::app::state::Cx;
use crate::app::widgets::move_selection;
use crate::domain::Event;
use crate::domain::report::Period;

#[derive(Clone, Debug, Default)]
pub struct EventsPage {
    pub list: Vec<Event>,
    pub selected: usize,
    pub loaded: bool,
}

impl EventsPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match command {
            Command::NewEvent => Outcome::push(Page::EventForm(event_form::open(cx)), vec![]),
            Command::Open => {
                let Some(event) = self.list.get(self.selected).cloned() else {
                    return Outcome::none();
                };
                queue::open(event)
            }
            Command::Up | Command::Down => {
                move_selection(&mut self.selected, self.list.len(), command);
                Outcome::none()
            }
            Command::Back => {
                *cx.quit = true;
                Outcome::none()
            }
            Command::FollowUps => follow_ups::open(cx),
            Command::Appeals => appeals::open(None),
            Command::Dashboard => dashboard::open(cx, Period::All, None),
            Command::Import => import::open(),
            Command::Backup => backup::open(cx),
            Command::Exchange => super::exchange::open(cx),
            Command::Conflicts => super::conflicts::open(),
            Command::Settings => Outcome::push(
                crate::app::page::Page::Settings(super::settings::open(cx.ctx, false)),
                vec![],
            ),
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::EventsLoaded(list) => {
                self.list = list;
                self.loaded = true;
                self.selected = self.selected.min(self.list.len().saturating_sub(1));
                Ok(Outcome::none())
            }
            other => Err(other),
        }
    }

    pub fn on_return(&mut self, reload: bool, with: Option<Returned>) -> Outcome {
        match with {
            Some(Returned::EventCreated(event)) => {
                self.list.insert(0, event.clone());
                self.selected = 0;
                // The form's draft goes once the new event's queue is open.
                let mut out = queue::open(event);
                out.effects.push(Effect::ClearDraft);
                out
            }
            _ if reload => Outcome::effects(vec![Effect::LoadEvents]),
            _ => Outcome::none(),
        }
    }
}
