//! Exporting from the app: `x` on the dashboard asks for a format, whether to remove
//! personal data and where to write; the export then runs on a thread of its own with a
//! gauge, and `Esc` cancels it (nothing is left behind).

use super::form::{Choice, Field, Form};
use super::keymap::{Command, Key};
use super::state::{Action, Effect, FlashKind, Screen, State};
use super::update::{FormStep, form_step, return_to};
use crate::domain::Lang;
use crate::domain::report::Period;
use crate::i18n::Arg;

pub mod field {
    pub const FORMAT: usize = 0;
    pub const ANONYMIZE: usize = 1;
    pub const FILE: usize = 2;
}

/// What the export effect is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    /// `csv`, `xlsx`, `html` or `json`.
    pub format: String,
    pub period: Period,
    /// The event's date and city, shown in the report's title; none for all records.
    pub title: Option<String>,
    pub anonymize: bool,
    /// A file name (written under `exports/` in the data directory) or a full path.
    pub file: String,
    /// Labels, headers and sentences in this language.
    pub lang: Lang,
    pub offset_min: i32,
    pub today: chrono::NaiveDate,
}

#[derive(Clone, Debug)]
pub struct ExportScreen {
    pub period: Period,
    pub title: Option<String>,
    pub form: Form,
    /// Rows the export will handle, about (for the gauge).
    pub expected_rows: u64,
    pub job: Option<ExportJob>,
    pub back: Screen,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportJob {
    pub stage: String,
    pub rows: u64,
    pub cancelling: bool,
}

impl ExportScreen {
    /// Rows the chosen format handles, about: xlsx and html go through CSV first.
    pub fn expected(&self) -> u64 {
        self.expected_rows * passes(self.form.value(field::FORMAT))
    }
}

impl ExportJob {
    /// Progress from 0.0 to 1.0 against the rows expected.
    pub fn ratio(&self, expected: u64) -> f64 {
        if expected == 0 {
            0.0
        } else {
            (self.rows as f64 / expected as f64).clamp(0.0, 1.0)
        }
    }
}

const FORMATS: [(&str, &str); 4] = [
    ("xlsx", "export-format-xlsx"),
    ("csv", "export-format-csv"),
    ("html", "export-format-html"),
    ("json", "export-format-json"),
];

fn passes(format: &str) -> u64 {
    if matches!(format, "xlsx" | "html") {
        2
    } else {
        1
    }
}

/// `name` with the format's extension (replacing another export extension).
pub fn with_extension(name: &str, format: &str) -> String {
    let name = name.trim();
    let stem = FORMATS
        .iter()
        .find_map(|(ext, _)| name.strip_suffix(&format!(".{ext}")))
        .unwrap_or(name);
    if format == "csv" {
        // A CSV export is a folder of tables.
        stem.to_string()
    } else {
        format!("{stem}.{format}")
    }
}

/// Opens the export form for the dashboard's period.
pub fn open(state: &mut State) -> Vec<Effect> {
    let Some(d) = state.dashboard.as_ref() else {
        return vec![];
    };
    // Each visit, consultation and visitor becomes a row (appeals and members are few).
    let expected_rows = d.report.as_ref().map_or(0, |r| {
        (r.visits.total + r.consultations + r.visits.persons + r.appeals) as u64
    });
    let formats = FORMATS.iter().map(|(c, m)| Choice::msg(c, m)).collect();
    let anonymize = vec![
        Choice::msg("no", "export-anonymize-no"),
        Choice::msg("yes", "export-anonymize-yes"),
    ];
    let name = format!("kezek-{}.xlsx", state.today().format("%Y-%m-%d"));
    let form = Form::new(vec![
        Field::choice("field-export-format", formats, 0),
        Field::choice("field-export-anonymize", anonymize, 0),
        Field::text("field-export-file", &name).with_hint("hint-export-file"),
    ]);
    state.export = Some(ExportScreen {
        period: d.period.clone(),
        title: d.title.clone(),
        form,
        expected_rows,
        job: None,
        back: Screen::Dashboard,
    });
    state.screen = Screen::Export;
    vec![]
}

pub fn command(state: &mut State, command: Command) -> Vec<Effect> {
    let lang = state.ctx.language;
    let offset_min = state.ctx.local_offset_min;
    let today = state.today();
    let Some(e) = state.export.as_mut() else {
        return vec![];
    };
    if let Some(job) = e.job.as_mut() {
        // While it runs, only Esc does something: it cancels.
        if command == Command::Back && !job.cancelling {
            job.cancelling = true;
            return vec![Effect::CancelJob];
        }
        return vec![];
    }
    match form_step(&mut e.form, command) {
        FormStep::Leave => {
            let back = e.back;
            state.export = None;
            return_to(state, back)
        }
        FormStep::Moved | FormStep::Other => vec![],
        FormStep::Save => {
            let format = e.form.value(field::FORMAT).to_string();
            let file = with_extension(e.form.value(field::FILE), &format);
            if file.is_empty() {
                e.form.fields[field::FILE].error = Some(crate::domain::ValidationError::Required);
                return vec![];
            }
            e.form.fields[field::FILE].set_value(&file);
            e.form.fields[field::FILE].error = None;
            e.job = Some(ExportJob::default());
            vec![Effect::StartExport(Box::new(ExportRequest {
                format,
                period: e.period.clone(),
                title: e.title.clone(),
                anonymize: e.form.value(field::ANONYMIZE) == "yes",
                file,
                lang,
                offset_min,
                today,
            }))]
        }
    }
}

/// Typing in the form; the file name follows a change of format.
pub fn edit(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(e) = state.export.as_mut() else {
        return vec![];
    };
    if e.job.is_some() {
        return vec![];
    }
    let focus = e.form.focus;
    if let Some(f) = e.form.focused()
        && f.edit(key)
    {
        f.error = None;
        if focus == field::FORMAT {
            let format = e.form.value(field::FORMAT).to_string();
            let file = with_extension(e.form.value(field::FILE), &format);
            e.form.fields[field::FILE].set_value(&file);
        }
    }
    vec![]
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::ExportProgress { stage, rows } => {
            if let Some(job) = state.export.as_mut().and_then(|e| e.job.as_mut()) {
                job.stage = stage;
                job.rows = rows;
            }
            vec![]
        }
        Action::ExportFinished { path, rows } => {
            let back = state.export.as_ref().map_or(Screen::Dashboard, |e| e.back);
            state.export = None;
            state.flash(
                "flash-export-done",
                vec![("rows", rows.into()), ("path", Arg::Str(path))],
                FlashKind::Info,
            );
            return_to(state, back)
        }
        Action::ExportCancelled => {
            if let Some(e) = state.export.as_mut() {
                e.job = None;
            }
            state.flash("flash-export-cancelled", vec![], FlashKind::Info);
            vec![]
        }
        _ => vec![],
    }
}
