//! The desk's settings: its name, its letter (before queue numbers), the officer and the
//! language. At a first start (no config file yet) the same form greets the officer; both
//! write the config file, so the settings hold at the next start.

use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::Outcome;
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Choice, Field, Form, field_names};
use crate::domain::Lang;
use crate::domain::settings::Settings;

use super::{FormStep, form_step, leave_form};

field_names!(
    pub enum SettingsField {
        DeskName => "desk_name",
        DeskLetter => "desk_letter",
        Officer => "officer",
        Language => "language",
    }
);
use SettingsField as SF;

#[derive(Clone, Debug)]
pub struct SettingsPage {
    pub form: Form<SettingsField>,
    /// The first start: nothing is configured yet (the title greets, `Esc` keeps the
    /// defaults for this run and the form comes again at the next start).
    pub first: bool,
    pub saving: bool,
}

/// The form with the desk's settings as they are (`first`: the letter proposed is `A`).
pub fn open(ctx: &crate::app::Context, first: bool) -> SettingsPage {
    let letter = if first && ctx.desk_letter.is_empty() {
        "A"
    } else {
        ctx.desk_letter.as_str()
    };
    let officer = if ctx.officer == ctx.desk_name {
        ""
    } else {
        ctx.officer.as_str()
    };
    let langs = Lang::ALL
        .iter()
        .map(|l| Choice::msg(l.code(), l.msg_id()))
        .collect();
    let selected = Lang::ALL
        .iter()
        .position(|l| *l == ctx.language)
        .unwrap_or(0);
    let form = Form::new(vec![
        Field::text("field-desk-name", &ctx.desk_name),
        Field::text("field-desk-letter", letter).with_hint("hint-desk-letter"),
        // An officer left empty is recorded as the desk: shown empty again.
        Field::text("field-officer", officer).with_hint("hint-officer"),
        Field::choice("field-interface-language", langs, selected),
    ]);
    SettingsPage {
        form,
        first,
        saving: false,
    }
}

impl SettingsPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match form_step(&mut self.form, command) {
            FormStep::Leave if self.first => Outcome::pop(vec![]),
            FormStep::Leave => leave_form(cx, self.form.is_dirty(), Outcome::pop(vec![])),
            FormStep::Moved | FormStep::Other => Outcome::none(),
            FormStep::Save => self.save(cx),
        }
    }

    fn save(&mut self, cx: &mut Cx) -> Outcome {
        if self.saving {
            return Outcome::none();
        }
        let f = &mut self.form;
        let lang = Lang::from_code(f.value(SF::Language)).unwrap_or(cx.ctx.language);
        let checked = crate::domain::settings::check(
            f.value(SF::DeskName),
            f.value(SF::DeskLetter),
            f.value(SF::Officer),
            lang,
        );
        match checked {
            Ok(settings) => {
                self.saving = true;
                Outcome::effects(vec![Effect::SaveSettings(settings)])
            }
            Err(errors) => {
                f.clear_errors();
                let by_name = [SF::DeskName, SF::DeskLetter, SF::Officer];
                let errors: Vec<_> = errors
                    .into_iter()
                    .filter_map(|(i, e)| by_name.get(i).map(|f| (*f, e)))
                    .collect();
                f.set_errors(&errors);
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

    /// Saved: the app took the settings already (`update`), this form closes.
    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::SettingsSaved(_) => {
                cx.flash("flash-settings-saved", vec![], FlashKind::Info);
                Ok(Outcome::pop(vec![]))
            }
            other => Err(other),
        }
    }
}

/// What the app holds of the settings once they are saved.
pub fn apply(ctx: &mut crate::app::Context, s: &Settings) {
    ctx.desk_name = s.desk_name.clone();
    ctx.desk_letter = s.desk_letter.clone();
    ctx.officer = if s.officer.is_empty() {
        s.desk_name.clone()
    } else {
        s.officer.clone()
    };
}
