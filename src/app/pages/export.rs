//! Exporting from the app: `x` on the dashboard asks for a format, whether to remove
//! personal data and where to write; the export then runs on a thread of its own with a
//! gauge, and `Esc` cancels it (nothing is left behind).

use super::dashboard::DashboardPage;
use super::{FormStep, form_step};
use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Choice, Field, Form, field_names};
use crate::domain::Lang;
use crate::domain::report::Period;
use crate::i18n::Arg;

field_names!(
    pub enum ExportField {
        Format => "format",
        Anonymize => "anonymize",
        File => "file",
        Records => "records",
    }
);

/// What the export effect is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    /// `csv`, `xlsx`, `html` or `json`.
    pub format: String,
    pub period: Period,
    /// The event's date and city, shown in the report's title; none for all records.
    pub title: Option<String>,
    pub anonymize: bool,
    /// The smallest published group when anonymising (`config.anonymity_k`).
    pub k: u32,
    /// html: the per-record tables too.
    pub with_records: bool,
    /// A file name (written under `exports/` in the data directory) or a full path.
    pub file: String,
    /// Labels, headers and sentences in this language.
    pub lang: Lang,
    pub offset_min: i32,
    pub today: chrono::NaiveDate,
}

#[derive(Clone, Debug)]
pub struct ExportPage {
    pub period: Period,
    pub title: Option<String>,
    pub form: Form<ExportField>,
    /// Rows the export will handle, about (for the gauge).
    pub expected_rows: u64,
    pub job: Option<ExportJob>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportJob {
    pub stage: String,
    pub rows: u64,
    pub cancelling: bool,
}

impl ExportPage {
    /// Rows the chosen format handles, about: xlsx and html go through CSV first.
    pub fn expected(&self) -> u64 {
        self.expected_rows * passes(self.form.value(ExportField::Format))
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
pub fn open(cx: &Cx, d: &DashboardPage) -> Outcome {
    // Each visit, consultation and visitor becomes a row (appeals and members are few).
    let expected_rows = d.report.as_ref().map_or(0, |r| {
        (r.visits.total + r.consultations + r.visits.persons + r.appeals) as u64
    });
    let formats = FORMATS.iter().map(|(c, m)| Choice::msg(c, m)).collect();
    let anonymize = vec![
        Choice::msg("no", "export-anonymize-no"),
        Choice::msg("yes", "export-anonymize-yes"),
    ];
    // The html is the printable report; its per-record tables only when asked for (at
    // 100,000 persons they make a 300 MB page no browser prints).
    let records = vec![
        Choice::msg("no", "export-records-no"),
        Choice::msg("yes", "export-records-yes"),
    ];
    let name = format!("kezek-{}.xlsx", cx.today().format("%Y-%m-%d"));
    let form = Form::new(vec![
        Field::choice("field-export-format", formats, 0),
        Field::choice("field-export-anonymize", anonymize, 0),
        Field::text("field-export-file", &name).with_hint("hint-export-file"),
        Field::choice("field-export-records", records, 0),
    ]);
    let page = ExportPage {
        period: d.period.clone(),
        title: d.title.clone(),
        form,
        expected_rows,
        job: None,
    };
    Outcome::push(Page::Export(page), vec![])
}

impl ExportPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        if let Some(job) = self.job.as_mut() {
            // While it runs, only Esc does something: it cancels.
            if command == Command::Back && !job.cancelling {
                job.cancelling = true;
                return Outcome::effects(vec![Effect::CancelJob]);
            }
            return Outcome::none();
        }
        match form_step(&mut self.form, command) {
            FormStep::Leave => Outcome::back(vec![]),
            FormStep::Moved | FormStep::Other => Outcome::none(),
            FormStep::Save => self.start(cx),
        }
    }

    fn start(&mut self, cx: &Cx) -> Outcome {
        let format = self.form.value(ExportField::Format).to_string();
        let file = with_extension(self.form.value(ExportField::File), &format);
        if file.is_empty() {
            self.form[ExportField::File].error = Some(crate::domain::ValidationError::Required);
            return Outcome::none();
        }
        self.form[ExportField::File].set_value(&file);
        self.form[ExportField::File].error = None;
        self.job = Some(ExportJob::default());
        let with_records = format == "html" && self.form.value(ExportField::Records) == "yes";
        Outcome::effects(vec![Effect::StartExport(Box::new(ExportRequest {
            format,
            period: self.period.clone(),
            title: self.title.clone(),
            anonymize: self.form.value(ExportField::Anonymize) == "yes",
            k: cx.ctx.anonymity_k,
            with_records,
            file,
            lang: cx.lang(),
            offset_min: cx.zone().offset_min,
            today: cx.today(),
        }))])
    }

    /// Typing in the form; the file name follows a change of format.
    pub fn on_text(&mut self, key: Key) -> Outcome {
        if self.job.is_some() {
            return Outcome::none();
        }
        let focus = self.form.focus();
        if let Some(f) = self.form.focused()
            && f.edit(key)
        {
            f.error = None;
            if focus == Some(ExportField::Format) {
                let format = self.form.value(ExportField::Format).to_string();
                let file = with_extension(self.form.value(ExportField::File), &format);
                self.form[ExportField::File].set_value(&file);
            }
        }
        Outcome::none()
    }

    pub fn on_result(&mut self, cx: &mut Cx, action: Action) -> Result<Outcome, Action> {
        match action {
            Action::ExportProgress { stage, rows } => {
                if let Some(job) = self.job.as_mut() {
                    job.stage = stage;
                    job.rows = rows;
                }
                Ok(Outcome::none())
            }
            Action::ExportFinished { path, rows } => {
                match rows {
                    Some(rows) => cx.flash(
                        "flash-export-done",
                        vec![("rows", rows.into()), ("path", Arg::Str(path))],
                        FlashKind::Info,
                    ),
                    None => cx.flash(
                        "flash-export-report",
                        vec![("path", Arg::Str(path))],
                        FlashKind::Info,
                    ),
                }
                Ok(Outcome::back(vec![]))
            }
            Action::ExportCancelled => {
                self.job = None;
                cx.flash("flash-export-cancelled", vec![], FlashKind::Info);
                Ok(Outcome::none())
            }
            other => Err(other),
        }
    }
}
