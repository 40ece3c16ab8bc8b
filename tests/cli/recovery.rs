//! The way back from damage loses nothing confirmed: the measured failures of the recovery
//! issue, one test each (a flipped length byte, a cut, deleted or emptied journal, a flipped
//! byte in a record, an unopenable database), and SIGKILLs of the real binary while it
//! confirms records one by one and while it writes a bulk import.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use crate::common::cli::{on, run as kezek};
use crate::common::*;
use kezek::domain::PersonPick;
use kezek::store::{Damage, JOURNAL_FILE, SLED_DIR, Store, StoreError, StoreOptions};

fn visit_ids(dir: &Path) -> BTreeSet<kezek::domain::Id> {
    let (store, _) = Store::open(dir, &StoreOptions::default()).unwrap();
    store.visits().unwrap().iter().map(|v| v.meta.id).collect()
}

/// After salvage, `check` passes and every visit is there.
fn salvage_keeps(dir: &Path, expected: &BTreeSet<kezek::domain::Id>) {
    let (ok, text) = kezek(dir, &["check", "--salvage"]);
    assert!(ok, "{text}");
    assert!(text.contains("salvaged"), "{text}");
    assert!(text.contains("kept:"), "the old files are kept: {text}");
    let (ok, text) = kezek(dir, &["check"]);
    assert!(ok && text.contains("consistent"), "{text}");
    assert_eq!(&visit_ids(dir), expected, "nothing was lost");
    // And the store takes new records again.
    let (store, _) = Store::open(dir, &StoreOptions::default()).unwrap();
    let ev = store.events().unwrap()[0].meta.id;
    store
        .add_arrival(
            arrival(
                ev,
                PersonPick::New(person_fields("Жээнбеков", "Өмүрбек")),
                "x",
            ),
            "x",
        )
        .unwrap();
}

#[test]
fn a_flipped_length_byte_in_the_middle_is_damage_and_salvage_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let ids: BTreeSet<_> = store_with_arrivals(&data, 60).into_iter().collect();
    let journal = data.join(JOURNAL_FILE);
    let mut bytes = std::fs::read(&journal).unwrap();
    let starts = frame_starts(&bytes);
    let middle = starts[starts.len() / 2];
    bytes[middle + 2] ^= 0x40; // the length now runs past the end of the file
    std::fs::write(&journal, &bytes).unwrap();

    let (ok, text) = kezek(&data, &["check"]);
    assert!(!ok, "{text}");
    assert!(
        text.contains("DAMAGED") && text.contains("--salvage"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        bytes,
        "check changed nothing"
    );
    // The next open keeps the view and refuses to write.
    {
        let (store, _) = Store::open(&data, &StoreOptions::default()).unwrap();
        assert_eq!(
            store.visits().unwrap().len(),
            60,
            "the view was not emptied"
        );
        // The check of the whole journal (the app's background check, the one writing
        // commands run first) finds the damage, and writing stops.
        assert!(matches!(
            store.verify_journal().unwrap(),
            Some(Damage::Damaged {
                intact_after: true,
                ..
            })
        ));
        let ev = store.events().unwrap()[0].meta.id;
        let err = store
            .add_arrival(
                arrival(ev, PersonPick::New(person_fields("А", "Б")), "x"),
                "x",
            )
            .unwrap_err();
        assert!(matches!(err, StoreError::Damaged(_)), "{err}");
        assert_eq!(err.msg_id(), Some("err-store-damaged"));
    }
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        bytes,
        "open changed nothing"
    );
    salvage_keeps(&data, &ids);
    let kept: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("journal.kzj.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read(data.join(&kept[0])).unwrap(),
        bytes,
        "an exact copy"
    );
}

#[test]
fn a_journal_cut_in_the_middle_keeps_the_view_and_salvage_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let ids: BTreeSet<_> = store_with_arrivals(&data, 40).into_iter().collect();
    let journal = data.join(JOURNAL_FILE);
    let bytes = std::fs::read(&journal).unwrap();
    std::fs::write(&journal, &bytes[..bytes.len() / 2]).unwrap();
    let (ok, text) = kezek(&data, &["check"]);
    assert!(!ok, "{text}");
    assert!(
        text.contains("shorter") || text.contains("bytes, but"),
        "{text}"
    );
    assert_eq!(visit_ids(&data), ids, "the view was not emptied");
    salvage_keeps(&data, &ids);
}

#[test]
fn a_deleted_or_emptied_journal_is_never_answered_by_emptying_the_view() {
    for empty in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d");
        let ids: BTreeSet<_> = store_with_arrivals(&data, 25).into_iter().collect();
        let journal = data.join(JOURNAL_FILE);
        if empty {
            std::fs::write(&journal, b"").unwrap();
        } else {
            std::fs::remove_file(&journal).unwrap();
        }
        let (ok, text) = kezek(&data, &["check"]);
        assert!(!ok, "{text}");
        assert!(text.contains("missing or empty"), "{text}");
        {
            let (store, _) = Store::open(&data, &StoreOptions::default()).unwrap();
            assert_eq!(store.damage(), Some(Damage::JournalMissing));
            assert_eq!(store.visits().unwrap().len(), 25);
        }
        // Opening did not make a new journal that would hide the loss.
        assert!(std::fs::metadata(&journal).map_or(true, |m| m.len() == 0));
        salvage_keeps(&data, &ids);
    }
}

#[test]
fn a_flipped_byte_inside_a_record_is_damage_and_salvage_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let ids: BTreeSet<_> = store_with_arrivals(&data, 30).into_iter().collect();
    let journal = data.join(JOURNAL_FILE);
    let mut bytes = std::fs::read(&journal).unwrap();
    let starts = frame_starts(&bytes);
    bytes[starts[10] + 20] ^= 0x01;
    std::fs::write(&journal, &bytes).unwrap();
    let (ok, text) = kezek(&data, &["check"]);
    assert!(!ok && text.contains("DAMAGED"), "{text}");
    salvage_keeps(&data, &ids);
}

#[test]
fn records_confirmed_after_unapplied_damage_are_salvaged_too() {
    // The view lost its last ops (not flushed before a crash) and the journal is damaged
    // among them: salvage takes the intact frames after the damage from the journal.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let all = store_with_arrivals(&data, 20);
    let journal = data.join(JOURNAL_FILE);
    let good = std::fs::read(&journal).unwrap();
    std::fs::remove_dir_all(data.join(SLED_DIR)).unwrap();
    // The view now knows nothing; damage the 15th frame: the ones after it are intact.
    let mut bytes = good.clone();
    let starts = frame_starts(&bytes);
    bytes[starts[15] + 12] ^= 0x08;
    std::fs::write(&journal, &bytes).unwrap();
    let (ok, text) = kezek(&data, &["check"]);
    assert!(!ok && text.contains("DAMAGED"), "{text}");
    let (ok, text) = kezek(&data, &["check", "--salvage"]);
    assert!(ok, "{text}");
    let now = visit_ids(&data);
    // Frame 0 is the event, frame k the k-th arrival: only the damaged one is gone.
    let lost: Vec<_> = all.iter().filter(|id| !now.contains(id)).collect();
    assert_eq!(
        lost,
        vec![&all[14]],
        "only the damaged frame's arrival is missing"
    );
}

#[test]
fn an_unopenable_database_is_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let ids: BTreeSet<_> = store_with_arrivals(&data, 20).into_iter().collect();
    let db = data.join(SLED_DIR);
    std::fs::remove_dir_all(&db).unwrap();
    std::fs::create_dir(&db).unwrap();
    std::fs::write(db.join("conf"), b"garbage, not a sled config").unwrap();
    std::fs::write(db.join("db"), vec![0xabu8; 4096]).unwrap();
    let (ok, text) = kezek(&data, &["check", "--rebuild"]);
    assert!(ok, "{text}");
    assert!(text.contains("moved to"), "{text}");
    assert_eq!(visit_ids(&data), ids);
    let aside = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("db.before-rebuild-")
        });
    assert!(aside, "the old database is kept");
}

#[test]
fn a_torn_tail_is_cut_only_after_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let ids: BTreeSet<_> = store_with_arrivals(&data, 5).into_iter().collect();
    let journal = data.join(JOURNAL_FILE);
    let good = std::fs::read(&journal).unwrap();
    let mut torn = good.clone();
    let frame = kezek::store::journal::encode_frame(&[1u8; 300]);
    torn.extend_from_slice(&frame[..100]);
    std::fs::write(&journal, &torn).unwrap();
    let (ok, text) = kezek(&data, &["check"]);
    assert!(ok, "{text}");
    assert_eq!(std::fs::read(&journal).unwrap(), good);
    let copy = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().contains(".torn-at-"))
        .expect("a copy of the cut bytes");
    assert_eq!(std::fs::read(copy.path()).unwrap(), frame[..100]);
    assert_eq!(visit_ids(&data), ids);
}

/// SIGKILLs of the real binary while it confirms arrivals one by one through the store's
/// `add_arrival`, the call the app's save makes: every id it printed (printed only after
/// the save returned) is in the store afterwards, and `kezek check` passes.
/// `KEZEK_KILLS=1000 cargo test --release --test cli recovery::kills` for the long run.
#[test]
fn kills_while_confirming_lose_nothing_confirmed() {
    let kills: usize = std::env::var("KEZEK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let mut confirmed = BTreeSet::new();
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    for k in 0..kills {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let mut child = on(&data)
            .args(["confirm-loop", "--count", "100000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        // Kill after a random number of confirmations (0-40), then a random few µs more.
        let wait = (rng % 41) as usize;
        let mut line = String::new();
        for _ in 0..wait {
            line.clear();
            if out.read_line(&mut line).unwrap() == 0 {
                break;
            }
            confirmed.insert(line.trim().to_string());
        }
        std::thread::sleep(std::time::Duration::from_micros(rng % 3000));
        child.kill().unwrap();
        child.wait().unwrap();
        // Whatever it printed before dying was confirmed too.
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut rest);
        for l in rest.lines() {
            confirmed.insert(l.trim().to_string());
        }
        if k % 10 == 9 || k + 1 == kills {
            let (ok, text) = kezek(&data, &["check"]);
            assert!(
                ok && text.contains("consistent"),
                "after {} kills: {text}",
                k + 1
            );
        }
    }
    let present: BTreeSet<String> = visit_ids(&data).iter().map(|i| i.to_string()).collect();
    let lost: Vec<_> = confirmed.difference(&present).collect();
    assert!(
        lost.is_empty(),
        "{} confirmed visits lost: {lost:?}",
        lost.len()
    );
    assert!(confirmed.len() > kills, "the loop confirmed records");
    eprintln!("{kills} kills, {} confirmed, 0 lost", confirmed.len());
}

/// SIGKILLs of a bulk import at random moments of its journal write: all of it or none.
#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let (ok, text) = kezek(&src, &["demo", "--persons", "1500", "--events", "3"]);
    assert!(ok, "{text}");
    let export = dir.path().join("export");
    let (ok, text) = kezek(
        &src,
        &["export", "--format", "csv", "-o", export.to_str().unwrap()],
    );
    assert!(ok, "{text}");
    let full = {
        let d = dir.path().join("full");
        let (ok, text) = kezek(&d, &["import", "--csv", export.to_str().unwrap()]);
        assert!(ok, "{text}");
        std::fs::metadata(d.join(JOURNAL_FILE)).unwrap().len()
    };
    let mut outcomes = (0, 0);
    for k in 0..12u64 {
        let d = dir.path().join(format!("k{k}"));
        let (store, _) = Store::open(&d, &StoreOptions::default()).unwrap();
        drop(store);
        let mut child = on(&d)
            .args(["import", "--csv", export.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the journal grows (the write has begun), then kill at a moment that
        // moves across the write from one run to the next.
        let journal = d.join(JOURNAL_FILE);
        let started = std::time::Instant::now();
        let target = 8 + (full - 8) * k / 12;
        while std::fs::metadata(&journal).map_or(0, |m| m.len()) < target.max(9)
            && started.elapsed() < std::time::Duration::from_secs(20)
        {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        let _ = child.kill();
        child.wait().unwrap();
        let (ok, text) = kezek(&d, &["check"]);
        assert!(ok && text.contains("consistent"), "run {k}: {text}");
        let (store, _) = Store::open(&d, &StoreOptions::default()).unwrap();
        let c = store.counts().unwrap();
        if c.persons == 0 {
            assert_eq!(
                (c.events, c.visits, c.consultations),
                (0, 0, 0),
                "run {k}: {c:?}"
            );
            outcomes.0 += 1;
        } else {
            let (full_store, _) =
                Store::open(&dir.path().join("full"), &StoreOptions::default()).unwrap();
            assert_eq!(c, full_store.counts().unwrap(), "run {k}: all of it");
            outcomes.1 += 1;
        }
    }
    eprintln!(
        "killed imports: {} left nothing, {} left all",
        outcomes.0, outcomes.1
    );
}

#[test]
fn a_killed_demo_fill_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["demo", "--persons", "1500", "--events", "3"];
    let full = dir.path().join("full");
    let started = std::time::Instant::now();
    let (ok, text) = kezek(&full, &args);
    assert!(ok, "{text}");
    let took = started.elapsed();
    let (full_store, _) = Store::open(&full, &StoreOptions::default()).unwrap();
    let whole = full_store.counts().unwrap();
    drop(full_store);
    let mut outcomes = (0, 0);
    for k in 0..10u32 {
        let d = dir.path().join(format!("k{k}"));
        let mut child = on(&d)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Moments spread over the whole fill, the swap at its end included.
        std::thread::sleep(took * (k + 1) / 10);
        let _ = child.kill();
        child.wait().unwrap();
        let (ok, text) = kezek(&d, &["check"]);
        assert!(ok && text.contains("consistent"), "run {k}: {text}");
        let (store, _) = Store::open(&d, &StoreOptions::default()).unwrap();
        let c = store.counts().unwrap();
        drop(store);
        if c.persons == 0 {
            assert_eq!(c, kezek::store::Counts::default(), "run {k}: nothing");
            outcomes.0 += 1;
            // What the stopped fill left is taken away by the next one, which completes.
            let (ok, text) = kezek(&d, &args);
            assert!(ok, "run {k}: {text}");
            let (store, _) = Store::open(&d, &StoreOptions::default()).unwrap();
            assert_eq!(store.counts().unwrap(), whole, "run {k}: refilled");
        } else {
            assert_eq!(c, whole, "run {k}: all of it");
            outcomes.1 += 1;
        }
        assert!(!d.join(kezek::bulk::demo::STAGING_DIR).exists() || c.persons == 0);
    }
    eprintln!(
        "killed demo fills: {} left nothing, {} left all",
        outcomes.0, outcomes.1
    );
}

#[test]
fn a_demo_fill_refuses_a_store_that_holds_anything() {
    let dir = tempfile::tempdir().unwrap();
    store_with_arrivals(dir.path(), 1);
    let before = std::fs::read(dir.path().join(JOURNAL_FILE)).unwrap();
    let (ok, text) = kezek(dir.path(), &["demo", "--persons", "50", "--events", "1"]);
    assert!(!ok && text.contains("already holds records"), "{text}");
    assert_eq!(
        std::fs::read(dir.path().join(JOURNAL_FILE)).unwrap(),
        before
    );
    assert!(!dir.path().join(kezek::bulk::demo::STAGING_DIR).exists());
}

/// The fill's swap stopped between its two renames (the staged journal in place, the empty
/// view not yet replaced, or moved aside and the staged one not yet in): the store opens
/// whole, rebuilt from the journal.
#[test]
fn a_fill_stopped_between_its_renames_opens_whole() {
    // 0: the journal moved; 1: the empty view moved aside too; 2: the staged view in place
    // as well, the staging directory (its lock and desk id) and the empty view not yet gone.
    for step in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path(), &StoreOptions::default()).unwrap());
        let staged = dir.path().join(kezek::bulk::demo::STAGING_DIR);
        let whole = {
            let (fill, _) = Store::open(&staged, &StoreOptions::default()).unwrap();
            demo(&fill, 200, 2, 1);
            fill.counts().unwrap()
        };
        std::fs::rename(staged.join(JOURNAL_FILE), dir.path().join(JOURNAL_FILE)).unwrap();
        if step >= 1 {
            std::fs::rename(
                dir.path().join(SLED_DIR),
                dir.path().join("db.before-fill-x"),
            )
            .unwrap();
        }
        if step >= 2 {
            std::fs::rename(staged.join(SLED_DIR), dir.path().join(SLED_DIR)).unwrap();
        }
        let (store, _) = Store::open(dir.path(), &StoreOptions::default()).unwrap();
        assert_eq!(store.counts().unwrap(), whole, "stopped at step {step}");
        assert!(store.verify().unwrap().is_consistent());
        // What the fill left beside the store held nothing the journal does not: gone.
        assert!(
            !staged.exists(),
            "step {step}: the staging directory is left"
        );
        assert!(
            !dir.path().join("db.before-fill-x").exists(),
            "step {step}: the empty view moved aside is left"
        );
    }
}

/// A salvage killed while it puts the new store in place (measured with `strace -e
/// inject=rename:signal=KILL`: after the old journal and view were moved aside, the data
/// directory had neither, and the next start opened a new, empty store that `check`
/// passed). The new store is marked ready in its work directory before anything is moved,
/// and the next open finishes the move: every state a kill can leave opens whole.
#[test]
fn a_salvage_killed_between_its_renames_is_finished_at_the_next_open() {
    // Which of the new files were still in the work directory when the kill came.
    for still_in_work in [&[JOURNAL_FILE, SLED_DIR][..], &[SLED_DIR][..]] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d");
        let ids: BTreeSet<_> = store_with_arrivals(&data, 30).into_iter().collect();
        let journal = data.join(JOURNAL_FILE);
        let mut bytes = std::fs::read(&journal).unwrap();
        let starts = frame_starts(&bytes);
        bytes[starts[starts.len() / 2] + 3] ^= 0x40;
        std::fs::write(&journal, &bytes).unwrap();
        let (ok, text) = kezek(&data, &["check", "--salvage"]);
        assert!(ok, "{text}");
        // Back to where the kill came: the old files aside, the new ones (or the view
        // only) still in the marked work directory.
        let work = data.join("salvage.work-20261202T101500");
        std::fs::create_dir(&work).unwrap();
        for name in still_in_work {
            std::fs::rename(data.join(name), work.join(name)).unwrap();
        }
        std::fs::write(work.join("READY"), b"").unwrap();
        let (ok, text) = kezek(&data, &["check"]);
        assert!(ok && text.contains("consistent"), "{text}");
        assert_eq!(visit_ids(&data), ids, "in work: {still_in_work:?}");
        assert!(!work.exists(), "the work directory is gone once finished");
    }
}

/// A salvage killed before its new store was complete left the old files in place and an
/// unmarked work directory: that is ignored, and salvage runs again.
#[test]
fn a_salvage_killed_before_it_was_ready_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let ids: BTreeSet<_> = store_with_arrivals(&data, 30).into_iter().collect();
    let journal = data.join(JOURNAL_FILE);
    let mut bytes = std::fs::read(&journal).unwrap();
    let starts = frame_starts(&bytes);
    bytes[starts[starts.len() / 2] + 3] ^= 0x40;
    std::fs::write(&journal, &bytes).unwrap();
    let work = data.join("salvage.work-20261202T101500");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join(JOURNAL_FILE), b"KZJRNL01").unwrap();
    let (ok, text) = kezek(&data, &["check"]);
    assert!(!ok && text.contains("DAMAGED"), "{text}");
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        bytes,
        "nothing was changed"
    );
    salvage_keeps(&data, &ids);
}

/// A full disk while sled writes a snapshot leaves `db/snap.*.generating` cut short, and
/// sled then refuses to open ("Read corrupted data"): the view is moved aside, never
/// deleted, and rebuilt from the journal, with every record.
#[test]
fn a_snapshot_cut_short_by_a_full_disk_is_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let ids: BTreeSet<_> = store_with_arrivals(&data, 20).into_iter().collect();
    let db = data.join(SLED_DIR);
    let snapshot = std::fs::read_dir(&db)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("snap."))
        .map(|e| std::fs::read(e.path()).unwrap())
        .unwrap_or_else(|| vec![0x5a; 4096]);
    let cut = &snapshot[..snapshot.len() / 2];
    std::fs::write(db.join("snap.00000000FFFF0000.generating"), cut).unwrap();
    let (ok, text) = kezek(&data, &["check"]);
    assert!(ok && text.contains("consistent"), "{text}");
    assert_eq!(visit_ids(&data), ids);
    let kept = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("db.unopenable-")
                && e.path().join("snap.00000000FFFF0000.generating").exists()
        });
    assert!(kept, "the unopenable view is kept aside as it was");
}
