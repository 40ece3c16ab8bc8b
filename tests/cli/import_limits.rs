//! Limits at the door and a hardened import, on the real binary: one test per row of the
//! recovery issue's table that concerns the import (a 5 MB cell, an id twice, a huge
//! `waited_min`, a Windows-1251 register, re-importing rows without document or birth date,
//! CSV injection), plus every numeric column fed extreme values, years and ids. Each
//! refusal is asserted by its message, and the store by its full CSV export before and
//! after: nothing was written.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::cli::{ok, output_in as kezek};
use crate::common::tempdir;

/// A refused import: exit status, no panic, "nothing was imported" in the language asked
/// for; returns stderr.
fn refused(out: Output, nothing: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "accepted: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(nothing), "{err}");
    err
}

const NOTHING: &str = "nothing was imported";

/// A store with a little in it (the demo), and its register exported as a folder.
fn demo(dir: &Path, store: &str) -> PathBuf {
    ok(kezek(
        dir,
        store,
        &["demo", "--persons", "60", "--events", "2"],
    ));
    let folder = dir.join(format!("{store}-export"));
    ok(kezek(
        dir,
        store,
        &["export", "--format", "csv", "-o", folder.to_str().unwrap()],
    ));
    folder
}

/// Everything the store holds, as text: its whole CSV export, table by table.
fn contents(dir: &Path, store: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    // No store there, or one with nothing in its journal (a refused import may have
    // opened it): nothing to export, and export refuses a data directory without a store.
    let journal = std::fs::metadata(dir.join(store).join("journal.kzj")).map_or(0, |m| m.len());
    if journal <= 8 {
        return "no records".to_string();
    }
    let out = dir.join(format!("snapshot-{}", N.fetch_add(1, Ordering::Relaxed)));
    ok(kezek(
        dir,
        store,
        &["export", "--format", "csv", "-o", out.to_str().unwrap()],
    ));
    let mut all = String::new();
    for t in [
        "persons",
        "visits",
        "consultations",
        "appeals",
        "appeal_members",
    ] {
        all.push_str(&std::fs::read_to_string(out.join(format!("{t}.csv"))).unwrap());
    }
    all
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Imports `file` into `store` twice — checked only, then for real — asserting both are
/// refused with `want` in the message and that the store is unchanged.
fn refused_both_ways(dir: &Path, store: &str, file: &Path, want: &[&str]) -> String {
    let before = contents(dir, store);
    let mut last = String::new();
    for dry in [true, false] {
        let mut args = vec!["import", "--csv", file.to_str().unwrap()];
        if dry {
            args.push("--dry-run");
        }
        let err = refused(kezek(dir, store, &args), NOTHING);
        for w in want {
            assert!(err.contains(w), "dry run {dry}: want {w:?} in {err}");
        }
        last = err;
    }
    assert_eq!(contents(dir, store), before, "nothing was written");
    ok(kezek(dir, store, &["check"]));
    last
}

const HEADER: &str = "event_date,event_city,utc_offset,surname,given_name,birth_date,queue_no,arrived,status,waited_min,purpose";

fn register(rows: &[&str]) -> String {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

const GOOD: &str =
    "2026-11-24,Москва,+03:00,Асанов,Бакыт,1990-05-14,1,2026-11-24 09:15,done,5,wages";

#[test]
fn a_5_mb_cell_is_refused_with_its_line_column_and_limit() {
    let d = tempdir();
    let p = d.path();
    demo(p, "a");
    for (mb, col) in [(5, "purpose"), (9, "surname")] {
        let huge = "ж".repeat(mb << 19);
        let row = match col {
            "purpose" => format!("2026-11-24,Москва,+03:00,Осмонов,Улан,,2,,done,,{huge}"),
            _ => format!("2026-11-24,Москва,+03:00,{huge},Улан,,2,,done,,wages"),
        };
        let f = write(p, "huge.csv", register(&[GOOD, &row]));
        let err = refused_both_ways(
            p,
            "a",
            &f,
            &[
                &format!("line 3, column {col}"),
                "too long (200 characters at most)",
            ],
        );
        assert!(
            err.len() < 4000,
            "the cell is not printed whole: {}",
            err.len()
        );
    }
    // Notes have their own, larger limit, named in the message; and in Russian.
    let folder = demo(p, "b");
    let path = folder.join("consultations.csv");
    let bytes = std::fs::read(&path).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers = r.headers().unwrap().clone();
    let notes = headers.iter().position(|h| h == "notes").unwrap();
    let mut recs: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let mut first: Vec<String> = recs[0].iter().map(str::to_string).collect();
    first[notes] = "n".repeat(5 << 20);
    recs[0] = csv::StringRecord::from(first);
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&headers).unwrap();
    for rec in &recs {
        w.write_record(rec).unwrap();
    }
    w.flush().unwrap();
    let before = contents(p, "c");
    let err = refused(
        kezek(p, "c", &["import", "--csv", folder.to_str().unwrap()]),
        NOTHING,
    );
    assert!(
        err.contains("consultations.csv: line 2, column notes"),
        "{err}"
    );
    assert!(err.contains("too long (8000 characters at most)"), "{err}");
    let err = refused(
        kezek(
            p,
            "c",
            &["import", "--csv", folder.to_str().unwrap(), "--lang", "ru"],
        ),
        "ничего не загружено",
    );
    assert!(err.contains("не более 8000 знаков"), "{err}");
    assert!(
        err.contains("consultations.csv: строка 2, столбец notes"),
        "where, in the language asked for: {err}"
    );
    assert_eq!(contents(p, "c"), before);
}

#[test]
fn an_id_twice_is_refused_with_both_lines() {
    let d = tempdir();
    let p = d.path();
    let folder = demo(p, "a");
    // In a lone visits file: the first visit's row again, at the end.
    let visits = std::fs::read_to_string(folder.join("visits.csv")).unwrap();
    let lines: Vec<&str> = visits.split("\r\n").filter(|l| !l.is_empty()).collect();
    let twice = format!("{}\r\n{}\r\n", visits.trim_end(), lines[1]);
    let n = lines.len(); // the header and n - 1 rows: the copy is line n + 1
    let f = write(p, "twice.csv", &twice);
    refused_both_ways(
        p,
        "empty",
        &f,
        &[
            "line 2, column visit_id",
            &format!("line {}, column visit_id", n + 1),
            "the same id is on another line too",
        ],
    );
    // In a folder's persons table.
    let persons_path = folder.join("persons.csv");
    let persons = std::fs::read_to_string(&persons_path).unwrap();
    let plines: Vec<&str> = persons.split("\r\n").filter(|l| !l.is_empty()).collect();
    std::fs::write(
        &persons_path,
        format!("{}\r\n{}\r\n", persons.trim_end(), plines[2]),
    )
    .unwrap();
    refused_both_ways(
        p,
        "empty",
        &folder,
        &[
            "persons.csv: line 3, column person_id",
            &format!("persons.csv: line {}, column person_id", plines.len() + 1),
        ],
    );
    // Across the folder's tables: an appeal given a visit's id.
    std::fs::write(&persons_path, &persons).unwrap();
    let appeals_path = folder.join("appeals.csv");
    let appeals = std::fs::read_to_string(&appeals_path).unwrap();
    let visit_id = lines[1].split(',').next().unwrap();
    let mut alines: Vec<String> = appeals
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    assert!(alines.len() > 1, "the demo has appeals");
    let rest = alines[1].split_once(',').unwrap().1.to_string();
    alines[1] = format!("{visit_id},{rest}");
    std::fs::write(&appeals_path, alines.join("\r\n") + "\r\n").unwrap();
    refused_both_ways(
        p,
        "empty",
        &folder,
        &["visits.csv: line 2", "appeals.csv: line 2", "the same id"],
    );
}

/// The values no column may take, and must not panic on.
const EXTREMES: [&str; 6] = [
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999",
    "-1",
    "99999999999999999999999999999999999999999",
    "1e9",
];

#[test]
fn waited_min_99999999999999_and_every_numeric_column_of_a_register_is_range_checked() {
    let d = tempdir();
    let p = d.path();
    demo(p, "a");
    for (col, want) in [
        (
            "waited_min",
            "not minutes waited (a whole number from 0 to 10080",
        ),
        (
            "queue_no",
            "not a queue number (a whole number from 1 to 99999)",
        ),
        ("utc_offset", "like +03:00"),
    ] {
        for v in EXTREMES {
            if col == "utc_offset" && v == "-1" {
                continue; // one hour west of UTC
            }
            let h = format!("{HEADER},x");
            let cols: Vec<&str> = h.split(',').collect();
            let mut cells: Vec<String> = GOOD.split(',').map(String::from).collect();
            let i = cols.iter().position(|c| *c == col).unwrap();
            cells[i] = v.to_string();
            let f = write(p, "n.csv", register(&[GOOD, &cells.join(",")]));
            refused_both_ways(p, "a", &f, &[&format!("line 3, column {col}"), want]);
        }
    }
    // The edges themselves are accepted.
    let edge = "2026-11-24,Москва,-14:00,Осмонов,Улан,,99999,2026-11-24 09:15,done,10080,wages";
    let f = write(p, "edge.csv", register(&[edge]));
    let out = ok(kezek(p, "a", &["import", "--csv", f.to_str().unwrap()]));
    assert!(out.contains("1 visit;"), "{out}");
}

/// Rewrites `column` of the first row of `table` in an export folder.
fn set_cell(folder: &Path, table: &str, column: &str, value: &str) {
    let path = folder.join(format!("{table}.csv"));
    let bytes = std::fs::read(&path).unwrap();
    let mut r = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    let headers = r.headers().unwrap().clone();
    let at = headers.iter().position(|h| h == column).unwrap();
    let mut recs: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let mut first: Vec<String> = recs[0].iter().map(str::to_string).collect();
    first[at] = value.to_string();
    recs[0] = csv::StringRecord::from(first);
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&headers).unwrap();
    for rec in &recs {
        w.write_record(rec).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn every_numeric_column_of_a_folder_is_range_checked() {
    let d = tempdir();
    let p = d.path();
    let folder = demo(p, "a");
    let pristine = p.join("pristine");
    std::fs::rename(&folder, &pristine).unwrap();
    let cases = [
        ("visits", "queue_no"),
        ("visits", "waited_min"),
        ("visits", "utc_offset"),
        ("consultations", "claimed"),
        ("consultations", "recovered"),
        ("appeal_members", "claimed"),
        ("appeal_members", "recovered"),
    ];
    for (table, col) in cases {
        for v in EXTREMES {
            if col == "utc_offset" && v == "-1" {
                continue; // one hour west of UTC
            }
            let _ = std::fs::remove_dir_all(&folder);
            std::fs::create_dir(&folder).unwrap();
            for e in std::fs::read_dir(&pristine).unwrap() {
                let e = e.unwrap();
                std::fs::copy(e.path(), folder.join(e.file_name())).unwrap();
            }
            set_cell(&folder, table, col, v);
            if col.ends_with("ed") {
                // An amount needs its currency.
                set_cell(&folder, table, &format!("{col}_currency"), "RUB");
            }
            refused_both_ways(
                p,
                "b",
                &folder,
                &[&format!("{table}.csv: line 2, column {col}")],
            );
        }
    }
}

#[test]
fn years_outside_1900_2100_and_two_digit_years_are_refused_with_a_hint() {
    let d = tempdir();
    let p = d.path();
    let cases = [
        (
            "24.11.26,Москва,,Асанов,Бакыт,,,,done,,",
            "line 2, column event_date",
            "write the year with four digits (24.11.2026, not 24.11.26)",
        ),
        (
            "2026-11-24,Москва,,Асанов,Бакыт,14.05.90,,,done,,",
            "line 2, column birth_date",
            "write the year with four digits",
        ),
        (
            "2101-01-01,Москва,,Асанов,Бакыт,,,,done,,",
            "line 2, column event_date",
            "the year must be between 1900 and 2100",
        ),
        (
            "2026-11-24,Москва,,Асанов,Бакыт,1899-12-31,,,done,,",
            "line 2, column birth_date",
            "the year must be between 1900 and 2100",
        ),
        (
            "2026-11-24,Москва,,Асанов,Бакыт,,,0026-11-24 09:00,done,,",
            "line 2, column arrived",
            "the year must be between 1900 and 2100",
        ),
        (
            "2026-11-24,Москва,,Асанов,Бакыт,,,99999999999999-11-24 09:00,done,,",
            "line 2, column arrived",
            "",
        ),
    ];
    for (row, at, hint) in cases {
        let f = write(p, "y.csv", register(&[row]));
        refused_both_ways(p, "a", &f, &[at, hint]);
    }
    // In Russian too.
    let f = write(p, "y.csv", register(&[cases[0].0]));
    let err = refused(
        kezek(
            p,
            "a",
            &["import", "--csv", f.to_str().unwrap(), "--lang", "ru"],
        ),
        "ничего не загружено",
    );
    assert!(err.contains("год — четырьмя цифрами"), "{err}");
}

#[test]
fn invalid_ids_are_refused_not_repaired() {
    let d = tempdir();
    let p = d.path();
    let folder = demo(p, "a");
    let visits = std::fs::read_to_string(folder.join("visits.csv")).unwrap();
    let row = visits.split("\r\n").nth(1).unwrap().to_string();
    let id = row.split(',').next().unwrap().to_string();
    for bad in [
        "ZZZZZZZZZZZZZZZZZZZZZZZZZZ".to_string(), // past 128 bits: the crate would wrap it
        id.to_lowercase(),
        id[1..].to_string(),
        format!("{}U", &id[..25]), // U is not base32
    ] {
        let header = visits
            .split("\r\n")
            .next()
            .unwrap()
            .trim_start_matches('\u{feff}');
        let text = format!("{header}\r\n{}\r\n", row.replacen(&id, &bad, 1));
        let f = write(p, "ids.csv", &text);
        refused_both_ways(p, "b", &f, &["line 2, column visit_id", "not a kezek id"]);
    }
}

/// The register as Russian Excel saves it: Windows-1251, `;`, CRLF.
fn cp1251(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn a_windows_1251_register_is_read_right_with_russian_or_english_headers() {
    let d = tempdir();
    let p = d.path();
    let rows = "24.11.2026;Москва;Асанов;Бакыт;14.05.1990;м;09:15;done;\"Зарплата;\r\nне выплачена\"\r\n\
                24.11.2026;Москва;Ёлкина;Наталья;;ж;09:20;left;№ 5 «срочно»\r\n";
    for (store, header) in [
        (
            "ru",
            "Дата мероприятия;Город;Фамилия;Имя;Дата рождения;Пол;Время прихода;Статус;Цель визита\r\n",
        ),
        (
            "en",
            "event_date;event_city;surname;given_name;birth_date;sex;arrived;status;purpose\r\n",
        ),
    ] {
        let f = write(
            p,
            &format!("{store}.csv"),
            cp1251(&format!("{header}{rows}")),
        );
        let out = ok(kezek(p, store, &["import", "--csv", f.to_str().unwrap()]));
        assert!(out.contains("2 persons, 2 visits"), "{out}");
        let all = contents(p, store);
        assert!(!all.contains('\u{fffd}'), "{all}");
        for want in [
            "Асанов",
            "Бакыт",
            "Ёлкина",
            "Наталья",
            "Москва",
            "№ 5 «срочно»",
        ] {
            assert!(all.contains(want), "{want} in {all}");
        }
        // A purpose is one line, as the arrival form keeps it.
        assert!(all.contains(",Зарплата; не выплачена,"), "{all}");
    }
}

#[test]
fn a_file_of_unknown_encoding_is_refused_with_save_as_csv_utf8_in_the_chosen_language() {
    let d = tempdir();
    let p = d.path();
    demo(p, "a");
    // Latin-1 (a German register): not UTF-8, and not Russian text in Windows-1251.
    let mut latin1 = b"event_date,event_city,surname,given_name\r\n2026-11-24,Berlin,M".to_vec();
    latin1.extend([0xFC]); // ü
    latin1.extend(b"ller,J\xF6rg\r\n");
    let f = write(p, "latin1.csv", &latin1);
    refused_both_ways(p, "a", &f, &["line 2", "save it as “CSV UTF-8”"]);
    let before = contents(p, "a");
    let err = refused(
        kezek(
            p,
            "a",
            &["import", "--csv", f.to_str().unwrap(), "--lang", "ru"],
        ),
        "ничего не загружено",
    );
    assert!(err.contains("сохраните как «CSV UTF-8»"), "{err}");
    let err = refused(
        kezek(
            p,
            "a",
            &["import", "--csv", f.to_str().unwrap(), "--lang", "ky"],
        ),
        "",
    );
    assert!(err.contains("«CSV UTF-8» катары сактап"), "{err}");
    // Binary (a spreadsheet's own .xlsx given by mistake), and text already damaged by an
    // earlier conversion (replacement characters): refused the same way.
    let f = write(
        p,
        "book.xlsx",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe",
    );
    refused_both_ways(p, "a", &f, &["save it as “CSV UTF-8”"]);
    let f = write(
        p,
        "fffd.csv",
        "event_date,event_city,surname,given_name\n2026-11-24,Москва,\u{fffd}\u{fffd},Бакыт\n",
    );
    refused_both_ways(p, "a", &f, &["line 2", "save it as “CSV UTF-8”"]);
    assert_eq!(contents(p, "a"), before);
}

#[test]
fn line_numbers_are_the_spreadsheets_with_crlf_and_multi_line_cells() {
    let d = tempdir();
    let p = d.path();
    // Line 2 holds a cell of three lines; the bad date is on the spreadsheet's line 3
    // (the fifth line of the file).
    let text = "event_date,event_city,surname,given_name,purpose\r\n\
                2026-11-24,Москва,Асанов,Бакыт,\"one\r\ntwo\r\nthree\"\r\n\
                2026-13-24,Москва,Осмонов,Улан,\r\n";
    let f = write(p, "lines.csv", text);
    let err = refused_both_ways(p, "a", &f, &["line 3, column event_date"]);
    assert!(!err.contains("line 5"), "{err}");
    // The same with LF only, and with the bad row after two multi-line ones.
    let text = "event_date,event_city,surname,given_name,purpose\n\
                2026-11-24,Москва,Асанов,Бакыт,\"a\nb\"\n\
                2026-11-24,Москва,Асанова,Айгүл,\"c\nd\ne\"\n\
                2026-11-24,Москва,Осмонов,Улан,\"x\"\n\
                2026-11-24,,Осмонова,Нургүл,\n";
    let f = write(p, "lf.csv", text);
    refused_both_ways(p, "a", &f, &["line 5, column event_city"]);
    // A lone CR ends a line too ("CSV (Macintosh)"), inside a cell as well.
    let text = "event_date,event_city,surname,given_name,purpose\r\
                2026-11-24,Москва,Асанов,Бакыт,\"a\rb\"\r\
                2026-11-24,,Осмонова,Нургүл,\r";
    let f = write(p, "cr.csv", text);
    refused_both_ways(p, "a", &f, &["line 3, column event_city"]);
}

#[test]
fn re_importing_a_register_without_document_or_birth_date_creates_nothing() {
    let d = tempdir();
    let p = d.path();
    let text = "event_date,event_city,surname,given_name,arrived,status\n\
                2026-11-24,Москва,Асанов,Бакыт,09:15,done\n\
                2026-11-24,Москва,Асанов,Бакыт,11:40,done\n\
                2026-11-24,Москва,Осмонова,Нургүл,09:20,left\n";
    let f = write(p, "reg.csv", text);
    let first = ok(kezek(p, "a", &["import", "--csv", f.to_str().unwrap()]));
    assert!(first.contains("1 event, 2 persons, 3 visits"), "{first}");
    let before = contents(p, "a");
    for dry in [true, false] {
        let mut args = vec!["import", "--csv", f.to_str().unwrap()];
        if dry {
            args.push("--dry-run");
        }
        let again = ok(kezek(p, "a", &args));
        assert!(
            again.contains("0 events, 0 persons, 0 visits")
                && again.contains("3 rows were already imported"),
            "{again}"
        );
        assert!(
            again.contains("matched to visits on record by name, event and arrival minute: 3"),
            "{again}"
        );
    }
    assert_eq!(contents(p, "a"), before, "nothing new");
    // A namesake at another minute is another visit (and, with nothing to tell them apart,
    // another person); the same name at the same minute with a birth date now given is
    // the same visit (nothing the two both have differs).
    let more = "event_date,event_city,surname,given_name,birth_date,arrived,status\n\
                2026-11-24,Москва,Асанов,Бакыт,,12:00,done\n\
                2026-11-24,Москва,Осмонова,Нургүл,01.02.1990,09:20,left\n";
    let f = write(p, "more.csv", more);
    let out = ok(kezek(
        p,
        "a",
        &["import", "--csv", f.to_str().unwrap(), "--dry-run"],
    ));
    assert!(
        out.contains("would create 0 events, 1 person, 1 visit"),
        "{out}"
    );
    assert!(out.contains("arrival minute: 1"), "{out}");
}

/// Cells of `table` in an export folder, by column code.
fn column(folder: &Path, table: &str, code: &str) -> Vec<String> {
    let bytes = std::fs::read(folder.join(format!("{table}.csv"))).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let at = r.headers().unwrap().iter().position(|h| h == code).unwrap();
    r.records().map(|x| x.unwrap()[at].to_string()).collect()
}

#[test]
fn csv_export_neutralises_formulas_and_import_reads_them_back_exactly() {
    let d = tempdir();
    let p = d.path();
    let names = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "@SUM(A1)",
        "-foo",
        "+7 916 123",
        "'=already quoted",
        "-5 degrees",
    ];
    let mut text =
        String::from("event_date,event_city,utc_offset,surname,given_name,phone,arrived,purpose\n");
    for (i, n) in names.iter().enumerate() {
        let quoted = n.replace('"', "\"\"");
        text.push_str(&format!(
            "2026-11-24,Москва,-05:00,\"{quoted}\",Бакыт,+7916123456{i},09:1{i},\"{quoted}\"\n"
        ));
    }
    let f = write(p, "inj.csv", &text);
    ok(kezek(p, "a", &["import", "--csv", f.to_str().unwrap()]));
    let out = p.join("out");
    ok(kezek(
        p,
        "a",
        &["export", "--format", "csv", "-o", out.to_str().unwrap()],
    ));
    let mut surnames = column(&out, "visits", "surname");
    surnames.sort();
    let mut want = vec![
        "'=HYPERLINK(\"http://x\",\"y\")",
        "'@SUM(A1)",
        "'-foo",
        "+7 916 123",
        // The register's own `'` is what a spreadsheet adds to show `=` as text: gone.
        "'=already quoted",
        "-5 degrees",
    ];
    want.sort();
    assert_eq!(surnames, want);
    assert!(
        column(&out, "visits", "phone")
            .iter()
            .all(|p| p.starts_with("+79161234"))
    );
    assert!(
        column(&out, "visits", "utc_offset")
            .iter()
            .all(|o| o == "-05:00")
    );
    assert!(
        column(&out, "persons", "surname")
            .iter()
            .any(|s| s == "'@SUM(A1)")
    );
    // Back into an empty store and out again: the same bytes.
    ok(kezek(p, "b", &["import", "--csv", out.to_str().unwrap()]));
    let again = p.join("again");
    ok(kezek(
        p,
        "b",
        &["export", "--format", "csv", "-o", again.to_str().unwrap()],
    ));
    for t in ["persons", "visits"] {
        assert_eq!(
            std::fs::read(out.join(format!("{t}.csv"))).unwrap(),
            std::fs::read(again.join(format!("{t}.csv"))).unwrap(),
            "{t}"
        );
    }
    // The names in the store are the names as typed.
    let found = ok(kezek(p, "b", &["find", "HYPERLINK", "--json"]));
    assert!(
        found.contains("=HYPERLINK(\\\"http://x\\\",\\\"y\\\")"),
        "{found}"
    );
    // A lone visits file of the export imports the same way.
    let lone = ok(kezek(
        p,
        "c",
        &["import", "--csv", out.join("visits.csv").to_str().unwrap()],
    ));
    assert!(lone.contains("6 visits"), "{lone}");
    // The person's surname, the visit's surname and purpose.
    assert_eq!(contents(p, "c").matches("'@SUM(A1)").count(), 3);
}

/// "Today" for a date of birth is the desk's day by the store's clock, not the machine's
/// clock read behind the store's back: with the store's clock at 1 March 2020, a birth date
/// in 2021 is in the future and the row is refused; the same row passes once the clock is
/// at today's date.
#[test]
fn import_reads_today_from_the_stores_clock() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) =
        kezek::store::Store::open(dir.path(), &kezek::store::StoreOptions::default()).unwrap();
    store.set_clock(|| chrono::Utc.with_ymd_and_hms(2020, 3, 1, 9, 0, 0).unwrap());
    let csv = "event_date,event_city,surname,given_name,birth_date\n\
               2020-03-01,Москва,Асанов,Бакыт,2021-05-05\n";
    let r =
        kezek::bulk::import::import_csv(&store, csv.as_bytes(), true, 180, "t", &mut |_, _| true);
    match r {
        Err(kezek::bulk::import::ImportError::Rows(errors)) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].column, "birth_date");
            assert_eq!(errors[0].msg, "err-date-future");
        }
        other => panic!("a birth date after the store's today passed: {other:?}"),
    }
    store.set_clock(|| chrono::Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap());
    let r =
        kezek::bulk::import::import_csv(&store, csv.as_bytes(), true, 180, "t", &mut |_, _| true)
            .unwrap();
    assert_eq!(r.new_persons, 1);
}

#[cfg(unix)]
#[test]
fn a_device_a_pipe_or_a_file_past_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = demo(d, "s");
    // /dev/zero never ends; a pipe nobody writes to never answers.
    refused_both_ways(d, "s", Path::new("/dev/zero"), &["not a regular file"]);
    let fifo = d.join("register.csv");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    refused_both_ways(d, "s", &fifo, &["not a regular file"]);
    // A table of an export folder that is a pipe.
    let visits = folder.join("consultations.csv");
    std::fs::remove_file(&visits).unwrap();
    let c = std::ffi::CString::new(visits.to_str().unwrap()).unwrap();
    // SAFETY: as above.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    refused_both_ways(
        d,
        "s",
        &folder,
        &["consultations.csv is not a regular file"],
    );
    // Past the limit (sparse: nothing is read to find out).
    let huge = d.join("huge.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(kezek::bulk::import::MAX_FILE_BYTES + 1)
        .unwrap();
    refused_both_ways(d, "s", &huge, &["larger than 1024 MiB"]);
}

#[test]
fn control_characters_in_a_register_never_reach_a_terminal() {
    let dir = tempdir();
    let csv = dir.path().join("crafted.csv");
    std::fs::write(
        &csv,
        "event_date,event_city,surname,given_name,birth_date,waited_min\n\
         2026-11-01,Osh,\"Ev\x1b[2Jil\x07\",Bakyt\x1b]0;PWNED\x07,1990-01-01,5\n\
         2026-11-01,Osh,\u{202E}вонасА\u{202C},Бакыт,1991-01-01,5\n",
    )
    .unwrap();
    ok(kezek(
        dir.path(),
        "s",
        &["import", "--csv", csv.to_str().unwrap()],
    ));
    for query in ["Bakyt", "Бакыт"] {
        let found = ok(kezek(dir.path(), "s", &["find", query]));
        assert!(!found.is_empty(), "{query} found");
        assert!(
            !found
                .chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\t')
                    || ('\u{202A}'..='\u{202E}').contains(&c)),
            "printed as stored, and stored clean: {found:?}"
        );
    }
    let found = ok(kezek(dir.path(), "s", &["find", "Ev[2Jil"]));
    assert!(found.contains("Ev[2Jil Bakyt]0;PWNED"), "{found:?}");
}

#[test]
fn a_crafted_header_is_quoted_escaped_never_played() {
    let dir = tempdir();
    let csv = dir.path().join("crafted.csv");
    std::fs::write(
        &csv,
        "event_date,event_city,surname,given_name,\x1b]0;PWNED\x07\x1b[2Jx\u{200B}\n\
         2026-11-01,Osh,Asanov,Bakyt,1\n",
    )
    .unwrap();
    let err = refused(
        kezek(dir.path(), "s", &["import", "--csv", csv.to_str().unwrap()]),
        NOTHING,
    );
    assert!(
        !err.chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{200B}'),
        "nothing of the header is played: {err:?}"
    );
    assert!(
        err.contains(r"column \u{1b}]0;PWNED\u{7}\u{1b}[2Jx\u{200b}"),
        "the header is named, escaped: {err:?}"
    );
}

#[test]
fn one_bad_cell_of_a_folders_visits_is_said_once_not_for_every_consultation() {
    let d = tempdir();
    let p = d.path();
    let folder = demo(p, "a");
    set_cell(&folder, "visits", "sex", "женщина-ж");
    let err = refused_both_ways(p, "b", &folder, &["visits.csv: line 2, column sex"]);
    assert!(
        !err.contains("no such visit"),
        "the consultations of the visits not read are not each refused: {err}"
    );
    assert!(err.lines().count() < 10, "{err}");
}
