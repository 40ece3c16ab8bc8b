//! Correcting a person's details from their card: a name typo, a new phone, a renewed
//! passport. The fields are the arrival form's, checked by the same rules; saving writes a
//! new version (the card's history shows what changed), or nothing when nothing differs.

use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::Outcome;
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Form, field_names};
use crate::app::widgets::lookup::{PersonPart, person_fields};
use crate::domain::{Person, PersonField, PersonInput, Region, Sex};

use super::{FormStep, form_step, leave_form};

field_names!(
    /// The person fields, by the names drafts and the arrival form give them.
    pub enum PersonFormField {
        Surname => PersonPart::Surname.name(),
        Given => PersonPart::Given.name(),
        Patronymic => PersonPart::Patronymic.name(),
        Birth => PersonPart::Birth.name(),
        Sex => PersonPart::Sex.name(),
        Document => PersonPart::Document.name(),
        Phone => PersonPart::Phone.name(),
        Region => PersonPart::Region.name(),
        City => PersonPart::City.name(),
    }
);
use PersonFormField as PF;

#[derive(Clone, Debug)]
pub struct PersonFormPage {
    /// The record as it was when the form opened.
    pub person: Person,
    pub form: Form<PersonFormField>,
    pub saving: bool,
}

/// The form filled with the person's details as they are (they count as given, not typed).
pub fn open(person: Person) -> PersonFormPage {
    let mut form = Form::new(person_fields());
    let i = person.fields.to_input();
    let values: [(PF, &str); 9] = [
        (PF::Surname, &i.surname),
        (PF::Given, &i.given_name),
        (PF::Patronymic, &i.patronymic),
        (PF::Birth, &i.birth_date),
        (PF::Sex, i.sex.code()),
        (PF::Document, &i.document),
        (PF::Phone, &i.phone),
        (PF::Region, i.region.map(Region::code).unwrap_or("")),
        (PF::City, &i.city),
    ];
    for (f, v) in values {
        form[f].preset(v);
    }
    PersonFormPage {
        person,
        form,
        saving: false,
    }
}

impl PersonFormPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match form_step(&mut self.form, command) {
            FormStep::Leave => leave_form(cx, self.form.is_dirty(), Outcome::pop(vec![])),
            FormStep::Save => self.save(cx),
            FormStep::Moved | FormStep::Other => Outcome::none(),
        }
    }

    fn input(&self) -> PersonInput {
        let v = |f| self.form.value(f).to_string();
        PersonInput {
            surname: v(PF::Surname),
            given_name: v(PF::Given),
            patronymic: v(PF::Patronymic),
            birth_date: v(PF::Birth),
            sex: Sex::ALL
                .into_iter()
                .find(|s| s.code() == self.form.value(PF::Sex))
                .unwrap_or_default(),
            document: v(PF::Document),
            phone: v(PF::Phone),
            region: Region::from_code(self.form.value(PF::Region)),
            city: v(PF::City),
        }
    }

    /// Checks the fields as a new person's; unchanged details are not saved (and said so).
    fn save(&mut self, cx: &mut Cx) -> Outcome {
        if self.saving {
            return Outcome::none();
        }
        let mut fields = match self.input().validate(cx.today()) {
            Ok(f) => f,
            Err(errors) => {
                let errors: Vec<_> = errors
                    .into_iter()
                    .map(|(field, e)| (form_field(field), e))
                    .collect();
                self.form.set_errors(&errors);
                cx.flash("flash-fix-fields", vec![], FlashKind::Error);
                return Outcome::none();
            }
        };
        self.form.clear_errors();
        // A document left as it was keeps the form it is stored in (an older rule's).
        if !self.form[PF::Document].is_dirty() {
            fields.document = self.person.fields.document.clone();
        }
        if fields == self.person.fields {
            cx.flash("flash-nothing-changed", vec![], FlashKind::Info);
            return Outcome::pop(vec![]);
        }
        self.saving = true;
        Outcome::effects(vec![Effect::UpdatePerson {
            id: self.person.meta.id,
            fields: Box::new(fields),
        }])
    }

    pub fn on_text(&mut self, key: Key) -> Outcome {
        self.form.edit_focused(key);
        Outcome::none()
    }

    pub fn on_paste(&mut self, text: &str) -> Outcome {
        self.form.paste_focused(text);
        Outcome::none()
    }

    /// Saved (or found unchanged by the store): the card under it reads the person again.
    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::PersonUpdated(Some(p)) => {
                let name = p.fields.full_name();
                cx.flash(
                    "flash-person-saved",
                    vec![("name", name.into())],
                    FlashKind::Info,
                );
                Ok(Outcome::back(vec![]))
            }
            Action::PersonUpdated(None) => {
                cx.flash("flash-nothing-changed", vec![], FlashKind::Info);
                Ok(Outcome::back(vec![]))
            }
            other => Err(other),
        }
    }
}

fn form_field(f: PersonField) -> PF {
    match f {
        PersonField::Surname => PF::Surname,
        PersonField::GivenName => PF::Given,
        PersonField::Patronymic => PF::Patronymic,
        PersonField::BirthDate => PF::Birth,
        PersonField::Document => PF::Document,
        PersonField::Phone => PF::Phone,
        PersonField::City => PF::City,
    }
}
