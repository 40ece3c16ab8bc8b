//! `kezek report` on a real store: the period options, Markdown and JSON, bad input.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kezek");

fn kezek(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(dir.join("store"))
        .env("KEZEK_CONFIG", dir.join("none.toml"))
        .args(args)
        .output()
        .unwrap()
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("none.toml"), "").unwrap();
    let out = kezek(dir.path(), &["demo", "--persons", "300", "--events", "3"]);
    assert!(out.status.success());
    dir
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn report_as_markdown_and_json_for_all_a_range_and_an_event() {
    let d = demo();
    let all = json(&kezek(d.path(), &["report", "--format", "json"]));
    assert_eq!(all["schema"], 1);
    assert_eq!(all["period"]["kind"], "all");
    let f = &all["figures"];
    assert_eq!(f["visits"]["total"], 900);
    assert!(f["visits"]["persons"].as_u64().unwrap() <= 300);
    let wages = f["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "wages.unpaid")
        .unwrap();
    assert!(wages["appeals"].as_u64().unwrap() > 0);
    let summary = all["summary"].as_array().unwrap();
    assert!(summary[0].as_str().unwrap().starts_with("900 visits by"));
    assert!(
        summary
            .iter()
            .any(|s| s.as_str().unwrap().starts_with("Unpaid wages: ")
                && s.as_str().unwrap().contains("appeals from")),
        "{summary:?}"
    );
    // The demo's events are three weeks apart up to 2026-11-15: a range of the last one.
    let last = json(&kezek(
        d.path(),
        &[
            "report",
            "--from",
            "2026-11-15",
            "--to",
            "15.11.2026",
            "--format",
            "json",
        ],
    ));
    assert_eq!(last["period"]["kind"], "dates");
    assert_eq!(last["figures"]["visits"]["total"], 300);
    let md = kezek(d.path(), &["report", "--lang", "en"]);
    assert!(md.status.success());
    let text = String::from_utf8(md.stdout).unwrap();
    assert!(text.starts_with("# Summary — all records"), "{text}");
    assert!(text.contains("| Topic | Consultations |"));
    // Written to a file.
    let file = d.path().join("r.md");
    let out = kezek(d.path(), &["report", "-o", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text.trim_end().to_string() + "\n"
    );
}

#[test]
fn bad_periods_are_refused_clearly() {
    let d = demo();
    let bad = |args: &[&str], want: &str| {
        let out = kezek(d.path(), args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(want), "{args:?}: {err}");
    };
    bad(
        &["report", "--from", "2026-13-01", "--to", "2026-12-01"],
        "is not a date",
    );
    bad(
        &["report", "--from", "2026-12-01", "--to", "2026-11-01"],
        "is after",
    );
    bad(&["report", "--from", "2026-11-01"], "--to");
    bad(&["report", "--event", "nonsense"], "nonsense");
    bad(
        &["report", "--event", "01JE0CX6Q0ZP2J7WP1Y3VPFT53"],
        "no event with id",
    );
}
