use super::*;
use crate::export::values::{Kind, Reverse};

/// The code of a coded cell written as its code or its label in any of the three
/// languages (`export::values::Reverse`).
pub(super) fn coded(kind: Kind, raw: &str) -> Option<&'static str> {
    Reverse::builtin().code(kind, raw)
}

pub(super) fn sex(raw: &str) -> Option<Sex> {
    if let Some(code) = coded(Kind::Sex, raw) {
        return Sex::ALL.into_iter().find(|s| s.code() == code);
    }
    match raw.trim().to_lowercase().as_str() {
        "" | "unknown" | "?" | "не указан" => Some(Sex::Unknown),
        "male" | "m" | "м" | "муж" | "мужской" | "эркек" => Some(Sex::Male),
        "female" | "f" | "ж" | "жен" | "женский" | "аял" => Some(Sex::Female),
        _ => None,
    }
}

pub(super) fn status(raw: &str) -> Option<VisitStatus> {
    if let Some(code) = coded(Kind::VisitStatus, raw) {
        return crate::export::values::visit_status(code);
    }
    match raw.trim().to_lowercase().as_str() {
        // Registers write the person's past (обслужен, принят(а)); kezek writes the visit's.
        ""
        | "done"
        | "обслужен"
        | "обслужена"
        | "принят"
        | "принята"
        | "принят(а)"
        | "приём завершён"
        | "прием завершен" => Some(VisitStatus::Done),
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
        | "ушел(а) без приема"
        | "уход без приёма"
        | "уход без приема"
        | "ушли без приёма" => Some(VisitStatus::LeftWithoutService),
        _ => None,
    }
}

/// A person's fields from a row of the visits or persons table (region by code or name,
/// sex in the usual spellings), checked as the arrival form checks them.
pub(super) fn person_fields(
    c: &mut Cells<'_, '_>,
    today: NaiveDate,
) -> Option<crate::domain::PersonFields> {
    let region = match c.get("region") {
        "" => None,
        code => match coded(Kind::Region, code)
            .and_then(Region::from_code)
            .or_else(|| {
                Region::ALL
                    .into_iter()
                    .find(|r| crate::domain::region::matches_name(*r, code))
            }) {
            Some(r) => Some(r),
            None => {
                c.bad("region", "import-unknown-region");
                None
            }
        },
    };
    let sex_v = sex(c.get("sex")).unwrap_or_else(|| {
        c.bad("sex", "import-bad-sex");
        Sex::Unknown
    });
    let input = PersonInput {
        surname: c.get("surname").into(),
        given_name: c.get("given_name").into(),
        patronymic: c.get("patronymic").into(),
        birth_date: c.get("birth_date").into(),
        sex: sex_v,
        document: c.get("document").into(),
        phone: c.get("phone").into(),
        region,
        city: c.get("city").into(),
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
                c.bad(col, e.msg_id());
            }
            None
        }
    }
}

/// A row checked and turned into what it will create.
pub(super) struct Row {
    pub(super) line: u64,
    pub(super) visit_id: Option<Id>,
    pub(super) event_id: Option<Id>,
    pub(super) event: EventFields,
    pub(super) person_id: Option<Id>,
    pub(super) person: crate::domain::PersonFields,
    pub(super) queue_no: Option<u32>,
    pub(super) desk: String,
    pub(super) purpose: String,
    pub(super) language: Lang,
    pub(super) arrived: Option<NaiveDateTime>,
    pub(super) status: VisitStatus,
    pub(super) waited_min: Option<i64>,
}

/// The visits table read a row at a time, each row checked and turned into a `Row`.
pub(super) struct VisitRows {
    pub(super) table: Table,
    /// What is wrong with the rows' cells (the table's own errors are in `table`).
    errors: Vec<RowError>,
    default_offset: i32,
    today: NaiveDate,
}

impl VisitRows {
    pub(super) fn open(
        text: source::Checked,
        default_offset: i32,
        today: NaiveDate,
    ) -> Result<VisitRows, ImportError> {
        Ok(VisitRows {
            table: Table::open(text, "visits", "", &REQUIRED, "visit_id")?,
            errors: Vec::new(),
            default_offset,
            today,
        })
    }

    /// Whether a row read so far was refused.
    pub(super) fn refused(&self) -> bool {
        !self.errors.is_empty() || !self.table.errors.is_empty()
    }

    /// What was wrong, the table's errors first, once every row is read.
    pub(super) fn into_errors(self) -> Vec<RowError> {
        let mut errors = self.table.errors;
        errors.extend(self.errors);
        dedup(errors)
    }

    /// The next row, or `None` after the last: `Some(None)` for a row refused (why is in
    /// `errors`).
    pub(super) fn next_row(&mut self, ids: &mut Ids) -> Result<Option<Option<Row>>, ImportError> {
        let Some((line, rec)) = self.table.next_row(ids)? else {
            return Ok(None);
        };
        let mut c = self.table.cells(line, &rec, &mut self.errors);
        Ok(Some(visit_row(
            &mut c,
            line,
            self.default_offset,
            self.today,
        )))
    }
}

fn visit_row(
    c: &mut Cells<'_, '_>,
    line: u64,
    default_offset: i32,
    today: NaiveDate,
) -> Option<Row> {
    let visit_id = c.opt_id("visit_id").flatten();
    let event_id = c.opt_id("event_id").flatten();
    let person_id = c.opt_id("person_id").flatten();
    let date = match parse_date(c.get("event_date")) {
        Ok(d) => Some(d),
        Err(e) => {
            c.bad("event_date", e.msg_id());
            None
        }
    };
    let city = c.text("event_city", true).unwrap_or_default();
    let offset = if c.get("utc_offset").is_empty() {
        default_offset
    } else {
        parse_utc_offset(c.get("utc_offset")).unwrap_or_else(|e| {
            c.bad("utc_offset", e.msg_id());
            0
        })
    };
    let person = person_fields(c, today);
    let queue_no = match c.get("queue_no") {
        "" => None,
        v => match v.parse::<u32>() {
            Ok(n) if (1..=MAX_QUEUE_NO).contains(&n) => Some(n),
            _ => {
                c.bad("queue_no", "import-bad-queue-no");
                None
            }
        },
    };
    let arrived = match c.get("arrived") {
        "" => None,
        v => match chrono::NaiveTime::parse_from_str(v, "%H:%M") {
            // A time alone is on the event's day.
            Ok(t) => date.map(|d| d.and_time(t)),
            Err(_) => match parse_date_time(v) {
                Ok(t) => Some(t),
                Err(e) => {
                    c.bad("arrived", time_msg(e));
                    None
                }
            },
        },
    };
    let status_v = status(c.get("status")).unwrap_or_else(|| {
        c.bad("status", "import-bad-status");
        VisitStatus::Done
    });
    let waited_min = match c.get("waited_min") {
        "" => None,
        v => match v.parse::<i64>() {
            Ok(n) if (0..=MAX_WAITED_MIN).contains(&n) => Some(n),
            _ => {
                c.bad("waited_min", "import-bad-waited");
                None
            }
        },
    };
    let mut text = |code: &str| c.text(code, false).unwrap_or_default();
    let venue = text("event_venue");
    let desk = text("desk");
    let purpose = text("purpose");
    // A register without the column was kept in Russian; a value is a language's code
    // or name.
    let language = match c.get("language") {
        "" => Lang::Ru,
        v => coded(Kind::Language, v)
            .and_then(Lang::from_code)
            .unwrap_or_else(|| {
                c.bad("language", "err-unknown-code");
                Lang::Ru
            }),
    };
    let (Some(date), Some(person)) = (date, person) else {
        return None;
    };
    Some(Row {
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
    })
}

/// The message for a date and time that could not be read: the year's own hint when that
/// is what is wrong.
pub(super) fn time_msg(e: ValidationError) -> &'static str {
    match e {
        ValidationError::DateTwoDigitYear | ValidationError::DateYearRange => e.msg_id(),
        _ => "import-bad-time",
    }
}

/// One problem per cell and message: a cell refused as over its limit is not also reported
/// by its field's own check, and a line given with an id twice is listed once.
pub(super) fn dedup(errors: Vec<RowError>) -> Vec<RowError> {
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
