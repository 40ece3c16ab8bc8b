//! The form being typed, kept in a file of its own beside the journal: not a record, and
//! gone once the form is saved or closed.

use std::path::Path;

use super::{DRAFT_FILE, Result, Store, atomic, codec, encode, io_err, journal};
use crate::domain::draft::Draft;

impl Store {
    /// Replaces the draft file atomically (`atomic`): a crash leaves either the old draft or
    /// the new one, never a torn one.
    pub fn save_draft(&self, draft: &Draft) -> Result<()> {
        Store::save_draft_in(&self.dir, draft)
    }

    /// `save_draft` for the store in `dir` while it is closed (salvage from the app): the
    /// draft is a file of its own, not in the journal or the view.
    pub fn save_draft_in(dir: &Path, draft: &Draft) -> Result<()> {
        let path = dir.join(DRAFT_FILE);
        let bytes = encode("draft", draft)?;
        atomic::write(&path, &bytes).map_err(io_err(&path))
    }

    /// The saved draft, if any. An unreadable one is moved aside (and logged), not fatal.
    pub fn load_draft(&self) -> Result<Option<Draft>> {
        let path = self.dir.join(DRAFT_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(&path)(e)),
        };
        match codec::decode::<Draft>(&bytes) {
            Ok(d) => Ok(Some(d)),
            Err(e) => {
                tracing::warn!(error = %e, "draft file unreadable; moved to draft.kzd.bad");
                let _ = std::fs::rename(&path, self.dir.join(format!("{DRAFT_FILE}.bad")));
                Ok(None)
            }
        }
    }

    pub fn clear_draft(&self) -> Result<()> {
        let path = self.dir.join(DRAFT_FILE);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                journal::sync_parent_dir(&path);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&path)(e)),
        }
    }
}
