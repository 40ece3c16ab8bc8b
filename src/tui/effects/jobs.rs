//! Exports, imports and backups: each on a thread of its own, with progress and its end
//! going back to the page that started it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{ReplyTx, Runner};
use crate::app::Action;
use crate::app::export::ExportRequest;
use crate::app::import::ImportRequest;
use crate::domain::taxonomy::Taxonomy;
use crate::export::control::Control;
use crate::store::Store;

impl Runner {
    /// An export on a thread of its own: saves go on meanwhile, progress comes back as
    /// actions, and `CancelJob` stops it at its next row.
    pub(super) fn start_export(&self, req: ExportRequest, results: ReplyTx) {
        let flag = Arc::new(AtomicBool::new(false));
        *self.export_cancel.lock().unwrap_or_else(|p| p.into_inner()) = Some(flag.clone());
        let (store, tax, failed) = (self.store.clone(), self.taxonomy.clone(), results.clone());
        let spawned = std::thread::Builder::new()
            .name("kezek-export".into())
            .spawn(move || {
                let progress_to = results.clone();
                let mut progress = move |stage: &str, rows: u64| {
                    let _ = progress_to.send(Action::ExportProgress {
                        stage: stage.to_string(),
                        rows,
                    });
                };
                let mut ctl = Control::new(&flag, &mut progress);
                let done = export(&store, &tax, &req, &mut ctl);
                // The export's rows and persons are gone; the app goes on without them.
                crate::memory::give_back();
                let _ = results.send(done);
            });
        if let Err(e) = spawned {
            let _ = failed.send(Action::Failed {
                what: "what-export",
                reason: e.to_string(),
                reason_id: None,
            });
        }
    }
}

impl Runner {
    /// An import (or its check) on a thread of its own, like an export.
    pub(super) fn start_import(&self, req: ImportRequest, results: ReplyTx) {
        let flag = Arc::new(AtomicBool::new(false));
        *self.export_cancel.lock().unwrap_or_else(|p| p.into_inner()) = Some(flag.clone());
        let (store, tax, failed) = (self.store.clone(), self.taxonomy.clone(), results.clone());
        let officer = super::officer_now(&self.officer);
        let spawned = std::thread::Builder::new()
            .name("kezek-import".into())
            .spawn(move || {
                let progress_to = results.clone();
                let mut progress = move |done: usize, total: usize| {
                    let _ = progress_to.send(Action::ImportProgress { done, total });
                    !flag.load(Ordering::Relaxed)
                };
                let _ = results.send(import(&store, &tax, &officer, &req, &mut progress));
            });
        if let Err(e) = spawned {
            let _ = failed.send(Action::Failed {
                what: "what-import",
                reason: e.to_string(),
                reason_id: None,
            });
        }
    }
}

impl Runner {
    /// A backup on a thread of its own, like an export: saves go on meanwhile (the
    /// journal only grows), progress comes back as actions, `CancelJob` stops it.
    pub(super) fn start_backup(&self, path: String, default_name: String, results: ReplyTx) {
        let flag = Arc::new(AtomicBool::new(false));
        *self.export_cancel.lock().unwrap_or_else(|p| p.into_inner()) = Some(flag.clone());
        let (store, failed) = (self.store.clone(), results.clone());
        let spawned = std::thread::Builder::new()
            .name("kezek-backup".into())
            .spawn(move || {
                let progress_to = results.clone();
                let mut progress = move |done: u64, total: u64| {
                    let _ = progress_to.send(Action::BackupProgress { done, total });
                    !flag.load(Ordering::Relaxed)
                };
                let _ = results.send(backup(&store, &path, &default_name, &mut progress));
            });
        if let Err(e) = spawned {
            let _ = failed.send(Action::BackupFailed {
                reason: e.to_string(),
                reason_id: None,
            });
        }
    }
}

/// Where a backup asked for as `typed` goes: `~` is the home folder, a relative path is
/// taken from the data directory's parent, and a folder (a USB stick's) gets the default
/// file name in it.
pub fn backup_path(store: &Store, typed: &str, default_name: &str) -> PathBuf {
    crate::store::backup::backup_path(store.dir(), typed, default_name)
}

/// Writes a backup for the app and says how it ended.
pub(super) fn backup(
    store: &Store,
    typed: &str,
    default_name: &str,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Action {
    use crate::store::StoreError;
    use crate::store::backup::BackupError;
    let path = backup_path(store, typed, default_name);
    match store.backup(&path, progress) {
        Ok((info, records)) => {
            tracing::info!(
                bytes = info.file_bytes,
                records,
                "backup written from the app"
            );
            Action::BackupWritten(Box::new(crate::app::backup::BackupSummary {
                path: path.display().to_string(),
                records,
                bytes: info.file_bytes,
            }))
        }
        Err(StoreError::Backup(BackupError::Cancelled)) => Action::BackupCancelled,
        Err(e) => {
            tracing::error!(error = %e, "backup not written");
            // Said of the place typed, not of a record (the store's messages speak of those).
            let reason_id = match &e {
                StoreError::Io { source, .. } => match source.kind() {
                    std::io::ErrorKind::PermissionDenied => Some("err-backup-denied"),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => {
                        Some("err-backup-no-folder")
                    }
                    std::io::ErrorKind::ReadOnlyFilesystem => Some("err-backup-read-only"),
                    std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                        Some("err-backup-disk-full")
                    }
                    _ if source.raw_os_error() == Some(28) => Some("err-backup-disk-full"),
                    _ => None,
                },
                StoreError::Backup(BackupError::InsideStore(_)) => Some("err-backup-inside-store"),
                StoreError::Backup(BackupError::NotAFile(_)) => Some("err-backup-not-a-file"),
                _ => None,
            }
            .or(e.msg_id());
            Action::BackupFailed {
                reason: e.to_string(),
                reason_id,
            }
        }
    }
}

/// Checks or imports a file or export folder for the app and says how it ended.
pub(super) fn import(
    store: &Store,
    tax: &Taxonomy,
    officer: &str,
    req: &ImportRequest,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Action {
    use crate::app::import::{ImportProblem, ImportSummary};
    use crate::bulk::import::ImportError;
    let path = crate::bulk::import::source_path(store.dir(), &req.path);
    let result = crate::bulk::import::import_at(
        store,
        tax,
        &path,
        req.dry_run,
        req.offset_min,
        officer,
        progress,
    );
    match result {
        Ok(r) => {
            let s = Box::new(ImportSummary {
                rows: r.rows,
                events: r.new_events,
                persons: r.new_persons,
                visits: r.new_visits,
                consultations: r.new_consultations,
                appeals: r.new_appeals,
                members: r.new_members,
                matched: r.matched_persons,
                already: r.already_there,
            });
            if req.dry_run {
                Action::ImportChecked(s)
            } else {
                Action::ImportDone(s)
            }
        }
        Err(ImportError::Rows(errors)) => Action::ImportRefused(
            errors
                .into_iter()
                .map(|e| ImportProblem {
                    file: e.file.to_string(),
                    line: e.line,
                    column: e.column,
                    value: e.value,
                    msg: e.msg,
                })
                .collect(),
        ),
        Err(ImportError::Cancelled) => Action::ImportCancelled,
        Err(e) => {
            tracing::error!(error = %e, "import failed");
            Action::Failed {
                what: "what-import",
                reason: e.to_string(),
                reason_id: None,
            }
        }
    }
}

/// Where an export asked for by name goes: a full path as it is, a bare name under
/// `exports/` in the data directory.
fn export_path(store: &Store, file: &str) -> std::io::Result<PathBuf> {
    crate::export::files::export_path(store.dir(), file)
}

/// Runs one export for the app and says how it ended.
pub(super) fn export(
    store: &Store,
    tax: &Taxonomy,
    req: &ExportRequest,
    ctl: &mut Control,
) -> Action {
    use crate::export::files::ExportError;
    use crate::export::run::{Format, Spec, run};
    let i18n = crate::i18n::I18n::of(req.lang);
    let failed = |reason: String| Action::Failed {
        what: "what-export",
        reason,
        reason_id: None,
    };
    let path = match export_path(store, &req.file) {
        Ok(p) => p,
        Err(e) => return failed(e.to_string()),
    };
    let Some(format) = Format::from_code(&req.format) else {
        return failed(format!("unknown format {:?}", req.format));
    };
    let (kind, event) = match &req.period {
        crate::domain::report::Period::Event(id) => ("event", Some(id.to_string())),
        crate::domain::report::Period::Dates { .. } => ("dates", None),
        crate::domain::report::Period::All => ("all", None),
    };
    let info = crate::export::report::PeriodInfo {
        kind,
        event,
        from: None,
        to: None,
        label: req.title.clone().unwrap_or_else(|| i18n.t("report-all")),
    };
    let spec = Spec {
        format,
        period: req.period.clone(),
        info,
        anonymize: req.anonymize,
        k: req.k,
        with_records: req.with_records,
        table: None,
        delimiter: b',',
        offset_min: req.offset_min,
        today: req.today,
        output: &path,
    };
    match run(store, tax, &spec, &i18n, ctl) {
        Ok(counts) => Action::ExportFinished {
            path: path.display().to_string(),
            rows: (!counts.is_empty()).then(|| counts.iter().map(|(_, n)| *n as u64).sum()),
        },
        Err(ExportError::Cancelled) => Action::ExportCancelled,
        Err(e) => {
            tracing::error!(error = %e, "export failed");
            failed(e.to_string())
        }
    }
}
