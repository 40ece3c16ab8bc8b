//! The real binary and its data directory: private to its owner (0700 / 0600), a fresh one
//! and one left wide open by an older kezek alike.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kezek");

fn kezek(store: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(store)
        // No config of the machine's: the language comes from --lang or the default.
        .env("KEZEK_CONFIG", store.with_file_name("none.toml"))
        .env_remove("KEZEK_LANG")
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
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
    std::fs::write(tmp.path().join("none.toml"), "").unwrap();
    let store = tmp.path().join("store");
    (tmp, store)
}

#[test]
fn a_fresh_data_directory_is_private() {
    let (_tmp, store) = store_dir();
    ok(&kezek(
        &store,
        &["demo", "--persons", "30", "--events", "1"],
    ));
    ok(&kezek(&store, &["check"]));
    // A report and a slip written into it are private too.
    ok(&kezek(
        &store,
        &["report", "-o", store.join("report.md").to_str().unwrap()],
    ));
    assert_private(&store);
    assert!(store.join("journal.kzj").exists() && store.join("db").is_dir());
}

#[test]
fn a_data_directory_open_to_everyone_is_made_private_and_logged_once() {
    let (tmp, store) = store_dir();
    ok(&kezek(
        &store,
        &["demo", "--persons", "30", "--events", "1"],
    ));
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

    let found = ok(&kezek(&store, &["find", "а", "--json"]));
    assert!(found.lines().count() > 1, "{found}");
    assert_private(&store);
    assert_eq!(mode(&own), 0o644);
    ok(&kezek(&store, &["check"]));
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
