//! Person search on a demo store: building the in-memory index at start-up, its memory, and
//! query latency, next to SQLite (bundled, FTS5 over the same transliterated words, indexed
//! ranges for documents and phones) answering the same queries in the same run.
//!
//! `cargo bench --bench search` (100,000 persons; `KEZEK_BENCH_PERSONS=N` for another size).
//! Figures go to BENCHMARKS.md.

use std::time::{Duration, Instant};

use kezek::bulk::demo::{DemoOptions, generate};
use kezek::domain::Person;
use kezek::domain::search::SearchIndex;
use kezek::domain::translit::{skeleton_words, to_latin};
use kezek::domain::validate::{normalize_document, phone_search_digits};
use kezek::store::{Store, StoreOptions};
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};

fn percentiles(label: &str, mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    let (p50, p99) = (at(0.5).as_secs_f64() * 1e3, at(0.99).as_secs_f64() * 1e3);
    println!(
        "{label:<48} n={:<6} median {p50:>8.3} ms   p99 {p99:>8.3} ms   max {:>8.3} ms",
        samples.len(),
        at(1.0).as_secs_f64() * 1e3,
    );
    (p50, p99)
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// What people type at the desk, 2 to 12 characters, in both scripts.
fn queries(persons: &[Person], n: usize) -> Vec<String> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let cut = |s: String| -> String { s.chars().take(12).collect() };
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let p = &persons[rng.random_range(0..persons.len())].fields;
        let sur = p
            .surname
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        let given = p.given_name.clone();
        let initial: String = given.chars().take(1).collect();
        let q = match out.len() % 8 {
            0 => sur.chars().take(rng.random_range(2..=6)).collect(),
            1 => format!(
                "{} {}",
                to_latin(&sur).to_lowercase(),
                to_latin(&initial).to_lowercase()
            ),
            2 => format!("{} {}", to_latin(&given), to_latin(&sur)),
            3 => format!("{} {initial}", sur.to_lowercase()),
            4 => {
                // A typo: two letters swapped.
                let mut c: Vec<char> = sur.chars().collect();
                if c.len() > 4 {
                    c.swap(2, 3);
                }
                c.into_iter().collect()
            }
            5 => match &p.document {
                Some(d) => format!("{} {}", &d[..2], &d[2..7]).to_lowercase(),
                None => continue,
            },
            6 => match &p.phone {
                Some(ph) if ph.starts_with("+996") => format!("0{} {}", &ph[4..7], &ph[7..9]),
                Some(ph) => format!("8 {} {}", &ph[2..5], &ph[5..8]),
                None => continue,
            },
            _ => to_latin(&sur).to_uppercase(),
        };
        let q = cut(q);
        if q.chars().count() >= 2 {
            out.push(q);
        }
    }
    out
}

/// The same data in SQLite: transliterated words in FTS5 (prefix indexes for 2 and 3
/// letters), documents and phone digits in indexed columns.
fn sqlite(dir: &std::path::Path, persons: &[Person]) -> Connection {
    let db = Connection::open(dir.join("bench.sqlite")).unwrap();
    db.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
         CREATE TABLE p(id INTEGER PRIMARY KEY, doc TEXT, phone TEXT);
         CREATE INDEX p_doc ON p(doc);
         CREATE INDEX p_phone ON p(phone);
         CREATE VIRTUAL TABLE names USING fts5(words, prefix='2 3');",
    )
    .unwrap();
    let tx = db.unchecked_transaction().unwrap();
    {
        let mut ins = tx
            .prepare("INSERT INTO p(id, doc, phone) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut fts = tx
            .prepare("INSERT INTO names(rowid, words) VALUES (?1, ?2)")
            .unwrap();
        for (i, p) in persons.iter().enumerate() {
            let f = &p.fields;
            let phone = f
                .phone
                .as_ref()
                .map(|x| x.chars().filter(char::is_ascii_digit).collect::<String>());
            ins.execute(params![i as i64, f.document, phone]).unwrap();
            let words = skeleton_words(&format!("{} {} {}", f.surname, f.given_name, f.patronymic));
            fts.execute(params![i as i64, words.join(" ")]).unwrap();
        }
    }
    tx.commit().unwrap();
    db
}

/// The query answered by SQLite the way kezek answers it: document and phone prefixes,
/// then every word as a prefix (any order), ranked by FTS5; at most 10 ids.
fn sqlite_search(db: &Connection, q: &str) -> Vec<i64> {
    let mut out = Vec::new();
    if q.chars().any(|c| c.is_ascii_digit()) {
        if let Ok(doc) = normalize_document(q)
            && doc.len() >= 3
        {
            let mut st = db
                .prepare_cached("SELECT id FROM p WHERE doc >= ?1 AND doc < ?2 LIMIT 10")
                .unwrap();
            let hi = format!("{doc}\u{10FFFF}");
            out.extend(
                st.query_map(params![doc, hi], |r| r.get::<_, i64>(0))
                    .unwrap()
                    .flatten(),
            );
        }
        if let Some(d) = phone_search_digits(q)
            && d.len() >= 4
        {
            let mut st = db
                .prepare_cached("SELECT id FROM p WHERE phone >= ?1 AND phone < ?2 LIMIT 10")
                .unwrap();
            let hi = format!("{d}\u{10FFFF}");
            out.extend(
                st.query_map(params![d, hi], |r| r.get::<_, i64>(0))
                    .unwrap()
                    .flatten(),
            );
        }
    }
    if q.chars().any(char::is_alphabetic) {
        let words = skeleton_words(q);
        if !words.is_empty() {
            let m = words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" AND ");
            let mut st = db
                .prepare_cached(
                    "SELECT rowid FROM names WHERE names MATCH ?1 ORDER BY rank LIMIT 10",
                )
                .unwrap();
            out.extend(
                st.query_map(params![m], |r| r.get::<_, i64>(0))
                    .unwrap()
                    .flatten(),
            );
        }
    }
    out.truncate(10);
    out
}

fn main() {
    let n: usize = std::env::var("KEZEK_BENCH_PERSONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (store, _) = Store::open(&dir.path().join("store"), &StoreOptions::default()).unwrap();
    let tax = kezek::taxonomy::builtin();
    let t = Instant::now();
    let report = generate(
        &store,
        &tax,
        &DemoOptions {
            persons: n,
            events: 1,
            seed: 1,
            visits_per_person: 0.0,
        },
        &mut |_, _, _| {},
    )
    .unwrap();
    println!(
        "demo store: {} persons ({} planted duplicates) in {:.1} s",
        report.persons,
        report.planted_duplicates,
        t.elapsed().as_secs_f64()
    );

    // Start-up: read the persons tree and build the index, as `Store::warm_search` does.
    let mut startup = Vec::new();
    let mut build_only = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let ix = store.build_search_index().unwrap();
        startup.push(t.elapsed());
        std::hint::black_box(ix.len());
        let persons = store.persons().unwrap();
        let t = Instant::now();
        let ix = SearchIndex::build(persons);
        build_only.push(t.elapsed());
        std::hint::black_box(ix.len());
    }
    percentiles("index at start-up (read persons tree + build)", startup);
    percentiles("  building alone (persons already in memory)", build_only);
    let persons = store.persons().unwrap();
    let copy = persons.clone();
    let before = rss_kb();
    let ix = SearchIndex::build(copy);
    let after = rss_kb();
    println!(
        "index memory: {:.1} MB by capacities (heap_bytes), RSS grew {:.1} MB while building",
        ix.heap_bytes() as f64 / 1e6,
        after.saturating_sub(before) as f64 / 1e3
    );

    let qs = queries(&persons, 2000);
    let db = sqlite(dir.path(), &persons);
    // Warm both.
    for q in &qs {
        std::hint::black_box(ix.search(q, 10));
        std::hint::black_box(sqlite_search(&db, q));
    }
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..3 {
        for q in &qs {
            let t = Instant::now();
            std::hint::black_box(ix.search(q, 10));
            ours.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(sqlite_search(&db, q));
            theirs.push(t.elapsed());
        }
    }
    let (k50, k99) = percentiles("kezek query (2-12 chars, mixed scripts)", ours);
    let (s50, s99) = percentiles("SQLite FTS5 + indexed ranges, same queries", theirs);
    println!(
        "kezek / SQLite: median {:.2}, p99 {:.2} (below 1: kezek faster)",
        k50 / s50,
        k99 / s99
    );
    // Queries with a swapped pair of letters: kezek forgives one typo, FTS5 prefixes do not.
    let typos: Vec<&String> = qs.iter().skip(4).step_by(8).collect();
    let k = typos
        .iter()
        .filter(|q| !ix.search(q, 10).is_empty())
        .count();
    let s = typos
        .iter()
        .filter(|q| !sqlite_search(&db, q).is_empty())
        .count();
    println!(
        "queries with a typo that found someone: kezek {k}/{}, SQLite {s}/{}",
        typos.len(),
        typos.len()
    );
}
