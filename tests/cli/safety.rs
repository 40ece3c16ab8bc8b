//! The real binary and its data directory: private to its owner (0700 / 0600), a fresh one
//! and one left wide open by an older kezek alike; and a store held by the app, which the
//! commands say in the chosen language, with where the same is in the app.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::cli::{ok, on};

/// The language comes from --lang or the default (no config of the machine's).
fn kezek(store: &Path, args: &[&str]) -> Output {
    on(store)
        // A refusal must not turn into a backtrace dump, even when one is asked for.
        .env("RUST_BACKTRACE", "1")
        .args(args)
        .output()
        .unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every directory and file under `dir`, `dir` included.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut more: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            more.sort();
            out.extend(more);
        }
        i += 1;
    }
    out
}

fn assert_private(dir: &Path) {
    let all = tree(dir);
    assert!(all.len() > 5, "{all:?}");
    for p in all {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&p), want, "{} is {:o}", p.display(), mode(&p));
    }
}

fn store_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    (tmp, store)
}

#[test]
fn a_fresh_data_directory_is_private() {
    let (_tmp, store) = store_dir();
    ok(kezek(&store, &["demo", "--persons", "30", "--events", "1"]));
    ok(kezek(&store, &["check"]));
    // A report and a slip written into it are private too.
    ok(kezek(
        &store,
        &["report", "-o", store.join("report.md").to_str().unwrap()],
    ));
    assert_private(&store);
    assert!(store.join("journal.kzj").exists() && store.join("db").is_dir());
}

/// The repairs (`check --rebuild`, `check --salvage`) open the store their own way: a data
/// directory they create is private all the same.
#[test]
fn a_data_directory_made_by_a_repair_is_private() {
    for repair in ["--rebuild", "--salvage"] {
        let (_tmp, store) = store_dir();
        let _ = kezek(&store, &["check", repair]);
        assert!(store.is_dir(), "{repair} made no data directory");
        for p in tree(&store) {
            let want = if p.is_dir() { 0o700 } else { 0o600 };
            assert_eq!(
                mode(&p),
                want,
                "{repair}: {} is {:o}",
                p.display(),
                mode(&p)
            );
        }
    }
}

#[test]
fn a_data_directory_open_to_everyone_is_made_private_and_logged_once() {
    let (tmp, store) = store_dir();
    ok(kezek(&store, &["demo", "--persons", "30", "--events", "1"]));
    // As an older kezek (umask 022) left it, with an export and a slip in it.
    std::fs::create_dir_all(store.join("exports/visits-Асанов")).unwrap();
    std::fs::write(store.join("exports/visits-Асанов/persons.csv"), "x").unwrap();
    std::fs::create_dir_all(store.join("slips")).unwrap();
    std::fs::write(store.join("slips/slip-20261124-no1.txt"), "x").unwrap();
    for p in tree(&store) {
        let wide = if p.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(wide)).unwrap();
    }
    // Something of the user's own beside the store is left as it is.
    let own = tmp.path().join("mine.txt");
    std::fs::write(&own, "x").unwrap();
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o644)).unwrap();

    let found = ok(kezek(&store, &["find", "а", "--json"]));
    assert!(found.lines().count() > 1, "{found}");
    assert_private(&store);
    assert_eq!(mode(&own), 0o644);
    ok(kezek(&store, &["check"]));
    assert_private(&store);

    let log = std::fs::read_to_string(store.join("kezek.log")).unwrap();
    let said: Vec<&str> = log.lines().filter(|l| l.contains("made private")).collect();
    assert_eq!(said.len(), 1, "once, at the first open:\n{log}");
    // Counts only: no file names (an export's can name a person), no paths.
    assert!(
        !log.contains("Асанов") && !log.contains("persons.csv"),
        "{log}"
    );
    assert!(
        said[0].contains("files=") && said[0].contains("dirs="),
        "{log}"
    );
}

/// The lock `Store::open` takes, held as the app holds it while it runs.
fn hold_lock(store: &Path) -> std::fs::File {
    let lock = std::fs::File::options()
        .write(true)
        .open(store.join("kezek.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    lock
}

#[test]
fn a_store_held_by_the_app_is_said_in_the_chosen_language() {
    let (tmp, store) = store_dir();
    ok(kezek(&store, &["demo", "--persons", "30", "--events", "1"]));
    let journal = std::fs::metadata(store.join("journal.kzj")).unwrap().len();
    let lock = hold_lock(&store);
    let export_to = tmp.path().join("export");
    let export_to = export_to.to_str().unwrap();
    // Per command: the words that say how to get the same from the app, in ru, ky and en.
    let cases: [(&[&str], [&str; 3]); 6] = [
        (
            &["report"],
            [
                "Те же показатели есть в приложении: r открывает их",
                "Ушул эле көрсөткүчтөр колдонмодо бар: r аларды ачат",
                "The same figures are in the app: r opens the dashboard",
            ],
        ),
        (
            &["export", "--format", "csv", "-o", export_to],
            [
                "r открывает показатели, затем x выгружает",
                "r көрсөткүчтөрдү ачат, андан кийин x",
                "r opens the dashboard, then x exports",
            ],
        ),
        (
            &["find", "Асанов"],
            [
                "Поиск гражданина в приложении: /",
                "жарандын картасында / басыңыз",
                "To find a person in the app: /",
            ],
        ),
        (
            &["slip", "01JD3Y2M0000000000000000AB"],
            [
                "выберите визит, нажмите s",
                "келүүнү тандап, s басыңыз",
                "select the visit, press s",
            ],
        ),
        (
            &["check"],
            [
                "Сначала закройте приложение (q в списке дней приёма), затем снова запустите kezek check",
                "Адегенде колдонмону жабыңыз",
                "Close the app first (q on the list of events), then run kezek check again",
            ],
        ),
        (
            &["bundle", "conflicts"],
            [
                "c в списке дней приёма показывает расхождения",
                "тизмесинде c карама-каршылыктарды көрсөтөт",
                "c on the list of events lists the conflicts",
            ],
        ),
    ];
    let opened = [
        "открыто в kezek на этом рабочем месте",
        "ушул үстөлдөгү kezek программасында ачык",
        "is open in kezek on this desk",
    ];
    for (args, hints) in &cases {
        for (i, lang) in ["ru", "ky", "en"].into_iter().enumerate() {
            let mut with_lang = vec!["--lang", lang];
            with_lang.extend_from_slice(args);
            let out = kezek(&store, &with_lang);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(75), "{args:?} {lang}: {err}");
            assert!(out.stdout.is_empty(), "{args:?} {lang}");
            assert!(err.contains(opened[i]), "{args:?} {lang}: {err}");
            assert!(err.contains(hints[i]), "{args:?} {lang}: {err}");
            assert!(err.contains(store.to_str().unwrap()), "{err}");
            for noise in ["because", "Location", "backtrace", "panicked", "in use by"] {
                assert!(!err.contains(noise), "{args:?} {lang}: {err}");
            }
        }
    }
    // Without --lang, the config's language; and the app itself says so before any screen.
    let cfg = tmp.path().join("ky.toml");
    std::fs::write(&cfg, "language = \"ky\"\n").unwrap();
    let out = kezek(&store, &["--config", cfg.to_str().unwrap(), "report"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(75), "{err}");
    assert!(
        err.contains(opened[1]) && err.contains(cases[0].1[1]),
        "{err}"
    );
    let out = kezek(&store, &["--lang", "ru"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(75), "{err}");
    assert!(err.contains(opened[0]), "{err}");
    assert!(err.contains("Перейдите в окно, где оно открыто"), "{err}");

    assert_eq!(
        std::fs::metadata(store.join("journal.kzj")).unwrap().len(),
        journal,
        "nothing was changed"
    );
    assert!(!Path::new(export_to).exists(), "nothing was exported");
    drop(lock);
    assert!(ok(kezek(&store, &["check"])).contains("index: consistent"));
}

/// Output into a pipe that is already closed (`kezek … | head`, a reader gone): the command
/// ends as Unix tools do (SIGPIPE) or normally, never with a panic, and the store is whole.
#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    use std::os::unix::process::ExitStatusExt;
    let (_tmp, store) = store_dir();
    ok(kezek(&store, &["demo", "--persons", "40", "--events", "1"]));
    for args in [
        &["check"][..],
        &["report"][..],
        &["import", "--csv", "/nonexistent-register.csv"][..],
    ] {
        let mut child = on(&store)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Both read ends closed before the command writes a byte.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert!(
            status.signal() == Some(libc_sigpipe()) || status.code().is_some_and(|c| c < 100),
            "{args:?}: {status:?}"
        );
    }
    let log = std::fs::read_to_string(store.join("kezek.log")).unwrap_or_default();
    assert!(!log.contains("panicked"), "{log}");
    assert!(ok(kezek(&store, &["check"])).contains("consistent"));
}

fn libc_sigpipe() -> i32 {
    13
}
