//! A backup from the app: `b` on the events screen asks where to write (a full path, a
//! USB stick is fine; the default is a dated file in the home folder), then the backup
//! runs on a thread of its own with a gauge while saves go on. `Esc` cancels it. The file
//! appears under its name only when it is whole (temporary name, fsync, rename).

use super::form::{Field, Form};
use super::keymap::{Command, Key};
use super::state::{Action, Effect, FlashKind, Screen, State};
use super::update::{FormStep, form_step, return_to};
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

#[derive(Clone, Debug)]
pub struct BackupScreen {
    pub form: Form,
    /// Bytes copied and to copy while it runs.
    pub running: Option<(u64, u64)>,
    pub cancelling: bool,
    pub outcome: Option<BackupOutcome>,
    pub back: Screen,
}

impl BackupScreen {
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
pub fn open(state: &mut State) -> Vec<Effect> {
    let name = default_name(state.today());
    let path = match &state.backup_dir {
        Some(dir) => dir.join(&name).display().to_string(),
        None => name,
    };
    state.backup = Some(BackupScreen {
        form: Form::new(vec![
            Field::text("field-backup-path", &path).with_hint("hint-backup-path"),
        ]),
        running: None,
        cancelling: false,
        outcome: None,
        back: state.screen,
    });
    state.screen = Screen::Backup;
    vec![]
}

pub fn command(state: &mut State, command: Command) -> Vec<Effect> {
    let today = state.today();
    let Some(b) = state.backup.as_mut() else {
        return vec![];
    };
    if b.running.is_some() {
        // While it runs, only Esc does something: it cancels.
        if command == Command::Back && !b.cancelling {
            b.cancelling = true;
            return vec![Effect::CancelJob];
        }
        return vec![];
    }
    match form_step(&mut b.form, command) {
        FormStep::Leave => {
            let back = b.back;
            state.backup = None;
            return_to(state, back)
        }
        FormStep::Moved | FormStep::Other => vec![],
        FormStep::Save => {
            let path = b.form.value(0).trim().to_string();
            if path.is_empty() {
                b.form.fields[0].error = Some(ValidationError::Required);
                return vec![];
            }
            b.form.fields[0].error = None;
            b.outcome = None;
            b.running = Some((0, 0));
            b.cancelling = false;
            vec![Effect::StartBackup {
                path,
                default_name: default_name(today),
            }]
        }
    }
}

pub fn edit(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(b) = state.backup.as_mut() else {
        return vec![];
    };
    if b.running.is_some() {
        return vec![];
    }
    if let Some(f) = b.form.focused()
        && f.edit(key)
    {
        f.error = None;
    }
    vec![]
}

pub fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    if let Some(f) = state
        .backup
        .as_mut()
        .filter(|b| b.running.is_none())
        .and_then(|b| b.form.focused())
    {
        f.paste(text);
    }
    vec![]
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

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let outcome = match action {
        Action::BackupProgress { done, total } => {
            if let Some(b) = state.backup.as_mut()
                && b.running.is_some()
            {
                b.running = Some((done, total));
            }
            return vec![];
        }
        Action::BackupWritten(summary) => {
            let (size, unit) = size_args(summary.bytes, state.ctx.language);
            state.flash(
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
            state.flash("flash-backup-failed", vec![], FlashKind::Error);
            BackupOutcome::Failed { reason, reason_id }
        }
        Action::BackupCancelled => {
            state.flash("flash-backup-cancelled", vec![], FlashKind::Info);
            BackupOutcome::Cancelled
        }
        _ => return vec![],
    };
    if let Some(b) = state.backup.as_mut() {
        b.running = None;
        b.cancelling = false;
        b.outcome = Some(outcome);
    }
    vec![]
}
