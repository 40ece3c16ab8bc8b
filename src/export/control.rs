//! How a long export reports progress and is cancelled: the CLI shows a progress line and
//! stops on Ctrl+C, the app draws a gauge and stops on Esc. Either way the export stops at
//! its next row and removes what it had written under temporary names.

use std::sync::atomic::{AtomicBool, Ordering};

use super::files::ExportError;

/// Rows between two progress reports (and cancel checks).
const EVERY: u64 = 2048;

static NEVER: AtomicBool = AtomicBool::new(false);

/// Told `(stage, rows so far)`.
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64);

pub struct Control<'a> {
    cancel: &'a AtomicBool,
    progress: Option<Progress<'a>>,
    stage: &'static str,
    rows: u64,
}

impl<'a> Control<'a> {
    /// Reports `(stage, rows so far)` now and then; stops when `cancel` is set.
    pub fn new(cancel: &'a AtomicBool, progress: Progress<'a>) -> Control<'a> {
        Control {
            cancel,
            progress: Some(progress),
            stage: "",
            rows: 0,
        }
    }

    /// No progress, never cancelled (tests, benchmarks).
    pub fn quiet() -> Control<'static> {
        Control {
            cancel: &NEVER,
            progress: None,
            stage: "",
            rows: 0,
        }
    }

    /// A new stage (a table being read or written).
    pub fn stage(&mut self, name: &'static str) -> Result<(), ExportError> {
        self.stage = name;
        self.report();
        self.check()
    }

    /// One more row handled.
    pub fn row(&mut self) -> Result<(), ExportError> {
        self.rows += 1;
        if self.rows.is_multiple_of(EVERY) {
            self.report();
            return self.check();
        }
        Ok(())
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    fn report(&mut self) {
        if let Some(p) = self.progress.as_mut() {
            p(self.stage, self.rows);
        }
    }

    fn check(&self) -> Result<(), ExportError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(ExportError::Cancelled)
        } else {
            Ok(())
        }
    }
}
