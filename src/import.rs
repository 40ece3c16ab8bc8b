//! Importing a register kept in a spreadsheet: the visits table, in the export's own CSV
//! layout or the usual variants (with or without a byte-order mark, `,` or `;`, CRLF,
//! quoted multi-line fields, the Russian column names). Every row is checked first; any
//! invalid row is reported with its line and column and nothing is written. Rows already in
//! the store (same visit id, or the same person at the same event and minute) are skipped,
//! so importing a file twice creates nothing the second time. A whole export folder imports
//! every table, ids kept (`import_folder`).
//!
//! Limits at the door: a file is UTF-8 (BOM or none), UTF-16 with a BOM, or Windows-1251 as
//! Russian Excel saves it; anything else is refused with the advice to save as "CSV UTF-8",
//! never read with replacement characters. Every cell is within its column's documented
//! length (`Limit::of_column`), every number within its range, every year four digits in
//! 1900–2100, every id a valid one and unique in the file (and in the folder). Line numbers
//! are those a spreadsheet shows: the header is line 1, a quoted multi-line cell is one row.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::domain::search::Likeness;
use crate::domain::validate::{
    Limit, ValidationError, clean_text, parse_date, parse_date_time, parse_utc_offset,
};
use crate::domain::visit::StatusChange;
use crate::domain::{
    DeskId, Event, EventFields, Id, Lang, Meta, Person, PersonInput, Region, Sex, Visit,
    VisitStatus,
};
use crate::store::{Change, Store, StoreError};

const REQUIRED: [&str; 4] = ["event_date", "event_city", "surname", "given_name"];

/// Queue numbers run from 1 per desk and event; no reception day comes near this.
pub const MAX_QUEUE_NO: u32 = 99_999;
/// Minutes from arrival to being called (or leaving): at most a week, even for a visit
/// whose status was only set days later.
pub const MAX_WAITED_MIN: i64 = 7 * 24 * 60;
/// How much of a refused cell the message repeats.
const SHOWN_CHARS: usize = 60;

/// A refused cell's value as the message shows it: its first characters only (a 5 MB cell
/// is not printed whole).
fn excerpt(value: &str) -> String {
    let mut out: String = value.chars().take(SHOWN_CHARS).collect();
    if out.len() < value.len() {
        out.push('…');
    }
    out
}

/// The file's text. UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
/// "Unicode text"), or — when the bytes are not UTF-8 but read as Russian text in it —
/// Windows-1251, which Russian Excel writes for "CSV (разделители — запятые)". Anything
/// else is refused: the line of the first byte that cannot be read is returned.
fn decode_text(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, u64> {
    let line_of = |at: usize| {
        1 + bytes[..at.min(bytes.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64
    };
    let text = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        enc.decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .ok_or(1u64)?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(_) if plausible_cp1251(bytes) => encoding_rs::WINDOWS_1251
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or(1u64)?,
            Err(e) => return Err(line_of(e.valid_up_to())),
        }
    };
    // A file already damaged by an earlier conversion holds replacement characters: its
    // text is lost there, and storing it would hide that.
    if let Some(at) = text.find('\u{fffd}') {
        return Err(1 + text[..at].matches('\n').count() as u64);
    }
    Ok(text)
}

/// Whether bytes that are not UTF-8 read as Russian text in Windows-1251: every byte above
/// ASCII is a Cyrillic letter or the punctuation Russian text uses (`№ « » – — … “ ” ‘ ’`,
/// the no-break space), no control characters, and the letters come in words — a Latin-1
/// `é` between Latin letters is one letter alone, and such a file is refused, not guessed.
fn plausible_cp1251(bytes: &[u8]) -> bool {
    let letter = |b: u8| {
        b >= 0xC0
            || matches!(
                b,
                0xA8 | 0xB8 | 0xAA | 0xBA | 0xAF | 0xBF | 0xB2 | 0xB3 | 0xA1 | 0xA2
            )
    };
    let (mut letters, mut alone) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t') {
            return false;
        }
        if b < 0x80 {
            continue;
        }
        if letter(b) {
            letters += 1;
            let before = i > 0 && letter(bytes[i - 1]);
            let after = bytes.get(i + 1).is_some_and(|n| letter(*n));
            if !before && !after {
                alone += 1;
            }
        } else if !matches!(
            b,
            0xB9 | 0xAB
                | 0xBB
                | 0x96
                | 0x97
                | 0x85
                | 0x93
                | 0x94
                | 0x91
                | 0x92
                | 0xA0
                | 0xB0
                | 0xA7
                | 0x84
                | 0x8B
                | 0x9B
        ) {
            return false;
        }
    }
    // One-letter words exist (`и`, `в`, `с`): a few are fine, most are not.
    letters > 0 && alone * 4 <= letters
}

/// Why a file or a row was refused. `msg` is an i18n id (or plain text for CSV syntax).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The table's file in an export folder (`consultations.csv`); empty for one file.
    pub file: &'static str,
    /// 1-based line of the file where the record starts.
    pub line: u64,
    pub column: String,
    pub msg: &'static str,
    pub value: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} problem(s) in the file; nothing was imported", .0.len())]
    Rows(Vec<RowError>),
    #[error("line {line}: {message}; nothing was imported")]
    Syntax { line: u64, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Stopped (Ctrl+C) before anything was written.
    #[error("cancelled; nothing was imported")]
    Cancelled,
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub new_events: usize,
    pub new_persons: usize,
    pub new_visits: usize,
    /// Rows whose person was already on record (by id, document, phone or birth date and
    /// a similar name).
    pub matched_persons: usize,
    /// Rows already imported (skipped).
    pub already_there: usize,
    /// Of those, rows without a document or birth date found by the person's name at the
    /// same event and arrival minute (a register imported again).
    pub matched_by_slot: usize,
    /// (line, person on record's name) for the rows matched to existing persons.
    pub matches: Vec<(u64, String)>,
    /// From the other tables of an export folder.
    pub new_consultations: usize,
    pub new_appeals: usize,
    pub new_members: usize,
}

/// The field separator of a file: `;` when the header line has more of them than `,`.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas { b';' } else { b',' }
}

fn sex(raw: &str) -> Option<Sex> {
    match raw.trim().to_lowercase().as_str() {
        "" | "unknown" | "?" | "не указан" => Some(Sex::Unknown),
        "male" | "m" | "м" | "муж" | "мужской" | "эркек" => Some(Sex::Male),
        "female" | "f" | "ж" | "жен" | "женский" | "аял" => Some(Sex::Female),
        _ => None,
    }
}

fn status(raw: &str) -> Option<VisitStatus> {
    match raw.trim().to_lowercase().as_str() {
        "" | "done" | "обслужен" => Some(VisitStatus::Done),
        "waiting" | "ожидает" => Some(VisitStatus::Waiting),
        "with-officer" | "у сотрудника" => Some(VisitStatus::WithOfficer),
        "left"
        | "ушел"
        | "ушёл"
        | "ушла"
        | "ушёл(а)"
        | "ушел(а)"
        | "ушел без обслуживания"
        | "ушёл(а) без приёма"
        | "ушел(а) без приема" => Some(VisitStatus::LeftWithoutService),
        _ => None,
    }
}

/// A person's fields from a row of the visits or persons table (region by code or name,
/// sex in the usual spellings), checked as the arrival form checks them.
fn person_fields<'a>(
    get: &dyn Fn(&str) -> &'a str,
    bad: &mut dyn FnMut(&str, &'static str),
    today: NaiveDate,
) -> Option<crate::domain::PersonFields> {
    let region = match get("region") {
        "" => None,
        code => match Region::from_code(code).or_else(|| {
            Region::ALL
                .into_iter()
                .find(|r| crate::domain::region::matches_name(*r, code))
        }) {
            Some(r) => Some(r),
            None => {
                bad("region", "import-unknown-region");
                None
            }
        },
    };
    let sex_v = sex(get("sex")).unwrap_or_else(|| {
        bad("sex", "import-bad-sex");
        Sex::Unknown
    });
    let input = PersonInput {
        surname: get("surname").into(),
        given_name: get("given_name").into(),
        patronymic: get("patronymic").into(),
        birth_date: get("birth_date").into(),
        sex: sex_v,
        document: get("document").into(),
        phone: get("phone").into(),
        region,
        city: get("city").into(),
    };
    match input.validate(today) {
        Ok(p) => Some(p),
        Err(es) => {
            for (field, e) in es {
                let col = match field {
                    crate::domain::PersonField::Surname => "surname",
                    crate::domain::PersonField::GivenName => "given_name",
                    crate::domain::PersonField::Patronymic => "patronymic",
                    crate::domain::PersonField::BirthDate => "birth_date",
                    crate::domain::PersonField::Document => "document",
                    crate::domain::PersonField::Phone => "phone",
                    crate::domain::PersonField::City => "city",
                };
                bad(col, e.msg_id());
            }
            None
        }
    }
}

/// A row checked and turned into what it will create.
struct Row {
    line: u64,
    visit_id: Option<Id>,
    event_id: Option<Id>,
    event: EventFields,
    person_id: Option<Id>,
    person: crate::domain::PersonFields,
    queue_no: Option<u32>,
    desk: String,
    purpose: String,
    language: Lang,
    arrived: Option<NaiveDateTime>,
    status: VisitStatus,
    waited_min: Option<i64>,
}

fn parse_rows(
    bytes: &[u8],
    default_offset: i32,
    today: NaiveDate,
) -> Result<Vec<Row>, ImportError> {
    let table = Table::parse(bytes, "visits", "", &REQUIRED, "visit_id")?;
    let mut errors = table.errors.clone();
    let mut rows = Vec::new();
    for (line, rec) in &table.rows {
        let line = *line;
        let get = |code: &str| -> &str { table.get(rec, code) };
        let mut bad = |column: &str, msg: &'static str| {
            errors.push(RowError {
                file: "",
                line,
                column: column.to_string(),
                msg,
                value: excerpt(get(column)),
            })
        };
        let id = |code: &str, bad: &mut dyn FnMut(&str, &'static str)| -> Option<Id> {
            let v = get(code);
            if v.is_empty() {
                return None;
            }
            match Id::parse_exact(v) {
                Some(id) => Some(id),
                None => {
                    bad(code, "import-bad-id");
                    None
                }
            }
        };
        let visit_id = id("visit_id", &mut bad);
        let event_id = id("event_id", &mut bad);
        let person_id = id("person_id", &mut bad);
        let date = match parse_date(get("event_date")) {
            Ok(d) => Some(d),
            Err(e) => {
                bad("event_date", e.msg_id());
                None
            }
        };
        let city = clean_text(get("event_city"), true).unwrap_or_else(|e| {
            bad("event_city", e.msg_id());
            String::new()
        });
        let offset = if get("utc_offset").is_empty() {
            default_offset
        } else {
            parse_utc_offset(get("utc_offset")).unwrap_or_else(|e| {
                bad("utc_offset", e.msg_id());
                0
            })
        };
        let person = person_fields(&get, &mut bad, today);
        let queue_no = match get("queue_no") {
            "" => None,
            v => match v.parse::<u32>() {
                Ok(n) if (1..=MAX_QUEUE_NO).contains(&n) => Some(n),
                _ => {
                    bad("queue_no", "import-bad-queue-no");
                    None
                }
            },
        };
        let arrived = match get("arrived") {
            "" => None,
            v => match chrono::NaiveTime::parse_from_str(v, "%H:%M") {
                // A time alone is on the event's day.
                Ok(t) => date.map(|d| d.and_time(t)),
                Err(_) => match parse_date_time(v) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        bad("arrived", time_msg(e));
                        None
                    }
                },
            },
        };
        let status_v = status(get("status")).unwrap_or_else(|| {
            bad("status", "import-bad-status");
            VisitStatus::Done
        });
        let waited_min = match get("waited_min") {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(n) if (0..=MAX_WAITED_MIN).contains(&n) => Some(n),
                _ => {
                    bad("waited_min", "import-bad-waited");
                    None
                }
            },
        };
        let mut text = |code: &str| match clean_text(get(code), false) {
            Ok(t) => t,
            Err(e) => {
                bad(code, e.msg_id());
                String::new()
            }
        };
        let venue = text("event_venue");
        let desk = text("desk");
        let purpose = text("purpose");
        let language = Lang::from_code(get("language")).unwrap_or(Lang::Ru);
        let (Some(date), Some(person)) = (date, person) else {
            continue;
        };
        rows.push(Row {
            line,
            visit_id,
            event_id,
            event: EventFields {
                date,
                city,
                venue,
                hosts: Vec::new(),
                utc_offset_min: offset,
            },
            person_id,
            person,
            queue_no,
            desk,
            purpose,
            language,
            arrived,
            status: status_v,
            waited_min,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ImportError::Rows(dedup(errors)))
    }
}

/// The message for a date and time that could not be read: the year's own hint when that
/// is what is wrong.
fn time_msg(e: ValidationError) -> &'static str {
    match e {
        ValidationError::DateTwoDigitYear | ValidationError::DateYearRange => e.msg_id(),
        _ => "import-bad-time",
    }
}

/// One problem per cell and message: a cell refused as over its limit is not also reported
/// by its field's own check, and a line given with an id twice is listed once.
fn dedup(errors: Vec<RowError>) -> Vec<RowError> {
    let too_long = |e: &RowError| e.msg.starts_with("err-too-long");
    let long_cells: std::collections::HashSet<(&'static str, u64, String)> = errors
        .iter()
        .filter(|e| too_long(e))
        .map(|e| (e.file, e.line, e.column.clone()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in errors {
        let cell = (e.file, e.line, e.column.clone());
        let shadowed =
            !too_long(&e) && e.msg != "import-duplicate-id" && long_cells.contains(&cell);
        if !shadowed && seen.insert((cell, e.msg)) {
            out.push(e);
        }
    }
    out
}

/// Where an import asked for as `typed` (in the app) is read from: a full path as it is, a
/// relative one from the data directory `data_dir`.
pub fn source_path(data_dir: &std::path::Path, typed: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(typed);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        data_dir.join(path)
    }
}

/// Imports what is at `path`: a folder is a whole CSV export (`import_folder`), a file a
/// visits table (`import_csv`).
pub fn import_at(
    store: &Store,
    tax: &crate::domain::taxonomy::Taxonomy,
    path: &std::path::Path,
    dry_run: bool,
    default_offset: i32,
    officer: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ImportReport, ImportError> {
    if path.is_dir() {
        return import_folder(store, tax, path, dry_run, default_offset, officer, progress);
    }
    let bytes = std::fs::read(path).map_err(|source| {
        ImportError::Store(StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
    })?;
    import_csv(store, &bytes, dry_run, default_offset, officer, progress)
}

/// Checks the whole file, then (unless `dry_run`) writes everything in one bulk commit.
pub fn import_csv(
    store: &Store,
    bytes: &[u8],
    dry_run: bool,
    default_offset: i32,
    officer: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ImportReport, ImportError> {
    let today = Utc::now().date_naive();
    let rows = parse_rows(bytes, default_offset, today)?;
    let plan = plan_visits(store, rows, &HashMap::new(), officer, progress)?;
    commit(store, officer, dry_run, plan.changes)?;
    Ok(plan.report)
}

fn commit(
    store: &Store,
    officer: &str,
    dry_run: bool,
    changes: Vec<Change>,
) -> Result<(), ImportError> {
    if !dry_run && !changes.is_empty() {
        // Moved into ops of 200 changes, not copied: an import of a whole export holds
        // every record of it here.
        let mut batches: Vec<Vec<Change>> = Vec::with_capacity(changes.len().div_ceil(200));
        {
            let mut rest = changes.into_iter().peekable();
            while rest.peek().is_some() {
                batches.push(rest.by_ref().take(200).collect());
            }
        }
        store.commit_bulk(officer, batches)?;
        store.flush()?;
    }
    Ok(())
}

/// What importing the visits would write, and where the file's ids went: events and
/// persons matched to ones on record get those ids; visits already there keep theirs.
struct Plan {
    report: ImportReport,
    changes: Vec<Change>,
    /// The file's visit id -> (visit, event, person) in the store after the import.
    visits: HashMap<Id, (Id, Id, Id)>,
}

fn plan_visits(
    store: &Store,
    rows: Vec<Row>,
    known_persons: &HashMap<Id, Id>,
    officer: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Plan, ImportError> {
    let desk: DeskId = store.desk();
    let mut report = ImportReport {
        rows: rows.len(),
        ..Default::default()
    };
    let mut events: Vec<Event> = store.events()?;
    let mut event_created: Vec<bool> = vec![false; events.len()];
    let mut new_persons: HashMap<String, Id> = HashMap::new();
    let visits_on_record = store.visits()?;
    let mut existing_visits: HashMap<(Id, Id, i64), Id> = visits_on_record
        .iter()
        .map(|v| ((v.event, v.person, v.arrived.timestamp() / 60), v.meta.id))
        .collect();
    // Who came to which event at which minute: a row whose person cannot be told by
    // document or birth date is that visit's when the names agree.
    let mut at_minute: HashMap<(Id, i64), Vec<Id>> = HashMap::new();
    for v in &visits_on_record {
        at_minute
            .entry((v.event, v.arrived.timestamp() / 60))
            .or_default()
            .push(v.person);
    }
    drop(visits_on_record);
    let mut visits_map: HashMap<Id, (Id, Id, Id)> = HashMap::new();
    let mut next_no: HashMap<Id, u32> = HashMap::new();
    let mut changes: Vec<Change> = Vec::new();
    let total = rows.len();
    for (i, row) in rows.into_iter().enumerate() {
        if i % 500 == 0 && !progress(i, total) {
            return Err(ImportError::Cancelled);
        }
        // The visit id is already there: imported before.
        if let Some(id) = row.visit_id
            && let Some(v) = store.visit(id)?
        {
            visits_map.insert(id, (id, v.event, v.person));
            report.already_there += 1;
            continue;
        }
        // The event: by id, or the same day and city.
        let ei = events.iter().position(|e| {
            Some(e.meta.id) == row.event_id
                || (e.fields.date == row.event.date
                    && e.fields.city.to_lowercase() == row.event.city.to_lowercase())
        });
        let ei = match ei {
            Some(i) => i,
            None => {
                let at =
                    Utc.from_utc_datetime(&row.event.date.and_hms_opt(0, 0, 0).unwrap_or_default());
                let id = row.event_id.unwrap_or_else(|| {
                    Id::from_parts(at.timestamp_millis().max(0) as u64, rand::random())
                });
                let e = Event {
                    meta: Meta::new(id, desk, at),
                    fields: row.event.clone(),
                };
                changes.push(Change::PutEvent(e.clone()));
                events.push(e);
                event_created.push(true);
                report.new_events += 1;
                events.len() - 1
            }
        };
        let event = events[ei].clone();
        // The person: by id, by look-alike on record, or one created earlier in this file.
        // Rows of one person: the same id, or (without ids) the same name, birth date and
        // document.
        let key = match row.person_id {
            Some(id) => id.to_string(),
            None => format!(
                "{}|{}|{}|{:?}|{:?}",
                crate::domain::name::fold(&row.person.surname),
                crate::domain::name::fold(&row.person.given_name),
                crate::domain::name::fold(&row.person.patronymic),
                row.person.birth_date,
                row.person.document
            ),
        };
        let offset = i64::from(event.fields.utc_offset_min);
        // The year is within 1900–2100 and the offset within ±14 h: no overflow.
        let arrived = row
            .arrived
            .map(|a| Utc.from_utc_datetime(&a) - chrono::Duration::minutes(offset))
            .unwrap_or_else(|| {
                Utc.from_utc_datetime(&event.fields.date.and_hms_opt(9, 0, 0).unwrap_or_default())
                    - chrono::Duration::minutes(offset)
            });
        let minute = arrived.timestamp() / 60;
        let known = row.person_id.and_then(|id| known_persons.get(&id)).copied();
        let mut by_slot = None;
        let on_record = match row.person_id {
            _ if known.is_some() => None,
            Some(id) if store.person(id)?.is_some() => store.person(id)?,
            _ => match store
                .look_alikes(&row.person, 3)?
                .into_iter()
                .find(|(_, why)| {
                    // A shared phone alone may be a family's; it is not enough to merge rows.
                    *why != Likeness::SamePhone
                })
                .map(|(p, _)| p)
            {
                Some(p) => Some(p),
                None => {
                    by_slot = same_name_at(store, &at_minute, event.meta.id, minute, &row.person)?;
                    None
                }
            },
        };
        let person = match (known, on_record, by_slot, new_persons.get(&key)) {
            (Some(id), ..) => id,
            (None, Some(p), ..) => {
                report.matched_persons += 1;
                report.matches.push((row.line, p.fields.full_name()));
                p.meta.id
            }
            (None, None, Some(id), _) => {
                report.matched_by_slot += 1;
                id
            }
            (None, None, None, Some(id)) => *id,
            (None, None, None, None) => {
                let created = row
                    .arrived
                    .map(|a| {
                        Utc.from_utc_datetime(&a)
                            - chrono::Duration::minutes(i64::from(row.event.utc_offset_min))
                    })
                    .unwrap_or_else(Utc::now);
                let id = row.person_id.unwrap_or_else(|| {
                    Id::from_parts(created.timestamp_millis().max(0) as u64, rand::random())
                });
                let p = Person {
                    meta: Meta::new(id, desk, created),
                    fields: row.person.clone(),
                };
                changes.push(Change::PutPerson(p));
                new_persons.insert(key, id);
                report.new_persons += 1;
                id
            }
        };
        // Without an id, the same person at the same event and minute is the same visit
        // (a register imported twice); with one, the id alone decides (checked above).
        let slot = (event.meta.id, person, minute);
        if let (None, Some(there)) = (row.visit_id, existing_visits.get(&slot)) {
            if let Some(file_id) = row.visit_id {
                visits_map.insert(file_id, (*there, event.meta.id, person));
            }
            report.already_there += 1;
            continue;
        }
        let queue_no = match row.queue_no {
            Some(n) => n,
            None => {
                let n = next_no
                    .entry(event.meta.id)
                    .or_insert_with(|| store.next_queue_no(event.meta.id, desk).unwrap_or(1));
                let out = *n;
                *n += 1;
                out
            }
        };
        let mut history = Vec::new();
        if row.status != VisitStatus::Waiting {
            // `waited_min` is within a week (checked with the row): this cannot overflow,
            // and if it did the arrival time is the honest fallback.
            let at = arrived
                .checked_add_signed(chrono::Duration::minutes(row.waited_min.unwrap_or(0)))
                .unwrap_or(arrived);
            let first = if row.status == VisitStatus::LeftWithoutService {
                VisitStatus::LeftWithoutService
            } else {
                VisitStatus::WithOfficer
            };
            history.push(StatusChange {
                status: first,
                at,
                officer: officer.to_string(),
            });
            if row.status == VisitStatus::Done {
                history.push(StatusChange {
                    status: VisitStatus::Done,
                    at,
                    officer: officer.to_string(),
                });
            }
        }
        let id = row.visit_id.unwrap_or_else(|| {
            Id::from_parts(arrived.timestamp_millis().max(0) as u64, rand::random())
        });
        existing_visits.insert(slot, id);
        at_minute
            .entry((event.meta.id, minute))
            .or_default()
            .push(person);
        visits_map.insert(id, (id, event.meta.id, person));
        changes.push(Change::PutVisit(Visit {
            meta: Meta::new(id, desk, arrived),
            event: event.meta.id,
            person,
            queue_no,
            desk_name: row.desk,
            purpose: row.purpose,
            language: row.language,
            arrived,
            status: row.status,
            history,
        }));
        report.new_visits += 1;
    }
    if !progress(total, total) {
        return Err(ImportError::Cancelled);
    }
    Ok(Plan {
        report,
        changes,
        visits: visits_map,
    })
}

/// The person of a visit on record at `event` and `minute` whose name is the row's, when
/// the row has nothing better to match on (no document or birth date) and nothing the two
/// both have differs.
fn same_name_at(
    store: &Store,
    at_minute: &HashMap<(Id, i64), Vec<Id>>,
    event: Id,
    minute: i64,
    row: &crate::domain::PersonFields,
) -> Result<Option<Id>, StoreError> {
    use crate::domain::name::fold;
    let Some(candidates) = at_minute.get(&(event, minute)) else {
        return Ok(None);
    };
    let name = |p: &crate::domain::PersonFields| {
        (fold(&p.surname), fold(&p.given_name), fold(&p.patronymic))
    };
    fn differ<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
        matches!((a, b), (Some(x), Some(y)) if x != y)
    }
    for id in candidates {
        if let Some(p) = store.person(*id)?
            && name(&p.fields) == name(row)
            && !differ(&p.fields.document, &row.document)
            && !differ(&p.fields.birth_date, &row.birth_date)
        {
            return Ok(Some(*id));
        }
    }
    Ok(None)
}

/// One table of an export folder, its headers (in any of the three languages) turned into
/// column codes. A header the table does not have is an error; missing optional columns
/// read as empty.
struct Table {
    file: &'static str,
    codes: Vec<String>,
    /// (line as a spreadsheet shows it, record), the export's formula guard removed.
    rows: Vec<(u64, csv::StringRecord)>,
    /// Cells over their column's limit and ids given twice: refused with the rows' own.
    errors: Vec<RowError>,
    /// (line, id as written) of the table's own id column, to compare across a folder.
    keys: Vec<(u64, String)>,
}

impl Table {
    fn read(
        dir: &std::path::Path,
        name: &'static str,
        file: &'static str,
        required: &[&str],
        key: &str,
    ) -> Result<Option<Table>, ImportError> {
        let path = dir.join(file);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(ImportError::Store(StoreError::Io { path, source: e }));
            }
        };
        Table::parse(&bytes, name, file, required, key).map(Some)
    }

    /// The rows of `bytes` (see `decode_text`; `,` or `;`; LF or CRLF) as table `name` of
    /// the export. `key` is the table's own id column, which must not repeat.
    fn parse(
        bytes: &[u8],
        name: &str,
        file: &'static str,
        required: &[&str],
        key: &str,
    ) -> Result<Table, ImportError> {
        let text = decode_text(bytes).map_err(|line| {
            ImportError::Rows(vec![RowError {
                file,
                line,
                column: String::new(),
                msg: "import-not-utf8",
                value: String::new(),
            }])
        })?;
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sniff_delimiter(text))
            .from_reader(text.as_bytes());
        // A spreadsheet counts rows, and a quoted cell's line breaks are inside its row.
        // The csv reader's own line count is one short after a CRLF (it stops between the
        // CR and the LF), so lines are counted here from where a record starts: every LF
        // before it, less the `inside` ones that belong to earlier records' cells. A CR
        // alone ends a line too ("CSV (Macintosh)").
        let mut inside: u64 = 0;
        let breaks = |rec: &csv::StringRecord| -> u64 {
            rec.iter().map(|f| line_ends(f.as_bytes()) as u64).sum()
        };
        let mut counted = (0usize, 0u64); // (byte, LFs before it)
        let mut line_at = |byte: u64, inside: u64| -> u64 {
            let bytes = text.as_bytes();
            let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
            // The rest of the previous line's end, or blank lines the reader skipped.
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            if at < counted.0 {
                counted = (0, 0);
            }
            let more = line_ends(&bytes[counted.0..at]);
            counted = (at, counted.1 + more as u64);
            (1 + counted.1).saturating_sub(inside).max(1)
        };
        let syntax = |e: csv::Error, line: Option<u64>| {
            let message = match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!(
                    "this row has {len} fields but the header has {expected_len} \
                     (a quote left open, or a separator too many or too few?)"
                ),
                _ => e.to_string(),
            };
            ImportError::Syntax {
                line: line.unwrap_or(1),
                message: if file.is_empty() {
                    message
                } else {
                    format!("{file}: {message}")
                },
            }
        };
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let line = e.position().map(|p| line_at(p.byte(), 0));
                return Err(syntax(e, line));
            }
        };
        inside += breaks(&headers);
        let own = crate::export::columns::table_codes(name);
        let mut codes = Vec::new();
        let mut errors = Vec::new();
        for h in headers.iter() {
            match crate::export::columns::code_of(h).filter(|c| own.iter().any(|o| o == c)) {
                Some(c) => codes.push(c.to_string()),
                None => {
                    errors.push(RowError {
                        file,
                        line: 1,
                        column: excerpt(h),
                        msg: "import-unknown-column",
                        value: excerpt(h),
                    });
                    codes.push(String::new());
                }
            }
        }
        for r in required {
            if !codes.iter().any(|c| c == r) {
                errors.push(RowError {
                    file,
                    line: 1,
                    column: r.to_string(),
                    msg: "import-missing-column",
                    value: String::new(),
                });
            }
        }
        if !errors.is_empty() {
            return Err(ImportError::Rows(errors));
        }
        let key_at = codes.iter().position(|c| c == key);
        let mut first_seen: HashMap<String, u64> = HashMap::new();
        let mut rows = Vec::new();
        let mut keys = Vec::new();
        for rec in reader.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| line_at(p.byte(), inside));
                    return Err(syntax(e, line));
                }
            };
            let line = line_at(rec.position().map_or(0, |p| p.byte()), inside);
            inside += breaks(&rec);
            // The export wrote `'=…` for a cell `=…` (a spreadsheet would run it): back to
            // what the record holds.
            let rec = if rec.iter().any(|f| f.starts_with('\'')) {
                rec.iter()
                    .map(crate::export::files::unneutralise)
                    .collect::<csv::StringRecord>()
            } else {
                rec
            };
            for (code, cell) in codes.iter().zip(rec.iter()) {
                let limit = Limit::of_column(code);
                // A number's own check refuses it with its range, whatever its length.
                let number = matches!(
                    code.as_str(),
                    "queue_no" | "waited_min" | "utc_offset" | "claimed" | "recovered"
                );
                if !code.is_empty() && !number && !limit.allows(cell.trim()) {
                    errors.push(RowError {
                        file,
                        line,
                        column: code.clone(),
                        msg: limit.msg_id(),
                        value: excerpt(cell),
                    });
                }
            }
            if let Some(id) = key_at.and_then(|i| rec.get(i)).map(str::trim)
                && !id.is_empty()
            {
                match first_seen.get(id) {
                    Some(first) => {
                        for at in [*first, line] {
                            errors.push(RowError {
                                file,
                                line: at,
                                column: key.to_string(),
                                msg: "import-duplicate-id",
                                value: excerpt(id),
                            });
                        }
                    }
                    None => {
                        first_seen.insert(id.to_string(), line);
                    }
                }
                keys.push((line, id.to_string()));
            }
            rows.push((line, rec));
        }
        Ok(Table {
            file,
            codes,
            rows,
            errors,
            keys,
        })
    }

    fn cells<'t, 'r>(
        &'t self,
        line: u64,
        rec: &'r csv::StringRecord,
        errors: &'t mut Vec<RowError>,
    ) -> Cells<'t, 'r> {
        Cells {
            table: self,
            rec,
            line,
            errors,
        }
    }

    fn get<'a>(&self, rec: &'a csv::StringRecord, code: &str) -> &'a str {
        self.codes
            .iter()
            .position(|c| c == code)
            .and_then(|i| rec.get(i))
            .map(str::trim)
            .unwrap_or("")
    }
}

/// Checks one row's cells, collecting what is wrong with their line and column.
struct Cells<'t, 'r> {
    table: &'t Table,
    rec: &'r csv::StringRecord,
    line: u64,
    errors: &'t mut Vec<RowError>,
}

impl<'r> Cells<'_, 'r> {
    fn get(&self, code: &str) -> &'r str {
        self.table.get(self.rec, code)
    }

    fn bad(&mut self, code: &str, msg: &'static str) {
        let value = excerpt(self.get(code));
        self.errors.push(RowError {
            file: self.table.file,
            line: self.line,
            column: code.to_string(),
            msg,
            value,
        });
    }

    fn id(&mut self, code: &str) -> Option<Id> {
        match self.get(code) {
            "" => {
                self.bad(code, "err-required");
                None
            }
            v => Id::parse_exact(v).or_else(|| {
                self.bad(code, "import-bad-id");
                None
            }),
        }
    }

    fn opt_id(&mut self, code: &str) -> Option<Option<Id>> {
        match self.get(code) {
            "" => Some(None),
            _ => self.id(code).map(Some),
        }
    }

    fn date(&mut self, code: &str) -> Option<NaiveDate> {
        match self.get(code) {
            "" => None,
            v => parse_date(v).map_err(|e| self.bad(code, e.msg_id())).ok(),
        }
    }

    /// A local date and time (`YYYY-MM-DD HH:MM`), in UTC at the desk's offset.
    fn time(&mut self, code: &str, offset_min: i32) -> Option<chrono::DateTime<Utc>> {
        match parse_date_time(self.get(code)) {
            // The year is within 1900–2100 and the offset within ±14 h: no overflow.
            Ok(t) => {
                Some(Utc.from_utc_datetime(&t) - chrono::Duration::minutes(i64::from(offset_min)))
            }
            Err(e) => {
                self.bad(code, time_msg(e));
                None
            }
        }
    }

    /// A text cell checked as the forms check it (trimmed, spaces collapsed, its limit).
    fn text(&mut self, code: &str, required: bool) -> Option<String> {
        clean_text(self.get(code), required)
            .map_err(|e| self.bad(code, e.msg_id()))
            .ok()
    }

    /// An amount (`1234.56`) with its currency in `<code>_currency`.
    fn money(&mut self, code: &str) -> Option<crate::domain::Money> {
        let raw = self.get(code);
        if raw.is_empty() {
            return None;
        }
        let cur_col = format!("{code}_currency");
        let Some(currency) = crate::domain::Currency::from_code(self.get(&cur_col)) else {
            self.bad(&cur_col, "import-bad-currency");
            return None;
        };
        crate::domain::Money::parse(raw, currency)
            .map_err(|e| self.bad(code, e.msg_id()))
            .ok()
    }

    /// A taxonomy code that must exist.
    fn code(&mut self, code: &str, known: impl Fn(&str) -> bool) -> Option<String> {
        let v = self.get(code);
        if known(v) {
            Some(v.to_string())
        } else {
            self.bad(code, "err-unknown-code");
            None
        }
    }
}

/// When a record was created, from the time in its id (the export keeps no other).
fn created_of(id: Id) -> chrono::DateTime<Utc> {
    Utc.timestamp_millis_opt(i64::try_from(id.timestamp_ms()).unwrap_or(i64::MAX))
        .single()
        .unwrap_or_else(Utc::now)
}

/// Imports a whole CSV export folder (`persons`, `visits`, `consultations`, `appeals`,
/// `appeal_members`, headers in any of the three languages): every row of every table is
/// checked first and nothing is written on any error; then everything goes in one bulk
/// commit. Ids are kept, so records already there (imported before) are skipped and the
/// figures of the imported store equal those of the exported one.
pub fn import_folder(
    store: &Store,
    tax: &crate::domain::taxonomy::Taxonomy,
    dir: &std::path::Path,
    dry_run: bool,
    default_offset: i32,
    officer: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ImportReport, ImportError> {
    use crate::domain::{Appeal, AppealFields, AppealMember, Consultation, ConsultationFields};
    let today = Utc::now().date_naive();
    let desk = store.desk();
    let mut errors: Vec<RowError> = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    let mut report = ImportReport::default();
    // Every table's own ids, (file, line, id): a record id is unique in the whole folder.
    type Keys = Vec<(&'static str, u64, String)>;
    let mut keys: Keys = Vec::new();
    fn take(t: &Table, errors: &mut Vec<RowError>, keys: &mut Keys) {
        errors.extend(t.errors.iter().cloned());
        keys.extend(t.keys.iter().map(|(l, k)| (t.file, *l, k.clone())));
    }

    // Persons first: a member of an appeal may have no visit in the export's period.
    let mut persons: HashMap<Id, Id> = HashMap::new();
    if let Some(t) = Table::read(
        dir,
        "persons",
        "persons.csv",
        &["person_id", "surname"],
        "person_id",
    )? {
        take(&t, &mut errors, &mut keys);
        for (line, rec) in &t.rows {
            let mut c = t.cells(*line, rec, &mut errors);
            let id = c.id("person_id");
            let fields = {
                let get = |code: &str| t.get(rec, code);
                let mut bad = |code: &str, msg: &'static str| {
                    errors.push(RowError {
                        file: t.file,
                        line: *line,
                        column: code.to_string(),
                        msg,
                        value: excerpt(t.get(rec, code)),
                    })
                };
                person_fields(&get, &mut bad, today)
            };
            let (Some(id), Some(fields)) = (id, fields) else {
                continue;
            };
            if store.person(id)?.is_some() {
                persons.insert(id, id);
                continue;
            }
            let like = store
                .look_alikes(&fields, 3)?
                .into_iter()
                .find(|(_, why)| *why != Likeness::SamePhone);
            if let Some((p, _)) = like {
                report.matched_persons += 1;
                report.matches.push((*line, p.fields.full_name()));
                persons.insert(id, p.meta.id);
                continue;
            }
            let created = created_of(id);
            changes.push(Change::PutPerson(Person {
                meta: Meta::new(id, desk, created),
                fields,
            }));
            persons.insert(id, id);
            report.new_persons += 1;
        }
    }

    // Visits, as a lone visits file is imported.
    let visits_path = dir.join("visits.csv");
    let bytes = std::fs::read(&visits_path).map_err(|source| {
        ImportError::Store(StoreError::Io {
            path: visits_path.clone(),
            source,
        })
    })?;
    let rows = match parse_rows(&bytes, default_offset, today) {
        Ok(r) => r,
        Err(ImportError::Rows(mut e)) => {
            for x in &mut e {
                x.file = "visits.csv";
            }
            errors.extend(e);
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    for r in &rows {
        if let Some(id) = r.visit_id {
            keys.push(("visits.csv", r.line, id.to_string()));
        }
    }
    let plan = plan_visits(store, rows, &persons, officer, progress)?;
    let mut visit_report = plan.report;
    visit_report.new_persons += report.new_persons;
    visit_report.matched_persons += report.matched_persons;
    visit_report.matches.extend(report.matches);
    report = visit_report;
    changes.extend(plan.changes);
    let visits = plan.visits;

    // Appeals, before the consultations and members that point at them: those of the file
    // and those on record (read once, not per row).
    let mut appeals: std::collections::HashSet<Id> =
        store.appeals()?.iter().map(|a| a.meta.id).collect();
    let mut new_appeals = Vec::new();
    if let Some(t) = Table::read(
        dir,
        "appeals",
        "appeals.csv",
        &["appeal_id", "title", "topic"],
        "appeal_id",
    )? {
        take(&t, &mut errors, &mut keys);
        for (line, rec) in &t.rows {
            let mut c = t.cells(*line, rec, &mut errors);
            let id = c.id("appeal_id");
            let topic = c.code("topic", |v| tax.topic(v).is_some());
            let outcome = match c.get("outcome") {
                "" => Some(None),
                _ => c.code("outcome", |v| tax.outcome(v).is_some()).map(Some),
            };
            let opened = c.date("opened");
            let follow_up = c.date("follow_up");
            let follow_up_closed = c.date("follow_up_closed");
            let title = c.text("title", true);
            let respondent = c.text("respondent", false);
            let host_city = c.text("host_city", false);
            let (Some(id), Some(topic), Some(outcome)) = (id, topic, outcome) else {
                continue;
            };
            let (Some(title), Some(respondent), Some(host_city)) = (title, respondent, host_city)
            else {
                continue;
            };
            if !appeals.insert(id) {
                continue; // on record already, or twice in the file
            }
            let created = opened
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| {
                    Utc.from_utc_datetime(&t) - chrono::Duration::minutes(i64::from(default_offset))
                })
                .unwrap_or_else(Utc::now);
            new_appeals.push(Change::PutAppeal(Appeal {
                meta: Meta::new(id, desk, created),
                officer: officer.to_string(),
                fields: AppealFields {
                    title,
                    respondent,
                    topic,
                    host_city,
                    follow_up,
                    follow_up_closed,
                    outcome,
                },
            }));
            report.new_appeals += 1;
        }
    }
    changes.extend(new_appeals);

    if let Some(t) = Table::read(
        dir,
        "consultations",
        "consultations.csv",
        &["consultation_id", "visit_id", "topics", "outcome"],
        "consultation_id",
    )? {
        take(&t, &mut errors, &mut keys);
        for (line, rec) in &t.rows {
            let mut c = t.cells(*line, rec, &mut errors);
            let id = c.id("consultation_id");
            let visit = c.id("visit_id");
            let topics: Vec<String> = c
                .get("topics")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if topics.is_empty() || topics.iter().any(|x| tax.topic(x).is_none()) {
                c.bad("topics", "err-unknown-code");
            }
            let outcome = c.code("outcome", |v| tax.outcome(v).is_some());
            let referral = match c.get("referral") {
                "" => Some(None),
                _ => c.code("referral", |v| tax.referral(v).is_some()).map(Some),
            };
            let legal_bases: Vec<String> = c
                .get("legal_bases")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if legal_bases.iter().any(|x| tax.legal_basis(x).is_none()) {
                c.bad("legal_bases", "err-unknown-code");
            }
            let follow_up = c.date("follow_up");
            let follow_up_closed = c.date("follow_up_closed");
            let claimed = c.money("claimed");
            let recovered = c.money("recovered");
            let appeal = c.opt_id("appeal_id");
            let created = c.time("created", default_offset);
            let officer_name = c.text("officer", false);
            let mut note = |code: &str| {
                crate::domain::consultation::clean_note(c.get(code))
                    .map_err(|e| c.bad(code, e.msg_id()))
                    .ok()
            };
            let (notes, advice) = (note("notes"), note("advice"));
            if let Some(Some(a)) = appeal
                && !appeals.contains(&a)
            {
                c.bad("appeal_id", "import-unknown-appeal");
            }
            let target = match visit {
                Some(v) => match visits.get(&v) {
                    Some(t) => Some(*t),
                    None => match store.visit(v)? {
                        Some(x) => Some((x.meta.id, x.event, x.person)),
                        None => {
                            c.bad("visit_id", "import-unknown-visit");
                            None
                        }
                    },
                },
                None => None,
            };
            let (Some(id), Some((visit, event, person)), Some(outcome), Some(referral)) =
                (id, target, outcome, referral)
            else {
                continue;
            };
            let (Some(appeal), Some(created)) = (appeal, created) else {
                continue;
            };
            let (Some(officer_name), Some(notes), Some(advice)) = (officer_name, notes, advice)
            else {
                continue;
            };
            if store.consultation(id)?.is_some() {
                continue;
            }
            changes.push(Change::PutConsultation(Consultation {
                meta: Meta::new(id, desk, created),
                visit,
                person,
                event,
                officer: officer_name,
                fields: ConsultationFields {
                    topics,
                    notes,
                    advice,
                    legal_bases,
                    referral,
                    outcome,
                    follow_up,
                    follow_up_closed,
                    claimed,
                    recovered,
                    appeal,
                },
            }));
            report.new_consultations += 1;
        }
    }

    if let Some(t) = Table::read(
        dir,
        "appeal_members",
        "appeal_members.csv",
        &["member_id", "appeal_id", "person_id"],
        "member_id",
    )? {
        take(&t, &mut errors, &mut keys);
        for (line, rec) in &t.rows {
            let mut c = t.cells(*line, rec, &mut errors);
            let id = c.id("member_id");
            let appeal = c.id("appeal_id");
            let person = c.id("person_id");
            let claimed = c.money("claimed");
            let recovered = c.money("recovered");
            let status = match crate::domain::MemberStatus::ALL
                .iter()
                .find(|s| s.code() == c.get("status"))
            {
                Some(s) => Some(*s),
                None => {
                    c.bad("status", "import-bad-status");
                    None
                }
            };
            if let Some(a) = appeal
                && !appeals.contains(&a)
            {
                c.bad("appeal_id", "import-unknown-appeal");
            }
            let person = match person {
                Some(p) => match persons.get(&p) {
                    Some(x) => Some(*x),
                    None if store.person(p)?.is_some() => Some(p),
                    None => {
                        c.bad("person_id", "import-unknown-person");
                        None
                    }
                },
                None => None,
            };
            let (Some(id), Some(appeal), Some(person), Some(status)) = (id, appeal, person, status)
            else {
                continue;
            };
            if store.member(id)?.is_some() {
                continue;
            }
            let created = created_of(id);
            changes.push(Change::PutAppealMember(AppealMember {
                meta: Meta::new(id, desk, created),
                officer: officer.to_string(),
                appeal,
                person,
                claimed,
                recovered,
                status,
            }));
            report.new_members += 1;
        }
    }
    // An id that is the record id of two tables' rows: the folder was put together wrongly.
    let mut first: HashMap<&str, (&'static str, u64)> = HashMap::new();
    for (file, line, id) in &keys {
        match first.get(id.as_str()) {
            Some((f, l)) if f != file => {
                for (f, l) in [(*f, *l), (*file, *line)] {
                    errors.push(RowError {
                        file: f,
                        line: l,
                        column: String::new(),
                        msg: "import-duplicate-id",
                        value: excerpt(id),
                    });
                }
            }
            Some(_) => {} // twice in one table: reported by the table
            None => {
                first.insert(id, (file, *line));
            }
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Rows(dedup(errors)));
    }
    // The last chance to stop: the commit itself is one bulk write.
    if !progress(report.rows, report.rows) {
        return Err(ImportError::Cancelled);
    }
    commit(store, officer, dry_run, changes)?;
    Ok(report)
}

/// Line ends in `bytes`: an LF, a CRLF (once), or a CR alone. `bytes` never ends between
/// the CR and the LF of one line end (callers cut after all of a line end).
fn line_ends(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}
