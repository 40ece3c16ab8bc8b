//! The report inside the xlsx and the html exports: every breakdown table with the numbers
//! `kezek report --format json` gives, money as numbers in a currency format, native charts
//! in the workbook and inline SVG in the page, the page without records small, and small
//! groups of persons hidden in anonymised exports.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::common::cli::output;

/// A demo store of 300 persons and 3 events in `dir/s`.
fn demo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let out = output(
        &d.path().join("s"),
        &["demo", "--persons", "300", "--events", "3"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    d
}

fn run(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = output(&dir.join("s"), args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `args` on the store at `dir/s`, which must refuse them; what it said.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = output(&dir.join("s"), args);
    assert!(!out.status.success(), "{args:?} was not refused");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn figures(dir: &Path) -> Value {
    let j: Value = serde_json::from_slice(&run(dir, &["report", "--format", "json"])).unwrap();
    assert_eq!(j["schema"], 2);
    j["figures"].clone()
}

fn export(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend(["-o", path.to_str().unwrap()]);
    run(dir, &all);
    path
}

/// The blocks of the Tables sheet by title: a bold title, a header row, rows up to a blank.
fn blocks(path: &Path) -> Vec<(String, Vec<String>, Vec<Vec<Data>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let sheet = wb.worksheet_range("Tables").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let mut out = Vec::new();
    let mut i = rows
        .iter()
        .position(|r| r[0] == Data::String("Consultations by topic".into()))
        .unwrap();
    while i < rows.len() {
        let title = rows[i][0].to_string();
        let head: Vec<String> = rows[i + 1]
            .iter()
            .map(|c| c.to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let mut body = Vec::new();
        i += 2;
        while i < rows.len() && rows[i][0] != Data::Empty {
            body.push(rows[i].clone());
            i += 1;
        }
        out.push((title, head, body));
        i += 1;
    }
    out
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(x) => *x,
        other => panic!("a number was expected, not {other:?}"),
    }
}

fn n(v: &Value) -> f64 {
    v.as_u64().unwrap() as f64
}

fn files(path: &Path) -> Vec<String> {
    let z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    z.file_names().map(String::from).collect()
}

fn part(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_tables_have_the_reports_numbers_money_in_a_currency_format_and_charts() {
    let d = demo();
    let p = d.path();
    let f = figures(p);
    let x = export(p, "r.xlsx", &["--format", "xlsx"]);
    let b = blocks(&x);
    let titles: Vec<&str> = b.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Consultations by topic",
            "Consultations by topic and outcome",
            "By outcome",
            "By referral",
            "Region of origin",
            "Sex",
            "Age band",
            "Visitors by age band and sex",
            "By reception day"
        ]
    );
    let block = |t: &str| b.iter().find(|x| x.0 == t).unwrap();
    let (_, head, rows) = block("Consultations by topic");
    assert_eq!(head[5], "Claimed (RUB)");
    let topics = f["topics"].as_array().unwrap();
    assert_eq!(rows.len(), topics.len());
    for (r, t) in rows.iter().zip(topics) {
        assert_eq!(num(&r[1]), n(&t["consultations"]));
        assert_eq!(num(&r[2]), n(&t["persons"]));
        assert_eq!(num(&r[3]), n(&t["appeals"]));
        let claimed = t["claimed"].as_array().unwrap();
        let want = claimed
            .first()
            .map_or(0.0, |a| a["minor"].as_f64().unwrap() / 100.0);
        assert!((num(&r[5]) - want).abs() < 0.005, "{r:?} vs {t}");
    }
    let pairs = [
        (
            "Consultations by topic and outcome",
            "topic_outcomes",
            ["consultations", "persons"],
        ),
        ("By outcome", "outcomes", ["records", "persons"]),
        ("By referral", "referrals", ["records", "persons"]),
    ];
    for (title, key, cols) in pairs {
        let (_, _, rows) = block(title);
        let want = f[key].as_array().unwrap();
        assert_eq!(rows.len(), want.len(), "{title}");
        let first = if key == "topic_outcomes" { 2 } else { 1 };
        for (r, w) in rows.iter().zip(want) {
            assert_eq!(num(&r[first]), n(&w[cols[0]]), "{title}");
            assert_eq!(num(&r[first + 1]), n(&w[cols[1]]), "{title}");
        }
    }
    for (title, key, col) in [
        ("Region of origin", "regions", 1),
        ("Sex", "sexes", 1),
        ("Age band", "ages", 1),
        ("Visitors by age band and sex", "age_sexes", 2),
    ] {
        let (_, _, rows) = block(title);
        let want = f[key].as_array().unwrap();
        assert_eq!(rows.len(), want.len(), "{title}");
        for (r, w) in rows.iter().zip(want) {
            assert_eq!(num(&r[col]), n(&w["persons"]), "{title}");
        }
    }
    let (_, _, rows) = block("By reception day");
    let events = f["events"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for (r, e) in rows.iter().zip(events) {
        assert_eq!(r[0].to_string(), e["date"].as_str().unwrap());
        assert_eq!(r[1].to_string(), e["city"].as_str().unwrap());
        let got: Vec<f64> = r[2..6].iter().map(num).collect();
        let want: Vec<f64> = ["visits", "visitors", "served", "consultations"]
            .iter()
            .map(|k| n(&e[*k]))
            .collect();
        assert_eq!(got, want);
    }
    let visits: f64 = rows.iter().map(|r| num(&r[2])).sum();
    assert_eq!(visits, n(&f["visits"]["total"]));
    // Summary: counts and money are numbers; money one row per currency.
    let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
    let s = wb.worksheet_range("Summary").unwrap();
    let row = |label: &str| {
        let (y, r) = s
            .rows()
            .enumerate()
            .find(|(_, r)| matches!(&r[0], Data::String(s) if s == label))
            .unwrap_or_else(|| panic!("{label}"));
        (y, r[1].clone())
    };
    assert_eq!(num(&row("Visits").1), n(&f["visits"]["total"]));
    let (y, claimed) = row("Claimed (RUB)");
    let want = f["amounts"]["claimed"][0]["minor"].as_f64().unwrap() / 100.0;
    assert!((num(&claimed) - want).abs() < 0.005);
    // Its style's number format names the currency (calamine does not show formats).
    let sheet = part(&x, "xl/worksheets/sheet1.xml");
    let at = sheet.find(&format!("<c r=\"B{}\"", y + 1)).unwrap();
    let cell = &sheet[at..at + sheet[at..].find('>').unwrap()];
    let style: usize = cell
        .split("s=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let styles = part(&x, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id = xf
        .split("numFmtId=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let fmt = format!("<numFmt numFmtId=\"{id}\" formatCode=\"#,##0.00&quot; RUB&quot;\"/>");
    assert!(styles.contains(&fmt), "{fmt} in {styles}");
    // Four native charts: topics with outcomes, regions, age band by sex, visits per day.
    let charts: Vec<String> = files(&x)
        .into_iter()
        .filter(|n| n.starts_with("xl/charts/chart") && n.ends_with(".xml"))
        .collect();
    assert_eq!(charts.len(), 4, "{charts:?}");
    let kinds: Vec<bool> = (1..=4)
        .map(|i| {
            part(&x, &format!("xl/charts/chart{i}.xml")).contains("<c:grouping val=\"stacked\"/>")
        })
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k).count(),
        1,
        "only the topics chart is stacked"
    );
}

/// The rows of the html table in section `id`, cells as text.
fn html_rows(html: &str, id: &str) -> Vec<Vec<String>> {
    let sec = html.split(&format!("id=\"t-{id}\"")).nth(1).unwrap();
    let sec = sec.split("</table>").next().unwrap();
    let body = sec.split("<tbody>").nth(1).unwrap();
    body.split("<tr>")
        .skip(1)
        .map(|r| {
            r.split("<td")
                .skip(1)
                .map(|c| {
                    c.split('>')
                        .nth(1)
                        .unwrap()
                        .split("</td")
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect()
        })
        .collect()
}

#[test]
fn html_is_the_printable_report_and_records_come_only_on_request() {
    let d = demo();
    let p = d.path();
    let f = figures(p);
    let h = export(p, "r.html", &["--format", "html"]);
    let html = std::fs::read_to_string(&h).unwrap();
    for fetch in ["http://", "https://", "<link", "<script", "src="] {
        assert!(!html.contains(fetch), "nothing fetched: {fetch}");
    }
    assert_eq!(html.matches("<svg").count(), 4, "four charts");
    assert!(html.contains("@page{size:A4"));
    let topics = html_rows(&html, "topics");
    let want = f["topics"].as_array().unwrap();
    assert_eq!(topics.len(), want.len());
    for (r, t) in topics.iter().zip(want) {
        assert_eq!(r[1], t["consultations"].to_string());
        assert_eq!(r[2], t["persons"].to_string());
    }
    let ev = html_rows(&html, "events");
    let events = f["events"].as_array().unwrap();
    for (r, e) in ev.iter().zip(events) {
        assert_eq!(r[0], e["date"].as_str().unwrap());
        assert_eq!(
            r[2..6],
            ["visits", "visitors", "served", "consultations"].map(|k| e[k].to_string())
        );
    }
    for (id, key) in [
        ("age_sex", "age_sexes"),
        ("regions", "regions"),
        ("outcomes", "outcomes"),
    ] {
        let rows = html_rows(&html, id);
        assert_eq!(rows.len(), f[key].as_array().unwrap().len(), "{id}");
        let last = rows[0].len() - 1;
        assert_eq!(rows[0][last], f[key][0]["persons"].to_string(), "{id}");
    }
    // No record of the store is on the page without --with-records, and it stays small.
    let csv = p.join("csv");
    run(
        p,
        &["export", "--format", "csv", "-o", csv.to_str().unwrap()],
    );
    let ids = |table: &str| -> Vec<String> {
        let mut r = csv::Reader::from_path(csv.join(format!("{table}.csv"))).unwrap();
        r.records().map(|x| x.unwrap()[0].to_string()).collect()
    };
    let (persons, visits) = (ids("persons"), ids("visits"));
    assert_eq!(visits.len() as f64, n(&f["visits"]["total"]));
    for id in persons.iter().chain(&visits) {
        assert!(!html.contains(id.as_str()), "{id} is a record's id");
    }
    let size = std::fs::metadata(&h).unwrap().len();
    assert!(size < 100_000, "{size} bytes for 300 persons");
    let full = export(p, "full.html", &["--format", "html", "--with-records"]);
    let full = std::fs::read_to_string(full).unwrap();
    let report = html.strip_suffix("</body></html>\n").unwrap();
    assert!(
        full.starts_with(report),
        "the same report, then the records"
    );
    assert!(visits.iter().all(|id| full.contains(id.as_str())));
    assert!(persons.iter().all(|id| full.contains(id.as_str())));
    assert_eq!(full.matches("<svg").count(), 4);
}

/// Every count of persons in the Tables sheet.
fn persons_cells(path: &Path) -> Vec<Data> {
    let person_heads = [
        "Persons",
        "Persons in appeals",
        "Persons who recovered money",
        "Visitors (distinct persons)",
    ];
    let mut out = Vec::new();
    for (_, head, rows) in blocks(path) {
        for (c, h) in head.iter().enumerate() {
            if person_heads.contains(&h.as_str()) {
                out.extend(rows.iter().map(|r| r[c].clone()));
            }
        }
    }
    out
}

/// Every count in the Tables sheet (persons and records; not money).
fn count_cells(path: &Path) -> Vec<(String, Data)> {
    let mut out = Vec::new();
    for (title, head, rows) in blocks(path) {
        for (c, h) in head.iter().enumerate() {
            if h.contains('(') {
                continue; // an amount of money, "Claimed (RUB)"
            }
            for r in &rows {
                if matches!(r[c], Data::Float(_))
                    || matches!(&r[c], Data::String(s) if s.starts_with('<'))
                {
                    out.push((format!("{title}/{h}"), r[c].clone()));
                }
            }
        }
    }
    out
}

#[test]
fn anonymised_report_tables_hide_groups_of_fewer_than_k_persons() {
    let d = demo();
    let p = d.path();
    let plain_x = export(p, "plain.xlsx", &["--format", "xlsx"]);
    let plain = persons_cells(&plain_x);
    assert!(plain.iter().all(|c| matches!(c, Data::Float(_))));
    let small = |k: f64| plain.iter().filter(|c| (1.0..k).contains(&num(c))).count();
    assert!(
        small(50.0) > small(5.0),
        "the demo has groups below 50 and more of them than below 5"
    );
    let plain_blocks = blocks(&plain_x);
    for k in [5u32, 50] {
        let x = export(
            p,
            &format!("k{k}.xlsx"),
            &["--format", "xlsx", "--anonymize", "--k", &k.to_string()],
        );
        // Every count, of persons or of records, is a multiple of 5 whatever k: a total
        // minus its visible parts never gives a group back exactly.
        let counts = count_cells(&x);
        assert!(counts.len() > 20, "{counts:?}");
        for (cell, c) in &counts {
            match c {
                Data::Float(v) => {
                    assert!((*v as u32).is_multiple_of(5), "k = {k}: {cell} = {v}")
                }
                other => panic!("{other:?}"),
            }
        }
        let all = blocks(&x);
        let other = "Other (small groups)";
        for title in [
            "Region of origin",
            "Sex",
            "Age band",
            "Visitors by age band and sex",
        ] {
            let (_, head, rows) = all.iter().find(|(t, _, _)| t == title).unwrap();
            let (_, _, plain_rows) = plain_blocks.iter().find(|(t, _, _)| t == title).unwrap();
            let last = head.len() - 1;
            for r in rows {
                let named = r[0] != other;
                if named {
                    // A category named holds at least k persons, published within 5 of
                    // its true count.
                    let truth = plain_rows
                        .iter()
                        .find(|p| p[..last] == r[..last])
                        .map(|p| num(&p[last]))
                        .unwrap_or_else(|| {
                            panic!("k = {k}: {title} {r:?} is not in the plain table")
                        });
                    let v = num(&r[last]);
                    assert!(truth >= k as f64, "k = {k}: {title} names {r:?} of {truth}");
                    assert!(
                        (v - truth).abs() < 5.0,
                        "k = {k}: {title} {r:?} for {truth}"
                    );
                } else {
                    assert_eq!(r, rows.last().unwrap(), "Other comes last");
                }
            }
        }
        let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
        let t = wb.worksheet_range("Tables").unwrap();
        let note = format!("Regions, sexes and age bands of fewer than {k} persons are not named");
        assert!(
            t.rows().take(3).any(|r| r[0].to_string().contains(&note)),
            "{note}"
        );
    }
    // The same data rounds the same way in a second export (averaging learns nothing).
    let again = export(
        p,
        "k5-again.xlsx",
        &["--format", "xlsx", "--anonymize", "--k", "5"],
    );
    assert_eq!(count_cells(&again), count_cells(&p.join("k5.xlsx")));
    let h = export(
        p,
        "a.html",
        &["--format", "html", "--anonymize", "--k", "50"],
    );
    let html = std::fs::read_to_string(h).unwrap();
    assert!(html.contains("is rounded to a multiple of 5"));
    let regions = html_rows(&html, "regions");
    assert_eq!(
        regions.last().map(|r| r[0].as_str()),
        Some("Other (small groups)"),
        "{regions:?}"
    );
    assert!(
        html.contains("left out: fewer than 50 persons"),
        "the charts say what they leave out"
    );
}

/// Every text cell of a sheet, one per line.
fn sheet_text(path: &Path, sheet: &str) -> String {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let s = wb.worksheet_range(sheet).unwrap();
    s.rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_anonymised_summary_says_no_count_of_fewer_than_k_persons() {
    // One person at three events: every count of persons in this store is 1.
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    let out = output(&p.join("s"), &["demo", "--persons", "1", "--events", "3"]);
    assert!(out.status.success());
    let plain = sheet_text(&export(p, "plain.xlsx", &["--format", "xlsx"]), "Summary");
    assert!(
        plain.contains("1 citizen"),
        "the plain summary counts the one person: {plain}"
    );
    let x = export(
        p,
        "a.xlsx",
        &["--format", "xlsx", "--anonymize", "--k", "5"],
    );
    let summary = sheet_text(&x, "Summary");
    assert!(!summary.contains("1 citizen"), "{summary}");
    assert!(
        summary.contains(" 0 citizens") || summary.contains(" 5 citizens"),
        "the sentence's count is rounded: {summary}"
    );
    let mut seen = 0;
    for line in summary.lines() {
        for figure in ["Visitors", "Persons in appeals", "who recovered"] {
            if line.contains(figure) {
                let value = line.split('\t').nth(1).unwrap_or_default();
                assert!(value == "0" || value == "5", "{line}");
                seen += 1;
            }
        }
    }
    assert!(seen >= 2, "the figures of persons are there: {summary}");
    let h = export(
        p,
        "a.html",
        &["--format", "html", "--anonymize", "--k", "5"],
    );
    let html = std::fs::read_to_string(h).unwrap();
    assert!(!html.contains("1 citizen"), "the page says it neither");
}

/// A CSV table as a header and rows (the export's BOM skipped).
fn table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let mut r = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    let head = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (head, rows)
}

#[test]
fn anonymised_records_are_in_no_order_and_link_to_no_other_export() {
    let d = demo();
    let p = d.path();
    let a = export(p, "a", &["--format", "csv", "--anonymize"]);
    let b = export(p, "b", &["--format", "csv", "--anonymize"]);
    let (head, visits) = table(&a.join("visits.csv"));
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    // In the store's order the rows of one event come together; here the event changes
    // from one row to the next about as often as three events drawn at random would.
    let events: Vec<&String> = visits
        .iter()
        .map(|r| &r[col("event_id")])
        .filter(|e| *e != "*")
        .collect();
    let changes = events.windows(2).filter(|w| w[0] != w[1]).count();
    assert!(
        changes * 2 > events.len(),
        "{changes} changes of event in {} rows",
        events.len()
    );
    // Pseudonyms: a letter and 8 digits, not numbered in order, and another export's
    // pseudonyms are unrelated (the same visits, other names).
    let ids: Vec<&String> = visits.iter().map(|r| &r[col("visit_id")]).collect();
    assert!(ids.iter().all(|v| v.len() == 9 && v.starts_with('V')));
    let in_order = ids.windows(2).filter(|w| w[0] < w[1]).count();
    assert!(
        in_order * 4 < ids.len() * 3,
        "{in_order} of {} ascending",
        ids.len()
    );
    let (_, other) = table(&b.join("visits.csv"));
    let theirs: std::collections::HashSet<&String> =
        other.iter().map(|r| &r[col("visit_id")]).collect();
    let shared = ids.iter().filter(|v| theirs.contains(*v)).count();
    assert!(
        shared * 100 < ids.len(),
        "{shared} pseudonyms in both exports"
    );
    assert_eq!(other.len(), visits.len(), "the same rows, in another order");
    // Within one export the pseudonyms still join the tables.
    let (chead, cons) = table(&a.join("consultations.csv"));
    let ccol = |name: &str| chead.iter().position(|h| h == name).unwrap();
    let visit_ids: std::collections::HashSet<&String> = ids.iter().copied().collect();
    assert!(!cons.is_empty());
    assert!(
        cons.iter()
            .all(|r| visit_ids.contains(&r[ccol("visit_id")]))
    );
    // An appeal's dates and city would name the event its consultations suppress.
    let (ahead, appeals) = table(&a.join("appeals.csv"));
    assert!(!appeals.is_empty());
    for name in ["opened", "host_city", "follow_up", "follow_up_closed"] {
        let c = ahead.iter().position(|h| h == name).unwrap();
        assert!(appeals.iter().all(|r| r[c] == "*"), "{name}");
    }
    // A consultation whose event is suppressed does not show its follow-up's dates.
    for r in cons.iter().filter(|r| r[ccol("event_id")] == "*") {
        assert!(matches!(r[ccol("follow_up")].as_str(), "*" | ""), "{r:?}");
    }
    // JSON rows are shuffled too.
    let j = export(p, "a.json", &["--format", "json", "--anonymize"]);
    let j: Value = serde_json::from_slice(&std::fs::read(j).unwrap()).unwrap();
    let jv = j["visits"].as_array().unwrap();
    assert_eq!(jv.len(), visits.len());
    let jchanges = jv
        .windows(2)
        .filter(|w| w[0]["event_id"] != w[1]["event_id"])
        .count();
    assert!(jchanges * 2 > jv.len(), "{jchanges} in {}", jv.len());
}

#[test]
fn an_anonymised_table_does_not_overwrite_its_statement() {
    let d = demo();
    let p = d.path();
    let out = p.join("v.csv");
    let note = p.join("v.csv.ANONYMIZED.txt");
    std::fs::write(&note, "precious").unwrap();
    let err = refused(
        p,
        &[
            "export",
            "--format",
            "csv",
            "--table",
            "visits",
            "--anonymize",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&note).unwrap(), "precious");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_mistyped_data_dir_is_refused_not_made_into_an_empty_store() {
    let d = tempfile::tempdir().unwrap();
    let typo = d.path().join("stroe");
    for args in [
        vec!["export", "--format", "json", "-o", "x.json"],
        vec!["report"],
        vec!["find", "осмонов"],
    ] {
        let out = output(&typo, &args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no store in"), "{args:?}: {err}");
        assert!(!typo.exists(), "{args:?} made the directory");
    }
}

#[test]
fn a_rounding_key_kezek_did_not_write_is_refused_and_kept() {
    let d = demo();
    let p = d.path();
    let key = p.join("s").join("anon.key");
    std::fs::write(&key, b"12345").unwrap();
    let out = p.join("a.xlsx");
    let err = refused(
        p,
        &[
            "export",
            "--format",
            "xlsx",
            "--anonymize",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        err.matches("not the anonymisation key").count(),
        1,
        "said once, not again as its cause: {err}"
    );
    assert_eq!(std::fs::read(&key).unwrap(), b"12345", "left as it is");
    assert!(!out.exists());
    // Once moved aside, a new one is made, private.
    std::fs::remove_file(&key).unwrap();
    export(p, "b.xlsx", &["--format", "xlsx", "--anonymize"]);
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(&key).unwrap();
    assert_eq!((meta.len(), meta.permissions().mode() & 0o777), (16, 0o600));
}
