//! Reports and exports on the demo store of 100,000 persons and 300,000 visits: loading
//! the records, computing the figures, building and writing the CSV tables, and `sqlite3`
//! exporting the same visit rows with `.mode csv` in the same run.
//!
//! `cargo bench --bench report` (`KEZEK_BENCH_PERSONS=N` for another size).

use std::process::Command;
use std::time::{Duration, Instant};

use kezek::bulk::demo::{DemoOptions, generate};
use kezek::domain::report::{Period, Report, Tally};
use kezek::export::files::csv_bytes;
use kezek::export::stream::write_csv;
use kezek::export::tables::tables;
use kezek::store::{Store, StoreOptions};
use rusqlite::params;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn rss_peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let n: usize = std::env::var("KEZEK_BENCH_PERSONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (store, _) = Store::open(&dir.path().join("store"), &StoreOptions::default()).unwrap();
    let tax = kezek::taxonomy::builtin();
    let t = Instant::now();
    let r = generate(
        &store,
        &tax,
        &DemoOptions {
            persons: n,
            events: 40,
            seed: 1,
            visits_per_person: 3.0,
        },
        &mut |_, _, _| {},
    )
    .unwrap();
    println!(
        "demo store: {} persons, {} visits, {} consultations, {} appeals, {} members in {:.1} s",
        r.persons,
        r.visits,
        r.consultations,
        r.appeals,
        r.members,
        t.elapsed().as_secs_f64()
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let (mut load, mut figures) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let t = Instant::now();
        let records = store.records().unwrap();
        load.push(t.elapsed());
        let t = Instant::now();
        let tally = Tally::of(&records, &Period::All, today, 180);
        let report = Report::from_tally(&tally).unwrap();
        figures.push(t.elapsed());
        std::hint::black_box(report);
    }
    let (l, f) = (median(load), median(figures));
    println!(
        "report from records held in memory: load {:.0} ms + figures {:.0} ms = {:.0} ms (median of 5)",
        ms(l),
        ms(f),
        ms(l + f)
    );
    let mut streamed = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let tally = store.tally(&Period::All, today, 180).unwrap();
        std::hint::black_box(Report::from_tally(&tally).unwrap());
        streamed.push(t.elapsed());
    }
    println!(
        "report, whole period, streamed from the store (what `kezek report` does): {:.0} ms (median of 5)",
        ms(median(streamed))
    );

    // CSV export: tables from the loaded records, then the five files.
    let mut export = Vec::new();
    let mut visits_only = Vec::new();
    let records = store.records().unwrap();
    let tb = tables(&records, &Period::All, false, 180);
    for i in 0..3 {
        let t = Instant::now();
        let out = dir.path().join(format!("csv{i}"));
        write_csv(
            &store,
            &kezek::export::stream::Opts {
                period: &Period::All,
                anonymize: None,
                offset_min: 180,
            },
            &out,
            None,
            b',',
            &kezek::i18n::I18n::new("en"),
            &kezek::export::values::Values::new("en", &kezek::taxonomy::builtin()),
            &mut kezek::export::control::Control::quiet(),
        )
        .unwrap();
        export.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(csv_bytes(&tb.visits, b',').unwrap());
        visits_only.push(t.elapsed());
    }
    let e = median(export);
    println!(
        "CSV export, all five tables streamed from the store (read + rows + write + fsync): {:.0} ms (median of 3)",
        ms(e)
    );
    let _ = rss_peak_kb;
    let v = median(visits_only);
    println!("  of which the visits table as CSV bytes: {:.0} ms", ms(v));

    // The same visit rows in SQLite, exported by the sqlite3 shell.
    let db_path = dir.path().join("visits.sqlite");
    let db = rusqlite::Connection::open(&db_path).unwrap();
    db.execute_batch(
        "CREATE TABLE visits(visit_id, event_id, event_date, event_city, event_venue, utc_offset,
         person_id, surname, given_name, patronymic, birth_date, age_band, sex, document, phone,
         region, queue_no, desk, purpose, language, arrived, status, waited_min);",
    )
    .unwrap();
    let tx = db.unchecked_transaction().unwrap();
    {
        let mut st = tx
            .prepare("INSERT INTO visits VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23)")
            .unwrap();
        for r in &tb.visits {
            st.execute(params![
                r.visit_id,
                r.event_id,
                r.event_date,
                r.event_city,
                r.event_venue,
                r.utc_offset,
                r.person_id,
                r.surname,
                r.given_name,
                r.patronymic,
                r.birth_date,
                r.age_band,
                r.sex,
                r.document,
                r.phone,
                r.region,
                r.queue_no,
                r.desk,
                r.purpose,
                r.language,
                r.arrived,
                r.status,
                r.waited_min
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    drop(db);
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let bytes = csv_bytes(&tb.visits, b',').unwrap();
        std::fs::write(dir.path().join("ours.csv"), &bytes).unwrap();
        ours.push(t.elapsed());
        let t = Instant::now();
        let out = Command::new("sqlite3")
            .arg("-csv")
            .arg("-header")
            .arg(&db_path)
            .arg("SELECT * FROM visits;")
            .output();
        match out {
            Ok(o) if o.status.success() => {
                std::fs::write(dir.path().join("theirs.csv"), &o.stdout).unwrap();
                theirs.push(t.elapsed());
            }
            _ => {
                println!("sqlite3 not found; no comparison");
                break;
            }
        }
    }
    if !theirs.is_empty() {
        let (o, s) = (median(ours), median(theirs));
        println!(
            "{} visit rows to CSV: kezek {:.0} ms, sqlite3 -csv {:.0} ms; kezek / sqlite3 = {:.2}",
            tb.visits.len(),
            ms(o),
            ms(s),
            ms(o) / ms(s)
        );
    }
    drop(tb);
    drop(records);
    let store_dir = dir.path().join("store");
    drop(store);
    binary_runs(&store_dir, dir.path());
}

/// The real binary on the same store, one process per run, so its peak memory is its own:
/// wall time and peak RSS (from `/usr/bin/time`) of `kezek report` and each export.
fn binary_runs(store: &std::path::Path, dir: &std::path::Path) {
    let bin = env!("CARGO_BIN_EXE_kezek");
    let runs: [(&str, &[&str], bool); 5] = [
        (
            "report --format json",
            &["report", "--format", "json"],
            false,
        ),
        ("export --format csv", &["export", "--format", "csv"], true),
        (
            "export --format json",
            &["export", "--format", "json"],
            true,
        ),
        (
            "export --format xlsx",
            &["export", "--format", "xlsx"],
            true,
        ),
        (
            "export --format html",
            &["export", "--format", "html"],
            true,
        ),
    ];
    for (i, (name, base, output)) in runs.into_iter().enumerate() {
        let mut times = Vec::new();
        let mut peak = 0u64;
        for k in 0..3 {
            let mut args: Vec<String> = base.iter().map(|a| a.to_string()).collect();
            if output {
                args.push("-o".into());
                args.push(dir.join(format!("out{i}-{k}")).display().to_string());
            }
            let t = Instant::now();
            let o = Command::new("/usr/bin/time")
                .arg("-f")
                .arg("peak-kb %M")
                .arg(bin)
                .arg("--data-dir")
                .arg(store)
                .args(&args)
                .output();
            let Ok(o) = o else {
                println!("/usr/bin/time not found; the binary was not measured");
                return;
            };
            times.push(t.elapsed());
            assert!(
                o.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let err = String::from_utf8_lossy(&o.stderr);
            if let Some(kb) = err
                .lines()
                .find_map(|l| l.strip_prefix("peak-kb ")?.trim().parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        println!(
            "kezek {name}: {:.0} ms (median of 3, whole process), peak RSS {} MB",
            ms(median(times)),
            peak / 1024
        );
    }
}
