//! Importing from the app: `i` on the events screen asks for a CSV file (a visits table) or
//! the folder of a whole CSV export. The file is checked first (what would be created, which
//! rows match persons on record, or every problem with its line and column); `Enter` then
//! imports it. Both steps run on a thread of their own with a gauge; `Esc` cancels, and
//! nothing is written until the whole file has passed.

use super::{FormStep, form_step};
use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome as Go, Page};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Field, Form, field_names};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRequest {
    /// A file or folder; a relative path is taken from the data directory.
    pub path: String,
    pub dry_run: bool,
    pub offset_min: i32,
}

/// What an import created (or, checked only, would create).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows: usize,
    pub events: usize,
    pub persons: usize,
    pub visits: usize,
    pub consultations: usize,
    pub appeals: usize,
    pub members: usize,
    /// Rows whose person was already on record.
    pub matched: usize,
    /// Rows imported before (skipped).
    pub already: usize,
}

/// One thing wrong with the file, as the import reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// The table's file in a folder, or empty.
    pub file: String,
    pub line: u64,
    pub column: String,
    pub value: String,
    /// Message id.
    pub msg: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Checked(ImportSummary),
    Refused(Vec<ImportProblem>),
}

field_names!(
    pub enum ImportField {
        Path => "path",
    }
);

#[derive(Clone, Debug)]
pub struct ImportPage {
    pub form: Form<ImportField>,
    /// The last check's result.
    pub outcome: Option<Outcome>,
    /// Rows done and in all while a step runs.
    pub running: Option<(usize, usize)>,
    pub dry_run: bool,
    pub cancelling: bool,
}

pub fn open() -> Go {
    let page = ImportPage {
        form: Form::new(vec![
            Field::text("field-import-path", "").with_hint("hint-import-path"),
        ]),
        outcome: None,
        running: None,
        dry_run: true,
        cancelling: false,
    };
    Go::push(Page::Import(page), vec![])
}

impl ImportPage {
    fn start(&mut self, dry_run: bool, offset_min: i32) -> Go {
        let path = self.form.value(ImportField::Path).trim().to_string();
        if path.is_empty() {
            self.form[ImportField::Path].error = Some(crate::domain::ValidationError::Required);
            return Go::none();
        }
        self.form[ImportField::Path].error = None;
        self.running = Some((0, 0));
        self.dry_run = dry_run;
        self.cancelling = false;
        Go::effects(vec![Effect::StartImport(Box::new(ImportRequest {
            path,
            dry_run,
            offset_min,
        }))])
    }

    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Go {
        let offset_min = cx.zone().offset_min;
        if self.running.is_some() {
            if command == Command::Back && !self.cancelling {
                self.cancelling = true;
                return Go::effects(vec![Effect::CancelJob]);
            }
            return Go::none();
        }
        // After a clean check, Enter imports what was checked.
        if command == Command::Enter && matches!(self.outcome, Some(Outcome::Checked(_))) {
            return self.start(false, offset_min);
        }
        match form_step(&mut self.form, command) {
            FormStep::Leave => Go::back(vec![]),
            FormStep::Save => self.start(true, offset_min),
            FormStep::Moved | FormStep::Other => Go::none(),
        }
    }

    pub fn on_text(&mut self, key: Key) -> Go {
        if self.running.is_some() {
            return Go::none();
        }
        if let Some(f) = self.form.focused()
            && f.edit(key)
        {
            f.error = None;
            // Another file: the check shown no longer applies.
            self.outcome = None;
        }
        Go::none()
    }

    pub fn on_result(&mut self, cx: &mut Cx, action: Action) -> Result<Go, Action> {
        match action {
            Action::ImportProgress { done, total } => {
                if self.running.is_some() {
                    self.running = Some((done, total));
                }
            }
            Action::ImportChecked(summary) => {
                self.running = None;
                self.outcome = Some(Outcome::Checked(*summary));
            }
            Action::ImportRefused(problems) => {
                self.running = None;
                self.outcome = Some(Outcome::Refused(problems));
            }
            Action::ImportDone(summary) => {
                let args = vec![
                    ("events", summary.events.into()),
                    ("persons", summary.persons.into()),
                    ("visits", summary.visits.into()),
                    ("consultations", summary.consultations.into()),
                ];
                cx.flash("flash-import-done", args, FlashKind::Info);
                // The events list shows what came in.
                return Ok(Go::back(vec![Effect::LoadEvents]));
            }
            Action::ImportCancelled => {
                self.running = None;
                self.cancelling = false;
                cx.flash("flash-import-cancelled", vec![], FlashKind::Info);
            }
            other => return Err(other),
        }
        Ok(Go::none())
    }
}
