//! A backup from the events screen (`b`) on a real store the app holds: the file restores
//! (`kezek restore`) to the same report and the same CSV export, byte for byte; a place
//! that cannot take it (a missing folder, a full disk) is refused in words and leaves
//! nothing under the name asked for, an older file there included.

use std::path::Path;
use std::process::Command;

use crate::common::cli::run_with as kezek;
use crate::common::disk::{Tmpfs, fill};
use crate::common::files_of;
use crate::common::rig::*;
use kezek::app::backup::BackupOutcome;
use kezek::app::keymap::Key;
use kezek::app::pages::BackupPage;
use kezek::app::{Effect, Screen};

/// Opens the dialog with `b`, replaces the path with `path` and presses Enter.
fn back_up_to(r: &mut Rig, path: &str) {
    r.key(Key::Char('b'));
    assert_eq!(r.s.screen(), Screen::Backup);
    r.key(Key::Ctrl('u')).text(path).key(Key::Enter);
}

#[test]
fn backup_from_the_app_restores_to_the_same_report_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let stick = tmp.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    let mut r = rig(&data);
    let file = stick.join("desk3.kzb");
    back_up_to(&mut r, file.to_str().unwrap());
    // 1 event, 3 persons, 3 visits, 2 consultations.
    let screen = r.screen();
    assert!(
        screen.contains("Backup written: /") && screen.contains("desk3.kzb, records: 9,"),
        "{screen}"
    );
    let Some(BackupOutcome::Written(summary)) = r.s.page::<BackupPage>().unwrap().outcome.clone()
    else {
        panic!("no backup written:\n{screen}");
    };
    assert_eq!(summary.records, 9);
    assert_eq!(summary.bytes, std::fs::metadata(&file).unwrap().len());
    assert_eq!(
        files_of(&stick).len(),
        1,
        "only the backup, no temporary file"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the backup is its owner's only");
    }
    // The app goes on saving after it.
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Events);
    // A folder gets the dated default name in it.
    back_up_to(&mut r, stick.to_str().unwrap());
    assert!(stick.join("kezek-backup-2026-11-24.kzb").exists());
    drop(r);

    let config = tmp.path().join("none.toml");
    std::fs::write(&config, "").unwrap();
    let restored = tmp.path().join("restored");
    let (ok, text, _) = kezek(&config, &restored, &["restore", file.to_str().unwrap()]);
    assert!(ok, "{text}");
    let (ok, text, _) = kezek(&config, &restored, &["check"]);
    assert!(ok, "{text}");
    let (_, _, report_a) = kezek(&config, &data, &["report", "--format", "json"]);
    let (_, _, report_b) = kezek(&config, &restored, &["report", "--format", "json"]);
    assert!(!report_a.is_empty());
    assert_eq!(report_a, report_b, "the same report");
    for (d, out) in [(&data, "a"), (&restored, "b")] {
        let o = tmp.path().join(out);
        let (ok, text, _) = kezek(
            &config,
            d,
            &["export", "--format", "csv", "-o", o.to_str().unwrap()],
        );
        assert!(ok, "{text}");
    }
    let a = files_of(&tmp.path().join("a"));
    assert!(!a.is_empty());
    assert_eq!(
        a,
        files_of(&tmp.path().join("b")),
        "the same CSV export, byte for byte"
    );
}

#[test]
fn a_missing_folder_is_refused_in_words_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let mut r = rig(&tmp.path().join("data"));
    let file = tmp.path().join("no-stick").join("x.kzb");
    back_up_to(&mut r, file.to_str().unwrap());
    let b = r.s.page::<BackupPage>().unwrap();
    assert!(
        matches!(
            &b.outcome,
            Some(BackupOutcome::Failed {
                reason_id: Some("err-backup-no-folder"),
                ..
            })
        ),
        "{:?}",
        b.outcome
    );
    assert!(b.running.is_none(), "the gauge is gone");
    let screen = r.screen();
    assert!(
        screen.contains("Backup not written") && screen.contains("that folder does not"),
        "{screen}"
    );
    assert!(!tmp.path().join("no-stick").exists());
    // An empty path is a field error, and nothing starts.
    r.key(Key::Ctrl('u'));
    let effects = kezek::app::update(&mut r.s, kezek::app::Action::Key(Key::Enter));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::StartBackup { .. })),
        "{effects:?}"
    );
}

#[test]
fn a_full_disk_leaves_the_older_backup_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let stick = tmp.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    let Some(_mount) = Tmpfs::mount(&stick, "64k") else {
        return;
    };
    let mut r = rig(&tmp.path().join("data"));
    let file = stick.join("desk3.kzb");
    std::fs::write(&file, b"yesterday's backup").unwrap();
    // Fill the rest of the stick.
    fill(&stick.join("filler"));
    back_up_to(&mut r, file.to_str().unwrap());
    let b = r.s.page::<BackupPage>().unwrap();
    assert!(
        matches!(
            &b.outcome,
            Some(BackupOutcome::Failed {
                reason_id: Some("err-backup-disk-full"),
                ..
            })
        ),
        "{:?}",
        b.outcome
    );
    let screen = r.screen();
    assert!(screen.contains("that disk is full"), "{screen}");
    assert_eq!(std::fs::read(&file).unwrap(), b"yesterday's backup");
    let names: Vec<_> = files_of(&stick).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["desk3.kzb", "filler"], "no temporary file left");
}

#[test]
fn esc_cancels_a_running_backup_and_no_file_is_left() {
    use kezek::app::{Action, update};
    let tmp = tempfile::tempdir().unwrap();
    let mut r = rig(&tmp.path().join("data"));
    r.key(Key::Char('b'));
    // Started by hand so the effect is not run: the gauge is what the desk sees meanwhile.
    let effects = update(&mut r.s, Action::Key(Key::Enter));
    assert!(
        matches!(effects.as_slice(), [Effect::StartBackup { .. }]),
        "{effects:?}"
    );
    update(&mut r.s, Action::BackupProgress { done: 5, total: 10 });
    assert!(update(&mut r.s, Action::Key(Key::Char('x'))).is_empty());
    assert_eq!(
        update(&mut r.s, Action::Key(Key::Esc)),
        vec![Effect::CancelJob]
    );
    assert!(r.screen().contains("Cancelling"), "{}", r.screen());
    assert!(update(&mut r.s, Action::Key(Key::Esc)).is_empty(), "once");
    update(&mut r.s, Action::BackupCancelled);
    assert!(r.screen().contains("Backup cancelled; nothing was written"));
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Events);

    // The store side: a progress callback that says stop leaves nothing behind.
    let out = tmp.path().join("x.kzb");
    let mut calls = 0;
    let err = kezek::store::backup::write_backup_upto(
        &tmp.path().join("data"),
        &out,
        None,
        &mut |_, _| {
            calls += 1;
            calls < 2
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("cancelled"), "{err}");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "only data/"
    );
}

#[test]
fn a_backup_into_the_data_directory_is_refused_and_the_store_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut r = rig(&data);
    // The store's own files, and the names in its folder.
    let store_files = |data: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(data)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let journal = std::fs::read(data.join("journal.kzj")).unwrap();
        let desk = std::fs::read(data.join("desk-id")).unwrap();
        (names, journal, desk)
    };
    let before = store_files(&data);
    // The journal itself, another file of the store, the folder (the default name in it)
    // and a path that reaches it through `..`: a backup there would replace the store's
    // own files, or lie where the store is lost with it.
    let inside = [
        data.join("journal.kzj"),
        data.join("desk-id"),
        data.clone(),
        tmp.path()
            .join("elsewhere")
            .join("..")
            .join("data")
            .join("x.kzb"),
    ];
    std::fs::create_dir_all(tmp.path().join("elsewhere")).unwrap();
    for path in inside {
        back_up_to(&mut r, path.to_str().unwrap());
        let b = r.s.page::<BackupPage>().unwrap();
        assert!(
            matches!(
                &b.outcome,
                Some(BackupOutcome::Failed {
                    reason_id: Some("err-backup-inside-store"),
                    ..
                })
            ),
            "{}: {:?}",
            path.display(),
            b.outcome
        );
        let screen = r.screen();
        assert!(
            screen.contains("Backup not written") && screen.contains("inside the data"),
            "{screen}"
        );
        r.key(Key::Esc);
        let after = store_files(&data);
        assert_eq!(
            after,
            before,
            "{}: the store's files as they were",
            path.display()
        );
    }
    // The store still saves: nothing of it was replaced.
    let effects = kezek::app::update(&mut r.s, kezek::app::Action::Key(Key::Char('b')));
    assert!(effects.is_empty());
    drop(r);
    let config = tmp.path().join("none.toml");
    std::fs::write(&config, "").unwrap();
    let (ok, text, _) = kezek(&config, &data, &["check"]);
    assert!(ok, "{text}");
    // The command line refuses the same.
    let (ok, text, _) = kezek(
        &config,
        &data,
        &["backup", "-o", data.join("journal.kzj").to_str().unwrap()],
    );
    assert!(!ok && text.contains("inside the data directory"), "{text}");
    let (ok, text, _) = kezek(&config, &data, &["check"]);
    assert!(ok, "{text}");
}

#[test]
fn a_pipe_or_a_device_is_refused_and_left_as_it_was() {
    use std::os::unix::fs::FileTypeExt;
    let tmp = tempfile::tempdir().unwrap();
    let mut r = rig(&tmp.path().join("data"));
    let fifo = tmp.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut places = vec![fifo];
    // A node like /dev/full (only root may make one; the real one is not risked here).
    let full = tmp.path().join("full");
    if Command::new("mknod")
        .arg(&full)
        .args(["c", "1", "7"])
        .status()
        .is_ok_and(|s| s.success())
    {
        places.push(full);
    }
    for place in places {
        back_up_to(&mut r, place.to_str().unwrap());
        let b = r.s.page::<BackupPage>().unwrap();
        assert!(
            matches!(
                &b.outcome,
                Some(BackupOutcome::Failed {
                    reason_id: Some("err-backup-not-a-file"),
                    ..
                })
            ),
            "{}: {:?}",
            place.display(),
            b.outcome
        );
        assert!(r.screen().contains("not a file"), "{}", r.screen());
        r.key(Key::Esc);
        let kind = std::fs::symlink_metadata(&place).unwrap().file_type();
        assert!(
            kind.is_fifo() || kind.is_char_device(),
            "{} was replaced by a file",
            place.display()
        );
    }
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kezek-tmp"))
        .collect();
    assert!(names.is_empty(), "no temporary file left: {names:?}");
}
