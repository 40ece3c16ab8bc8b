//! The exchange page's effects: a bundle written to the stick, bundles merged from it.

use crate::app::Action;
use crate::app::exchange::{BundleSent, MergeSummary};
use crate::store::Store;

/// Where `typed` points, as a backup's place is read (`~`, a path from the data
/// directory's parent).
fn place(store: &Store, typed: &str) -> std::path::PathBuf {
    crate::store::backup::backup_path(store.dir(), typed, "")
}

pub(super) fn write(store: &Store, typed: &str) -> Action {
    match store.write_bundle(&place(store, typed)) {
        Ok(info) => {
            tracing::info!(
                ops = info.ops,
                bytes = info.bytes,
                "bundle written from the app"
            );
            Action::BundleWritten(Box::new(BundleSent {
                path: info.path.display().to_string(),
                ops: info.ops,
                bytes: info.bytes,
            }))
        }
        Err(e) => {
            tracing::error!(error = %e, "bundle not written");
            failed(&e)
        }
    }
}

pub(super) fn merge(store: &Store, typed: &str, dry_run: bool) -> Action {
    summary(store.merge_bundles(&place(store, typed), dry_run), dry_run)
}

pub(super) fn merge_checked(store: &Store, files: &[String], expect: usize) -> Action {
    let files: Vec<std::path::PathBuf> = files.iter().map(std::path::PathBuf::from).collect();
    summary(store.merge_checked(&files, expect), false)
}

fn summary(
    result: crate::store::Result<crate::store::bundle::MergeReport>,
    dry_run: bool,
) -> Action {
    match result {
        Ok(r) => {
            if !dry_run {
                tracing::info!(ops = r.ops_new, "bundles merged from the app");
            }
            let changed = r.persons.changed
                + r.visits.changed
                + r.consultations.changed
                + r.appeals.changed
                + r.members.changed
                + r.events.changed;
            Action::BundleMerged(Box::new(MergeSummary {
                dry_run,
                files: r.files.iter().map(|f| f.display().to_string()).collect(),
                bundles: r.bundles.len(),
                passed_over: r.own.len() + r.not_for_us.len(),
                ops_new: r.ops_new,
                ops_known: r.ops_known,
                persons: r.persons.new,
                visits: r.visits.new,
                consultations: r.consultations.new,
                appeals: r.appeals.new,
                changed,
                conflicts: r.conflicts,
                look_alikes: r.look_alikes_total,
                clock_suspect: r.clock_suspect,
                view_behind: r.view_behind,
            }))
        }
        Err(e) => {
            tracing::error!(error = %e, "bundles not merged");
            failed(&e)
        }
    }
}

/// A refusal, said in the interface's language when the store says which it is.
fn failed(e: &crate::store::StoreError) -> Action {
    let said = match e {
        crate::store::StoreError::Bundle(b) => Some(crate::session::bundle_said(b)),
        _ => None,
    };
    Action::BundleFailed {
        reason: e.to_string(),
        said,
    }
}
