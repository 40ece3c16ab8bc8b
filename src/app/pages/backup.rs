//! A backup from the app: `b` on the events screen asks where to write (a full path, a
//! USB stick is fine; the default is a dated file in the home folder), then the backup
//! runs on a thread of its own with a gauge while saves go on. `Esc` cancels it. The file
//! appears under its name only when it is whole (temporary name, fsync, rename).

use super::{FormStep, form_step};
use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Field, Form, field_names};
use crate::domain::ValidationError;
use crate::i18n::Arg;

/// What a finished backup says of itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupSummary {
    pub path: String,
    /// Records (events, persons, visits, consultations, appeals, members) it holds.
    pub records: usize,
    /// Size of the file.
    pub bytes: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupOutcome {
    Written(BackupSummary),
    /// Nothing was written under the name asked for. `reason_id` is the message in the
    /// interface language where there is one; `reason` the detail.
    Failed {
        reason: String,
        reason_id: Option<&'static str>,
    },
    Cancelled,
}

field_names!(
    pub enum BackupField {
        Path => "path",
    }
);

#[derive(Clone, Debug)]
pub struct BackupPage {
    pub form: Form<BackupField>,
    /// Bytes copied and to copy while it runs.
    pub running: Option<(u64, u64)>,
    pub cancelling: bool,
    pub outcome: Option<BackupOutcome>,
}

impl BackupPage {
    /// Progress from 0.0 to 1.0.
    pub fn ratio(&self) -> f64 {
        match self.running {
            Some((done, total)) if total > 0 => (done as f64 / total as f64).clamp(0.0, 1.0),
            _ => 0.0,
        }
    }
}

/// The file name a backup gets unless another is typed: `kezek-backup-2026-11-24.kzb`.
pub fn default_name(today: chrono::NaiveDate) -> String {
    format!("kezek-backup-{}.kzb", today.format("%Y-%m-%d"))
}

/// Opens the backup dialog with the default path filled in.
pub fn open(cx: &Cx) -> Outcome {
    let name = default_name(cx.today());
    let path = match cx.backup_dir {
        Some(dir) => dir.join(&name).display().to_string(),
        None => name,
    };
    let page = BackupPage {
        form: Form::new(vec![
            Field::text("field-backup-path", &path).with_hint("hint-backup-path"),
        ]),
        running: None,
        cancelling: false,
        outcome: None,
    };
    Outcome::push(Page::Backup(page), vec![])
}

impl BackupPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        if self.running.is_some() {
            // While it runs, only Esc does something: it cancels.
            if command == Command::Back && !self.cancelling {
                self.cancelling = true;
                return Outcome::effects(vec![Effect::CancelJob]);
            }
            return Outcome::none();
        }
        match form_step(&mut self.form, command) {
            FormStep::Leave => Outcome::back(vec![]),
            FormStep::Moved | FormStep::Other => Outcome::none(),
            FormStep::Save => {
                let path = self.form.value(BackupField::Path).trim().to_string();
                if path.is_empty() {
                    self.form[BackupField::Path].error = Some(ValidationError::Required);
                    return Outcome::none();
                }
                self.form[BackupField::Path].error = None;
                self.outcome = None;
                self.running = Some((0, 0));
                self.cancelling = false;
                Outcome::effects(vec![Effect::StartBackup {
                    path,
                    default_name: default_name(cx.today()),
                }])
            }
        }
    }

    pub fn on_text(&mut self, key: Key) -> Outcome {
        if self.running.is_some() {
            return Outcome::none();
        }
        if let Some(f) = self.form.focused()
            && f.edit(key)
        {
            f.error = None;
        }
        Outcome::none()
    }

    pub fn on_paste(&mut self, text: &str) -> Outcome {
        if self.running.is_none()
            && let Some(f) = self.form.focused()
        {
            f.paste(text);
        }
        Outcome::none()
    }

    pub fn on_result(&mut self, cx: &mut Cx, action: Action) -> Result<Outcome, Action> {
        let outcome = match action {
            Action::BackupProgress { done, total } => {
                if self.running.is_some() {
                    self.running = Some((done, total));
                }
                return Ok(Outcome::none());
            }
            Action::BackupWritten(summary) => {
                let (size, unit) = size_args(summary.bytes, cx.lang());
                cx.flash(
                    "flash-backup-written",
                    vec![
                        ("path", Arg::Str(summary.path.clone())),
                        ("records", summary.records.into()),
                        ("size", Arg::Str(size)),
                        ("unit", Arg::Msg(unit)),
                    ],
                    FlashKind::Info,
                );
                BackupOutcome::Written(*summary)
            }
            Action::BackupFailed { reason, reason_id } => {
                cx.flash("flash-backup-failed", vec![], FlashKind::Error);
                BackupOutcome::Failed { reason, reason_id }
            }
            Action::BackupCancelled => {
                cx.flash("flash-backup-cancelled", vec![], FlashKind::Info);
                BackupOutcome::Cancelled
            }
            other => return Err(other),
        };
        self.running = None;
        self.cancelling = false;
        self.outcome = Some(outcome);
        Ok(Outcome::none())
    }
}

/// A size as people read it: `812 B`, `14.2 KB`, `2.8 MB`, `1.1 GB` (units from the
/// catalogue, the decimal sign of the language).
pub fn size_args(bytes: u64, lang: crate::domain::Lang) -> (String, &'static str) {
    let comma = lang != crate::domain::Lang::En;
    const UNITS: [(u64, &str); 3] = [
        (1 << 30, "unit-gb"),
        (1 << 20, "unit-mb"),
        (1 << 10, "unit-kb"),
    ];
    for (size, unit) in UNITS {
        if bytes >= size {
            let n = format!("{:.1}", bytes as f64 / size as f64);
            return (if comma { n.replace('.', ",") } else { n }, unit);
        }
    }
    (bytes.to_string(), "unit-bytes")
}
