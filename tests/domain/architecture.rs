//! Keeps the direction of imports: the pure rooms never touch the terminal, disk or async,
//! and every message id the code uses exists in the English locale.

use std::collections::BTreeSet;
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn domain_and_app_stay_pure() {
    for room in ["src/domain", "src/app"] {
        let mut files = Vec::new();
        sources(Path::new(room), &mut files);
        assert!(!files.is_empty());
        for (path, text) in files {
            for banned in [
                "ratatui",
                "crossterm",
                "sled",
                "tokio",
                "std::fs",
                "crate::store",
                "crate::ui",
                "crate::tui",
            ] {
                assert!(!text.contains(banned), "{path} mentions {banned}");
            }
        }
    }
}

#[test]
fn ui_draws_without_io() {
    let mut files = Vec::new();
    sources(Path::new("src/ui"), &mut files);
    for (path, text) in files {
        for banned in [
            "sled",
            "tokio",
            "std::fs",
            "crate::store",
            "crate::tui",
            "crossterm::event",
        ] {
            assert!(!text.contains(banned), "{path} mentions {banned}");
        }
    }
}

/// Message ids look like `word-word` inside string literals; collect those that are
/// defined messages or clearly meant to be (prefixes we use for ids).
#[test]
fn every_message_id_in_the_code_exists() {
    let ftl = std::fs::read_to_string("assets/locales/en.ftl").unwrap();
    let defined: BTreeSet<String> = ftl
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim().to_string()))
        .filter(|id| !id.starts_with('#') && !id.is_empty() && !id.starts_with(' '))
        .collect();
    let prefixes = [
        "app-",
        "header-",
        "footer-",
        "screen-",
        "events-",
        "queue-",
        "col-",
        "waited-",
        "status-",
        "field-",
        "hint-",
        "form-",
        "suggest-",
        "sex-",
        "region-",
        "err-",
        "flash-",
        "what-",
        "help-",
        "confirm-",
        "salvage-",
        "locked-",
        "too-",
        "key-",
        "member-",
        "consultation-",
        "picker-",
        "card-",
        "follow-ups-",
        "value-",
        "slip-",
        "appeal-",
        "appeals-",
        "history-",
        "search-",
        "likeness-",
        "report-",
        "summary-",
        "import-",
        "dash-",
        "lang-",
        "csv-",
        "table-",
        "export-",
        "cli-",
        "banner-",
        "backup-",
        "unit-",
    ];
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut used = BTreeSet::new();
    for (_, text) in &files {
        // A quote-mark character literal is not the start of a string.
        let text = text.replace("'\"'", "");
        for piece in text.split('"').skip(1).step_by(2) {
            let looks_like_id = piece
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                && prefixes.iter().any(|p| piece.starts_with(p))
                // Taxonomy codes that share a prefix with message ids.
                && !["appeal-filed"].contains(&piece);
            if looks_like_id {
                used.insert(piece.to_string());
            }
        }
    }
    let missing: Vec<_> = used.iter().filter(|id| !defined.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "used in code but missing from en.ftl: {missing:?}"
    );
    let unused: Vec<_> = defined.iter().filter(|id| !used.contains(*id)).collect();
    assert!(
        unused.is_empty(),
        "defined in en.ftl but never used: {unused:?}"
    );
}
