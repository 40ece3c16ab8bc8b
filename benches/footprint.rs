//! kezek beside the store a user would otherwise build on — SQLite 3 (bundled, WAL,
//! `synchronous=FULL`, FTS5 over the same transliterated words, the indexes a careful
//! engineer adds) — on the same data, as whole processes: each side is spawned, waited for
//! and its peak RSS read from `wait4`. The two sides alternate run by run (and which goes
//! first alternates too), so a drifting disk or a busy core weighs on both alike.
//!
//! `cargo bench --bench footprint` builds a 30,000-person demo store;
//! `KEZEK_BENCH_PERSONS=100000` another size; `KEZEK_BENCH_STORE=DIR` reuses a store made by
//! `kezek demo --persons N --data-dir DIR`; `KEZEK_BENCH_ROUNDS=N` runs per row (default 7).
//! The SQLite side is this same program started as `footprint --peer DB WHAT [QUERY]`.
//! Figures go to BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "footprint/peer.rs"]
mod peer;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--peer") {
        peer::main(&args[i + 1..]);
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let rounds: usize = env_num("KEZEK_BENCH_ROUNDS", 7);
    let work = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    // The desk's own config must not change what is measured.
    let config = work.path().join("config.toml");
    std::fs::write(&config, "language = \"en\"\n").unwrap();
    let _ = CONFIG.set(config);
    let store = match std::env::var_os("KEZEK_BENCH_STORE") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let n = env_num("KEZEK_BENCH_PERSONS", 30_000);
            let dir = work.path().join("store");
            let t = Instant::now();
            kezek_ok(&dir, &["demo", "--persons", &n.to_string()]);
            println!(
                "demo store of {n} persons built in {:.1} s",
                t.elapsed().as_secs_f64()
            );
            dir
        }
    };
    let csv = work.path().join("csv");
    kezek_ok(
        &store,
        &[
            "--lang",
            "en",
            "export",
            "--format",
            "csv",
            "-o",
            path(&csv),
        ],
    );
    let db = work.path().join("peer.sqlite");
    let t = Instant::now();
    let persons = peer::load(&db, &csv);
    println!(
        "SQLite peer loaded from the CSV export in {:.1} s ({persons} persons)",
        t.elapsed().as_secs_f64()
    );
    let queries = queries(&csv);
    println!(
        "\nmachine: {} cores; {rounds} runs per side and row\n",
        cores()
    );
    println!("| measure | kezek | SQLite | kezek / SQLite |\n|---|---|---|---|");
    let kz = |args: &[&str]| -> Vec<String> {
        let mut v = vec!["--data-dir".to_string(), path(&store).to_string()];
        v.extend(args.iter().map(|a| a.to_string()));
        v
    };
    let me = std::env::current_exe().unwrap();
    let me = path(&me).to_string();
    let pr = |what: &str, q: Option<&str>| -> Vec<String> {
        let mut v = vec![
            "--peer".to_string(),
            path(&db).to_string(),
            what.to_string(),
        ];
        v.extend(q.map(str::to_string));
        v
    };
    let bin = env!("CARGO_BIN_EXE_kezek");
    for (label, q) in &queries {
        row(
            &format!("`find` {label} (whole process)"),
            rounds,
            (bin, kz(&["find", q, "--limit", "10"])),
            (&me, pr("find", Some(q))),
        );
    }
    if Command::new("script").arg("--version").output().is_ok() {
        let first = format!("{bin} --data-dir {} --exit-after-first-frame", path(&store));
        let peer = format!("{me} --peer {} open", path(&db));
        row(
            "start-up to the events list (in a pty)",
            rounds,
            ("script", vec!["-qec".into(), first, "/dev/null".into()]),
            ("script", vec!["-qec".into(), peer, "/dev/null".into()]),
        );
    }
    row(
        "report, whole period",
        rounds,
        (bin, kz(&["report", "--format", "json"])),
        (&me, pr("report", None)),
    );
    let out = work.path().join("out");
    let export_kz = kz(&[
        "--lang",
        "en",
        "export",
        "--format",
        "csv",
        "-o",
        path(&out),
    ]);
    let export_pr = pr("export", Some(path(&out)));
    row_with(
        "CSV export",
        rounds.min(3),
        (bin, export_kz),
        (&me, export_pr),
        || {
            let _ = std::fs::remove_dir_all(&out);
        },
    );
    let (kb, sb) = (disk_bytes(&store), disk_bytes_prefix(&db));
    println!(
        "| disk per person (allocated) | {} B | {} B | {:.1} |",
        kb / persons,
        sb / persons,
        kb as f64 / sb as f64
    );
    let check = measure(bin, &kz(&["check"]));
    println!(
        "| `kezek check` | {:.0} ms, {} MB | – | |",
        ms(check.0),
        check.1 / 1024
    );
}

/// The config file every kezek run of the benchmark reads.
static CONFIG: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

fn config() -> &'static Path {
    CONFIG.get().expect("set at the start of main")
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn kezek_ok(store: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_kezek"))
        .arg("--data-dir")
        .arg(store)
        .args(args)
        .env("KEZEK_CONFIG", config())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "kezek {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A name, a document's beginning and a phone's beginning, taken from the export so that
/// both sides look for something on record.
fn queries(csv: &Path) -> Vec<(String, String)> {
    let mut r = csv::Reader::from_path(csv.join("persons.csv")).unwrap();
    let head = r.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (s, g, d, p) = (
        col("surname"),
        col("given_name"),
        col("document"),
        col("phone"),
    );
    let rows: Vec<csv::StringRecord> = r.records().take(200).map(Result::unwrap).collect();
    let name = rows
        .iter()
        .find(|x| !x[s].is_empty() && !x[g].is_empty())
        .map(|x| format!("{} {}", &x[s], &x[g]))
        .unwrap();
    let doc = rows
        .iter()
        .rev()
        .find(|x| x[d].len() >= 6)
        .map(|x| x[d].chars().take(6).collect::<String>())
        .unwrap();
    let phone = rows
        .iter()
        .find(|x| x[p].len() >= 10)
        .map(|x| x[p].chars().take(9).collect::<String>())
        .unwrap();
    vec![
        ("of a name".into(), name),
        ("of a document's beginning".into(), doc),
        ("of a phone's beginning".into(), phone),
    ]
}

/// Spawns `bin args` and waits for it with `wait4`: wall time and the peak RSS (KiB) of it
/// and of the children it waited for.
fn measure(bin: &str, args: &[String]) -> (Duration, u64) {
    let t = Instant::now();
    let child = Command::new(bin)
        .args(args)
        .env("KEZEK_CONFIG", config())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; the pid is our own child, reaped here
    // (std's `Child` is dropped without waiting).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = t.elapsed();
    assert_eq!(got, pid, "wait4 {bin}");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{bin} {args:?} failed ({status})"
    );
    drop(child);
    (wall, usage.ru_maxrss as u64)
}

type Side<'a> = (&'a str, Vec<String>);

fn row(label: &str, rounds: usize, ours: Side, theirs: Side) {
    row_with(label, rounds, ours, theirs, || {});
}

/// One row of the table: both sides `rounds` times, alternating who goes first; medians of
/// the time, the highest peak RSS. `between` runs after each run (an export's output goes).
fn row_with(label: &str, rounds: usize, ours: Side, theirs: Side, between: impl Fn()) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let (mut ra, mut rb) = (0, 0);
    for i in 0..rounds {
        for side in [i % 2, 1 - i % 2] {
            if side == 0 {
                let (t, r) = measure(ours.0, &ours.1);
                a.push(t);
                ra = ra.max(r);
            } else {
                let (t, r) = measure(theirs.0, &theirs.1);
                b.push(t);
                rb = rb.max(r);
            }
            between();
        }
    }
    a.sort();
    b.sort();
    let (ma, mb) = (a[a.len() / 2], b[b.len() / 2]);
    println!(
        "| {label} | {:.0} ms, {:.1} MB | {:.0} ms, {:.1} MB | {:.1} time, {:.1} memory |",
        ms(ma),
        ra as f64 / 1024.0,
        ms(mb),
        rb as f64 / 1024.0,
        ms(ma) / ms(mb),
        ra as f64 / rb as f64
    );
}

/// Bytes allocated on disk under `dir`.
fn disk_bytes(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let mut total = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let m = e.metadata().unwrap();
        total += if m.is_dir() {
            disk_bytes(&e.path())
        } else {
            m.blocks() * 512
        };
    }
    total
}

/// Bytes allocated by the database file and its `-wal` and `-shm` companions.
fn disk_bytes_prefix(db: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path(db))).ok())
        .map(|m| m.blocks() * 512)
        .sum()
}
