//! A person's card: their details, visits, consultations and appeals.

use std::cell::Cell;

use super::{appeal, appeals, consultation::ConsultationPage, history, search};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page, Returned};
use crate::app::state::{Cx, FlashKind, Overlay};
use crate::app::widgets::move_selection;
use crate::domain::card::{MergeNote, PersonCard};
use crate::domain::{Id, Person};
use crate::i18n::Arg;

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

/// An unmerge waiting for the officer's yes: the person on the card and the latest merge
/// into them (the record that comes back, as it was when merged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingUnmerge {
    pub into: Person,
    pub note: MergeNote,
    /// How many merges into this person stand (the latest is the one asked about).
    pub merges: usize,
}

/// The officer said yes to the unmerge waiting in `pending`.
pub fn confirm_unmerge(pending: &mut Option<PendingUnmerge>) -> Vec<Effect> {
    match pending.take() {
        Some(u) => vec![Effect::UnmergePersons {
            into: u.into.meta.id,
            gone: u.note.gone.meta.id,
        }],
        None => vec![],
    }
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
            Command::Unmerge => self.unmerge(cx),
            Command::Appeal | Command::History | Command::Edit => self.on_consultation(cx, command),
            _ => Outcome::none(),
        }
    }

    /// Asks about taking back the latest merge into this person. Always the latest: the
    /// officer who sees a wrong merge has most often just made it, and the one before it
    /// is offered once this one is taken back (any other order would need a list to pick
    /// from in a yes-or-no question).
    fn unmerge(&mut self, cx: &mut Cx) -> Outcome {
        let Some(card) = self.card.as_ref() else {
            return Outcome::none();
        };
        let Some(note) = card.merged.last() else {
            let name = card.person.fields.full_name();
            cx.flash(
                "flash-nothing-to-unmerge",
                vec![("name", Arg::Str(name))],
                FlashKind::Error,
            );
            return Outcome::none();
        };
        *cx.pending_unmerge = Some(PendingUnmerge {
            into: card.person.clone(),
            note: note.clone(),
            merges: card.merged.len(),
        });
        *cx.overlay = Some(Overlay::ConfirmUnmerge);
        Outcome::none()
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
            Command::History => {
                let offset = visit
                    .and_then(|(_, e)| e.as_ref())
                    .map(|e| e.fields.utc_offset_min);
                history::open(name, cons.meta.id, offset)
            }
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
                let mut form = ConsultationPage::edit(&tax, cx.lang(), cons, name, queue_no);
                form.queue_desk = visit.map(|(v, _)| v.meta.desk);
                Outcome::push(Page::Consultation(form), vec![])
            }
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::Unmerged { into, gone, moved } => {
                let name = self
                    .card
                    .iter()
                    .flat_map(|c| &c.merged)
                    .find(|m| m.gone.meta.id == gone)
                    .map(|m| m.gone.fields.full_name())
                    .unwrap_or_default();
                cx.flash(
                    "flash-unmerged",
                    vec![("name", Arg::Str(name)), ("moved", moved.into())],
                    FlashKind::Info,
                );
                Ok(Outcome::effects(vec![Effect::LoadPersonCard(into)]))
            }
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
