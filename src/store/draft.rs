//! The form being typed, kept in a file of its own beside the journal: not a record, and
//! gone once the form is saved or closed.

use std::path::Path;
use std::sync::atomic::Ordering;

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

impl Store {
    /// Replaces the draft file atomically (`atomic`): a crash leaves either the old draft or
    /// the new one, never a torn one.
    pub fn save_draft(&self, draft: &Draft) -> Result<()> {
        if self.drafts_sealed.load(Ordering::SeqCst) {
            return Ok(());
        }
        Store::save_draft_in(&self.dir, draft)
    }

    /// The draft written on the way out while the store worker may still be busy (a slow
    /// disk): the form as it is on screen. Drafts the worker still has queued are older and
    /// are not written after it; the worker may still remove it, when the form's own save
    /// ends well (a restart must not offer again what is on record).
    pub fn save_last_draft(&self, draft: &Draft) -> Result<()> {
        self.drafts_sealed.store(true, Ordering::SeqCst);
        Store::save_draft_in(&self.dir, draft)
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
