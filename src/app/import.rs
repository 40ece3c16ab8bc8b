//! Importing from the app: `i` on the events screen asks for a CSV file (a visits table) or
//! the folder of a whole CSV export. The file is checked first (what would be created, which
//! rows match persons on record, or every problem with its line and column); `Enter` then
//! imports it. Both steps run on a thread of their own with a gauge; `Esc` cancels, and
//! nothing is written until the whole file has passed.

use super::form::{Field, Form};
use super::keymap::{Command, Key};
use super::state::{Action, Effect, FlashKind, Screen, State};
use super::update::{FormStep, form_step, return_to};

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

#[derive(Clone, Debug)]
pub struct ImportScreen {
    pub form: Form,
    /// The last check's result.
    pub outcome: Option<Outcome>,
    /// Rows done and in all while a step runs.
    pub running: Option<(usize, usize)>,
    pub dry_run: bool,
    pub cancelling: bool,
}

pub fn open(state: &mut State) -> Vec<Effect> {
    state.import = Some(ImportScreen {
        form: Form::new(vec![
            Field::text("field-import-path", "").with_hint("hint-import-path"),
        ]),
        outcome: None,
        running: None,
        dry_run: true,
        cancelling: false,
    });
    state.screen = Screen::Import;
    vec![]
}

fn start(s: &mut ImportScreen, dry_run: bool, offset_min: i32) -> Vec<Effect> {
    let path = s.form.value(0).trim().to_string();
    if path.is_empty() {
        s.form.fields[0].error = Some(crate::domain::ValidationError::Required);
        return vec![];
    }
    s.form.fields[0].error = None;
    s.running = Some((0, 0));
    s.dry_run = dry_run;
    s.cancelling = false;
    vec![Effect::StartImport(Box::new(ImportRequest {
        path,
        dry_run,
        offset_min,
    }))]
}

pub fn command(state: &mut State, command: Command) -> Vec<Effect> {
    let offset_min = state.ctx.local_offset_min;
    let Some(s) = state.import.as_mut() else {
        return vec![];
    };
    if s.running.is_some() {
        if command == Command::Back && !s.cancelling {
            s.cancelling = true;
            return vec![Effect::CancelJob];
        }
        return vec![];
    }
    // After a clean check, Enter imports what was checked.
    if command == Command::Enter && matches!(s.outcome, Some(Outcome::Checked(_))) {
        return start(s, false, offset_min);
    }
    match form_step(&mut s.form, command) {
        FormStep::Leave => {
            state.import = None;
            return_to(state, Screen::Events)
        }
        FormStep::Save => start(s, true, offset_min),
        FormStep::Moved | FormStep::Other => vec![],
    }
}

pub fn edit(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(s) = state.import.as_mut() else {
        return vec![];
    };
    if s.running.is_some() {
        return vec![];
    }
    if let Some(f) = s.form.focused()
        && f.edit(key)
    {
        f.error = None;
        // Another file: the check shown no longer applies.
        s.outcome = None;
    }
    vec![]
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(s) = state.import.as_mut() else {
        return vec![];
    };
    match action {
        Action::ImportProgress { done, total } => {
            if s.running.is_some() {
                s.running = Some((done, total));
            }
            vec![]
        }
        Action::ImportChecked(summary) => {
            s.running = None;
            s.outcome = Some(Outcome::Checked(*summary));
            vec![]
        }
        Action::ImportRefused(problems) => {
            s.running = None;
            s.outcome = Some(Outcome::Refused(problems));
            vec![]
        }
        Action::ImportDone(summary) => {
            state.import = None;
            let args = vec![
                ("events", summary.events.into()),
                ("persons", summary.persons.into()),
                ("visits", summary.visits.into()),
                ("consultations", summary.consultations.into()),
            ];
            state.flash("flash-import-done", args, FlashKind::Info);
            // The events list shows what came in.
            let mut effects = return_to(state, Screen::Events);
            effects.push(Effect::LoadEvents);
            effects
        }
        Action::ImportCancelled => {
            s.running = None;
            s.cancelling = false;
            state.flash("flash-import-cancelled", vec![], FlashKind::Info);
            vec![]
        }
        _ => vec![],
    }
}
