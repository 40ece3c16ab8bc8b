//! A long export stops at its next row when cancelled (Ctrl+C in the CLI, Esc in the app)
//! and leaves nothing behind: no file under the output's name, no temporary file or folder.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::common::demo;
use kezek::domain::report::Period;
use kezek::export::control::Control;
use kezek::export::files::ExportError;
use kezek::export::report::PeriodInfo;
use kezek::export::run::{Format, Spec, run};
use kezek::i18n::I18n;
use kezek::store::{Store, StoreOptions};

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn cancelled_exports_leave_nothing_behind_and_finished_ones_leave_only_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("store"), &StoreOptions::default()).unwrap();
    let tax = kezek::taxonomy::builtin();
    demo(&store, 2_000, 3, 3);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let i18n = I18n::new("ru");
    for format in [Format::Csv, Format::Json, Format::Xlsx, Format::Html] {
        let output = out_dir.join(format!("export.{}", format.code()));
        let spec = Spec {
            format,
            period: Period::All,
            info: PeriodInfo {
                kind: "all",
                event: None,
                from: None,
                to: None,
                label: "all".into(),
            },
            anonymize: false,
            k: kezek::export::DEFAULT_K,
            // The html's records are what a cancel can stop part-way (its report is written
            // at once).
            with_records: true,
            table: None,
            delimiter: b',',
            offset_min: 180,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            output: &output,
        };
        // Cancelled part-way: the progress callback asks to stop once rows are flowing, as
        // Esc or Ctrl+C would.
        let cancel = AtomicBool::new(false);
        let mut seen = 0u64;
        let mut progress = |_: &str, rows: u64| {
            seen = rows;
            if rows >= 2048 {
                cancel.store(true, Ordering::Relaxed);
            }
        };
        let mut ctl = Control::new(&cancel, &mut progress);
        let r = run(&store, &tax, &spec, &i18n, &mut ctl);
        assert!(
            matches!(r, Err(ExportError::Cancelled)),
            "{format:?}: {r:?}"
        );
        assert!(
            seen >= 2048,
            "{format:?} stopped after rows had been written"
        );
        assert!(
            listing(&out_dir).is_empty(),
            "{format:?}: {:?}",
            listing(&out_dir)
        );
        // Not cancelled: the output and nothing else.
        let r = run(&store, &tax, &spec, &i18n, &mut Control::quiet());
        let counts = r.unwrap();
        assert!(
            counts.iter().any(|(t, n)| *t == "visits" && *n > 5_000),
            "{counts:?}"
        );
        assert_eq!(listing(&out_dir), vec![format!("export.{}", format.code())]);
        // A second export to the same name is refused and changes nothing.
        let r = run(&store, &tax, &spec, &i18n, &mut Control::quiet());
        assert!(
            matches!(r, Err(ExportError::Exists { .. })),
            "{format:?}: {r:?}"
        );
        let p = out_dir.join(format!("export.{}", format.code()));
        if p.is_dir() {
            std::fs::remove_dir_all(&p).unwrap();
        } else {
            std::fs::remove_file(&p).unwrap();
        }
    }
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = Store::open(&dir.path().join("a"), &StoreOptions::default()).unwrap();
    let tax = kezek::taxonomy::builtin();
    demo(&a, 300, 2, 4);
    let folder = dir.path().join("export");
    kezek::export::stream::write_csv(
        &a,
        &kezek::export::stream::Opts {
            period: &Period::All,
            anonymize: None,
            offset_min: 180,
        },
        &folder,
        None,
        b',',
        &I18n::new("en"),
        &kezek::export::values::Values::new("en", &kezek::taxonomy::builtin()),
        &mut Control::quiet(),
    )
    .unwrap();
    let (b, _) = Store::open(&dir.path().join("b"), &StoreOptions::default()).unwrap();
    let before = b.verify().unwrap().journal_ops;
    // Stopped while the rows are checked, and at the last moment before the write.
    for stop_at in [0usize, usize::MAX] {
        let mut calls = 0usize;
        let mut progress = |done: usize, total: usize| {
            calls += 1;
            !(done >= stop_at.min(total) && (stop_at == 0 || done == total))
        };
        let r =
            kezek::bulk::import::import_folder(&b, &tax, &folder, false, 180, "t", &mut progress);
        assert!(
            matches!(r, Err(kezek::bulk::import::ImportError::Cancelled)),
            "{r:?}"
        );
        assert!(calls > 0);
        assert_eq!(b.verify().unwrap().journal_ops, before, "nothing written");
    }
    let r =
        kezek::bulk::import::import_folder(&b, &tax, &folder, false, 180, "t", &mut |_, _| true);
    assert!(r.unwrap().new_visits > 0);
}

/// Names in `dir` that are kezek's temporary files or folders.
fn staging(dir: &std::path::Path) -> Vec<String> {
    listing(dir)
        .into_iter()
        .filter(|n| n.starts_with('.') && n.contains(".kezek-"))
        .collect()
}

#[test]
fn what_a_killed_export_left_is_removed_by_the_next_write_there_and_by_the_next_open() {
    use crate::common::cli::{ok, on, output};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    ok(output(&data, &["demo", "--persons", "4000"]));
    let stick = dir.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    // SIGKILL while the export writes: it has no chance to remove its temporary file.
    for (format, name) in [("json", "day.json"), ("csv", "day")] {
        let out = stick.join(name);
        let mut child = on(&data)
            .args(["export", "--format", format, "-o"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while staging(&stick).is_empty() {
            assert!(
                child.try_wait().unwrap().is_none(),
                "{format}: finished before it could be killed"
            );
            assert!(started.elapsed().as_secs() < 60);
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(!out.exists(), "{format}: nothing under the real name");
        // The CSV export, starting, cleared what the killed JSON one had left.
        assert_eq!(staging(&stick).len(), 1, "{:?}", listing(&stick));
    }
    // A user's folder on the stick named like kezek's: not private, so not kezek's; kept.
    let users = stick.join(".mine.kezek-tmp-4000000001");
    std::fs::create_dir_all(&users).unwrap();
    std::fs::write(users.join("notes.txt"), b"mine").unwrap();
    // The next export to the stick clears what the killed ones left there.
    ok(output(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--table",
            "appeals",
            "-o",
            stick.join("appeals.csv").to_str().unwrap(),
        ],
    ));
    assert_eq!(
        listing(&stick),
        [".mine.kezek-tmp-4000000001", "appeals.csv"]
    );
    assert_eq!(std::fs::read(users.join("notes.txt")).unwrap(), b"mine");
    // In the data directory's own folders, the next open of the store clears them.
    let exports = data.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    // As kezek writes them: private to their owner.
    let private = |path: std::path::PathBuf, bytes: &[u8]| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(&path, bytes).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    };
    private(
        exports.join(".day.json.kezek-tmp-4000000000"),
        b"{\"persons\":[",
    );
    std::fs::create_dir_all(exports.join(".day.kezek-tmp-4000000000")).unwrap();
    private(data.join(".backup.kzb.kezek-tmp-4000000000"), b"KZB");
    ok(output(&data, &["report"]));
    assert!(staging(&exports).is_empty(), "{:?}", listing(&exports));
    assert!(staging(&data).is_empty(), "{:?}", listing(&data));
}
