//! Runs effects against the store on one worker thread, in order, and reports back as
//! actions. Saves are confirmed only after `Store` returns, i.e. after the journal sync.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::msg::Printed;
use crate::app::{Action, Effect, ReplyTo, Request};
use crate::store::{Part, Store};

use crate::domain::taxonomy::Taxonomy;

mod conflicts;
mod exchange;
mod jobs;
pub use jobs::backup_path;
use jobs::{backup, export, import};

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
    officer: Officer,
    results: UnboundedSender<Reply>,
    /// Set to stop the running export, if there is one.
    export_cancel: std::sync::Mutex<Option<Arc<AtomicBool>>>,
}

/// Who is recorded with every change: the settings screen may change it while the app runs.
pub type Officer = Arc<std::sync::RwLock<String>>;

/// The officer now.
pub fn officer_now(officer: &Officer) -> String {
    officer
        .read()
        .map(|o| o.clone())
        .unwrap_or_else(|p| p.into_inner().clone())
}

/// Effects that read a lot and write nothing.
fn is_slow(e: &Effect) -> bool {
    // A print command may take its time (a spooler waking up): not ahead of a save.
    matches!(
        e,
        Effect::LoadDashboard { .. }
            | Effect::LoadDrill { .. }
            | Effect::PrintSlip { .. }
            | Effect::WriteBundle { .. }
            | Effect::MergeBundles { .. }
            | Effect::MergeChecked { .. }
            | Effect::LoadConflicts
    )
}

impl Runner {
    pub fn start(
        store: Arc<Store>,
        officer: Officer,
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

fn worker(
    store: &Store,
    officer: &Officer,
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
            let action = perform(store, &officer_now(officer), taxonomy, effect);
            if action.saved_a_form() {
                // The form's draft goes with its save here, not when its page hears of it:
                // closing on a signal while the disk is slow may never deliver the answer,
                // and a restart would offer again what is already on record.
                if let Err(e) = store.clear_saved_form_draft() {
                    tracing::error!(error = %e, "draft not removed after its form was saved");
                }
            }
            if results.send((reply_to, action)).is_err() {
                return;
            }
        }
    }
}

/// A slip that could not be written, printed or not: said the same way.
fn slip_failed(e: &dyn std::fmt::Display) -> Action {
    tracing::error!(error = %e, "slip not written");
    Action::Failed {
        what: "what-slip",
        reason: e.to_string(),
        reason_id: None,
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
        Effect::AddArrival {
            arrival,
            check_look_alikes,
        } => {
            let saved = if check_look_alikes {
                store.add_arrival_checked(arrival, officer)
            } else {
                store.add_arrival(arrival, officer)
            };
            match saved {
                Ok(e) => Action::ArrivalSaved(Box::new(e)),
                // Not a failure: the desk is asked whether it is one of them.
                Err(crate::store::StoreError::LookAlikes(found)) => Action::LookAlikes(found),
                Err(e) => failed("what-arrival")(e),
            }
        }
        Effect::SetStatus { visit, to } => store
            .set_visit_status(visit, to, officer)
            .map(Action::VisitUpdated)
            .unwrap_or_else(failed("what-status")),
        Effect::UndoStatus(visit) => store
            .undo_visit_status(visit, officer)
            .map(|(visit, undone)| Action::VisitUndone {
                visit: Box::new(visit),
                undone: Box::new(undone),
            })
            .unwrap_or_else(failed("what-undo")),
        Effect::Suggest {
            seq,
            query,
            limit,
            except,
        } => store
            .suggest_persons_counted(&query, limit, except)
            .map(|(persons, total)| Action::Suggestions {
                seq,
                persons,
                total,
            })
            .unwrap_or_else(failed("what-search")),
        Effect::LastLanguage(person) => store
            .last_language(person)
            .map(|language| Action::LastLanguage { person, language })
            .unwrap_or_else(failed("what-search")),
        Effect::MergePersons { into, gone } => store
            .merge_persons(into, gone, officer)
            .map(|moved| Action::Merged { into, moved })
            .unwrap_or_else(failed("what-merge")),
        Effect::UnmergePersons { into, gone } => store
            .unmerge_persons(into, gone, officer)
            .map(|moved| Action::Unmerged { into, gone, moved })
            .unwrap_or_else(failed("what-unmerge")),
        Effect::LoadDashboard {
            period,
            today,
            offset_min,
        } => {
            let report = store
                .tally(&period, today, offset_min)
                .map(|tally| crate::domain::report::Report::from_tally(&tally));
            // The tally's person sets are most of what the dashboard took: none is kept.
            crate::memory::give_back();
            match report {
                Ok(Ok(r)) => Action::DashboardLoaded(Box::new(r)),
                Ok(Err(e)) => Action::Failed {
                    what: "what-load",
                    reason: e.to_string(),
                    reason_id: None,
                },
                Err(e) => failed("what-load")(e),
            }
        }
        Effect::LoadDrill {
            period,
            today,
            offset_min,
            section,
            code,
        } => {
            use crate::app::dashboard::Section;
            let part = match section {
                Section::Topics | Section::Outcomes | Section::Referrals => Part::Consultations,
                Section::Regions | Section::Sexes | Section::Ages => Part::Visits,
            };
            let ids = store
                .tally_part(&period, today, offset_min, part)
                .map(|t| crate::app::dashboard::persons_behind(&t, section, &code));
            crate::memory::give_back();
            ids.and_then(|ids| {
                let total = ids.len();
                ids.into_iter()
                    .take(crate::app::dashboard::DRILL_LIMIT)
                    .filter_map(|id| store.person(id).transpose())
                    .collect::<Result<Vec<_>, _>>()
                    .map(|persons| Action::DrillLoaded {
                        section,
                        code,
                        total,
                        persons,
                    })
            })
            .unwrap_or_else(failed("what-load"))
        }
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
            .read_draft()
            .map(|d| match d {
                crate::store::StoredDraft::Found(d) => Action::DraftLoaded(Some(Box::new(d))),
                crate::store::StoredDraft::None => Action::DraftLoaded(None),
                crate::store::StoredDraft::KeptAside(p) => {
                    Action::DraftUnreadable(p.display().to_string())
                }
            })
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
        Effect::LoadFollowUps {
            limit,
            today,
            filter,
        } => store
            .follow_ups_page(limit, today, &filter)
            .map(Action::FollowUpsLoaded)
            .unwrap_or_else(failed("what-load")),
        Effect::LoadPersonCard(id) => store
            .person_card(id)
            .map(|c| Action::PersonCardLoaded(Box::new(c)))
            .unwrap_or_else(failed("what-load")),
        Effect::UpdatePerson { id, fields } => store
            .update_person(id, *fields, officer)
            .map(|p| Action::PersonUpdated(p.map(Box::new)))
            .unwrap_or_else(failed("what-person")),
        Effect::CloseFollowUp {
            id,
            outcome,
            recovered,
            on,
            note,
        } => {
            let close = crate::store::FollowUpClose {
                outcome: &outcome,
                recovered,
                on,
                note: &note,
            };
            store
                .close_follow_up_noted(id, close, officer)
                .map(|_| Action::FollowUpClosed(id))
                .unwrap_or_else(failed("what-follow-up"))
        }
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
        // The terminal loop writes the config file (`tui::Desk`); without one (tests) the
        // settings hold for this run.
        Effect::SaveSettings(settings) => Action::SettingsSaved(settings),
        Effect::SaveLanguage(_) => Action::Nothing,
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
        Effect::WriteBundle { path } => exchange::write(store, &path),
        Effect::MergeBundles { path, dry_run } => exchange::merge(store, &path, dry_run),
        Effect::MergeChecked { files, expect } => exchange::merge_checked(store, &files, expect),
        Effect::LoadConflicts => conflicts::load(store)
            .map(Action::ConflictsLoaded)
            .unwrap_or_else(failed("what-load")),
        Effect::SettleConflict { id, chosen } => conflicts::settle(store, officer, id, &chosen),
        Effect::ClearSuspect(id) => conflicts::settled(store.clear_suspect(id)),
        Effect::ClearLookAlike(id) => conflicts::settled(store.clear_look_alike(id)),
        Effect::LoadTimeline(id) => store
            .timeline(id)
            .map(Action::TimelineLoaded)
            .unwrap_or_else(failed("what-load")),
        Effect::PrintSlip {
            visit,
            letter,
            printer,
        } => match write_slip(store, taxonomy, visit, &letter, true) {
            Ok(path) => {
                let printed = match printer {
                    None => Printed::NoPrinter,
                    Some(cmd) => match crate::export::print::print(&cmd, Path::new(&path)) {
                        Ok(()) => Printed::Sent,
                        Err(said) => {
                            tracing::error!(error = %said, "slip not printed");
                            Printed::Refused(said)
                        }
                    },
                };
                Action::SlipPrinted { path, printed }
            }
            Err(e) => slip_failed(&e),
        },
        Effect::WriteSlip { visit, letter } => {
            match write_slip(store, taxonomy, visit, &letter, false) {
                Ok(path) => Action::SlipWritten(path),
                Err(e) => slip_failed(&e),
            }
        }
    }
}

/// Writes the slip as text (`html`: a printable page) under `slips/` in the data directory;
/// returns the path.
fn write_slip(
    store: &Store,
    taxonomy: &Taxonomy,
    visit: crate::domain::Id,
    letter: &str,
    html: bool,
) -> color_eyre::Result<String> {
    let v = store
        .visit(visit)?
        .ok_or_else(|| color_eyre::eyre::eyre!("no visit {visit}"))?;
    let bytes = crate::session::slip_bytes(store, taxonomy, visit, None, html, letter)?;
    let offset = store.event(v.event)?.map_or(0, |e| e.fields.utc_offset_min);
    let path = crate::export::slip::keep_slip(store.dir(), &v, offset, &bytes, html)?;
    Ok(path.display().to_string())
}
