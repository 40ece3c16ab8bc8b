//! Finding a person while their details are typed, shared by every form that starts with
//! the person fields (arrival, appeal member): the first nine fields of such a form are
//! `person_field`'s, so one set of functions fills, locks and reads them.

use chrono::NaiveDate;

use super::form::{Choice, Field, Form};
use crate::app::keymap::Command;
use crate::app::msg::Effect;
use crate::domain::search::Likeness;
use crate::domain::{
    Person, PersonField, PersonFields, PersonInput, PersonPick, Region, Sex, ValidationError,
};

/// Matches listed while a person is typed.
pub const SUGGESTIONS: usize = 8;

/// Field positions of the person part of a form.
pub mod person_field {
    pub const SURNAME: usize = 0;
    pub const GIVEN: usize = 1;
    pub const PATRONYMIC: usize = 2;
    pub const BIRTH: usize = 3;
    pub const SEX: usize = 4;
    pub const DOCUMENT: usize = 5;
    pub const PHONE: usize = 6;
    pub const REGION: usize = 7;
    pub const CITY: usize = 8;
    /// All of them (locked when an existing person is picked).
    pub const ALL: std::ops::Range<usize> = 0..9;
}
use person_field as pf;

/// The person fields' names in drafts, in `person_field` order.
pub const PERSON_NAMES: [&str; 9] = [
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "document",
    "phone",
    "region",
    "city",
];

/// Matches for what is typed, and the existing person picked, if any.
#[derive(Clone, Debug, Default)]
pub struct PersonLookup {
    /// Best first.
    pub suggestions: Vec<Person>,
    pub selected: usize,
    /// Sequence number of the latest look-up sent; older answers are ignored.
    pub seq: u64,
    pub linked: Option<Person>,
    /// Why each suggestion is shown, when they are look-alikes found on saving.
    pub likeness: Vec<Likeness>,
    /// Look-alikes were shown; the next save makes a new person on purpose.
    pub confirmed_new: bool,
}

/// What the answer to a look-alike check means for the form that asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookAlikeAnswer {
    /// An answer to an older check (the person typed changed since): nothing to do.
    Stale,
    /// No one like them: the save goes ahead.
    NoneFound,
    /// They are listed; the next save makes a new person on purpose.
    Shown,
}

pub fn sex_choices() -> Vec<Choice> {
    Sex::ALL
        .iter()
        .map(|s| Choice::msg(s.code(), s.msg_id()))
        .collect()
}

pub fn region_choices() -> Vec<Choice> {
    std::iter::once(Choice::msg("", "region-none"))
        .chain(
            Region::ALL
                .iter()
                .map(|r| Choice::msg(r.code(), r.msg_id())),
        )
        .collect()
}

/// The person fields, in `person_field` order.
pub fn person_fields() -> Vec<Field> {
    vec![
        Field::text("field-surname", ""),
        Field::text("field-given-name", ""),
        Field::text("field-patronymic", ""),
        Field::text("field-birth-date", "").with_hint("hint-date"),
        Field::choice("field-sex", sex_choices(), 0),
        Field::text("field-document", ""),
        Field::text("field-phone", "").with_hint("hint-phone"),
        Field::choice("field-region", region_choices(), 0),
        Field::text("field-city", ""),
    ]
}

impl PersonLookup {
    /// Fills the person fields from an existing record and locks them; `next` is the field
    /// to go on with.
    pub fn link(&mut self, form: &mut Form, p: Person, next: usize) {
        let f = &p.fields;
        let birth = f
            .birth_date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let values: [(usize, &str); 9] = [
            (pf::SURNAME, &f.surname),
            (pf::GIVEN, &f.given_name),
            (pf::PATRONYMIC, &f.patronymic),
            (pf::BIRTH, &birth),
            (pf::SEX, f.sex.code()),
            (pf::DOCUMENT, f.document.as_deref().unwrap_or("")),
            (pf::PHONE, f.phone.as_deref().unwrap_or("")),
            (pf::REGION, f.region.map(Region::code).unwrap_or("")),
            (pf::CITY, &f.city),
        ];
        for (i, v) in values {
            form.fields[i].set_value(v);
            form.fields[i].locked = true;
            form.fields[i].error = None;
        }
        form.focus = next;
        self.linked = Some(p);
    }

    pub fn unlink(&mut self, form: &mut Form) {
        for i in pf::ALL {
            form.fields[i].locked = false;
            form.fields[i].set_value("");
        }
        self.linked = None;
        form.focus = pf::SURNAME;
    }

    /// Ctrl+N/P/L: move through the matches, use one, or go back to a new person.
    /// Returns whether the command was one of these.
    pub fn command(&mut self, form: &mut Form, command: Command, next: usize) -> bool {
        match command {
            Command::NextSuggestion => {
                if !self.suggestions.is_empty() {
                    self.selected = (self.selected + 1) % self.suggestions.len();
                }
            }
            Command::PrevSuggestion => {
                let n = self.suggestions.len();
                if n > 0 {
                    self.selected = (self.selected + n - 1) % n;
                }
            }
            Command::UseSuggestion => {
                if self.linked.is_some() {
                    self.unlink(form);
                } else if let Some(p) = self.suggestions.get(self.selected).cloned() {
                    self.link(form, p, next);
                }
            }
            _ => return false,
        }
        true
    }

    /// Asks for matching persons after an edit of a field people are found by.
    pub fn suggest(&mut self, form: &Form) -> Vec<Effect> {
        if self.linked.is_some() {
            return vec![];
        }
        // The person typed changed: look-alikes shown before no longer apply.
        self.confirmed_new = false;
        self.likeness.clear();
        let query = match form.focus {
            pf::SURNAME | pf::GIVEN => {
                let s = form.value(pf::SURNAME).trim();
                let g = form.value(pf::GIVEN).trim();
                if s.is_empty() {
                    String::new()
                } else {
                    format!("{s} {g}").trim().to_string()
                }
            }
            pf::DOCUMENT => form.value(pf::DOCUMENT).trim().to_string(),
            pf::PHONE => form.value(pf::PHONE).trim().to_string(),
            _ => return vec![],
        };
        self.seq += 1;
        if query.chars().count() < 2 {
            self.suggestions.clear();
            return vec![];
        }
        vec![Effect::Suggest {
            seq: self.seq,
            query,
            limit: SUGGESTIONS,
        }]
    }

    /// Before a new person is saved: the check for look-alikes to ask first, unless they
    /// were shown already and the officer saves again. Nothing is kept waiting: on a clean
    /// answer the form builds its save again from what it still shows.
    pub fn check_first(&mut self, fields: &PersonFields) -> Option<Effect> {
        if self.confirmed_new {
            return None;
        }
        self.seq += 1;
        Some(Effect::LookAlikes {
            seq: self.seq,
            fields: Box::new(fields.clone()),
        })
    }

    /// Takes the answer to the look-alike check asked by `check_first`.
    pub fn look_alikes(&mut self, seq: u64, found: Vec<(Person, Likeness)>) -> LookAlikeAnswer {
        if self.seq != seq {
            return LookAlikeAnswer::Stale;
        }
        if found.is_empty() {
            return LookAlikeAnswer::NoneFound;
        }
        self.likeness = found.iter().map(|(_, l)| *l).collect();
        self.suggestions = found.into_iter().map(|(p, _)| p).collect();
        self.selected = 0;
        self.confirmed_new = true;
        LookAlikeAnswer::Shown
    }

    /// Takes the answer to the latest look-up.
    pub fn answer(&mut self, seq: u64, persons: Vec<Person>) {
        if self.seq == seq && self.linked.is_none() {
            self.suggestions = persons;
            self.selected = 0;
            self.likeness.clear();
        }
    }

    /// The person the form is for: the one picked, or a new one from the fields. On
    /// invalid fields the errors are shown on the form and `None` is returned.
    pub fn pick(&self, form: &mut Form, today: NaiveDate) -> Option<PersonPick> {
        if let Some(p) = &self.linked {
            return Some(PersonPick::Existing(p.meta.id));
        }
        let input = PersonInput {
            surname: form.value(pf::SURNAME).into(),
            given_name: form.value(pf::GIVEN).into(),
            patronymic: form.value(pf::PATRONYMIC).into(),
            birth_date: form.value(pf::BIRTH).into(),
            sex: Sex::ALL
                .into_iter()
                .find(|s| s.code() == form.value(pf::SEX))
                .unwrap_or_default(),
            document: form.value(pf::DOCUMENT).into(),
            phone: form.value(pf::PHONE).into(),
            region: Region::from_code(form.value(pf::REGION)),
            city: form.value(pf::CITY).into(),
        };
        match input.validate(today) {
            Ok(fields) => Some(PersonPick::New(fields)),
            Err(errors) => {
                let errors: Vec<(usize, ValidationError)> = errors
                    .into_iter()
                    .map(|(field, e)| {
                        let i = match field {
                            PersonField::Surname => pf::SURNAME,
                            PersonField::GivenName => pf::GIVEN,
                            PersonField::Patronymic => pf::PATRONYMIC,
                            PersonField::BirthDate => pf::BIRTH,
                            PersonField::Document => pf::DOCUMENT,
                            PersonField::Phone => pf::PHONE,
                            PersonField::City => pf::CITY,
                        };
                        (i, e)
                    })
                    .collect();
                form.set_errors(&errors);
                None
            }
        }
    }
}
