//! Exchange with the other desks of the hall, by USB stick: `x` on the events screen.
//! "Send" writes this desk's records to a bundle in the folder typed (the stick); "Merge"
//! first shows what the bundles in that folder (or one bundle file) would bring — new
//! persons, visits, consultations, conflicts, persons who look like persons on record —
//! and `Enter` then merges them as one batch. Nothing is merged before that second key.

use super::{FormStep, form_step};
use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Choice, Field, Form, field_names};
use crate::domain::ValidationError;
use crate::i18n::Arg;

/// A bundle written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleSent {
    pub path: String,
    pub ops: usize,
    pub bytes: u64,
}

/// What merging would bring (checked) or brought (merged).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub dry_run: bool,
    /// The files a check read: `Enter` merges exactly these.
    pub files: Vec<String>,
    pub bundles: usize,
    pub passed_over: usize,
    pub ops_new: usize,
    pub ops_known: usize,
    pub persons: usize,
    pub visits: usize,
    pub consultations: usize,
    pub appeals: usize,
    pub changed: usize,
    pub conflicts: usize,
    pub look_alikes: usize,
    pub clock_suspect: usize,
    /// The ops are in the journal but the database is behind (a full disk).
    pub view_behind: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExchangeOutcome {
    Sent(BundleSent),
    Merge(MergeSummary),
    /// Nothing was written or merged; the reason as the store said it, and as a message
    /// when it said which.
    Failed {
        reason: String,
        said: Option<(&'static str, Vec<(&'static str, Arg)>)>,
    },
}

field_names!(
    pub enum ExchangeField {
        What => "what",
        Path => "path",
    }
);

#[derive(Clone, Debug)]
pub struct ExchangePage {
    pub form: Form<ExchangeField>,
    pub busy: bool,
    pub outcome: Option<ExchangeOutcome>,
}

pub fn open(cx: &Cx) -> Outcome {
    let what = vec![
        Choice::msg("merge", "exchange-what-merge"),
        Choice::msg("send", "exchange-what-send"),
    ];
    let path = cx
        .backup_dir
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let page = ExchangePage {
        form: Form::new(vec![
            Field::choice("field-exchange-what", what, 0),
            Field::text("field-exchange-path", &path).with_hint("hint-exchange-path"),
        ]),
        busy: false,
        outcome: None,
    };
    Outcome::push(Page::Exchange(page), vec![])
}

impl ExchangePage {
    pub fn on_command(&mut self, _cx: &mut Cx, command: Command) -> Outcome {
        if self.busy {
            return Outcome::none();
        }
        if command == Command::Enter
            && let Some(ExchangeOutcome::Merge(m)) = &self.outcome
            && m.dry_run
            && m.ops_new > 0
        {
            let effect = Effect::MergeChecked {
                files: m.files.clone(),
                expect: m.ops_new,
            };
            self.busy = true;
            return Outcome::effects(vec![effect]);
        }
        match form_step(&mut self.form, command) {
            FormStep::Leave => Outcome::back(vec![]),
            FormStep::Moved | FormStep::Other => Outcome::none(),
            FormStep::Save => self.start(true),
        }
    }

    fn start(&mut self, dry_run: bool) -> Outcome {
        let path = self.form.value(ExchangeField::Path).trim().to_string();
        if path.is_empty() {
            self.form[ExchangeField::Path].error = Some(ValidationError::Required);
            return Outcome::none();
        }
        self.form[ExchangeField::Path].error = None;
        self.busy = true;
        let effect = if self.form.value(ExchangeField::What) == "send" {
            Effect::WriteBundle { path }
        } else {
            Effect::MergeBundles { path, dry_run }
        };
        Outcome::effects(vec![effect])
    }

    pub fn on_text(&mut self, key: Key) -> Outcome {
        if self.busy {
            return Outcome::none();
        }
        if let Some(f) = self.form.focused()
            && f.edit(key)
        {
            f.error = None;
            // Another folder or the other action: the check shown no longer applies.
            self.outcome = None;
        }
        Outcome::none()
    }

    pub fn on_paste(&mut self, text: &str) -> Outcome {
        if !self.busy
            && let Some(f) = self.form.focused()
        {
            f.paste(text);
            self.outcome = None;
        }
        Outcome::none()
    }

    pub fn on_result(&mut self, cx: &mut Cx, action: Action) -> Result<Outcome, Action> {
        let (outcome, go) = match action {
            Action::BundleWritten(sent) => {
                let args = vec![
                    ("path", Arg::Str(sent.path.clone())),
                    ("ops", sent.ops.into()),
                ];
                cx.flash("flash-bundle-written", args, FlashKind::Info);
                (ExchangeOutcome::Sent(*sent), Outcome::none())
            }
            Action::BundleMerged(m) if m.dry_run => (ExchangeOutcome::Merge(*m), Outcome::none()),
            Action::BundleMerged(m) => {
                let (id, kind) = if m.view_behind {
                    ("flash-bundle-view-behind", FlashKind::Error)
                } else {
                    ("flash-bundle-merged", FlashKind::Info)
                };
                cx.flash(id, vec![("ops", m.ops_new.into())], kind);
                // The lists show what came in.
                (
                    ExchangeOutcome::Merge(*m),
                    Outcome::effects(vec![Effect::LoadEvents]),
                )
            }
            Action::BundleFailed { reason, said } => {
                cx.flash("flash-bundle-failed", vec![], FlashKind::Error);
                (ExchangeOutcome::Failed { reason, said }, Outcome::none())
            }
            other => return Err(other),
        };
        self.busy = false;
        self.outcome = Some(outcome);
        Ok(go)
    }
}
