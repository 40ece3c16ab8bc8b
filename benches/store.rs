//! Durable save latency beside SQLite's (interleaved) and the physical floor (a bare
//! fdatasync), plus the codec and cold start to first frame. `cargo bench --bench store`;
//! figures go to BENCHMARKS.md.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use criterion::{Criterion, criterion_group};
use kezek::domain::{Arrival, EventFields, Lang, PersonFields, PersonPick, Region, Sex};
use kezek::store::{Store, StoreOptions, codec};

fn tmp() -> tempfile::TempDir {
    // On the project's disk, like the real store, not a RAM-backed /tmp.
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
}

fn person(i: usize) -> PersonFields {
    PersonFields {
        surname: format!("Асанов{i}"),
        given_name: "Бакыт".into(),
        patronymic: "Маратович".into(),
        birth_date: NaiveDate::from_ymd_opt(1990, 5, 14),
        sex: Sex::Male,
        document: Some(format!("AN{i:07}")),
        phone: Some(format!("+996555{i:06}")),
        region: Some(Region::Osh),
        city: "Москва".into(),
    }
}

fn store_with_event(dir: &Path) -> (Store, kezek::domain::Id) {
    let (store, _) = Store::open(dir, &StoreOptions::default()).unwrap();
    let ev = store
        .create_event(
            EventFields {
                date: Utc::now().date_naive(),
                city: "Москва".into(),
                venue: "Посольство".into(),
                hosts: vec!["Embassy".into()],
                utc_offset_min: 180,
            },
            "bench",
        )
        .unwrap();
    (store, ev.meta.id)
}

fn arrival(ev: kezek::domain::Id, i: usize) -> Arrival {
    Arrival {
        event: ev,
        person: PersonPick::New(person(i)),
        purpose: "Unpaid wages".into(),
        desk_name: "Desk 1".into(),
        language: Lang::Ky,
    }
}

fn percentiles(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{label:<44} n={:<5} median {:>8.3} ms   p99 {:>8.3} ms   max {:>8.3} ms",
        samples.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
    );
}

/// The peer a user would otherwise build on: SQLite (bundled), WAL, `synchronous=FULL`,
/// persons and visits with the indexes the queue and the look-alike check need. One save is
/// one transaction, as one kezek save is one op.
struct Sqlite {
    db: rusqlite::Connection,
}

impl Sqlite {
    fn open(dir: &Path) -> Sqlite {
        let db = rusqlite::Connection::open(dir.join("peer.sqlite")).unwrap();
        db.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
             CREATE TABLE persons(id INTEGER PRIMARY KEY, surname TEXT, given_name TEXT,
               patronymic TEXT, birth_date TEXT, sex TEXT, document TEXT, phone TEXT,
               region TEXT, city TEXT);
             CREATE INDEX persons_document ON persons(document);
             CREATE INDEX persons_phone ON persons(phone);
             CREATE TABLE visits(id INTEGER PRIMARY KEY, event INTEGER, person INTEGER,
               queue_no INTEGER, desk_name TEXT, purpose TEXT, language TEXT, arrived TEXT,
               status TEXT);
             CREATE INDEX visits_queue ON visits(event, queue_no);
             CREATE INDEX visits_person ON visits(person);
             CREATE TABLE visit_history(visit INTEGER, status TEXT, at TEXT, officer TEXT);
             CREATE INDEX history_visit ON visit_history(visit);",
        )
        .unwrap();
        Sqlite { db }
    }

    fn add_arrival(&mut self, ev: i64, p: &PersonFields) {
        let tx = self.db.transaction().unwrap();
        let next: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(queue_no), 0) + 1 FROM visits WHERE event = ?1",
                [ev],
                |r| r.get(0),
            )
            .unwrap();
        tx.execute(
            "INSERT INTO persons(surname, given_name, patronymic, birth_date, sex, document,
               phone, region, city) VALUES (?1, ?2, ?3, ?4, 'male', ?5, ?6, 'osh', ?7)",
            rusqlite::params![
                p.surname,
                p.given_name,
                p.patronymic,
                p.birth_date.map(|d| d.to_string()),
                p.document,
                p.phone,
                p.city
            ],
        )
        .unwrap();
        let person = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO visits(event, person, queue_no, desk_name, purpose, language, arrived,
               status) VALUES (?1, ?2, ?3, 'Desk 1', 'Unpaid wages', 'ky', ?4, 'waiting')",
            rusqlite::params![ev, person, next, Utc::now().to_rfc3339()],
        )
        .unwrap();
        tx.commit().unwrap();
    }

    fn move_visit(&mut self, visit: i64) {
        let tx = self.db.transaction().unwrap();
        let status: String = tx
            .query_row("SELECT status FROM visits WHERE id = ?1", [visit], |r| {
                r.get(0)
            })
            .unwrap();
        let to = if status == "waiting" {
            "with-officer"
        } else {
            "waiting"
        };
        tx.execute(
            "UPDATE visits SET status = ?1 WHERE id = ?2",
            rusqlite::params![to, visit],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO visit_history VALUES (?1, ?2, ?3, 'bench')",
            rusqlite::params![visit, to, Utc::now().to_rfc3339()],
        )
        .unwrap();
        tx.commit().unwrap();
    }
}

/// 1,000 individual durable saves (journal append + fdatasync + sled transaction), the same
/// save in SQLite, and a bare 200-byte append + fdatasync (the floor), all three on the same
/// disk in every round, the one going first taking turns: a drifting disk or a busy core
/// weighs on all three alike, so the floor is never measured at another time than the saves.
fn save_latency_report() {
    let dir = tmp();
    let (store, ev) = store_with_event(dir.path());
    let mut peer = Sqlite::open(dir.path());
    let mut bare = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.path().join("bare"))
        .unwrap();
    let payload = [7u8; 200];
    let mut floor = |samples: &mut Vec<Duration>| {
        let t = Instant::now();
        bare.write_all(&payload).unwrap();
        bare.sync_data().unwrap();
        samples.push(t.elapsed());
    };
    let (mut ours, mut theirs, mut bare_samples) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..1000 {
        for turn in 0..3 {
            match (i + turn) % 3 {
                0 => {
                    let t = Instant::now();
                    store.add_arrival(arrival(ev, i), "bench").unwrap();
                    ours.push(t.elapsed());
                }
                1 => {
                    let t = Instant::now();
                    peer.add_arrival(1, &person(i));
                    theirs.push(t.elapsed());
                }
                _ => floor(&mut bare_samples),
            }
        }
    }
    ratio(
        "durable save (new person + visit)",
        ours,
        theirs,
        &bare_samples,
    );
    let (mut ours, mut theirs, mut bare_samples) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..1000 {
        let visit = store.queue(ev).unwrap()[i % 10].visit.meta.id;
        let to = match store.visit(visit).unwrap().unwrap().status {
            kezek::domain::VisitStatus::Waiting => kezek::domain::VisitStatus::WithOfficer,
            _ => kezek::domain::VisitStatus::Waiting,
        };
        for turn in 0..3 {
            match (i + turn) % 3 {
                0 => {
                    let t = Instant::now();
                    store.set_visit_status(visit, to, "bench").unwrap();
                    ours.push(t.elapsed());
                }
                1 => {
                    let t = Instant::now();
                    peer.move_visit(1 + (i % 10) as i64);
                    theirs.push(t.elapsed());
                }
                _ => floor(&mut bare_samples),
            }
        }
    }
    ratio("durable save (queue move)", ours, theirs, &bare_samples);
}

/// Both sides' and the floor's percentiles, and the ratios of their medians.
fn ratio(label: &str, ours: Vec<Duration>, theirs: Vec<Duration>, floor: &[Duration]) {
    let median = |v: &[Duration]| {
        let mut v = v.to_vec();
        v.sort();
        v[v.len() / 2].as_secs_f64()
    };
    let (o, t, f) = (median(&ours), median(&theirs), median(floor));
    percentiles(&format!("{label}, kezek"), ours);
    percentiles(&format!("{label}, SQLite"), theirs);
    percentiles(&format!("{label}, floor"), floor.to_vec());
    println!(
        "{label:<44} kezek / SQLite median: {:.2}; kezek / floor {:.2}; SQLite / floor {:.2}",
        o / t,
        o / f,
        t / f
    );
}

/// Spawn to exit of `kezek --exit-after-first-frame` in a pseudo-terminal (`script`).
fn cold_start_report() {
    if Command::new("script").arg("--version").output().is_err() {
        println!("cold start: `script` (util-linux) not found, skipped");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_kezek");
    let dir = tmp();
    let run = || {
        let cmd = format!(
            "{bin} --data-dir {} --exit-after-first-frame",
            dir.path().display()
        );
        let t = Instant::now();
        let out = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .env("KEZEK_CONFIG", dir.path().join("none.toml"))
            .output()
            .unwrap();
        let e = t.elapsed();
        assert!(out.status.success() || !out.stdout.is_empty());
        e
    };
    std::fs::write(dir.path().join("none.toml"), "").unwrap();
    run(); // creates the store
    let samples: Vec<Duration> = (0..20).map(|_| run()).collect();
    percentiles("cold start to first frame (empty store)", samples);
}

/// 1,000 consultation saves (new records, each its own durable op).
fn consultation_save_report() {
    let dir = tmp();
    let (store, ev) = store_with_event(dir.path());
    let visits: Vec<_> = (0..1000)
        .map(|i| {
            store
                .add_arrival(arrival(ev, i), "bench")
                .unwrap()
                .visit
                .meta
                .id
        })
        .collect();
    let samples: Vec<Duration> = visits
        .iter()
        .map(|v| {
            let t = Instant::now();
            store
                .save_consultation(*v, None, consultation(7), "bench")
                .unwrap();
            t.elapsed()
        })
        .collect();
    percentiles("durable save (consultation)", samples);
}

fn consultation(i: usize) -> kezek::domain::ConsultationFields {
    kezek::domain::ConsultationFields {
        topics: vec!["wages.unpaid".into()],
        notes: "Работодатель не платит с августа,\nбригада из 12 человек.".into(),
        advice: "Письменная претензия, затем трудовая инспекция.".into(),
        outcome: "referred".into(),
        referral: Some("labour-inspection".into()),
        follow_up: i.is_multiple_of(3).then(|| {
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days((i % 700) as i64)
        }),
        claimed: Some(kezek::domain::Money::new(
            kezek::domain::Currency::Rub,
            5_000_000,
        )),
        ..Default::default()
    }
}

/// A store with 50,000 persons, visits and consultations (a third with open follow-ups):
/// time from asking for the follow-ups to the first frame drawn.
fn follow_ups_report() {
    use kezek::domain::{Consultation, Meta, Person, Visit, VisitStatus};
    use kezek::store::Change;
    let dir = tmp();
    let (store, ev) = store_with_event(dir.path());
    let n = 50_000;
    let mut changes = Vec::new();
    for i in 0..n {
        let pm = store.new_meta();
        let vm = store.new_meta();
        let cm: Meta = store.new_meta();
        changes.push(Change::PutPerson(Person {
            meta: pm.clone(),
            fields: person(i),
        }));
        changes.push(Change::PutVisit(Visit {
            meta: vm.clone(),
            event: ev,
            person: pm.id,
            queue_no: i as u32 + 1,
            desk_name: "Desk 1".into(),
            purpose: "Unpaid wages".into(),
            language: Lang::Ky,
            arrived: vm.created,
            status: VisitStatus::Done,
            history: vec![],
        }));
        changes.push(Change::PutConsultation(Consultation {
            meta: cm,
            visit: vm.id,
            person: pm.id,
            event: ev,
            officer: "bench".into(),
            fields: consultation(i),
        }));
        if changes.len() >= 600 {
            store.commit("bench", std::mem::take(&mut changes)).unwrap();
        }
    }
    store.commit("bench", changes).unwrap();
    follow_ups_first_frame(&store, &format!("{n} consultations"));
    drop(store);
    // The demo's 100,000-person store, when one is named (`kezek demo --persons 100000`):
    // `KEZEK_BENCH_STORE=DIR cargo bench --bench store`.
    if let Some(dir) = std::env::var_os("KEZEK_BENCH_STORE") {
        let (store, _) = Store::open(std::path::Path::new(&dir), &StoreOptions::default()).unwrap();
        let c = store.counts().unwrap();
        follow_ups_first_frame(
            &store,
            &format!(
                "demo store, {} persons, {} consultations",
                c.persons, c.consultations
            ),
        );
    }
}

/// Time from asking for the follow-ups to the first frame drawn (80x24, `TestBackend`).
fn follow_ups_first_frame(store: &Store, what: &str) {
    let tax = std::sync::Arc::new(kezek::taxonomy::builtin());
    let i18n = kezek::i18n::I18n::new("en");
    let ctx = kezek::app::Context {
        desk_name: "Desk 1".into(),
        desk_letter: String::new(),
        own_desk: None,
        desks: Default::default(),
        officer: "bench".into(),
        language: Lang::En,
        local_offset_min: 180,
        idle_lock_minutes: 0,
        anonymity_k: kezek::export::DEFAULT_K,
        taxonomy: tax,
        printer: None,
    };
    let samples: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            let mut state = kezek::app::State::new(ctx.clone(), Utc::now());
            kezek::app::update(
                &mut state,
                kezek::app::Action::Key(kezek::app::keymap::Key::Char('f')),
            );
            let page = store
                .follow_ups_page(
                    kezek::app::pages::follow_ups::FOLLOW_UP_PAGE,
                    state.today(),
                    &Default::default(),
                )
                .unwrap();
            kezek::app::update(&mut state, kezek::app::Action::FollowUpsLoaded(page));
            let mut term =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
            term.draw(|f| kezek::ui::render(f, &state, &i18n)).unwrap();
            t.elapsed()
        })
        .collect();
    let open = store.open_follow_ups().unwrap().len();
    percentiles(
        &format!("follow-ups first frame ({what}, {open} open)"),
        samples,
    );
}

fn codec_bench(c: &mut Criterion) {
    let visit = kezek::domain::Visit {
        meta: kezek::domain::Meta::new(kezek::domain::Id(1), kezek::domain::DeskId(2), Utc::now()),
        event: kezek::domain::Id(3),
        person: kezek::domain::Id(4),
        queue_no: 17,
        desk_name: "Desk 1".into(),
        purpose: "Регистрация по месту пребывания".into(),
        language: Lang::Ru,
        arrived: Utc::now(),
        status: kezek::domain::VisitStatus::Waiting,
        history: vec![],
    };
    let bytes = codec::encode(&visit).unwrap();
    c.bench_function("codec/encode visit", |b| {
        b.iter(|| codec::encode(&visit).unwrap())
    });
    c.bench_function("codec/decode visit", |b| {
        b.iter(|| codec::decode::<kezek::domain::Visit>(&bytes).unwrap())
    });
}

fn save_bench(c: &mut Criterion) {
    let dir = tmp();
    let (store, ev) = store_with_event(dir.path());
    let mut i = 0;
    c.bench_function("store/durable arrival save", |b| {
        b.iter(|| {
            i += 1;
            store.add_arrival(arrival(ev, i), "bench").unwrap()
        })
    });
    drop(store);
    // A big reception day: 1,000 arrivals in one event's queue.
    let dir = tmp();
    let (store, ev) = store_with_event(dir.path());
    for i in 0..1000 {
        store.add_arrival(arrival(ev, i), "bench").unwrap();
    }
    c.bench_function("store/load queue of 1,000 visits", |b| {
        b.iter(|| store.queue(ev).unwrap().len())
    });
    c.bench_function("store/suggest 'асанов1' among 1,000", |b| {
        b.iter(|| store.suggest_persons("асанов1", 8).unwrap().len())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = codec_bench, save_bench
}

fn main() {
    save_latency_report();
    consultation_save_report();
    follow_ups_report();
    cold_start_report();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
