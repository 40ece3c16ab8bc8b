//! Importing a register kept in a spreadsheet: the visits table, in the export's own CSV
//! layout or the usual variants (with or without a byte-order mark, `,` or `;`, CRLF,
//! quoted multi-line fields, the Russian column names). Every row is checked first; any
//! invalid row is reported with its line and column and nothing is written. Rows already in
//! the store (same visit id, or the same person at the same event and minute) are skipped,
//! so importing a file twice creates nothing the second time. A whole export folder imports
//! every table, ids kept (`import_folder`).

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
        "left" | "ушел" | "ушёл" | "ушел без обслуживания" => {
            Some(VisitStatus::LeftWithoutService)
        }
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
    let table = Table::parse(bytes, "visits", "", &REQUIRED)?;
    let mut errors = Vec::new();
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
        let person = person_fields(&get, &mut bad, today);
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
    let mut existing_visits: HashMap<(Id, Id, i64), Id> = store
        .visits()?
        .into_iter()
        .map(|v| ((v.event, v.person, v.arrived.timestamp() / 60), v.meta.id))
        .collect();
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
        let known = row.person_id.and_then(|id| known_persons.get(&id)).copied();
        let on_record = match row.person_id {
            _ if known.is_some() => None,
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
        let person = match (known, on_record, new_persons.get(&key)) {
            (Some(id), _, _) => id,
            (None, Some(p), _) => {
                report.matched_persons += 1;
                report.matches.push((row.line, p.fields.full_name()));
                p.meta.id
            }
            (None, None, Some(id)) => *id,
            (None, None, None) => {
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
        // Without an id, the same person at the same event and minute is the same visit
        // (a register imported twice); with one, the id alone decides (checked above).
        let slot = (event.meta.id, person, arrived.timestamp() / 60);
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
        existing_visits.insert(slot, id);
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

/// One table of an export folder, its headers (in any of the three languages) turned into
/// column codes. A header the table does not have is an error; missing optional columns
/// read as empty.
struct Table {
    file: &'static str,
    codes: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

impl Table {
    fn read(
        dir: &std::path::Path,
        name: &'static str,
        file: &'static str,
        required: &[&str],
    ) -> Result<Option<Table>, ImportError> {
        let path = dir.join(file);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(ImportError::Store(StoreError::Io { path, source: e }));
            }
        };
        Table::parse(&bytes, name, file, required).map(Some)
    }

    /// The rows of `bytes` (BOM or none, `,` or `;`) as table `name` of the export.
    fn parse(
        bytes: &[u8],
        name: &str,
        file: &'static str,
        required: &[&str],
    ) -> Result<Table, ImportError> {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sniff_delimiter(text))
            .from_reader(text.as_bytes());
        let syntax = |e: csv::Error| {
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
                line: e.position().map_or(1, |p| p.line()),
                message: if file.is_empty() {
                    message
                } else {
                    format!("{file}: {message}")
                },
            }
        };
        let headers = reader.headers().map_err(syntax)?.clone();
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
                        column: h.to_string(),
                        msg: "import-unknown-column",
                        value: h.to_string(),
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
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(syntax)?;
            rows.push((rec.position().map_or(0, |p| p.line()), rec));
        }
        Ok(Table { file, codes, rows })
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
        let value = self.get(code).to_string();
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
            v => v.parse::<Id>().ok().or_else(|| {
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
        let v = self.get(code);
        let t = NaiveDateTime::parse_from_str(v, "%Y-%m-%d %H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(v, "%d.%m.%Y %H:%M"));
        match t {
            Ok(t) => {
                Some(Utc.from_utc_datetime(&t) - chrono::Duration::minutes(i64::from(offset_min)))
            }
            Err(_) => {
                self.bad(code, "import-bad-time");
                None
            }
        }
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

    // Persons first: a member of an appeal may have no visit in the export's period.
    let mut persons: HashMap<Id, Id> = HashMap::new();
    if let Some(t) = Table::read(dir, "persons", "persons.csv", &["person_id", "surname"])? {
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
                        value: t.get(rec, code).to_string(),
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
    )? {
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
            let (Some(id), Some(topic), Some(outcome)) = (id, topic, outcome) else {
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
                    title: c.get("title").to_string(),
                    respondent: c.get("respondent").to_string(),
                    topic,
                    host_city: c.get("host_city").to_string(),
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
    )? {
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
            if store.consultation(id)?.is_some() {
                continue;
            }
            changes.push(Change::PutConsultation(Consultation {
                meta: Meta::new(id, desk, created),
                visit,
                person,
                event,
                officer: c.get("officer").to_string(),
                fields: ConsultationFields {
                    topics,
                    notes: c.get("notes").to_string(),
                    advice: c.get("advice").to_string(),
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
    )? {
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
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }
    // The last chance to stop: the commit itself is one bulk write.
    if !progress(report.rows, report.rows) {
        return Err(ImportError::Cancelled);
    }
    commit(store, officer, dry_run, changes)?;
    Ok(report)
}
