//! Finding a person while their details are typed, shared by every form that starts with
//! the person fields (arrival, appeal member): such a form names them as `PersonPart`
//! does (`PersonForm`), so one set of functions fills, locks and reads them.

use chrono::NaiveDate;

use super::form::{Choice, Field, FieldName, Form, field_names};
use crate::app::keymap::Command;
use crate::app::msg::Effect;
use crate::domain::search::Likeness;
use crate::domain::{Person, PersonField, PersonInput, PersonPick, Region, Sex, ValidationError};

/// Matches listed while a person is typed.
pub const SUGGESTIONS: usize = 8;

field_names!(
    /// The person fields a form starts with, by their names in drafts.
    pub enum PersonPart {
        Surname => "surname",
        Given => "given_name",
        Patronymic => "patronymic",
        Birth => "birth_date",
        Sex => "sex",
        Document => "document",
        Phone => "phone",
        Region => "region",
        City => "city",
    }
);

/// A form that starts with the person fields: where each of them is in it.
pub trait PersonForm: FieldName {
    fn person(p: PersonPart) -> Self;

    /// The person field this is, if it is one.
    fn as_person(self) -> Option<PersonPart> {
        PersonPart::ALL
            .iter()
            .copied()
            .find(|p| Self::person(*p) == self)
    }
}

/// Implements `PersonForm` for a field enum that has the `PersonPart` variants by the
/// same names.
macro_rules! person_form {
    ($t:ident) => {
        impl $crate::app::widgets::lookup::PersonForm for $t {
            fn person(p: $crate::app::widgets::lookup::PersonPart) -> Self {
                use $crate::app::widgets::lookup::PersonPart as P;
                match p {
                    P::Surname => $t::Surname,
                    P::Given => $t::Given,
                    P::Patronymic => $t::Patronymic,
                    P::Birth => $t::Birth,
                    P::Sex => $t::Sex,
                    P::Document => $t::Document,
                    P::Phone => $t::Phone,
                    P::Region => $t::Region,
                    P::City => $t::City,
                }
            }
        }
    };
}
pub(crate) use person_form;

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
    /// The person cannot be changed here (a member being edited): Ctrl+L does nothing and
    /// the side says where a person is edited instead.
    pub fixed: bool,
    /// `seq` when a save that checks for look-alikes was sent: a refusal that comes back
    /// after the person typed changed is for someone else.
    asked: Option<u64>,
}

/// What the look-alikes a save was refused for mean for the form that asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookAlikeAnswer {
    /// For the person as typed before (it changed since): nothing to show.
    Stale,
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

/// The person fields, in `PersonPart` order.
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
    pub fn link<F: PersonForm>(&mut self, form: &mut Form<F>, p: Person, next: F) {
        let f = &p.fields;
        let birth = f
            .birth_date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let values: [(PersonPart, &str); 9] = [
            (PersonPart::Surname, &f.surname),
            (PersonPart::Given, &f.given_name),
            (PersonPart::Patronymic, &f.patronymic),
            (PersonPart::Birth, &birth),
            (PersonPart::Sex, f.sex.code()),
            (PersonPart::Document, f.document.as_deref().unwrap_or("")),
            (PersonPart::Phone, f.phone.as_deref().unwrap_or("")),
            (PersonPart::Region, f.region.map(Region::code).unwrap_or("")),
            (PersonPart::City, &f.city),
        ];
        for (part, v) in values {
            let field = &mut form[F::person(part)];
            field.set_value(v);
            field.locked = true;
            field.error = None;
        }
        form.set_focus(next);
        self.linked = Some(p);
    }

    pub fn unlink<F: PersonForm>(&mut self, form: &mut Form<F>) {
        for part in PersonPart::ALL {
            let field = &mut form[F::person(*part)];
            field.locked = false;
            field.set_value("");
        }
        self.linked = None;
        form.set_focus(F::person(PersonPart::Surname));
    }

    /// Ctrl+N/P/L: move through the matches, use one, or go back to a new person.
    /// Returns whether the command was one of these.
    pub fn command<F: PersonForm>(
        &mut self,
        form: &mut Form<F>,
        command: Command,
        next: F,
    ) -> bool {
        if self.fixed {
            return matches!(
                command,
                Command::NextSuggestion | Command::PrevSuggestion | Command::UseSuggestion
            );
        }
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
    pub fn suggest<F: PersonForm>(&mut self, form: &Form<F>) -> Vec<Effect> {
        if self.linked.is_some() {
            return vec![];
        }
        // The person typed changed: look-alikes shown before no longer apply.
        self.confirmed_new = false;
        self.likeness.clear();
        let v = |p| form.value(F::person(p)).trim();
        let query = match form.focus().and_then(F::as_person) {
            Some(PersonPart::Surname | PersonPart::Given) => {
                let s = v(PersonPart::Surname);
                let g = v(PersonPart::Given);
                if s.is_empty() {
                    String::new()
                } else {
                    format!("{s} {g}").trim().to_string()
                }
            }
            Some(PersonPart::Document) => v(PersonPart::Document).to_string(),
            Some(PersonPart::Phone) => v(PersonPart::Phone).to_string(),
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
            except: None,
        }]
    }

    /// Whether saving a new person is to be refused if they look like persons on record:
    /// yes, unless the look-alikes were shown already and the officer saves again.
    pub fn check_on_save(&mut self) -> bool {
        if self.confirmed_new {
            return false;
        }
        self.seq += 1;
        self.asked = Some(self.seq);
        true
    }

    /// Takes the look-alikes a save asked by `check_on_save` was refused for.
    pub fn look_alikes(&mut self, found: Vec<(Person, Likeness)>) -> LookAlikeAnswer {
        if self.asked.take() != Some(self.seq) || found.is_empty() {
            return LookAlikeAnswer::Stale;
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
    pub fn pick<F: PersonForm>(&self, form: &mut Form<F>, today: NaiveDate) -> Option<PersonPick> {
        if let Some(p) = &self.linked {
            return Some(PersonPick::Existing(p.meta.id));
        }
        let v = |p| form.value(F::person(p));
        let input = PersonInput {
            surname: v(PersonPart::Surname).into(),
            given_name: v(PersonPart::Given).into(),
            patronymic: v(PersonPart::Patronymic).into(),
            birth_date: v(PersonPart::Birth).into(),
            sex: Sex::ALL
                .into_iter()
                .find(|s| s.code() == v(PersonPart::Sex))
                .unwrap_or_default(),
            document: v(PersonPart::Document).into(),
            phone: v(PersonPart::Phone).into(),
            region: Region::from_code(v(PersonPart::Region)),
            city: v(PersonPart::City).into(),
        };
        match input.validate(today) {
            Ok(fields) => Some(PersonPick::New(fields)),
            Err(errors) => {
                let errors: Vec<(F, ValidationError)> = errors
                    .into_iter()
                    .map(|(field, e)| {
                        let part = match field {
                            PersonField::Surname => PersonPart::Surname,
                            PersonField::GivenName => PersonPart::Given,
                            PersonField::Patronymic => PersonPart::Patronymic,
                            PersonField::BirthDate => PersonPart::Birth,
                            PersonField::Document => PersonPart::Document,
                            PersonField::Phone => PersonPart::Phone,
                            PersonField::City => PersonPart::City,
                        };
                        (F::person(part), e)
                    })
                    .collect();
                form.set_errors(&errors);
                None
            }
        }
    }
}
