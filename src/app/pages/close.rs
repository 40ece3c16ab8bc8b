//! Closing a follow-up: outcome, amount recovered, its currency, the date, and for a
//! consultation a note that joins its notes.

use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::Outcome;
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Choice, Field, Form, field_names};
use crate::domain::taxonomy::Taxonomy;
use crate::domain::{Currency, Id, Lang, Money, ValidationError};

use super::{FormStep, form_step, leave_form};

field_names!(
    pub enum CloseField {
        Outcome => "outcome",
        Recovered => "recovered",
        Currency => "currency",
        Date => "closed_on",
        Note => "note",
    }
);
use CloseField as CF;

#[derive(Clone, Debug)]
pub struct ClosePage {
    pub id: Id,
    pub title: String,
    /// The consultation's notes as they are, which the note joins; `None` for an appeal
    /// (it has no notes, so the form has no note field).
    pub notes: Option<String>,
    pub form: Form<CloseField>,
    pub saving: bool,
}

/// The form that closes a follow-up: outcome (default "resolved"), amount recovered, its
/// currency, and the date (today); with `note`, a note last.
pub fn new_close_form(
    tax: &Taxonomy,
    lang: Lang,
    today: chrono::NaiveDate,
    note: bool,
) -> Form<CloseField> {
    let outcomes: Vec<Choice> = tax
        .outcomes
        .iter()
        .map(|o| Choice::text(&o.code, o.label.get(lang)))
        .collect();
    let resolved = outcomes
        .iter()
        .position(|c| c.code == "resolved")
        .unwrap_or(0);
    let currencies = Currency::ALL
        .iter()
        .map(|c| Choice::msg(c.code(), c.msg_id()).also(c.names().iter().copied()))
        .collect();
    let mut fields = vec![
        Field::choice("field-outcome", outcomes, resolved),
        Field::text("field-recovered", ""),
        Field::choice("field-currency", currencies, 0),
        Field::text("field-closed-on", &today.format("%Y-%m-%d").to_string())
            .with_hint("hint-date"),
    ];
    if note {
        fields.push(Field::text("field-close-note", "").with_hint("hint-close-note"));
    }
    Form::new(fields)
}

/// `notes`: the consultation's notes (the form then takes a note), `None` for an appeal.
pub fn new(cx: &Cx, id: Id, title: String, notes: Option<String>) -> ClosePage {
    let mut form = new_close_form(&cx.taxonomy(), cx.lang(), cx.today(), notes.is_some());
    form.set_focus(CF::Recovered);
    ClosePage {
        id,
        title,
        notes,
        form,
        saving: false,
    }
}

impl ClosePage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match form_step(&mut self.form, command) {
            FormStep::Leave => {
                let dirty = self.form.is_dirty();
                leave_form(cx, dirty, Outcome::pop(vec![]))
            }
            FormStep::Moved | FormStep::Other => Outcome::none(),
            FormStep::Save => self.save(cx),
        }
    }

    fn save(&mut self, cx: &mut Cx) -> Outcome {
        if self.saving {
            return Outcome::none();
        }
        let today = cx.today();
        let f = &mut self.form;
        let currency = Currency::from_code(f.value(CF::Currency)).unwrap_or(Currency::Rub);
        let raw = f.value(CF::Recovered).trim().to_string();
        let recovered = if raw.is_empty() {
            Ok(None)
        } else {
            Money::parse(&raw, currency).map(Some)
        };
        let on = crate::domain::validate::parse_date(f.value(CF::Date)).and_then(|d| {
            if d > today {
                Err(ValidationError::DateInFuture)
            } else {
                Ok(d)
            }
        });
        let note = f
            .get(CF::Note)
            .map(|n| n.value().to_string())
            .unwrap_or_default();
        // Checked here as the store checks it, so a note that would not fit is refused
        // in the form, with its field marked.
        let noted = match (&self.notes, &on) {
            (Some(notes), Ok(on)) => {
                crate::domain::consultation::with_close_note(notes, *on, &note).map(|_| ())
            }
            _ => Ok(()),
        };
        match (recovered, on, noted) {
            (Ok(recovered), Ok(on), Ok(())) => {
                self.saving = true;
                Outcome::effects(vec![Effect::CloseFollowUp {
                    id: self.id,
                    outcome: f.value(CF::Outcome).to_string(),
                    recovered,
                    on,
                    note,
                }])
            }
            (r, d, n) => {
                for field in f.fields_mut() {
                    field.error = None;
                }
                if let (Err(e), Some(field)) = (n, f.get_mut(CF::Note)) {
                    field.error = Some(e);
                    f.set_focus(CF::Note);
                }
                if let Err(e) = r {
                    f[CF::Recovered].error_msg = Some(e.msg_id());
                    f.set_focus(CF::Recovered);
                }
                if let Err(e) = d {
                    f[CF::Date].error = Some(e);
                    if f[CF::Recovered].error_msg.is_none() {
                        f.set_focus(CF::Date);
                    }
                }
                cx.flash("flash-fix-fields", vec![], FlashKind::Error);
                Outcome::none()
            }
        }
    }

    pub fn on_text(&mut self, key: Key) -> Outcome {
        self.form.edit_focused(key);
        Outcome::none()
    }

    pub fn on_paste(&mut self, text: &str) -> Outcome {
        self.form.paste_focused(text);
        Outcome::none()
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::FollowUpClosed(_) => {
                cx.flash("flash-follow-up-closed", vec![], FlashKind::Info);
                // The list reads itself again, with its own filter.
                Ok(Outcome::back(vec![]))
            }
            other => Err(other),
        }
    }
}
