//! A bulk load larger than what a batch holds in memory (`StoreOptions::spill_at`): its ops
//! go through a scratch file, and the store is the same as when they stay in memory, in
//! one journal batch; a refused import or a full disk writes nothing and leaves no
//! scratch file behind.

use std::path::{Path, PathBuf};

use crate::common::disk::{Tmpfs, free_bytes};
use crate::common::*;
use kezek::bulk::import::{ImportError, import_folder};
use kezek::store::journal::BATCH_MAGIC;
use kezek::store::{JOURNAL_FILE, Store, StoreOptions};

/// A few kilobytes: every few records go to the scratch file.
const SMALL: usize = 4096;

fn open_with(dir: &Path, spill_at: usize) -> Store {
    let opts = StoreOptions {
        spill_at,
        ..StoreOptions::default()
    };
    let (mut store, _) = Store::open(dir, &opts).unwrap();
    store.set_clock(t0);
    store
}

/// The demo's records exported as a CSV folder under `dir`.
fn exported(dir: &Path) -> PathBuf {
    let source = open_store(&dir.join("source"));
    demo(&source, 300, 2, 7);
    let folder = dir.join("export");
    write_export(&source, &folder);
    folder
}

fn write_export(store: &Store, folder: &Path) {
    kezek::export::stream::write_csv(
        store,
        &kezek::export::stream::Opts {
            period: &kezek::domain::report::Period::All,
            anonymize: None,
            offset_min: 180,
        },
        folder,
        None,
        b',',
        &kezek::i18n::I18n::new("en"),
        &kezek::export::values::Values::new("en", &kezek::taxonomy::builtin()),
        &mut kezek::export::control::Control::quiet(),
    )
    .unwrap();
}

fn import(store: &Store, folder: &Path) -> Result<kezek::bulk::import::ImportReport, ImportError> {
    let tax = kezek::taxonomy::builtin();
    import_folder(store, &tax, folder, false, 180, "t", &mut |_, _| true)
}

/// The payloads of the journal's frames, in order.
fn frames(dir: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(dir.join(JOURNAL_FILE)).unwrap();
    frame_starts(&bytes)
        .into_iter()
        .map(|at| {
            let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            bytes[at + 8..at + 8 + len].to_vec()
        })
        .collect()
}

/// Files of this process open in `dir` whose name is gone (a scratch file still held).
fn unnamed_open_in(dir: &Path) -> Vec<PathBuf> {
    let dir = dir.canonicalize().unwrap();
    std::fs::read_dir("/proc/self/fd")
        .map(|fds| {
            fds.filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
                .filter(|t| t.starts_with(&dir) && t.to_string_lossy().ends_with(" (deleted)"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_import_past_the_spill_threshold_is_the_same_store_in_one_batch() {
    let dir = tempdir();
    let folder = exported(dir.path());
    let (kept, spilled) = (dir.path().join("kept"), dir.path().join("spilled"));
    let a = open_with(&kept, StoreOptions::default().spill_at);
    let b = open_with(&spilled, SMALL);
    let ra = import(&a, &folder).unwrap();
    let rb = import(&b, &folder).unwrap();
    assert_eq!(ra, rb);
    assert!(
        rb.new_persons > 200 && rb.new_visits > rb.new_persons,
        "{rb:?}"
    );
    assert!(rb.new_consultations > 0 && rb.new_appeals > 0, "{rb:?}");

    // One batch: its header first, counting every frame after it.
    let f = frames(&spilled);
    assert!(f.len() > 3, "{} frames", f.len());
    assert_eq!(&f[0][..8], BATCH_MAGIC);
    let count = u32::from_le_bytes(f[0][8..12].try_into().unwrap()) as usize;
    assert_eq!(count, f.len() - 1);
    assert!(f[1..].iter().all(|p| !p.starts_with(BATCH_MAGIC)));
    let bytes: usize = f.iter().map(Vec::len).sum();
    assert!(
        bytes > 20 * SMALL,
        "the ops passed the threshold many times: {bytes} bytes"
    );
    assert_eq!(frames(&kept).len(), f.len(), "the same ops either way");

    // The same records and figures, whole index included.
    for s in [&a, &b] {
        let check = s.verify().unwrap();
        assert!(check.is_consistent(), "{check:?}");
    }
    assert_eq!(a.counts().unwrap(), b.counts().unwrap());
    assert_eq!(b.counts().unwrap().persons, rb.new_persons);
    let (ea, eb) = (dir.path().join("ea"), dir.path().join("eb"));
    write_export(&a, &ea);
    write_export(&b, &eb);
    assert!(
        files_of(&ea) == files_of(&eb),
        "the two stores export alike"
    );
    assert!(
        files_of(&eb) == files_of(&folder),
        "and as the store they came from"
    );
    assert!(unnamed_open_in(&spilled).is_empty());

    // Read back from the journal alone, the spilled store is the same again.
    drop(b);
    std::fs::remove_dir_all(spilled.join(kezek::store::SLED_DIR)).unwrap();
    let b = open_with(&spilled, SMALL);
    assert_eq!(b.counts().unwrap(), a.counts().unwrap());
    let er = dir.path().join("er");
    write_export(&b, &er);
    assert!(files_of(&er) == files_of(&ea));
}

#[test]
fn a_bad_row_near_the_end_writes_nothing_and_leaves_no_scratch_file() {
    let dir = tempdir();
    let folder = exported(dir.path());
    // The last consultation's id made one kezek never writes.
    let path = folder.join("consultations.csv");
    let mut r = csv::Reader::from_path(&path).unwrap();
    let headers = r.headers().unwrap().clone();
    let mut rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let last = rows.len() - 1;
    let mut bad: Vec<String> = rows[last].iter().map(str::to_string).collect();
    bad[0] = "not-an-id".into();
    rows[last] = csv::StringRecord::from(bad);
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&headers).unwrap();
    rows.iter().for_each(|row| w.write_record(row).unwrap());
    w.flush().unwrap();
    drop(w);

    let data = dir.path().join("data");
    let store = open_with(&data, SMALL);
    let before = std::fs::metadata(data.join(JOURNAL_FILE)).unwrap().len();
    let mut names: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    let Err(ImportError::Rows(errors)) = import(&store, &folder) else {
        panic!("the bad row is refused");
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "consultations.csv");
    assert_eq!(errors[0].column, "consultation_id");
    assert_eq!(errors[0].msg, "import-bad-id");
    assert_eq!(errors[0].value, "not-an-id");
    // The line a spreadsheet shows: the header's, one per row and one more per line break
    // inside a cell, counted over the whole file.
    let breaks: usize = rows[..last]
        .iter()
        .flat_map(|r| r.iter().map(|f| f.matches('\n').count()))
        .sum();
    assert_eq!(errors[0].line as usize, 2 + last + breaks);
    let len = std::fs::metadata(&path).unwrap().len();
    assert!(len > 4 << 16, "past the line counter's window: {len} bytes");

    assert_eq!(
        std::fs::metadata(data.join(JOURNAL_FILE)).unwrap().len(),
        before
    );
    assert_eq!(store.counts().unwrap(), Default::default());
    let mut after: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    after.sort();
    assert_eq!(after, names, "no file left beside the store");
    assert!(
        unnamed_open_in(&data).is_empty(),
        "no scratch file still open"
    );
}

/// A disk with room for the scratch file but not for the journal's copy of it: the
/// journal is cut back, the store has nothing of the load, and opens as it was.
#[test]
fn a_full_disk_while_the_batch_is_copied_into_the_journal_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_mount) = Tmpfs::mount(dir.path(), "64m") else {
        return;
    };
    let data = dir.path().join("data");
    let store = open_with(&data, SMALL);
    store.create_event(event_fields("Москва"), "x").unwrap();
    let journal = data.join(JOURNAL_FILE);
    let before = std::fs::metadata(&journal).unwrap().len();
    let now = t0();
    let free_before = free_bytes(dir.path());
    let mut batch = store.batch("x");
    for i in 0..20_000u128 {
        let mut fields = person_fields(&format!("Асанов{i}"), "Бакыт");
        fields.city = "Москва ".repeat(40);
        let meta = kezek::domain::Meta::new(
            kezek::domain::Id::from_parts(now.timestamp_millis() as u64, i),
            store.desk(),
            now,
        );
        batch
            .push(kezek::store::Change::PutPerson(kezek::domain::Person {
                meta,
                fields,
            }))
            .unwrap();
    }
    // About 13 MB of ops are in the scratch file now, which has no name; leave room for
    // a third of that.
    assert!(free_before - free_bytes(dir.path()) > 10 << 20);
    assert!(
        !unnamed_open_in(&data).is_empty(),
        "the scratch file, held open"
    );
    let filler = dir.path().join("filler");
    {
        use std::io::Write;
        let free = free_bytes(dir.path());
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 1 << 20];
        for _ in 0..(free / (1 << 20)).saturating_sub(5) {
            f.write_all(&block).unwrap();
        }
        f.sync_all().unwrap();
    }
    let err = batch.commit().unwrap_err();
    assert!(err.to_string().contains("No space left"), "{err}");
    assert_eq!(
        std::fs::metadata(&journal).unwrap().len(),
        before,
        "cut back"
    );
    assert_eq!(store.counts().unwrap().persons, 0);
    assert!(unnamed_open_in(&data).is_empty());
    std::fs::remove_file(&filler).unwrap();
    drop(store);
    let (store, report) = Store::open(&data, &StoreOptions::default()).unwrap();
    assert_eq!(report.dropped_tail_bytes, 0);
    assert_eq!(store.counts().unwrap().persons, 0);
    assert_eq!(store.counts().unwrap().events, 1);
    // And a load that fits goes in whole.
    let mut batch = store.batch("x");
    batch
        .push(kezek::store::Change::PutPerson(sample_person(
            1,
            "Асанов",
            "Бакыт",
        )))
        .unwrap();
    assert_eq!(batch.commit().unwrap(), 1);
    assert_eq!(store.counts().unwrap().persons, 1);
}
