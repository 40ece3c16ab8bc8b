//! A new reception day: date, city, venue, hosts, UTC offset.

use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Returned};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Field, Form, field_names};
use crate::domain::draft::{DraftForm, NamedValues};
use crate::domain::{EventField, EventInput};

use super::{FormStep, form_step, leave_form};

field_names!(
    pub enum EventFormField {
        Date => "date",
        City => "city",
        Venue => "venue",
        Hosts => "hosts",
        Offset => "utc_offset",
    }
);
use EventFormField as EF;

/// The order positional drafts (`DraftForm::Event`) were written in. Frozen: it names
/// the values of drafts already on disk, whatever the form's order becomes.
pub const POSITIONAL: [&str; 5] = ["date", "city", "venue", "hosts", "utc_offset"];

#[derive(Clone, Debug)]
pub struct EventFormPage {
    pub form: Form<EventFormField>,
    pub saving: bool,
}

pub fn new_event_form(today: chrono::NaiveDate, offset_min: i32) -> Form<EventFormField> {
    Form::new(vec![
        Field::text("field-event-date", &today.format("%Y-%m-%d").to_string())
            .with_hint("hint-date"),
        Field::text("field-event-city", ""),
        Field::text("field-event-venue", ""),
        Field::text("field-event-hosts", "").with_hint("hint-hosts"),
        Field::text(
            "field-event-offset",
            &crate::domain::validate::format_utc_offset(offset_min),
        )
        .with_hint("hint-offset"),
    ])
}

/// The form again from its draft.
pub fn restore(cx: &Cx, values: &NamedValues) -> EventFormPage {
    let mut form = new_event_form(cx.today(), cx.ctx.local_offset_min);
    form.restore_named(values);
    form.set_focus(EF::City);
    EventFormPage {
        form,
        saving: false,
    }
}

/// A blank form: today, and this machine's offset; typing starts at the city.
pub fn open(cx: &Cx) -> EventFormPage {
    let mut form = new_event_form(cx.today(), cx.ctx.local_offset_min);
    form.set_focus(EF::City);
    EventFormPage {
        form,
        saving: false,
    }
}

impl EventFormPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match form_step(&mut self.form, command) {
            FormStep::Leave => {
                let dirty = self.form.is_dirty();
                leave_form(cx, dirty, Outcome::pop(vec![Effect::ClearDraft]))
            }
            FormStep::Save => self.save(cx),
            FormStep::Moved | FormStep::Other => Outcome::none(),
        }
    }

    fn save(&mut self, cx: &mut Cx) -> Outcome {
        if self.saving {
            return Outcome::none();
        }
        let f = &mut self.form;
        let input = EventInput {
            date: f.value(EF::Date).into(),
            city: f.value(EF::City).into(),
            venue: f.value(EF::Venue).into(),
            hosts: f.value(EF::Hosts).into(),
            utc_offset: f.value(EF::Offset).into(),
        };
        match input.validate() {
            Ok(fields) => {
                f.set_errors(&[]);
                self.saving = true;
                Outcome::effects(vec![Effect::CreateEvent(fields)])
            }
            Err(errors) => {
                let errors: Vec<_> = errors
                    .into_iter()
                    .map(|(field, e)| {
                        let i = match field {
                            EventField::Date => EF::Date,
                            EventField::City => EF::City,
                            EventField::Venue => EF::Venue,
                            EventField::Hosts => EF::Hosts,
                            EventField::UtcOffset => EF::Offset,
                        };
                        (i, e)
                    })
                    .collect();
                f.set_errors(&errors);
                cx.flash("flash-fix-fields", vec![], FlashKind::Error);
                Outcome::none()
            }
        }
    }

    pub fn on_text(&mut self, cx: &mut Cx, key: Key) -> Outcome {
        if let Some(f) = self.form.focused() {
            *cx.draft_dirty |= f.edit(key);
        }
        Outcome::none()
    }

    pub fn on_paste(&mut self, cx: &mut Cx, text: &str) -> Outcome {
        *cx.draft_dirty |= self.form.paste_focused(text);
        Outcome::none()
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::EventCreated(event) => {
                cx.flash("flash-event-saved", vec![], FlashKind::Info);
                Ok(Outcome::pop_with(
                    Returned::EventCreated(event),
                    false,
                    vec![],
                ))
            }
            other => Err(other),
        }
    }

    pub fn draft(&self) -> DraftForm {
        DraftForm::EventByName {
            values: self.form.named_values(),
        }
    }
}
