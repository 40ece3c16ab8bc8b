//! Importing a register kept in a spreadsheet: the visits table, in the export's own CSV
//! layout or the usual variants (with or without a byte-order mark, `,` or `;`, CRLF,
//! quoted multi-line fields, the Russian column names). Every row is checked first; any
//! invalid row is reported with its line and column and nothing is written. Rows already in
//! the store (same visit id, or the same person at the same event and minute) are skipped,
//! so importing a file twice creates nothing the second time.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::domain::search::Likeness;
use crate::domain::validate::{parse_date, parse_utc_offset};
use crate::domain::visit::StatusChange;
use crate::domain::{
    DeskId, Event, EventFields, Id, Lang, Meta, Person, PersonInput, Region, Sex, Visit,
    VisitStatus,
};
use crate::store::{Change, Store, StoreError};

const REQUIRED: [&str; 4] = ["event_date", "event_city", "surname", "given_name"];

/// Why a file or a row was refused. `msg` is an i18n id (or plain text for CSV syntax).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
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
    /// (line, person on record's name) for the rows matched to existing persons.
    pub matches: Vec<(u64, String)>,
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

/// A column of the visits table from its header: the code, or the header of the export in
/// any of its languages.
fn column_code(header: &str) -> Option<&'static str> {
    static VISITS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let visits = VISITS.get_or_init(|| crate::export::columns::table_codes("visits"));
    crate::export::columns::code_of(header).filter(|c| visits.iter().any(|v| v == c))
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
        "left" | "ушел" | "ушёл" | "ушел без обслуживания" => {
            Some(VisitStatus::LeftWithoutService)
        }
        _ => None,
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
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportError::Syntax {
            line: 1,
            message: e.to_string(),
        })?
        .clone();
    let mut codes = Vec::with_capacity(headers.len());
    let mut errors = Vec::new();
    for h in headers.iter() {
        match column_code(h) {
            Some(c) => codes.push(c),
            None => {
                errors.push(RowError {
                    line: 1,
                    column: h.to_string(),
                    msg: "import-unknown-column",
                    value: h.to_string(),
                });
                codes.push("");
            }
        }
    }
    for r in REQUIRED {
        if !codes.contains(&r) {
            errors.push(RowError {
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
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            let message = match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!(
                    "this row has {len} fields but the header has {expected_len} \
                     (a quote left open, or a separator too many or too few?)"
                ),
                _ => e.to_string(),
            };
            ImportError::Syntax { line, message }
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |code: &str| -> &str {
            codes
                .iter()
                .position(|c| *c == code)
                .and_then(|i| rec.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let mut bad = |column: &str, msg: &'static str| {
            errors.push(RowError {
                line,
                column: column.to_string(),
                msg,
                value: get(column).to_string(),
            })
        };
        let id = |code: &str, bad: &mut dyn FnMut(&str, &'static str)| -> Option<Id> {
            let v = get(code);
            if v.is_empty() {
                return None;
            }
            match v.parse::<Id>() {
                Ok(id) => Some(id),
                Err(_) => {
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
        let city = get("event_city").to_string();
        if city.is_empty() {
            bad("event_city", "err-required");
        }
        let offset = if get("utc_offset").is_empty() {
            default_offset
        } else {
            parse_utc_offset(get("utc_offset")).unwrap_or_else(|e| {
                bad("utc_offset", e.msg_id());
                0
            })
        };
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
            city: String::new(),
        };
        let person = match input.validate(today) {
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
        };
        let queue_no = match get("queue_no") {
            "" => None,
            v => match v.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    bad("queue_no", "import-bad-number");
                    None
                }
            },
        };
        let arrived = match get("arrived") {
            "" => None,
            v => {
                let parsed = NaiveDateTime::parse_from_str(v, "%Y-%m-%d %H:%M")
                    .or_else(|_| NaiveDateTime::parse_from_str(v, "%d.%m.%Y %H:%M"))
                    .ok()
                    .or_else(|| {
                        let t = chrono::NaiveTime::parse_from_str(v, "%H:%M").ok()?;
                        Some(date?.and_time(t))
                    });
                if parsed.is_none() {
                    bad("arrived", "import-bad-time");
                }
                parsed
            }
        };
        let status_v = status(get("status")).unwrap_or_else(|| {
            bad("status", "import-bad-status");
            VisitStatus::Done
        });
        let waited_min = match get("waited_min") {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(n) if n >= 0 => Some(n),
                _ => {
                    bad("waited_min", "import-bad-number");
                    None
                }
            },
        };
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
                venue: get("event_venue").to_string(),
                hosts: Vec::new(),
                utc_offset_min: offset,
            },
            person_id,
            person,
            queue_no,
            desk: get("desk").to_string(),
            purpose: get("purpose").to_string(),
            language,
            arrived,
            status: status_v,
            waited_min,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ImportError::Rows(errors))
    }
}

/// Checks the whole file, then (unless `dry_run`) writes everything in one bulk commit.
pub fn import_csv(
    store: &Store,
    bytes: &[u8],
    dry_run: bool,
    default_offset: i32,
    officer: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let today = Utc::now().date_naive();
    let rows = parse_rows(bytes, default_offset, today)?;
    let desk: DeskId = store.desk();
    let mut report = ImportReport {
        rows: rows.len(),
        ..Default::default()
    };
    let mut events: Vec<Event> = store.events()?;
    let mut event_created: Vec<bool> = vec![false; events.len()];
    let mut new_persons: HashMap<String, Id> = HashMap::new();
    let mut existing_visits: std::collections::HashSet<(Id, Id, i64)> = store
        .visits()?
        .into_iter()
        .map(|v| (v.event, v.person, v.arrived.timestamp() / 60))
        .collect();
    let mut next_no: HashMap<Id, u32> = HashMap::new();
    let mut changes: Vec<Change> = Vec::new();
    let total = rows.len();
    for (i, row) in rows.into_iter().enumerate() {
        if i % 500 == 0 {
            progress(i, total);
        }
        // The visit id is already there: imported before.
        if let Some(id) = row.visit_id
            && store.visit(id)?.is_some()
        {
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
        let on_record = match row.person_id {
            Some(id) if store.person(id)?.is_some() => store.person(id)?,
            _ => store
                .look_alikes(&row.person, 3)?
                .into_iter()
                .find(|(_, why)| {
                    // A shared phone alone may be a family's; it is not enough to merge rows.
                    *why != Likeness::SamePhone
                })
                .map(|(p, _)| p),
        };
        let person = match (on_record, new_persons.get(&key)) {
            (Some(p), _) => {
                report.matched_persons += 1;
                report.matches.push((row.line, p.fields.full_name()));
                p.meta.id
            }
            (None, Some(id)) => *id,
            (None, None) => {
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
        let offset = i64::from(event.fields.utc_offset_min);
        let arrived = row
            .arrived
            .map(|a| Utc.from_utc_datetime(&a) - chrono::Duration::minutes(offset))
            .unwrap_or_else(|| {
                Utc.from_utc_datetime(&event.fields.date.and_hms_opt(9, 0, 0).unwrap_or_default())
                    - chrono::Duration::minutes(offset)
            });
        if !existing_visits.insert((event.meta.id, person, arrived.timestamp() / 60)) {
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
            let at = arrived + chrono::Duration::minutes(row.waited_min.unwrap_or(0));
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
    progress(total, total);
    if !dry_run && !changes.is_empty() {
        let batches: Vec<Vec<Change>> = changes.chunks(200).map(<[Change]>::to_vec).collect();
        store.commit_bulk(officer, batches)?;
        store.flush()?;
    }
    Ok(report)
}
