//! Someone arrives: who they are (found on record as they are typed, or new), the
//! language they are served in, and why they came. Saving is one effect; the store refuses
//! a new person who looks like persons on record, and they come back here to choose from.

use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Returned};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Choice, Field, Form, field_names};
use crate::app::widgets::lookup::{
    LookAlikeAnswer, PersonLookup, PersonPart, person_fields, person_form,
};
use crate::domain::draft::{DraftForm, NamedValues};
use crate::domain::{Arrival, Id, Lang, PersonPick, validate::clean_text};

use super::{FormStep, form_step, leave_form};

field_names!(
    /// The arrival form's fields: the person, the language of service, then the purpose
    /// (last, so that Enter on it saves).
    pub enum ArrivalField {
        Surname => PersonPart::Surname.name(),
        Given => PersonPart::Given.name(),
        Patronymic => PersonPart::Patronymic.name(),
        Birth => PersonPart::Birth.name(),
        Sex => PersonPart::Sex.name(),
        Document => PersonPart::Document.name(),
        Phone => PersonPart::Phone.name(),
        Region => PersonPart::Region.name(),
        City => PersonPart::City.name(),
        Language => "language",
        Purpose => "purpose",
    }
);
person_form!(ArrivalField);
use ArrivalField as AF;

/// The order positional drafts (`DraftForm::Arrival`) were written in. Frozen: it names
/// the values of drafts already on disk, whatever the form's order becomes.
pub const POSITIONAL: [&str; 11] = [
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "document",
    "phone",
    "region",
    "city",
    "language",
    "purpose",
];

#[derive(Clone, Debug)]
pub struct ArrivalPage {
    pub event: Id,
    pub form: Form<ArrivalField>,
    /// Matches for what is typed and the existing person picked, if any.
    pub lookup: PersonLookup,
    pub saving: bool,
}

/// The arrival form; the language of service starts as the interface language.
pub fn new_arrival_form(interface: Lang) -> Form<ArrivalField> {
    let mut fields = person_fields();
    fields.push(language_field(interface));
    fields.push(Field::text("field-purpose", ""));
    Form::new(fields)
}

/// The languages a citizen can be served in, as a choice field.
pub fn language_field(selected: Lang) -> Field {
    let options = Lang::ALL
        .iter()
        .map(|l| Choice::msg(l.code(), l.msg_id()))
        .collect();
    let at = Lang::ALL.iter().position(|l| *l == selected).unwrap_or(0);
    Field::choice("field-language", options, at)
}

pub fn new(event: Id, interface: Lang) -> ArrivalPage {
    ArrivalPage {
        event,
        form: new_arrival_form(interface),
        lookup: PersonLookup::default(),
        saving: false,
    }
}

impl ArrivalPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match form_step(&mut self.form, command) {
            FormStep::Leave => {
                let dirty = self.form.is_dirty();
                return leave_form(cx, dirty, Outcome::pop(vec![Effect::ClearDraft]));
            }
            FormStep::Save => return self.save(cx),
            FormStep::Moved => return Outcome::none(),
            FormStep::Other => {}
        }
        let was = self.lookup.linked.as_ref().map(|p| p.meta.id);
        self.lookup.command(&mut self.form, command, AF::Purpose);
        match self.lookup.linked.as_ref().map(|p| p.meta.id) {
            // A returning citizen: they are served in the language of their last visit.
            Some(now) if was != Some(now) => Outcome::effects(vec![Effect::LastLanguage(now)]),
            _ => Outcome::none(),
        }
    }

    /// Saves the arrival in one effect. A new person is refused by the store if they look
    /// like persons on record (they come back here), unless they were shown already.
    fn save(&mut self, cx: &mut Cx) -> Outcome {
        if self.saving {
            return Outcome::none();
        }
        let language = Lang::from_code(self.form.value(AF::Language)).unwrap_or(cx.lang());
        let purpose = match clean_text(self.form.value(AF::Purpose), false) {
            Ok(p) => p,
            Err(e) => {
                self.saving = false;
                self.form.set_errors(&[(AF::Purpose, e)]);
                return Outcome::none();
            }
        };
        let Some(person) = self.lookup.pick(&mut self.form, cx.today()) else {
            self.saving = false;
            cx.flash("flash-fix-fields", vec![], FlashKind::Error);
            return Outcome::none();
        };
        self.form.set_errors(&[]);
        self.saving = true;
        let check_look_alikes = matches!(person, PersonPick::New(_)) && self.lookup.check_on_save();
        Outcome::effects(vec![Effect::AddArrival {
            arrival: Arrival {
                event: self.event,
                person,
                purpose,
                desk_name: cx.ctx.desk_name.clone(),
                language,
            },
            check_look_alikes,
        }])
    }

    pub fn on_text(&mut self, cx: &mut Cx, key: Key) -> Outcome {
        let changed = self.form.focused().is_some_and(|f| f.edit(key));
        self.changed(cx, changed)
    }

    pub fn on_paste(&mut self, cx: &mut Cx, text: &str) -> Outcome {
        let changed = self.form.paste_focused(text);
        self.changed(cx, changed)
    }

    fn changed(&mut self, cx: &mut Cx, changed: bool) -> Outcome {
        *cx.draft_dirty |= changed;
        if changed {
            Outcome::effects(self.lookup.suggest(&self.form))
        } else {
            Outcome::none()
        }
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::Suggestions { seq, persons, .. } => {
                self.lookup.answer(seq, persons);
                Ok(Outcome::none())
            }
            Action::LastLanguage { person, language } => {
                let linked = self.lookup.linked.as_ref().map(|p| p.meta.id);
                let language_field = &mut self.form[AF::Language];
                // Only while it is still the default: a language the officer chose stays.
                if let Some(l) = language
                    && linked == Some(person)
                    && !language_field.is_dirty()
                {
                    language_field.preset(l.code());
                }
                Ok(Outcome::none())
            }
            Action::LookAlikes(found) => {
                // Nothing was saved: the form takes input again either way.
                self.saving = false;
                if self.lookup.look_alikes(found) == LookAlikeAnswer::Shown {
                    cx.flash("flash-look-alikes", vec![], FlashKind::Error);
                }
                Ok(Outcome::none())
            }
            Action::ArrivalSaved(entry) => {
                let args = vec![
                    ("number", cx.ctx.queue_label(&entry.visit).into()),
                    ("name", entry.person_name().into()),
                ];
                cx.flash("flash-arrival-saved", args, FlashKind::Info);
                Ok(Outcome::pop_with(
                    Returned::ArrivalSaved(entry),
                    false,
                    vec![Effect::ClearDraft],
                ))
            }
            other => Err(other),
        }
    }

    pub fn draft(&self) -> DraftForm {
        DraftForm::ArrivalByName {
            event: self.event,
            values: self.form.named_values(),
            linked: self.lookup.linked.clone().map(Box::new),
        }
    }
}

/// The form again from its draft: the person picked (locked) or the values typed.
pub fn restore(
    event: Id,
    interface: Lang,
    values: &NamedValues,
    linked: Option<Box<crate::domain::Person>>,
) -> ArrivalPage {
    let mut a = new(event, interface);
    if let Some(p) = linked {
        a.lookup.link(&mut a.form, *p, AF::Purpose);
    }
    // The person picked keeps their record's details (locked fields are not restored).
    a.form.restore_named(values);
    a
}
