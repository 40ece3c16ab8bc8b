//! The records as flat tables (persons, visits, consultations, appeals, appeal members):
//! one row type per table, made one record at a time by `Rows` for the streamed exports
//! (`export::stream`); `tables` builds them all in memory for the benchmark's comparison
//! with SQLite. The serde field names are the column codes (`export::columns` translates
//! the headers); the values are codes, or their labels in the reader's language when the
//! rows are made `with_values` (`export::values`).

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::{Deserialize, Serialize};

use super::anonymity::{Plan, Pseudonyms, SUPPRESSED, Shown};
use super::values::{Kind, Values};

use crate::domain::report::{Period, Records, age_band};
use crate::domain::validate::to_local;
use crate::domain::{
    Appeal, AppealMember, Consultation, Event, Id, Money, Person, Region, Sex, Visit,
};

/// A cell taken from a record where it can be (names, codes, notes) and made only where it
/// must be (ids, dates): an export of 300,000 visits makes millions of cells, and copying
/// each was a third of its time.
pub type Text<'a> = Cow<'a, str>;

pub const TABLES: [&str; 5] = [
    "persons",
    "visits",
    "consultations",
    "appeals",
    "appeal_members",
];

mod rows;

pub use rows::*;

/// `1234.56`: a plain decimal for spreadsheets (no grouping), and its currency code.
pub fn money_cells(m: Option<Money>) -> (String, String) {
    match m {
        Some(m) => {
            let sign = if m.minor < 0 { "-" } else { "" };
            let a = m.minor.unsigned_abs();
            (
                format!("{sign}{}.{:02}", a / 100, a % 100),
                m.currency.code().to_string(),
            )
        }
        None => (String::new(), String::new()),
    }
}

/// `YYYY-MM-DD`, written directly: chrono's `format` parses its pattern on every call,
/// which shows in an export of a million cells.
fn date(d: Option<chrono::NaiveDate>) -> String {
    use chrono::Datelike;
    d.map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        .unwrap_or_default()
}

/// `YYYY-MM-DD HH:MM` at the given offset.
fn date_time(t: chrono::DateTime<chrono::Utc>, offset_min: i32) -> String {
    use chrono::{Datelike, Timelike};
    let l = to_local(t, offset_min);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        l.year(),
        l.month(),
        l.day(),
        l.hour(),
        l.minute()
    )
}

/// What the rows need of a person, its text in one allocation. An export holds one of these
/// for every person of the store while it streams the visits; a whole `Person` (nine
/// strings of its own, and its record metadata) cost three times as much.
#[derive(Clone, Debug)]
pub struct PersonCells {
    /// Surname, given name, patronymic, document, phone and city, one after the other.
    text: Box<str>,
    /// Where each of them ends in `text`.
    ends: [u32; 6],
    birth: Option<chrono::NaiveDate>,
    sex: Sex,
    region: Option<Region>,
}

impl PersonCells {
    pub fn of(p: &Person) -> (Id, PersonCells) {
        let f = &p.fields;
        let parts = [
            f.surname.as_str(),
            f.given_name.as_str(),
            f.patronymic.as_str(),
            f.document.as_deref().unwrap_or(""),
            f.phone.as_deref().unwrap_or(""),
            f.city.as_str(),
        ];
        let mut text = String::with_capacity(parts.iter().map(|s| s.len()).sum());
        let mut ends = [0u32; 6];
        for (end, part) in ends.iter_mut().zip(parts) {
            text.push_str(part);
            // A person's fields are bounded by the forms and the import, far below 4 GiB.
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        (
            p.meta.id,
            PersonCells {
                text: text.into_boxed_str(),
                ends,
                birth: f.birth_date,
                sex: f.sex,
                region: f.region,
            },
        )
    }

    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text
            .get(start..self.ends[i] as usize)
            .unwrap_or_default()
    }

    fn surname(&self) -> &str {
        self.part(0)
    }
    fn given_name(&self) -> &str {
        self.part(1)
    }
    fn patronymic(&self) -> &str {
        self.part(2)
    }
    fn document(&self) -> &str {
        self.part(3)
    }
    fn phone(&self) -> &str {
        self.part(4)
    }
    pub fn city(&self) -> &str {
        self.part(5)
    }
    pub fn birth(&self) -> Option<chrono::NaiveDate> {
        self.birth
    }
    pub fn sex(&self) -> Sex {
        self.sex
    }
    pub fn region(&self) -> Option<Region> {
        self.region
    }
}

/// A cell as written, or `*` where anonymising suppresses it.
fn hide(shown: bool, cell: Text<'_>) -> Text<'_> {
    if shown {
        cell
    } else {
        Cow::Borrowed(SUPPRESSED)
    }
}

/// Person ids as written: the record id, or a pseudonym (`P00000042`, `Pseudonyms`) when
/// anonymizing.
struct Ids {
    anonymize: bool,
    pseudonyms: Pseudonyms,
}

impl Ids {
    fn person(&mut self, id: Id) -> String {
        if !self.anonymize {
            return id.to_string();
        }
        self.pseudonyms.of('P', id)
    }
}

/// Turns records into rows one at a time, in the order: visits, consultations, appeals,
/// members, then the persons met along the way. Used whole (`tables`) and streamed from the
/// store (`export::stream`).
pub struct Rows<'a> {
    anonymize: bool,
    offset_min: i32,
    period: &'a Period,
    events: FxHashMap<Id, &'a Event>,
    persons: FxHashMap<Id, PersonCells>,
    ids: Ids,
    /// Persons to list, in order of first appearance.
    wanted: Vec<Id>,
    seen: FxHashSet<Id>,
    appeal_ids: FxHashSet<Id>,
    /// The coded values as codes (the default) or in the reader's language.
    values: Values,
    /// Anonymised: what each person's rows show (`export::anonymity`), and the pseudonyms
    /// of the other records' ids.
    plan: Option<Plan>,
    pseudonyms: Pseudonyms,
}

impl<'a> Rows<'a> {
    pub fn new(
        events: &'a [Event],
        persons: FxHashMap<Id, PersonCells>,
        period: &'a Period,
        anonymize: bool,
        offset_min: i32,
    ) -> Rows<'a> {
        Rows {
            anonymize,
            offset_min,
            period,
            events: events
                .iter()
                .filter(|e| period.has_event(e))
                .map(|e| (e.meta.id, e))
                .collect(),
            persons,
            ids: Ids {
                anonymize,
                pseudonyms: Pseudonyms::default(),
            },
            wanted: Vec::new(),
            seen: FxHashSet::default(),
            appeal_ids: FxHashSet::default(),
            values: Values::codes(),
            plan: None,
            pseudonyms: Pseudonyms::default(),
        }
    }

    /// Anonymised for small groups as `plan` decided.
    pub fn with_plan(mut self, plan: Plan) -> Rows<'a> {
        self.plan = Some(plan);
        self
    }

    /// Everything the store holds, as it is: no period and no anonymising (whose groups
    /// are made of the period's visitors).
    fn whole(&self) -> bool {
        matches!(self.period, Period::All) && !self.anonymize && self.plan.is_none()
    }

    /// Whether the person's rows are written, and how: everything (`Shown::ALL`) unless
    /// the export is anonymised.
    fn shown(&self, person: Id) -> Option<Shown> {
        match &self.plan {
            Some(p) => p.shown(person),
            None => Some(Shown::ALL),
        }
    }

    /// A record's id as written: itself, or its pseudonym (`V000001`) when anonymising.
    fn id(&mut self, prefix: char, id: Id) -> String {
        if self.plan.is_some() {
            self.pseudonyms.of(prefix, id)
        } else {
            id.to_string()
        }
    }

    /// `id` of a record no other row refers to, as written (`Pseudonyms::once`).
    fn once(&mut self, prefix: char, id: Id) -> String {
        if self.plan.is_some() {
            self.pseudonyms.once(prefix)
        } else {
            id.to_string()
        }
    }

    /// The rows with their coded values written as `values` says (codes by default).
    pub fn with_values(mut self, values: Values) -> Rows<'a> {
        self.values = values;
        self
    }

    fn blank<'s>(&self, s: &'s str) -> Text<'s> {
        if self.anonymize {
            Cow::Borrowed("")
        } else {
            Cow::Borrowed(s)
        }
    }

    fn meet(&mut self, person: Id) -> String {
        if self.seen.insert(person) {
            self.wanted.push(person);
        }
        self.ids.person(person)
    }

    /// The row of a visit of the period.
    pub fn visit<'s>(&'s mut self, v: &'s Visit) -> Option<VisitRow<'s>> {
        let e = *self.events.get(&v.event)?;
        let show = self.shown(v.person)?;
        let person_id = self.meet(v.person);
        let visit_id = self.id('V', v.meta.id);
        let p = self.persons.get(&v.person);
        let off = e.fields.utc_offset_min;
        let anon = self.plan.is_some();
        // Anonymised, left out as the arrival time is: minutes nearly unique to one visit
        // linked the rows of two overlapping exports (the hostile pass: 118 of 136).
        let waited = v
            .history
            .iter()
            .find(|c| c.status != crate::domain::VisitStatus::Waiting)
            .filter(|_| !anon)
            .map(|c| (c.at - v.arrived).num_minutes().max(0).to_string())
            .unwrap_or_default();
        let birth = p.and_then(|p| p.birth);
        let event = |cell: Text<'s>| hide(show.event(), cell);
        let age = if anon {
            show.age_band()
        } else {
            age_band(birth, e.fields.date)
        };
        Some(VisitRow {
            visit_id,
            event_id: event(e.meta.id.to_string().into()).into_owned(),
            event_date: event(date(Some(e.fields.date)).into()).into_owned(),
            event_city: event(Cow::Borrowed(&e.fields.city)),
            event_venue: event(Cow::Borrowed(&e.fields.venue)),
            utc_offset: event(crate::domain::validate::format_utc_offset(off).into()).into_owned(),
            person_id,
            surname: self.blank(p.map_or("", |p| p.surname())),
            given_name: self.blank(p.map_or("", |p| p.given_name())),
            patronymic: self.blank(p.map_or("", |p| p.patronymic())),
            birth_date: if self.anonymize {
                String::new()
            } else {
                date(birth)
            },
            age_band: Cow::Borrowed(self.values.age_band(age)),
            sex: hide(
                show.sex(),
                Cow::Borrowed(self.values.sex(p.map_or(Sex::Unknown, |p| p.sex))),
            ),
            document: self.blank(p.map_or("", |p| p.document())),
            phone: self.blank(p.map_or("", |p| p.phone())),
            region: hide(
                show.region(),
                Cow::Borrowed(self.values.region(p.and_then(|p| p.region))),
            ),
            // The place in the queue and the time of arrival pick one person out of a day's
            // visitors, and are no part of the groups that hold k persons (the date is the
            // event's, in `event_date`): left out.
            queue_no: (!anon).then_some(v.queue_no),
            desk: Cow::Borrowed(&v.desk_name),
            purpose: self.blank(&v.purpose),
            language: Cow::Borrowed(self.values.language(v.language)),
            arrived: if anon {
                String::new()
            } else {
                date_time(v.arrived, off)
            },
            status: Cow::Borrowed(self.values.status(v.status)),
            waited_min: waited,
        })
    }

    /// The row of a consultation of the period.
    pub fn consultation<'s>(&'s mut self, c: &'s Consultation) -> Option<ConsultationRow<'s>> {
        // Its time at its own venue, as the card shows it, whatever desk exports it.
        let off = self.events.get(&c.event)?.fields.utc_offset_min;
        let f = &c.fields;
        let (claimed, claimed_currency) = money_cells(f.claimed);
        let (recovered, recovered_currency) = money_cells(f.recovered);
        // Its appeal is in the export whether or not this person's rows are; anonymised,
        // only beside a row that is published (an appeal whose only member is withheld
        // would still describe them).
        if let Some(a) = f.appeal
            && (self.plan.is_none() || self.shown(c.person).is_some())
        {
            self.appeal_ids.insert(a);
        }
        let show = self.shown(c.person)?;
        let anon = self.plan.is_some();
        let event = |cell: String| hide(show.event(), cell.into()).into_owned();
        let appeal_id = f.appeal.map(|a| self.id('A', a)).unwrap_or_default();
        // As the arrival: a time (or a day other than the event's) no group shares.
        let created = if anon {
            String::new()
        } else {
            date_time(c.meta.created, off)
        };
        Some(ConsultationRow {
            consultation_id: self.once('C', c.meta.id),
            visit_id: self.id('V', c.visit),
            event_id: event(c.event.to_string()),
            person_id: self.meet(c.person),
            created,
            utc_offset: event(crate::domain::validate::format_utc_offset(off)),
            officer: self.blank(&c.officer),
            topics: self.values.tax_list(Kind::Topic, &f.topics),
            outcome: Cow::Borrowed(self.values.tax(Kind::Outcome, &f.outcome)),
            referral: Cow::Borrowed(
                f.referral
                    .as_deref()
                    .map_or("", |r| self.values.tax(Kind::Referral, r)),
            ),
            legal_bases: self.values.tax_list(Kind::LegalBasis, &f.legal_bases),
            // Due some days after the event: they would give a suppressed event back.
            follow_up: event(date(f.follow_up)),
            follow_up_closed: event(date(f.follow_up_closed)),
            claimed,
            claimed_currency,
            recovered,
            recovered_currency,
            appeal_id,
            notes: self.blank(&f.notes),
            advice: self.blank(&f.advice),
        })
    }

    /// The row of an appeal of the period (after its consultations were seen).
    pub fn appeal(&mut self, a: &Appeal) -> Option<AppealRow> {
        let opened_here = self.plan.is_none() && self.period.has_opening(a, self.offset_min);
        if !self.appeal_ids.contains(&a.meta.id) && !opened_here {
            return None;
        }
        self.appeal_ids.insert(a.meta.id);
        let f = &a.fields;
        // Anonymised, an appeal's dates and city would name the event of every consultation
        // that cites it, also where the consultation's row suppresses it.
        let anon = self.plan.is_some();
        let when = |cell: String| if anon { SUPPRESSED.to_string() } else { cell };
        Some(AppealRow {
            appeal_id: self.id('A', a.meta.id),
            opened: when(date(Some(
                to_local(a.meta.created, self.offset_min).date_naive(),
            ))),
            // Free text: it names employers, places and people.
            title: self.blank(&f.title).into_owned(),
            respondent: self.blank(&f.respondent).into_owned(),
            topic: self.values.tax(Kind::Topic, &f.topic).to_string(),
            host_city: when(f.host_city.clone()),
            follow_up: when(date(f.follow_up)),
            follow_up_closed: when(date(f.follow_up_closed)),
            outcome: f
                .outcome
                .as_deref()
                .map_or("", |o| self.values.tax(Kind::Outcome, o))
                .to_string(),
        })
    }

    /// The row of a member of an appeal of the period (after the appeals).
    pub fn member(&mut self, m: &AppealMember) -> Option<MemberRow> {
        if !self.appeal_ids.contains(&m.appeal) {
            return None;
        }
        self.shown(m.person)?;
        let (claimed, claimed_currency) = money_cells(m.claimed);
        let (recovered, recovered_currency) = money_cells(m.recovered);
        Some(MemberRow {
            member_id: self.once('M', m.meta.id),
            appeal_id: self.id('A', m.appeal),
            person_id: self.meet(m.person),
            claimed,
            claimed_currency,
            recovered,
            recovered_currency,
            status: self.values.member(m.status).to_string(),
        })
    }

    /// The rows of the persons met in the rows so far, in order of first appearance, one at
    /// a time (a table of them all would be the export's biggest allocation).
    pub fn each_person<E>(
        &mut self,
        mut f: impl FnMut(PersonRow) -> Result<(), E>,
    ) -> Result<(), E> {
        // Ages as of the exporting desk's day, as the report's.
        let today = to_local(chrono::Utc::now(), self.offset_min).date_naive();
        let mut wanted = std::mem::take(&mut self.wanted);
        if self.whole() {
            // A whole export is the store's records: a person with no visit, consultation
            // or membership (registered, then their visit moved to another person; a
            // person imported alone) is theirs too, after the others in order of creation.
            let mut alone: Vec<Id> = (self.persons.keys())
                .filter(|id| !self.seen.contains(*id))
                .copied()
                .collect();
            alone.sort_unstable();
            wanted.extend(alone);
        }
        for id in wanted {
            let person_id = self.ids.person(id);
            let (Some(p), Some(show)) = (self.persons.get(&id), self.shown(id)) else {
                continue;
            };
            let age = if self.plan.is_some() {
                show.age_band()
            } else {
                age_band(p.birth, today)
            };
            f(PersonRow {
                person_id,
                surname: self.blank(p.surname()).into_owned(),
                given_name: self.blank(p.given_name()).into_owned(),
                patronymic: self.blank(p.patronymic()).into_owned(),
                birth_date: if self.anonymize {
                    String::new()
                } else {
                    date(p.birth)
                },
                age_band: self.values.age_band(age).to_string(),
                sex: hide(show.sex(), self.values.sex(p.sex).into()).into_owned(),
                document: self.blank(p.document()).into_owned(),
                phone: self.blank(p.phone()).into_owned(),
                region: hide(show.region(), self.values.region(p.region).into()).into_owned(),
                city: hide(show.city(), p.city().into()).into_owned(),
            })?;
        }
        Ok(())
    }
}

/// The tables of `period`, visits in order of arrival. Persons are those with a visit in the
/// period or in one of its appeals; without a period, every person.
pub fn tables(records: &Records, period: &Period, anonymize: bool, offset_min: i32) -> Tables {
    let mut rows = Rows::new(
        &records.events,
        records.persons.iter().map(PersonCells::of).collect(),
        period,
        anonymize,
        offset_min,
    );
    let mut visits: Vec<&Visit> = records.visits.iter().collect();
    visits.sort_by_key(|v| (v.arrived, v.queue_no));
    let mut t = Tables {
        visits: visits
            .into_iter()
            .filter_map(|v| rows.visit(v).map(VisitRow::into_owned))
            .collect(),
        ..Default::default()
    };
    t.consultations = records
        .consultations
        .iter()
        .filter_map(|c| rows.consultation(c).map(ConsultationRow::into_owned))
        .collect();
    t.appeals = records
        .appeals
        .iter()
        .filter_map(|a| rows.appeal(a))
        .collect();
    t.appeal_members = records
        .members
        .iter()
        .filter_map(|m| rows.member(m))
        .collect();
    let mut persons = Vec::new();
    rows.each_person(|p| {
        persons.push(p);
        Ok::<_, std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    t.persons = persons;
    t
}

#[cfg(test)]
mod tests;
