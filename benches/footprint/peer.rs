//! The SQLite side: the CSV export loaded into tables with the indexes a careful engineer
//! would add, and the same work kezek does, one process per run.

use std::io::Write;
use std::path::Path;

use kezek::domain::translit::skeleton_words;
use kezek::domain::validate::{normalize_document, phone_search_digits};
use rusqlite::{Connection, params};

fn open(db: &Path) -> Connection {
    let c = Connection::open(db).unwrap();
    c.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
        .unwrap();
    c
}

const TABLES: [&str; 5] = [
    "persons",
    "visits",
    "consultations",
    "appeals",
    "appeal_members",
];

/// Loads the export's tables (every column as text, as it is in the CSV), a search table of
/// transliterated name words (FTS5, prefix indexes of 2 and 3 letters) with the document
/// and phone keys kezek looks up by, the topics of consultations one per row, and the
/// events. Returns the number of persons.
pub fn load(db: &Path, csv: &Path) -> u64 {
    let mut c = open(db);
    let tx = c.transaction().unwrap();
    let mut persons = 0;
    for t in TABLES {
        let mut r = csv::Reader::from_path(csv.join(format!("{t}.csv"))).unwrap();
        let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        tx.execute_batch(&format!("CREATE TABLE {t}({});", head.join(", ")))
            .unwrap();
        let marks: Vec<String> = (1..=head.len()).map(|i| format!("?{i}")).collect();
        let mut ins = tx
            .prepare(&format!("INSERT INTO {t} VALUES ({})", marks.join(",")))
            .unwrap();
        for rec in r.records() {
            let rec = rec.unwrap();
            ins.execute(rusqlite::params_from_iter(rec.iter())).unwrap();
            if t == "persons" {
                persons += 1;
            }
        }
    }
    tx.execute_batch(
        "CREATE TABLE person_keys(person INTEGER PRIMARY KEY, doc_key TEXT, phone_key TEXT);
         CREATE VIRTUAL TABLE names USING fts5(words, prefix='2 3');
         CREATE TABLE consultation_topics(consultation INTEGER, topic TEXT);
         CREATE TABLE events(event_id TEXT PRIMARY KEY, event_date TEXT, event_city TEXT,
             event_venue TEXT, visits INTEGER);",
    )
    .unwrap();
    {
        let mut keys = tx
            .prepare("INSERT INTO person_keys VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut names = tx
            .prepare("INSERT INTO names(rowid, words) VALUES (?1, ?2)")
            .unwrap();
        let mut q = tx
            .prepare("SELECT rowid, surname, given_name, patronymic, document, phone FROM persons")
            .unwrap();
        let rows: Vec<(i64, String, String, String, String, String)> = q
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (id, s, g, p, doc, phone) in rows {
            let words = skeleton_words(&format!("{s} {g} {p}")).join(" ");
            names.execute(params![id, words]).unwrap();
            let doc = normalize_document(&doc).ok().filter(|d| !d.is_empty());
            keys.execute(params![id, doc, phone_search_digits(&phone)])
                .unwrap();
        }
        let mut topics = tx
            .prepare("INSERT INTO consultation_topics VALUES (?1, ?2)")
            .unwrap();
        let mut q = tx
            .prepare("SELECT rowid, topics FROM consultations")
            .unwrap();
        let rows: Vec<(i64, String)> = q
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (id, list) in rows {
            for t in list.split(';').filter(|t| !t.is_empty()) {
                topics.execute(params![id, t]).unwrap();
            }
        }
    }
    tx.execute_batch(
        "INSERT INTO events SELECT event_id, event_date, event_city, event_venue, COUNT(*)
             FROM visits GROUP BY event_id;
         CREATE UNIQUE INDEX persons_id ON persons(person_id);
         CREATE INDEX keys_doc ON person_keys(doc_key);
         CREATE INDEX keys_phone ON person_keys(phone_key);
         CREATE UNIQUE INDEX visits_id ON visits(visit_id);
         CREATE INDEX visits_event ON visits(event_id, queue_no);
         CREATE INDEX visits_person ON visits(person_id);
         CREATE UNIQUE INDEX consultations_id ON consultations(consultation_id);
         CREATE INDEX consultations_event ON consultations(event_id);
         CREATE INDEX consultations_person ON consultations(person_id);
         CREATE INDEX consultations_follow_up ON consultations(follow_up);
         CREATE INDEX topics_topic ON consultation_topics(topic);
         CREATE INDEX members_appeal ON appeal_members(appeal_id);
         CREATE INDEX members_person ON appeal_members(person_id);",
    )
    .unwrap();
    tx.commit().unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
        .unwrap();
    persons
}

/// `footprint --peer DB WHAT [ARG]`: one run of the SQLite side.
pub fn main(args: &[String]) {
    let db = open(Path::new(&args[0]));
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    match args[1].as_str() {
        "open" => events(&db, &mut out),
        "find" => find(&db, &args[2], &mut out),
        "report" => report(&db, &mut out),
        "export" => export(&db, Path::new(&args[2])),
        other => panic!("unknown peer command {other}"),
    }
    out.flush().unwrap();
}

fn events(db: &Connection, out: &mut impl Write) {
    let mut q = db
        .prepare("SELECT event_date, event_city, event_venue, visits FROM events ORDER BY event_date DESC")
        .unwrap();
    let rows = q
        .query_map([], |r| {
            Ok(format!(
                "{} {} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?
            ))
        })
        .unwrap();
    for r in rows {
        writeln!(out, "{}", r.unwrap()).unwrap();
    }
}

/// As `kezek find`: document and phone beginnings, then every word of the name as a prefix
/// of a word (any order), ranked; ten at most, with the count of all matches.
fn find(db: &Connection, q: &str, out: &mut impl Write) {
    let mut ids: Vec<i64> = Vec::new();
    let mut total = 0i64;
    let range = |sql: &str, key: &str, ids: &mut Vec<i64>, total: &mut i64| {
        let hi = format!("{key}\u{10FFFF}");
        let mut st = db.prepare_cached(sql).unwrap();
        ids.extend(
            st.query_map(params![key, hi], |r| r.get::<_, i64>(0))
                .unwrap()
                .flatten(),
        );
        let count = sql
            .replace("SELECT person", "SELECT COUNT(*)")
            .replace(" LIMIT 10", "");
        *total += db
            .query_row(&count, params![key, hi], |r| r.get::<_, i64>(0))
            .unwrap();
    };
    if q.chars().any(|c| c.is_ascii_digit()) {
        if let Ok(doc) = normalize_document(q)
            && doc.len() >= 4
        {
            range(
                "SELECT person FROM person_keys WHERE doc_key >= ?1 AND doc_key < ?2 LIMIT 10",
                &doc,
                &mut ids,
                &mut total,
            );
        }
        if let Some(d) = phone_search_digits(q)
            && d.len() >= 4
        {
            range(
                "SELECT person FROM person_keys WHERE phone_key >= ?1 AND phone_key < ?2 LIMIT 10",
                &d,
                &mut ids,
                &mut total,
            );
        }
    }
    let words = skeleton_words(q);
    if ids.is_empty() && !words.is_empty() {
        let m = words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" AND ");
        let mut st = db
            .prepare_cached("SELECT rowid FROM names WHERE names MATCH ?1 ORDER BY rank LIMIT 10")
            .unwrap();
        ids.extend(
            st.query_map(params![m], |r| r.get::<_, i64>(0))
                .unwrap()
                .flatten(),
        );
        total = db
            .query_row(
                "SELECT COUNT(*) FROM names WHERE names MATCH ?1",
                params![m],
                |r| r.get(0),
            )
            .unwrap();
    }
    ids.truncate(10);
    let mut st = db
        .prepare_cached(
            "SELECT person_id, surname, given_name, birth_date, phone FROM persons WHERE rowid = ?1",
        )
        .unwrap();
    for id in ids {
        let line = st
            .query_row(params![id], |r| {
                Ok(format!(
                    "{}\t{} {}\t{} · {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?
                ))
            })
            .unwrap();
        writeln!(out, "{line}").unwrap();
    }
    writeln!(out, "{} found", total).unwrap();
}

/// The report's figures as GROUP BY queries over the whole period.
fn report(db: &Connection, out: &mut impl Write) {
    let queries = [
        "SELECT COUNT(*), COUNT(DISTINCT person_id), SUM(status = 'done'), SUM(status = 'left') FROM visits",
        "SELECT waited_min FROM visits WHERE waited_min <> '' ORDER BY CAST(waited_min AS INTEGER)",
        "SELECT COUNT(*), COUNT(DISTINCT person_id) FROM consultations",
        "SELECT t.topic, COUNT(*), COUNT(DISTINCT c.person_id) FROM consultation_topics t
             JOIN consultations c ON c.rowid = t.consultation GROUP BY t.topic",
        "SELECT outcome, COUNT(*), COUNT(DISTINCT person_id) FROM consultations GROUP BY outcome",
        "SELECT referral, COUNT(*), COUNT(DISTINCT person_id) FROM consultations
             WHERE referral <> '' GROUP BY referral",
        "SELECT p.region, COUNT(DISTINCT p.person_id) FROM persons p
             WHERE p.person_id IN (SELECT person_id FROM visits) GROUP BY p.region",
        "SELECT p.sex, COUNT(DISTINCT p.person_id) FROM persons p
             WHERE p.person_id IN (SELECT person_id FROM visits) GROUP BY p.sex",
        "SELECT v.age_band, COUNT(DISTINCT v.person_id) FROM visits v GROUP BY v.age_band",
        "SELECT claimed_currency, SUM(CAST(claimed AS REAL)), recovered_currency,
             SUM(CAST(recovered AS REAL)) FROM consultations WHERE appeal_id = ''
             GROUP BY claimed_currency, recovered_currency",
        "SELECT a.topic, COUNT(DISTINCT a.appeal_id), COUNT(DISTINCT m.person_id),
             SUM(CAST(m.claimed AS REAL)), SUM(CAST(m.recovered AS REAL))
             FROM appeals a JOIN appeal_members m ON m.appeal_id = a.appeal_id
             WHERE m.status <> 'withdrawn' GROUP BY a.topic",
        "SELECT COUNT(*) FROM consultations WHERE follow_up <> '' AND follow_up_closed = ''",
    ];
    for sql in queries {
        let mut st = db.prepare(sql).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
                    _ => String::new(),
                })
                .collect();
            writeln!(out, "{}", cells.join("\t")).unwrap();
        }
    }
}

/// The five tables written as CSV files into a new folder, as `kezek export` does.
fn export(db: &Connection, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for t in TABLES {
        let mut st = db.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let names: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
        let mut w = csv::Writer::from_path(dir.join(format!("{t}.csv"))).unwrap();
        w.write_record(&names).unwrap();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..names.len())
                .map(|i| r.get::<_, String>(i).unwrap_or_default())
                .collect();
            w.write_record(&cells).unwrap();
        }
        w.flush().unwrap();
        w.into_inner().unwrap().sync_all().unwrap();
    }
}
