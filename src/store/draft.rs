//! The form being typed, kept in a file of its own beside the journal: not a record, and
//! gone once the form is saved or closed.

use std::path::Path;

use super::{DRAFT_FILE, Result, Store, atomic, codec, encode, io_err, journal};
use crate::domain::draft::Draft;

/// What the draft file held when it was read.
#[derive(Debug)]
pub enum StoredDraft {
    None,
    Found(Draft),
    /// Unreadable, renamed to this path.
    KeptAside(std::path::PathBuf),
}

/// Who may write the draft file now: the store worker (drafts every two seconds, removal
/// with a form's save) and, on the way out, the app's own thread, one at a time.
#[derive(Debug, Default)]
pub(super) struct DraftGate {
    /// Set once the draft was written on the way out (`save_last_draft`): a draft still
    /// queued behind a slow disk is older and must not replace it.
    sealed: bool,
    /// Forms saved so far whose draft went with their save (`clear_saved_form_draft`).
    forms_saved: u64,
    /// The bytes of the draft file as last written here, while it stands.
    written: Option<Vec<u8>>,
}

/// Why the draft written on the way out was not written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LastDraft {
    Written,
    /// The form's save ended meanwhile: it is on record, and a restart must not offer it.
    FormSaved,
    /// The file already holds exactly this draft.
    AlreadyThere,
}

impl Store {
    fn draft_gate(&self) -> std::sync::MutexGuard<'_, DraftGate> {
        // A thread that panicked while holding it left nothing half done that matters:
        // each file operation is atomic on its own.
        self.drafts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Replaces the draft file atomically (`atomic`): a crash leaves either the old draft or
    /// the new one, never a torn one.
    pub fn save_draft(&self, draft: &Draft) -> Result<()> {
        let mut gate = self.draft_gate();
        if gate.sealed {
            return Ok(());
        }
        let bytes = encode("draft", draft)?;
        self.write_draft(&mut gate, bytes)
    }

    fn write_draft(&self, gate: &mut DraftGate, bytes: Vec<u8>) -> Result<()> {
        let path = self.dir.join(DRAFT_FILE);
        gate.written = None;
        atomic::write(&path, &bytes).map_err(io_err(&path))?;
        gate.written = Some(bytes);
        Ok(())
    }

    /// How many forms were saved so far with their draft removed: taken when closing
    /// begins, for `save_last_draft`.
    pub fn forms_saved(&self) -> u64 {
        self.draft_gate().forms_saved
    }

    /// The draft written on the way out while the store worker may still be busy (a slow
    /// disk): the form as it is on screen. Drafts the worker still has queued are older and
    /// are not written after it. `saving_since`: the form on screen is being saved, and
    /// `forms_saved` was this when closing began; if a form's save ended since, it was this
    /// one's and its draft went with it, so none is written (a restart would offer again
    /// what is on record). If the save ends after this, it still removes the draft.
    pub fn save_last_draft(&self, draft: &Draft, saving_since: Option<u64>) -> Result<LastDraft> {
        let mut gate = self.draft_gate();
        gate.sealed = true;
        if saving_since.is_some_and(|n| n != gate.forms_saved) {
            return Ok(LastDraft::FormSaved);
        }
        let bytes = encode("draft", draft)?;
        if gate.written.as_ref() == Some(&bytes) {
            return Ok(LastDraft::AlreadyThere);
        }
        self.write_draft(&mut gate, bytes)?;
        Ok(LastDraft::Written)
    }

    /// A form was saved: its draft is no longer needed. Counted under the same lock as the
    /// draft written on the way out, so that one knows whether it comes after.
    pub fn clear_saved_form_draft(&self) -> Result<()> {
        let mut gate = self.draft_gate();
        gate.forms_saved += 1;
        self.remove_draft(&mut gate)
    }

    /// `save_draft` for the store in `dir` while it is closed (salvage from the app): the
    /// draft is a file of its own, not in the journal or the view.
    pub fn save_draft_in(dir: &Path, draft: &Draft) -> Result<()> {
        let path = dir.join(DRAFT_FILE);
        let bytes = encode("draft", draft)?;
        atomic::write(&path, &bytes).map_err(io_err(&path))
    }

    /// The saved draft, if any (`read_draft`, an unreadable one counted as none).
    pub fn load_draft(&self) -> Result<Option<Draft>> {
        Ok(match self.read_draft()? {
            StoredDraft::Found(d) => Some(d),
            StoredDraft::None | StoredDraft::KeptAside(_) => None,
        })
    }

    /// The saved draft. One that cannot be read (damaged, or larger than any draft kezek
    /// writes, which is not even read) is renamed aside under a name of its own, never over
    /// an earlier one, and the officer is told where: it may hold what they typed.
    pub fn read_draft(&self) -> Result<StoredDraft> {
        let path = self.dir.join(DRAFT_FILE);
        // Not followed if it is a link, and a pipe or device is never opened: reading one
        // would wait forever.
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(StoredDraft::None),
            Err(e) => return Err(io_err(&path)(e)),
        };
        let decoded = if !meta.is_file() {
            Err("not a regular file".to_string())
        } else if meta.len() > codec::SIZE_LIMIT as u64 + 1 {
            Err("larger than any draft".to_string())
        } else {
            let bytes = std::fs::read(&path).map_err(io_err(&path))?;
            codec::decode::<Draft>(&bytes).map_err(|e| e.to_string())
        };
        match decoded {
            Ok(d) => Ok(StoredDraft::Found(d)),
            Err(reason) => {
                let aside = journal::aside_path(&path, "unreadable");
                std::fs::rename(&path, &aside).map_err(io_err(&path))?;
                journal::sync_parent_dir(&aside);
                tracing::warn!(%reason, aside = %aside.display(), "draft file unreadable; kept aside");
                Ok(StoredDraft::KeptAside(aside))
            }
        }
    }

    pub fn clear_draft(&self) -> Result<()> {
        let mut gate = self.draft_gate();
        self.remove_draft(&mut gate)
    }

    fn remove_draft(&self, gate: &mut DraftGate) -> Result<()> {
        gate.written = None;
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
