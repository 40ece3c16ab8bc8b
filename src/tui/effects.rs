//! Runs effects against the store on one worker thread, in order, and reports back as
//! actions. Saves are confirmed only after `Store` returns, i.e. after the journal sync.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::export::ExportRequest;
use crate::app::import::ImportRequest;
use crate::app::{Action, Effect, ReplyTo, Request};
use crate::export::control::Control;
use crate::store::Store;

/// Look-alikes shown before a new person is saved.
const LOOK_ALIKES: usize = 8;

use crate::domain::taxonomy::Taxonomy;

/// A result and who it goes back to (the page that asked, or the app).
pub type Reply = (ReplyTo, Action);

/// Sends results back to one asker.
#[derive(Clone)]
struct ReplyTx {
    tx: UnboundedSender<Reply>,
    to: ReplyTo,
}

impl ReplyTx {
    fn send(&self, action: Action) -> Result<(), ()> {
        self.tx.send((self.to, action)).map_err(|_| ())
    }
}

pub struct Runner {
    tx: mpsc::Sender<Request>,
    /// Long reads (the dashboard over every record) run on their own thread, so a save
    /// asked for meanwhile is not queued behind them.
    slow: mpsc::Sender<Request>,
    store: Arc<Store>,
    taxonomy: Arc<Taxonomy>,
    officer: String,
    results: UnboundedSender<Reply>,
    /// Set to stop the running export, if there is one.
    export_cancel: std::sync::Mutex<Option<Arc<AtomicBool>>>,
}

/// Effects that read a lot and write nothing.
fn is_slow(e: &Effect) -> bool {
    matches!(e, Effect::LoadDashboard { .. } | Effect::LoadPersons(_))
}

impl Runner {
    pub fn start(
        store: Arc<Store>,
        officer: String,
        taxonomy: Arc<Taxonomy>,
        results: UnboundedSender<Reply>,
    ) -> Runner {
        let (tx, rx) = mpsc::channel::<Request>();
        let (slow, slow_rx) = mpsc::channel::<Request>();
        let (s2, o2, t2, r2) = (
            store.clone(),
            officer.clone(),
            taxonomy.clone(),
            results.clone(),
        );
        let (s3, t3, r3, o3) = (
            store.clone(),
            taxonomy.clone(),
            results.clone(),
            officer.clone(),
        );
        std::thread::Builder::new()
            .name("kezek-store".into())
            .spawn(move || worker(&store, &officer, &taxonomy, rx, results))
            .map(|_| ())
            .unwrap_or_else(|e| tracing::error!(error = %e, "cannot start the store worker"));
        std::thread::Builder::new()
            .name("kezek-reader".into())
            .spawn(move || worker(&s2, &o2, &t2, slow_rx, r2))
            .map(|_| ())
            .unwrap_or_else(|e| tracing::error!(error = %e, "cannot start the reader"));
        Runner {
            tx,
            slow,
            store: s3,
            taxonomy: t3,
            officer: o3,
            results: r3,
            export_cancel: std::sync::Mutex::new(None),
        }
    }

    pub fn run(&self, requests: Vec<Request>) {
        for Request { reply_to, effect } in requests {
            let reply = ReplyTx {
                tx: self.results.clone(),
                to: reply_to,
            };
            let e = match effect {
                Effect::StartExport(req) => {
                    self.start_export(*req, reply);
                    continue;
                }
                Effect::StartImport(req) => {
                    self.start_import(*req, reply);
                    continue;
                }
                Effect::StartBackup { path, default_name } => {
                    self.start_backup(path, default_name, reply);
                    continue;
                }
                Effect::CancelJob => {
                    let cancel = self.export_cancel.lock().unwrap_or_else(|p| p.into_inner());
                    if let Some(flag) = cancel.as_ref() {
                        flag.store(true, Ordering::Relaxed);
                    }
                    continue;
                }
                e => e,
            };
            let to = if is_slow(&e) { &self.slow } else { &self.tx };
            let request = Request {
                reply_to,
                effect: e,
            };
            if to.send(request).is_err() {
                tracing::error!("store worker has stopped; effect dropped");
            }
        }
    }
}

impl Runner {
    /// An export on a thread of its own: saves go on meanwhile, progress comes back as
    /// actions, and `CancelJob` stops it at its next row.
    fn start_export(&self, req: ExportRequest, results: ReplyTx) {
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
    fn start_import(&self, req: ImportRequest, results: ReplyTx) {
        let flag = Arc::new(AtomicBool::new(false));
        *self.export_cancel.lock().unwrap_or_else(|p| p.into_inner()) = Some(flag.clone());
        let (store, tax, failed) = (self.store.clone(), self.taxonomy.clone(), results.clone());
        let officer = self.officer.clone();
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
    fn start_backup(&self, path: String, default_name: String, results: ReplyTx) {
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
    let typed = typed.trim();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let path = match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    };
    let path = if path.is_absolute() {
        path
    } else {
        store.dir().parent().unwrap_or(store.dir()).join(path)
    };
    if path.is_dir() {
        path.join(default_name)
    } else {
        path
    }
}

/// Writes a backup for the app and says how it ended.
fn backup(
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

/// Closes `store`, salvages its directory and opens it again: what salvage did, and the
/// store to go on with (`None` only if it cannot be opened again). On failure the old
/// store is opened again as it was, still refusing to write.
pub fn salvage_store(
    store: crate::store::Store,
    opts: &crate::store::StoreOptions,
) -> (Action, Option<crate::store::Store>) {
    use crate::store::Store;
    let dir = store.dir().to_path_buf();
    drop(store);
    let failed = |e: &crate::store::StoreError| Action::SalvageFailed {
        reason: e.to_string(),
        reason_id: e.msg_id(),
    };
    let started = std::time::Instant::now();
    let report = crate::store::recover::salvage(&dir, opts);
    let reopened = Store::open(&dir, opts);
    match (report, reopened) {
        (Ok(r), Ok((store, _))) => {
            let verified = match store.verify_journal() {
                Ok(None) => true,
                Ok(Some(d)) => {
                    tracing::error!(damage = ?d, "the salvaged journal does not check out");
                    false
                }
                Err(e) => {
                    tracing::error!(error = %e, "the salvaged journal could not be checked");
                    false
                }
            };
            tracing::info!(
                ms = started.elapsed().as_millis() as u64,
                verified,
                "salvaged from the app"
            );
            let summary = crate::app::SalvageSummary {
                intact_ops: r.intact_ops,
                restored: r.restored,
                records: r.records,
                journal_aside: r.journal_aside.map(|p| p.display().to_string()),
                view_aside: r.view_aside.map(|p| p.display().to_string()),
                verified,
            };
            (Action::Salvaged(Box::new(summary)), Some(store))
        }
        (Err(e), Ok((store, _))) => {
            tracing::error!(error = %e, "salvage from the app failed; nothing was moved");
            (failed(&e), Some(store))
        }
        (Ok(_), Err(e)) | (Err(_), Err(e)) => {
            tracing::error!(error = %e, "the store cannot be opened after salvage");
            (
                Action::SalvageFailed {
                    reason: e.to_string(),
                    reason_id: Some("err-salvage-reopen"),
                },
                None,
            )
        }
    }
}

/// Checks or imports a file or export folder for the app and says how it ended.
fn import(
    store: &Store,
    tax: &Taxonomy,
    officer: &str,
    req: &ImportRequest,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Action {
    use crate::app::import::{ImportProblem, ImportSummary};
    use crate::import::ImportError;
    let path = Path::new(&req.path);
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        store.dir().join(path)
    };
    let result = if path.is_dir() {
        crate::import::import_folder(
            store,
            tax,
            &path,
            req.dry_run,
            req.offset_min,
            officer,
            progress,
        )
    } else {
        match std::fs::read(&path) {
            Ok(bytes) => crate::import::import_csv(
                store,
                &bytes,
                req.dry_run,
                req.offset_min,
                officer,
                progress,
            ),
            Err(e) => {
                return Action::Failed {
                    what: "what-import",
                    reason: format!("{}: {e}", path.display()),
                    reason_id: None,
                };
            }
        }
    };
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
    let p = Path::new(file);
    if p.is_absolute() {
        return Ok(p.to_path_buf());
    }
    let dir = store.dir().join("exports");
    crate::privacy::create_private_dir(&dir)?;
    Ok(dir.join(p))
}

/// Runs one export for the app and says how it ended.
fn export(store: &Store, tax: &Taxonomy, req: &ExportRequest, ctl: &mut Control) -> Action {
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
        table: None,
        delimiter: b',',
        offset_min: req.offset_min,
        today: req.today,
        output: &path,
    };
    match run(store, tax, &spec, &i18n, ctl) {
        Ok(counts) => Action::ExportFinished {
            path: path.display().to_string(),
            rows: counts.iter().map(|(_, n)| *n as u64).sum(),
        },
        Err(ExportError::Cancelled) => Action::ExportCancelled,
        Err(e) => {
            tracing::error!(error = %e, "export failed");
            failed(e.to_string())
        }
    }
}

fn worker(
    store: &Store,
    officer: &str,
    taxonomy: &Taxonomy,
    rx: mpsc::Receiver<Request>,
    results: UnboundedSender<Reply>,
) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        // Only the newest look-up matters while someone is typing.
        let last_suggest = batch
            .iter()
            .rposition(|r| matches!(r.effect, Effect::Suggest { .. }));
        for (i, Request { reply_to, effect }) in batch.into_iter().enumerate() {
            if matches!(effect, Effect::Suggest { .. }) && Some(i) != last_suggest {
                continue;
            }
            let action = perform(store, officer, taxonomy, effect);
            if results.send((reply_to, action)).is_err() {
                return;
            }
        }
    }
}

pub fn perform(store: &Store, officer: &str, taxonomy: &Taxonomy, effect: Effect) -> Action {
    let failed = |what: &'static str| {
        move |e: crate::store::StoreError| {
            tracing::error!(what, error = %e, "effect failed");
            Action::Failed {
                what,
                reason_id: e.msg_id(),
                reason: e.to_string(),
            }
        }
    };
    match effect {
        Effect::LoadEvents => store
            .events()
            .map(Action::EventsLoaded)
            .unwrap_or_else(failed("what-load")),
        Effect::LoadQueue(id) => match store.event(id) {
            Ok(Some(event)) => store
                .queue(id)
                .map(|rows| Action::QueueLoaded { event, rows })
                .unwrap_or_else(failed("what-load")),
            Ok(None) => {
                failed("what-load")(crate::store::StoreError::NotFound { what: "event", id })
            }
            Err(e) => failed("what-load")(e),
        },
        Effect::CreateEvent(fields) => store
            .create_event(fields, officer)
            .map(Action::EventCreated)
            .unwrap_or_else(failed("what-create-event")),
        Effect::AddArrival(arrival) => store
            .add_arrival(arrival, officer)
            .map(|e| Action::ArrivalSaved(Box::new(e)))
            .unwrap_or_else(failed("what-arrival")),
        Effect::SetStatus { visit, to } => store
            .set_visit_status(visit, to, officer)
            .map(Action::VisitUpdated)
            .unwrap_or_else(failed("what-status")),
        Effect::Suggest { seq, query, limit } => store
            .suggest_persons(&query, limit)
            .map(|persons| Action::Suggestions { seq, persons })
            .unwrap_or_else(failed("what-search")),
        Effect::LookAlikes { seq, fields } => store
            .look_alikes(&fields, LOOK_ALIKES)
            .map(|found| Action::LookAlikes { seq, found })
            .unwrap_or_else(failed("what-search")),
        Effect::MergePersons { into, gone } => store
            .merge_persons(into, gone, officer)
            .map(|moved| Action::Merged { into, moved })
            .unwrap_or_else(failed("what-merge")),
        Effect::LoadDashboard {
            period,
            today,
            offset_min,
        } => match store.tally(&period, today, offset_min) {
            Ok(tally) => match crate::domain::report::Report::from_tally(&tally) {
                Ok(report) => Action::DashboardLoaded {
                    report: Box::new(report),
                    tally: Box::new(tally),
                },
                Err(e) => Action::Failed {
                    what: "what-load",
                    reason: e.to_string(),
                    reason_id: None,
                },
            },
            Err(e) => failed("what-load")(e),
        },
        Effect::LoadPersons(ids) => ids
            .into_iter()
            .filter_map(|id| store.person(id).transpose())
            .collect::<Result<Vec<_>, _>>()
            .map(Action::PersonsLoaded)
            .unwrap_or_else(failed("what-load")),
        Effect::WarmSearch => {
            let t = std::time::Instant::now();
            store
                .warm_search()
                .map(|n| {
                    tracing::info!(
                        persons = n,
                        ms = t.elapsed().as_millis() as u64,
                        "person search ready"
                    );
                    Action::SearchReady
                })
                .unwrap_or_else(failed("what-search"))
        }
        Effect::LoadDraft => store
            .load_draft()
            .map(|d| Action::DraftLoaded(d.map(Box::new)))
            .unwrap_or_else(failed("what-draft")),
        Effect::SaveDraft(d) => store
            .save_draft(&d)
            .map(|_| Action::DraftSaved)
            .unwrap_or_else(failed("what-draft")),
        Effect::ClearDraft => store
            .clear_draft()
            .map(|_| Action::DraftSaved)
            .unwrap_or_else(failed("what-draft")),
        Effect::SaveConsultation {
            visit,
            existing,
            fields,
        } => store
            .save_consultation(visit, existing, *fields, officer)
            .map(|c| Action::ConsultationSaved(Box::new(c)))
            .unwrap_or_else(failed("what-consultation")),
        Effect::LoadFollowUps { limit, today } => store
            .follow_ups_page(limit, today)
            .map(Action::FollowUpsLoaded)
            .unwrap_or_else(failed("what-load")),
        Effect::LoadPersonCard(id) => store
            .person_card(id)
            .map(|c| Action::PersonCardLoaded(Box::new(c)))
            .unwrap_or_else(failed("what-load")),
        Effect::CloseFollowUp {
            id,
            outcome,
            recovered,
            on,
        } => store
            .close_follow_up(id, &outcome, recovered, on, officer)
            .map(|_| Action::FollowUpClosed(id))
            .unwrap_or_else(failed("what-follow-up")),
        Effect::LoadAppeals => store
            .appeal_rows()
            .map(Action::AppealsLoaded)
            .unwrap_or_else(failed("what-load")),
        Effect::LoadAppeal(id) => store
            .appeal_view(id)
            .map(|v| Action::AppealLoaded(Box::new(v)))
            .unwrap_or_else(failed("what-load")),
        Effect::CreateAppeal { fields, from } => store
            .create_appeal(*fields, from, officer)
            .map(|a| Action::AppealSaved(Box::new(a)))
            .unwrap_or_else(failed("what-appeal")),
        Effect::SaveAppeal { id, fields } => store
            .save_appeal(id, *fields, officer)
            .map(|a| Action::AppealSaved(Box::new(a)))
            .unwrap_or_else(failed("what-appeal")),
        Effect::JoinAppeal {
            consultation,
            appeal,
        } => store
            .join_appeal(consultation, appeal, officer)
            .map(|_| Action::AppealJoined(appeal))
            .unwrap_or_else(failed("what-appeal")),
        Effect::AddMember {
            appeal,
            person,
            claimed,
            recovered,
        } => store
            .add_member(appeal, *person, claimed, recovered, officer)
            .map(|m| Action::MemberSaved(Box::new(m)))
            .unwrap_or_else(failed("what-member")),
        Effect::UpdateMember(m) => store
            .update_member(*m, officer)
            .map(|m| Action::MemberSaved(Box::new(m)))
            .unwrap_or_else(failed("what-member")),
        // The runner starts exports on their own thread; here (tests, and any caller
        // without a runner) one runs to its end.
        Effect::StartExport(req) => export(
            store,
            taxonomy,
            &req,
            &mut crate::export::control::Control::quiet(),
        ),
        // Without a runner the job ran to its end already: there is nothing to stop.
        Effect::CancelJob => Action::Nothing,
        Effect::Settle => Action::Settled,
        // It replaces the store itself: the terminal loop runs it (`salvage_store`).
        Effect::Salvage => Action::SalvageFailed {
            reason: "salvage needs the store closed; the terminal app runs it".into(),
            reason_id: None,
        },
        Effect::StartImport(req) => import(store, taxonomy, officer, &req, &mut |_, _| true),
        Effect::StartBackup { path, default_name } => {
            backup(store, &path, &default_name, &mut |_, _| true)
        }
        Effect::LoadTimeline(id) => store
            .timeline(id)
            .map(Action::TimelineLoaded)
            .unwrap_or_else(failed("what-load")),
        Effect::WriteSlip(visit) => match write_slip(store, taxonomy, visit) {
            Ok(path) => Action::SlipWritten(path),
            Err(e) => {
                tracing::error!(error = %e, "slip not written");
                Action::Failed {
                    what: "what-slip",
                    reason: e.to_string(),
                    reason_id: None,
                }
            }
        },
    }
}

/// Writes the slip as text under `slips/` in the data directory; returns the path.
fn write_slip(
    store: &Store,
    taxonomy: &Taxonomy,
    visit: crate::domain::Id,
) -> color_eyre::Result<String> {
    let v = store
        .visit(visit)?
        .ok_or_else(|| color_eyre::eyre::eyre!("no visit {visit}"))?;
    let bytes = crate::session::slip_bytes(store, taxonomy, visit, None, false)?;
    let dir = store.dir().join("slips");
    crate::privacy::create_private_dir(&dir)?;
    let path = dir.join(format!(
        "slip-{}-no{}-{visit}.txt",
        v.arrived.format("%Y%m%d"),
        v.queue_no
    ));
    crate::session::write_atomically(&path, &bytes)?;
    Ok(path.display().to_string())
}
