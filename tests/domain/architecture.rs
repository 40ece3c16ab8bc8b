//! Keeps the direction of imports: every room names only the rooms below it (the whole
//! graph, parsed from the code), only the store and its listed edges touch the file system,
//! the pure rooms never touch the terminal, disk or async, each screen is drawn from its page
//! and the `Scene` in functions that fit on a screen, and every message id the code uses
//! exists in the English locale.

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

/// One file per screen: each draws its page from the page and the `Scene` (never the
/// app's `State`), by one `render(frame, area, &page, &Scene, i18n)`.
#[test]
fn each_screen_draws_its_page_from_the_scene() {
    let mut files = Vec::new();
    sources(Path::new("src/ui/screens"), &mut files);
    assert!(files.len() > 10);
    for (path, text) in files {
        if path.ends_with("mod.rs") {
            continue;
        }
        let entries: Vec<&str> = text.split("pub fn render(").skip(1).collect();
        assert_eq!(
            entries.len(),
            1,
            "{path}: one render, not {}",
            entries.len()
        );
        let args = entries[0].split(')').next().unwrap_or("");
        let args = args.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            args.starts_with("frame: &mut Frame, area: Rect, ")
                && args.contains(": &Scene, i18n: &I18n"),
            "{path}: render({args})"
        );
        let bytes = text.as_bytes();
        let word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
        let reads_state = text
            .match_indices("State")
            .any(|(i, m)| (i == 0 || !word(i - 1)) && !word(i + m.len()));
        assert!(!reads_state, "{path} reads the app's State");
    }
}

/// "A screen's render fits on a screen": no function in `ui/` runs past 60 lines, so a long
/// one is split into named parts rather than grown.
#[test]
fn ui_functions_fit_on_a_screen() {
    let mut files = Vec::new();
    sources(Path::new("src/ui"), &mut files);
    let mut long = Vec::new();
    for (path, text) in files {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let body = line.trim_start();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn "]
                .iter()
                .any(|p| body.starts_with(p));
            if !is_fn || body.ends_with('}') || body.ends_with(';') {
                continue;
            }
            let end = format!("{}}}", &line[..line.len() - body.len()]);
            let n = lines[i..]
                .iter()
                .position(|l| *l == end)
                .map_or(0, |j| j + 1);
            if n > 60 {
                long.push(format!("{path}:{} {n} lines", i + 1));
            }
        }
    }
    assert!(long.is_empty(), "split into named parts: {long:?}");
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
        "settings-",
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
        "exchange-",
        "unit-",
        "anon-",
        "conflict-",
        "conflicts-",
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
/// The rooms of the crate (a top-level module: `src/NAME.rs` or `src/NAME/`) and the rooms
/// each may name (`crate::ROOM`). The graph has no cycle, so a change in a room can only
/// reach the rooms above it; `lib.rs` and `main.rs` wire everything and are not rooms.
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("memory", &[]),
    ("privacy", &[]),
    ("i18n", &["domain"]),
    ("taxonomy", &["domain"]),
    ("config", &["domain"]),
    ("store", &["domain", "memory", "privacy"]),
    ("export", &["domain", "i18n", "memory", "privacy", "store"]),
    ("bulk", &["domain", "export", "privacy", "store"]),
    ("app", &["domain", "i18n"]),
    ("ui", &["app", "domain", "i18n"]),
    (
        "session",
        &[
            "config", "domain", "export", "i18n", "privacy", "store", "taxonomy",
        ],
    ),
    (
        "cli",
        &[
            "bulk", "config", "domain", "export", "i18n", "session", "store",
        ],
    ),
    (
        "tui",
        &[
            "app", "bulk", "domain", "export", "i18n", "memory", "privacy", "session", "store",
            "ui",
        ],
    ),
];

/// The files outside `store/` that may touch the file system, and why: each reads or
/// writes what its room is about, and everything written goes through `store::atomic`.
const FILE_SYSTEM_EDGES: &[&str] = &[
    "src/privacy.rs",            // permissions of the data directory
    "src/config.rs",             // reads the config file
    "src/taxonomy.rs",           // reads an organisation's taxonomy
    "src/session.rs",            // the log file, the data directory
    "src/export/files.rs",       // where exports go
    "src/export/stream.rs",      // a CSV folder built beside its name, then renamed
    "src/export/html.rs",        // streamed through store::atomic
    "src/export/xlsx.rs",        // streamed through store::atomic
    "src/export/slip.rs",        // the slips folder
    "src/bulk/import/mod.rs",    // reads the file to import
    "src/bulk/import/source.rs", // reads a table's file, row by row
    "src/bulk/demo/mod.rs",      // the staging store of a fill
    "src/cli/import.rs",         // reads the file named on the command line
    "src/main.rs",
];

/// The code of a file without its line comments and without a trailing `#[cfg(test)] mod
/// tests` (tests may use what the room itself may not).
fn code_of(text: &str) -> String {
    let body = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `src/app/pages/queue.rs` -> `app`; `src/config.rs` -> `config`; `None` for lib.rs and
/// main.rs.
fn room_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("src/")?;
    let first = rest.split('/').next()?;
    let room = first.strip_suffix(".rs").unwrap_or(first);
    (!["lib", "main"].contains(&room)).then(|| room.to_string())
}

/// Every room named as `crate::ROOM` in `code`.
fn named_rooms(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let after = &code[at + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        // `$crate::` in macros and `kezek_crate::` are not paths into this crate.
        let before = code[..at].chars().next_back();
        if !name.is_empty() && !matches!(before, Some('$' | '_') | Some('a'..='z')) {
            out.insert(name);
        }
    }
    out
}

#[test]
fn the_rooms_depend_only_downwards() {
    let allowed: std::collections::BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    // The allowed graph itself has no cycle: each room names only rooms listed before it.
    for (i, (room, deps)) in ALLOWED.iter().enumerate() {
        for d in *deps {
            assert!(
                ALLOWED[..i].iter().any(|(r, _)| r == d),
                "{room} may name {d}, which is not below it"
            );
        }
    }
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut wrong = Vec::new();
    let mut seen_rooms = BTreeSet::new();
    for (path, text) in &files {
        let Some(room) = room_of(path) else { continue };
        seen_rooms.insert(room.clone());
        let Some(may) = allowed.get(room.as_str()) else {
            wrong.push(format!("{path}: room {room} is not in ALLOWED"));
            continue;
        };
        for named in named_rooms(&code_of(text)) {
            if named != room && !may.contains(&named.as_str()) {
                wrong.push(format!("{path}: {room} names crate::{named}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the direction:\n{}",
        wrong.join("\n")
    );
    // Every room listed exists, so the table cannot drift from the tree unnoticed.
    for (room, _) in ALLOWED {
        assert!(
            seen_rooms.contains(*room),
            "ALLOWED lists {room}, which has no source"
        );
    }
}

#[test]
fn only_the_store_and_the_listed_edges_touch_the_file_system() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut wrong = Vec::new();
    for (path, text) in &files {
        if path.starts_with("src/store/") || FILE_SYSTEM_EDGES.contains(&path.as_str()) {
            continue;
        }
        let code = code_of(text);
        for touch in ["std::fs", "fs::", "File::", "OpenOptions", "DirBuilder"] {
            if code.contains(touch) {
                wrong.push(format!("{path} uses {touch}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "file system outside the store and its edges:\n{}",
        wrong.join("\n")
    );
    for edge in FILE_SYSTEM_EDGES {
        assert!(
            Path::new(edge).exists(),
            "FILE_SYSTEM_EDGES lists {edge}, which is gone"
        );
    }
}

/// Starting another program is an edge of its own: only the slip's way to the printer does.
#[test]
fn only_the_print_edge_starts_programs() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let wrong: Vec<_> = files
        .iter()
        .filter(|(path, _)| path != "src/export/print.rs")
        .filter(|(_, text)| {
            let code = code_of(text);
            code.contains("process::Command") || code.contains("Command::new(")
        })
        .map(|(path, _)| path.clone())
        .collect();
    assert!(
        wrong.is_empty(),
        "programs started outside export::print: {wrong:?}"
    );
}

/// The check above is only as good as its reading of paths: it finds a planted one.
#[test]
fn the_room_reader_finds_what_is_there() {
    let code = code_of(
        "use crate::store::Store;\n// crate::tui in a comment\nfn f() { crate::ui::draw(); }\n\
         macro_rules! m { () => { $crate::domain::X } }\n#[cfg(test)]\nmod tests { use crate::cli; }",
    );
    let named: Vec<String> = named_rooms(&code).into_iter().collect();
    assert_eq!(named, ["store", "ui"]);
    assert_eq!(room_of("src/app/pages/queue.rs").as_deref(), Some("app"));
    assert_eq!(room_of("src/config.rs").as_deref(), Some("config"));
    assert_eq!(room_of("src/lib.rs"), None);
}
