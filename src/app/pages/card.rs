//! A person's card: their details, visits, consultations and appeals.

use std::cell::Cell;

use super::{appeal, appeals, consultation::ConsultationPage, history, search};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page, Returned};
use crate::app::state::Cx;
use crate::app::widgets::move_selection;
use crate::domain::Id;
use crate::domain::card::PersonCard;

#[derive(Clone, Debug)]
pub struct CardPage {
    pub card: Option<PersonCard>,
    /// Selected consultation (newest first).
    pub selected: usize,
    /// The first line shown once the officer scrolled (PgUp, PgDn, Home, End); `None`:
    /// the card follows the selected consultation.
    pub scroll: Option<usize>,
    /// What the last frame showed, written by the render: only it knows how many lines
    /// the card takes at this width.
    pub view: Cell<CardView>,
}

/// The card as last drawn: its first line shown, the last first line there can be, and
/// how many lines fit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CardView {
    pub top: usize,
    pub max_top: usize,
    pub height: usize,
}

pub fn page(person: Id) -> (Page, Effect) {
    let page = Page::Card(CardPage {
        card: None,
        selected: 0,
        scroll: None,
        view: Cell::default(),
    });
    (page, Effect::LoadPersonCard(person))
}

pub fn open(person: Id) -> Outcome {
    let (page, load) = page(person);
    Outcome::push(page, vec![load])
}

impl CardPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        let len = self.card.as_ref().map_or(0, |c| c.consultations.len());
        match command {
            Command::Up | Command::Down => {
                move_selection(&mut self.selected, len, command);
                self.scroll = None;
                Outcome::none()
            }
            Command::PageUp | Command::PageDown | Command::Top | Command::Bottom => {
                self.scroll = Some(self.scrolled(command));
                Outcome::none()
            }
            Command::Back => Outcome::back(vec![]),
            Command::EditPerson => match self.card.as_ref() {
                Some(card) => {
                    let form = super::person_form::open(card.person.clone());
                    Outcome::push(Page::PersonForm(form), vec![])
                }
                None => Outcome::none(),
            },
            Command::Merge => {
                let Some(card) = self.card.as_ref() else {
                    return Outcome::none();
                };
                let target = search::MergeTarget {
                    into: card.person.meta.id,
                    name: card.person.fields.full_name(),
                    fields: card.person.fields.clone(),
                };
                search::open(Some(target))
            }
            Command::Appeal | Command::History | Command::Edit => self.on_consultation(cx, command),
            _ => Outcome::none(),
        }
    }

    /// The first line to show after a scroll key: a page less one line at a time, so the
    /// line read last stays in sight.
    fn scrolled(&self, command: Command) -> usize {
        let v = self.view.get();
        let page = v.height.saturating_sub(1).max(1);
        match command {
            Command::PageUp => v.top.saturating_sub(page),
            Command::PageDown => (v.top + page).min(v.max_top),
            Command::Top => 0,
            _ => v.max_top,
        }
    }

    /// What opens from the selected consultation.
    fn on_consultation(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        let Some(card) = self.card.as_ref() else {
            return Outcome::none();
        };
        let Some(cons) = card.consultations.get(self.selected) else {
            return Outcome::none();
        };
        let name = card.person.fields.full_name();
        let visit = card.visits.iter().find(|(v, _)| v.meta.id == cons.visit);
        match command {
            Command::History => history::open(name, cons.meta.id),
            Command::Appeal => {
                if let Some(id) = cons.fields.appeal {
                    return appeal::open(id);
                }
                let city = visit
                    .and_then(|(_, e)| e.as_ref())
                    .map(|e| e.fields.city.clone())
                    .unwrap_or_default();
                appeals::open(Some(appeals::join_target(cons, name, city)))
            }
            Command::Edit => {
                let queue_no = visit.map(|(v, _)| v.queue_no).unwrap_or(0);
                let tax = cx.taxonomy();
                let form = ConsultationPage::edit(&tax, cx.lang(), cons, name, queue_no);
                Outcome::push(Page::Consultation(form), vec![])
            }
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::PersonCardLoaded(card) => {
                self.selected = self
                    .selected
                    .min(card.consultations.len().saturating_sub(1));
                self.card = Some(*card);
                Ok(Outcome::none())
            }
            other => Err(other),
        }
    }

    pub fn on_return(&mut self, reload: bool, with: Option<Returned>) -> Outcome {
        match with {
            // A duplicate went into this person: their card, in this one's place.
            Some(Returned::Merged { into }) => {
                let (page, load) = page(into);
                Outcome::replace(page, vec![load])
            }
            _ => match self.card.as_ref() {
                Some(c) if reload => {
                    Outcome::effects(vec![Effect::LoadPersonCard(c.person.meta.id)])
                }
                _ => Outcome::none(),
            },
        }
    }
}
