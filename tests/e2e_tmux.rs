//! End to end: the real binary in a real pseudo-terminal (tmux), typed at like a person.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::cli::{command, kezek_ok, on};
use common::tmux::*;

#[test]
fn queue_survives_quit_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start("restart", dir.path());
    t.wait_for("No reception events yet");
    t.keys(&["n"]);
    t.wait_for("New reception event");
    t.text("Москва");
    t.keys(&["Tab"]);
    t.text("Посольство КР");
    t.keys(&["Tab"]);
    t.text("Embassy, Ombudsperson");
    t.keys(&["C-s"]);
    t.wait_for("Saved: reception event created");
    t.wait_for("Nobody in the queue yet");

    add_arrival(&t, "Асанов", "Бакыт", "Unpaid wages");
    add_arrival(&t, "Жээнбеков", "Өмүрбек", "Patent");
    // Select the first arrival and serve it: call, then done. The Cyrillic `с` (the key
    // in the place of `c` on a Russian layout) calls too.
    t.keys(&["Up"]);
    t.text("с");
    t.wait_for("with officer");
    t.keys(&["d"]);
    t.wait_for("Saved: No 1 is now “done”");

    // Leave the queue, quit from the events list with `й` (q on a Cyrillic layout).
    t.keys(&["q"]);
    t.wait_for("Reception events");
    t.text("й");
    t.wait_exit();

    let t = Tmux::start("restart2", dir.path());
    t.wait_for("Москва");
    t.keys(&["Enter"]);
    let s = t.wait_for("Жээнбеков");
    let first = row_with(&s, "Асанов Бакыт");
    assert!(
        first.contains("done") && first.contains("Desk 7"),
        "{first}"
    );
    let second = row_with(&s, "Жээнбеков Өмүрбек");
    assert!(
        second.contains("waiting") && second.contains("Patent"),
        "{second}"
    );
    assert!(
        s.contains("2 in queue · 1 waiting · 0 with officer · 1 done"),
        "{s}"
    );

    // A command on the store the app holds is refused with a clear message, in the
    // language asked for.
    let config = dir.path().join("config.toml");
    for (lang, open, what_to_do) in [
        ("en", "is open in kezek on this desk", "Close the app first"),
        (
            "ru",
            "открыто в kezek на этом рабочем месте",
            "закройте приложение",
        ),
    ] {
        let other = on(dir.path())
            .args([
                "--config",
                config.to_str().unwrap(),
                "--lang",
                lang,
                "check",
            ])
            .output()
            .unwrap();
        assert_eq!(other.status.code(), Some(75));
        let err = String::from_utf8_lossy(&other.stderr);
        assert!(
            err.contains(open)
                && err.contains(what_to_do)
                && err.contains(dir.path().to_str().unwrap()),
            "{err}"
        );
    }

    t.keys(&["C-c"]);
    t.wait_exit();
}

#[test]
fn kill_9_right_after_saved_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start("kill", dir.path());
    t.wait_for("No reception events yet");
    t.keys(&["n"]);
    t.text("Казань");
    t.keys(&["Tab"]);
    t.text("Diaspora centre");
    t.keys(&["C-s"]);
    t.wait_for("Nobody in the queue yet");
    add_arrival(&t, "Токтосунова", "Айгүл", "ОМС");
    t.keys(&["c"]);
    t.wait_for("Saved: No 1 is now “with officer”");
    // The instant the screen says saved, pull the plug.
    let pid = t.pid();
    assert!(
        Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap()
            .success()
    );
    t.wait_exit();

    let check = on(dir.path()).arg("check").output().unwrap();
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(out.contains("1 event, 1 person, 1 visit,"), "{out}");

    let t = Tmux::start("kill2", dir.path());
    t.wait_for("Казань");
    t.keys(&["Enter"]);
    let s = t.wait_for("Токтосунова Айгүл");
    assert!(row_with(&s, "Токтосунова").contains("with officer"), "{s}");
    t.keys(&["C-c"]);
    t.wait_exit();
}

#[test]
fn tiny_terminal_and_resize_do_not_break() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start("tiny", dir.path());
    t.wait_for("No reception events yet");
    assert!(
        t.tmux(&["resize-window", "-t", "k", "-x", "20", "-y", "5"])
            .status
            .success()
    );
    t.wait_for("Terminal too");
    // Keys are not acted on unseen: `n` would open a form, `q` would quit.
    t.keys(&["n"]);
    t.text("Ош");
    t.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(t.running(), "q quit under \"terminal too small\"");
    assert!(
        t.tmux(&["resize-window", "-t", "k", "-x", "100", "-y", "30"])
            .status
            .success()
    );
    let screen = t.wait_for("No reception events yet");
    assert!(!screen.contains("New reception event"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();
    // The terminal was restored and nothing was written to stdout but the screen.
    let log = std::fs::read_to_string(dir.path().join("kezek.log")).unwrap();
    assert!(!log.contains("panicked"), "{log}");
}

#[test]
fn consultation_draft_survives_sigkill_and_lands_on_the_person_card() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start("draft", dir.path());
    t.wait_for("No reception events yet");
    t.keys(&["n"]);
    t.text("Москва");
    t.keys(&["Tab"]);
    t.text("Посольство");
    t.keys(&["C-s"]);
    t.wait_for("Nobody in the queue yet");
    add_arrival(&t, "Асанов", "Бакыт", "Зарплата");

    // A consultation with an amount, typed but not saved.
    t.keys(&["o"]);
    t.wait_for("new consultation");
    t.keys(&["Space", "Tab"]);
    t.text("Не платят с августа");
    t.keys(&["Tab", "Tab", "Right", "Tab", "Tab", "Tab"]);
    t.text("15.12.2026");
    t.keys(&["Tab"]);
    t.text("11 000 000");
    t.wait_for("11 000 000");
    // The draft is written every two seconds; once it holds the amount, the power goes.
    let draft = dir.path().join("draft.kzd");
    let start = Instant::now();
    while !std::fs::read(&draft).is_ok_and(|b| b.windows(10).any(|w| w == b"11 000 000")) {
        assert!(
            start.elapsed() < TIMEOUT,
            "no draft with the amount was written"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let pid = t.pid();
    assert!(
        Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap()
            .success()
    );
    t.wait_exit();
    assert!(
        dir.path().join("draft.kzd").exists(),
        "the draft was on disk"
    );

    let t = Tmux::start("draft2", dir.path());
    t.wait_for("Unsaved form found");
    t.keys(&["y"]);
    let s = t.wait_for("Не платят с августа");
    assert!(
        s.contains("11 000 000") && s.contains("Unpaid wages"),
        "{s}"
    );
    t.keys(&["C-s"]);
    t.wait_for("Saved: consultation for Асанов Бакыт");
    t.keys(&["p"]);
    let s = t.wait_for("Consultations (1)");
    assert!(s.contains("claimed 11,000,000.00 RUB"), "{s}");
    assert!(s.contains("follow-up 2026-12-15"), "{s}");
    assert!(s.contains("Referred"), "{s}");
    assert!(
        !dir.path().join("draft.kzd").exists(),
        "a saved form leaves no draft"
    );
    t.keys(&["C-c"]);
    t.wait_exit();
}

#[test]
fn f9_switches_the_language_and_the_config_chooses_the_first_one() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start("lang", dir.path());
    t.wait_for("No reception events yet");
    t.keys(&["F9"]);
    t.wait_for("Кабыл алуу күндөрү азырынча жок");
    t.wait_for("Интерфейс тили: кыргызча.");
    t.keys(&["F9"]);
    t.wait_for("Дней приёма пока нет");
    // Help, forms and validation follow.
    t.keys(&["?"]);
    t.wait_for("Клавиши — Дни приёма");
    t.keys(&["Escape"]);
    t.keys(&["n"]);
    t.wait_for("Новый день приёма");
    t.keys(&["Escape"]);
    t.wait_for("Дней приёма пока нет");
    t.keys(&["F9"]);
    t.wait_for("No reception events yet");
    t.keys(&["q"]);
    t.wait_exit();
    drop(t);
    let t = Tmux::start_with("lang2", dir.path(), "language = \"ky\"\n");
    t.wait_for("Кабыл алуу күндөрү азырынча жок");
    t.keys(&["q"]);
    t.wait_exit();
}

/// The pane's process has ended (a zombie nobody reaped counts as ended).
fn process_gone(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

/// The one child process of `pid`.
fn child_of(pid: &str) -> String {
    let start = Instant::now();
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        if let Some(c) = children.split_whitespace().next() {
            return c.to_string();
        }
        assert!(start.elapsed() < TIMEOUT, "{pid} has no child process");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn draft_holds(dir: &Path, text: &str) -> bool {
    std::fs::read(dir.join("draft.kzd"))
        .is_ok_and(|b| b.windows(text.len()).any(|w| w == text.as_bytes()))
}

/// Types into the new-arrival form, then the app is ended `how` about 50 ms after the last
/// key: the draft on disk must hold the last characters typed, the process must end with
/// no panic, and the next start must offer the form back with them.
fn typing_survives(name: &str, how: &str) {
    let dir = tempfile::tempdir().unwrap();
    // kezek runs under a shell that writes down how it ended.
    let status_file = dir.path().join("exit-status");
    let t = Tmux::configured(name, dir.path(), "");
    t.launch_cmd(&format!(
        "{}; echo $? > '{}'",
        kezek_cmd(dir.path()),
        status_file.display()
    ));
    t.wait_for("No reception events yet");
    t.keys(&["n"]);
    t.text("Бишкек");
    t.keys(&["Tab"]);
    t.text("Посольство");
    t.keys(&["C-s"]);
    t.wait_for("Nobody in the queue yet");
    t.keys(&["n"]);
    t.wait_for("New arrival");
    t.text("Асанова");
    // The timed draft (every two seconds) takes the surname ...
    let start = Instant::now();
    while !draft_holds(dir.path(), "Асанова") {
        assert!(start.elapsed() < TIMEOUT, "no timed draft was written");
        std::thread::sleep(Duration::from_millis(20));
    }
    // ... and the next one would come two seconds later: what is typed now is only in the
    // form when the signal comes.
    t.keys(&["Tab"]);
    assert!(
        t.tmux(&["send-keys", "-t", "k", "-l", "Жылдыз"])
            .status
            .success()
    );
    let start = Instant::now();
    while !t.screen().contains("Жылдыз") {
        assert!(start.elapsed() < TIMEOUT, "the given name was not shown");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(50));
    assert!(
        !draft_holds(dir.path(), "Жылдыз"),
        "the timed draft already had the last keys: the test would prove nothing"
    );
    let pid = child_of(&t.pid());
    match how {
        "TERM" | "HUP" | "INT" => assert!(
            Command::new("kill")
                .args([&format!("-{how}"), pid.as_str()])
                .status()
                .unwrap()
                .success()
        ),
        // The window is closed: tmux hangs up the terminal and the pane is gone.
        "close" => assert!(t.tmux(&["kill-server"]).status.success()),
        other => panic!("unknown way to end: {other}"),
    }
    let start = Instant::now();
    while !process_gone(&pid) {
        assert!(start.elapsed() < TIMEOUT, "kezek did not exit after {how}");
        std::thread::sleep(Duration::from_millis(20));
    }
    if how != "close" {
        let start = Instant::now();
        while !status_file.exists() {
            assert!(start.elapsed() < TIMEOUT, "the shell wrote no exit status");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(50));
        let status = std::fs::read_to_string(&status_file).unwrap();
        assert_eq!(
            status.trim(),
            "0",
            "exit status after SIG{how} (128 + n: killed by signal n); log:\n{}",
            std::fs::read_to_string(dir.path().join("kezek.log")).unwrap_or_default()
        );
        let s = t.screen();
        assert!(!s.contains("panicked") && !s.contains("kezek:"), "{s}");
    }
    drop(t);
    assert!(
        draft_holds(dir.path(), "Асанова") && draft_holds(dir.path(), "Жылдыз"),
        "the draft holds the last keys typed"
    );
    let log = std::fs::read_to_string(dir.path().join("kezek.log")).unwrap();
    assert!(!log.contains("panicked"), "{log}");
    assert!(log.contains("draft written on closing"), "{log}");

    let t = Tmux::start(&format!("{name}2"), dir.path());
    t.wait_for("Unsaved form found");
    t.keys(&["y"]);
    let s = t.wait_for("Жылдыз");
    assert!(s.contains("New arrival") && s.contains("Асанова"), "{s}");
    t.keys(&["C-c"]);
    t.wait_for("Quit kezek and lose");
    t.keys(&["y"]);
    t.wait_exit();
}

#[test]
fn sigterm_50_ms_after_typing_keeps_the_last_keys() {
    typing_survives("sigterm", "TERM");
}

#[test]
fn sighup_50_ms_after_typing_keeps_the_last_keys() {
    typing_survives("sighup", "HUP");
}

#[test]
fn sigint_from_outside_keeps_the_last_keys() {
    // Ctrl+C in the app is a key (the terminal is raw); `kill -INT` is a signal.
    typing_survives("sigint", "INT");
}

#[test]
fn closing_the_terminal_keeps_the_last_keys() {
    typing_survives("closed", "close");
}

#[test]
fn a_damaged_store_is_salvaged_from_the_app() {
    let dir = tempfile::tempdir().unwrap();
    common::store_with_arrivals(dir.path(), 20);
    // One byte flipped inside a frame in the middle of the journal.
    let journal = dir.path().join(kezek::store::JOURNAL_FILE);
    let mut bytes = std::fs::read(&journal).unwrap();
    let starts = common::frame_starts(&bytes);
    bytes[starts[starts.len() / 2] + 20] ^= 0x01;
    std::fs::write(&journal, &bytes).unwrap();

    let t = Tmux::start("salvage", dir.path());
    t.wait_for("STORE DAMAGED");
    t.wait_for("press F6 to salvage");
    t.keys(&["F6"]);
    t.wait_for("Salvage the damaged store?");
    t.keys(&["y"]);
    let s = t.wait_for("Salvage finished");
    assert!(s.contains("The new journal checks out"), "{s}");
    assert!(s.contains("Kept:"), "{s}");
    t.keys(&["Escape"]);
    // The banner is gone and the list is read from the salvaged store.
    let start = Instant::now();
    while t.screen().contains("STORE DAMAGED") {
        assert!(
            start.elapsed() < TIMEOUT,
            "the banner stayed:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["Enter"]);
    let s = t.wait_for("Асанов19");
    assert!(s.contains("Асанов0"), "{s}");
    // Saving works again in the same process.
    t.keys(&["c"]);
    t.wait_for("Saved:");
    t.keys(&["q"]);
    t.wait_for("Reception events");
    t.keys(&["q"]);
    t.wait_exit();

    let check = command(&dir.path().join("config.toml"), dir.path())
        .arg("check")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && out.contains("20 visits"),
        "{out}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let log = std::fs::read_to_string(dir.path().join("kezek.log")).unwrap();
    assert!(!log.contains("panicked"), "{log}");
    assert!(log.contains("salvaged from the app"), "{log}");
}

/// The pid of kezek started by the pane's shell under `strace` (shell -> strace -> kezek).
fn kezek_under_strace(t: &Tmux) -> String {
    child_of(&child_of(&t.pid()))
}

/// Sends SIGTERM to kezek running under strace and waits until the shell has written its
/// exit status to `status_file`; returns that status.
fn sigterm_under_strace(t: &Tmux, status_file: &Path, within: Duration) -> String {
    let pid = kezek_under_strace(t);
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    loop {
        let status = std::fs::read_to_string(status_file).unwrap_or_default();
        if !status.is_empty() {
            return status.trim().to_string();
        }
        assert!(start.elapsed() < within, "kezek did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_during_a_backup_leaves_no_temporary_file_on_the_stick() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("e2e_tmux: no strace here; the slow backup is not tried");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let stick = tmp.path().join("Флешка Айгүл");
    std::fs::create_dir_all(&stick).unwrap();
    let demo = on(&data)
        .args(["demo", "--persons", "3000", "--events", "2"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{demo:?}");
    let journal = data.join(kezek::store::JOURNAL_FILE);
    assert!(std::fs::metadata(&journal).unwrap().len() > 3 << 20);
    let status_file = tmp.path().join("exit-status");
    let t = Tmux::configured("backup-term", &data, "");
    // Every read of the journal takes 0.3 s: the backup copies it 1 MB at a time, so it
    // is still running (its temporary file on the stick) when the signal comes.
    t.launch_cmd(&format!(
        "strace -f -qq -o /dev/null -P '{}' -e trace=read -e inject=read:delay_exit=300000 {}; \
         echo $? > '{}'",
        journal.display(),
        kezek_cmd(&data),
        status_file.display()
    ));
    t.wait_for("Reception events");
    t.keys(&["b"]);
    t.wait_for("Write to");
    t.keys(&["C-u"]);
    t.text(&stick.join("копия за декабрь.kzb").display().to_string());
    t.keys(&["Enter"]);
    let start = Instant::now();
    while std::fs::read_dir(&stick).unwrap().next().is_none() {
        assert!(
            start.elapsed() < TIMEOUT,
            "the backup did not start:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(sigterm_under_strace(&t, &status_file, TIMEOUT), "0");
    let left: Vec<_> = std::fs::read_dir(&stick)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        left.is_empty(),
        "a half-written copy of every record was left on the stick: {left:?}"
    );
    let log = std::fs::read_to_string(data.join("kezek.log")).unwrap();
    assert!(log.contains("the running job stopped on closing"), "{log}");
    let check = on(&data).arg("check").output().unwrap();
    assert!(check.status.success(), "{check:?}");
}

/// Every fsync slowed to 5 s, SIGTERM right after Ctrl+S on a new event: found, the next
/// start offered the form again with the event on record (a second event once restored),
/// or lost the form in a temporary file. Whichever way the race goes, the event is on
/// record or its draft is kept, never both, never neither, and no temporary file is left.
#[test]
fn sigterm_while_a_form_is_saved_on_a_slow_disk_leaves_the_record_or_the_draft() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("e2e_tmux: no strace here; the slow disk is not tried");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let demo = on(&data)
        .args(["demo", "--persons", "20", "--events", "1"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{demo:?}");
    let status_file = tmp.path().join("exit-status");
    let t = Tmux::configured("slow-save-term", &data, "");
    t.launch_cmd(&format!(
        "strace -f -qq -o /dev/null -e trace=fsync,fdatasync \
         -e inject=fsync,fdatasync:delay_exit=5000000 {}; echo $? > '{}'",
        kezek_cmd(&data),
        status_file.display()
    ));
    let slow = Duration::from_secs(90);
    let wait_for = |needle: &str| {
        let start = Instant::now();
        while !t.screen().contains(needle) {
            assert!(start.elapsed() < slow, "no {needle:?}:\n{}", t.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("Reception events");
    t.keys(&["n"]);
    wait_for("New reception event");
    t.text("Бишкек");
    t.keys(&["Tab"]);
    t.text("Зал 1");
    t.keys(&["C-s"]);
    std::thread::sleep(Duration::from_millis(300));
    sigterm_under_strace(&t, &status_file, slow);
    let (store, _) =
        kezek::store::Store::open(&data, &kezek::store::StoreOptions::default()).unwrap();
    let saved = store
        .events()
        .unwrap()
        .iter()
        .filter(|e| e.fields.city == "Бишкек")
        .count();
    let draft = store.load_draft().unwrap();
    let log = std::fs::read_to_string(data.join("kezek.log")).unwrap_or_default();
    assert!(saved <= 1, "{saved} events");
    assert!(
        (saved == 1) != draft.is_some(),
        "on record: {saved}, draft kept: {draft:?}\n{log}"
    );
    let left: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kezek-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `kezek ARGS` on `dir` with its test config; stdout, after checking it succeeded.
fn hash_of(dir: &Path) -> String {
    let out = kezek_ok(dir, &["check", "--hash"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("view hash: "))
        .unwrap_or_else(|| panic!("{out}"));
    line.to_string()
}

/// Three desks of one hall log their own arrivals in the app, hand bundles round through one
/// folder on a stick, and end with the same records: the same hash on each, every visit of
/// every desk in the queue, queue numbers apart by desk letter, the report's count the sum.
#[test]
fn three_desks_exchange_bundles_through_one_stick_and_hold_the_same() {
    let root = tempfile::tempdir().unwrap();
    let stick = root.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let started = Instant::now();
    let dirs: Vec<std::path::PathBuf> = ["a", "b", "c"]
        .iter()
        .map(|d| root.path().join(d))
        .collect();
    for d in &dirs {
        std::fs::create_dir(d).unwrap();
    }
    let letters = ["A", "B", "C"];
    let config = |i: usize| {
        let l = letters[i];
        let text = format!(
            "desk_name = \"Desk {l}\"\ndesk_letter = \"{l}\"\nofficer = \"Officer {l}\"\nidle_lock_minutes = 0\n"
        );
        std::fs::write(dirs[i].join("config.toml"), text).unwrap();
    };
    (0..3).for_each(config);
    let desk = |name: &str, i: usize| {
        let t = Tmux::configured(name, &dirs[i], "");
        config(i);
        t.launch(&dirs[i]);
        t
    };
    // Desk A opens the day; the others take the event from its bundle.
    let t = desk("hall-a", 0);
    new_event(&t, "Москва", "Посольство КР");
    t.keys(&["q"]);
    t.wait_for("Reception events");
    t.keys(&["q"]);
    t.wait_exit();
    kezek_ok(
        &dirs[0],
        &["bundle", "export", "-o", stick.to_str().unwrap()],
    );
    for d in &dirs[1..] {
        let said = kezek_ok(d, &["bundle", "import", stick.to_str().unwrap()]);
        assert!(said.contains("reception events: 1 new"), "{said}");
    }
    let people = [
        ["Асанов", "Бакыт"],
        ["Осмонова", "Айгүл"],
        ["Токтогулов", "Нурлан"],
    ];
    for (i, d) in dirs.iter().enumerate() {
        let t = desk(&format!("hall-{i}"), i);
        t.wait_for("Москва");
        t.keys(&["Enter"]);
        t.wait_for("in queue");
        let [s, g] = people[i];
        add_arrival(&t, s, g, "Unpaid wages");
        add_arrival(&t, &format!("{s}а"), g, "Patent");
        t.keys(&["q"]);
        t.wait_for("Reception events");
        t.keys(&["q"]);
        t.wait_exit();
        kezek_ok(d, &["bundle", "export", "-o", stick.to_str().unwrap()]);
    }
    for d in &dirs {
        kezek_ok(d, &["bundle", "import", stick.to_str().unwrap()]);
    }
    let hashes: Vec<String> = dirs.iter().map(|d| hash_of(d)).collect();
    assert!(hashes.iter().all(|h| h == &hashes[0]), "{hashes:?}");
    let report = kezek_ok(&dirs[2], &["report", "--format", "json"]);
    // The merged day's report counts every desk's visits: 2 each.
    assert!(
        report.contains("\"6 visits by 6 citizens; 0 served"),
        "{report}"
    );
    let t = desk("hall-check", 1);
    t.wait_for("Москва");
    t.keys(&["Enter"]);
    let s = t.wait_for("Токтогулов");
    // Each desk's visits under its own name; this desk's own with its letter (another
    // desk's letter is not kept with its visits: they show the bare number).
    for (i, [surname, _]) in people.iter().enumerate() {
        let row = row_with(&s, surname);
        assert!(row.contains(&format!("Desk {}", letters[i])), "{row}");
        assert_eq!(row.contains("B-001"), i == 1, "{row}");
    }
    assert!(s.contains("6 in queue"), "{s}");
    t.keys(&["q"]);
    t.wait_for("Reception events");
    t.keys(&["q"]);
    t.wait_exit();
    eprintln!("three-desk day: {:.1} s", started.elapsed().as_secs_f64());
}
