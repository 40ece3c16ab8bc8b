use std::collections::HashSet;

use super::ids::IdKey;
use super::*;

/// What importing the visits would write, and where the file's ids went: events and
/// persons matched to ones on record get those ids; visits already there keep theirs.
pub(super) struct Plan {
    pub(super) report: ImportReport,
    /// The file's visits, there after the import (imported or there before).
    pub(super) visits: Planned,
    /// What was wrong with the visits table's rows (nothing is written then).
    pub(super) refused: Vec<RowError>,
    /// (line, visit id) of the rows read, in order: the ids a folder's other tables may
    /// not give their records.
    pub(super) visit_ids: Vec<(u32, IdKey)>,
}

/// Plans the visits table's rows as they are read. Once a row is refused the rest are only
/// checked: nothing will be written, and every problem is still reported.
pub(super) fn plan_visits(
    store: &Store,
    batch: &mut Batch,
    mut rows: VisitRows,
    ids: &mut Ids,
    known_persons: &HashMap<Id, Id>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Plan, ImportError> {
    let total = rows.table.count();
    let visits_on_record = store.visits()?;
    let existing_visits: HashSet<Slot> = visits_on_record
        .iter()
        .map(|v| Slot::new(v.event, v.person, v.arrived.timestamp() / 60))
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
    let mut p = Planner {
        store,
        officer: batch.officer().to_string(),
        batch,
        known_persons,
        report: ImportReport::default(),
        events: store.events()?,
        new_persons: HashMap::new(),
        existing_visits,
        at_minute,
        visits_map: Planned::default(),
    };
    let (mut read, mut failed, mut visit_ids) = (0usize, None, Vec::new());
    while let Some(row) = rows.next_row(ids)? {
        if read % 500 == 0 && !progress(read, total) {
            return Err(ImportError::Cancelled);
        }
        read += 1;
        let Some(row) = row else { continue };
        if let Some(id) = row.visit_id {
            visit_ids.push((u32::try_from(row.line).unwrap_or(u32::MAX), IdKey::from(id)));
        }
        if failed.is_none() && !rows.refused() {
            failed = p.row(row).err();
        }
    }
    p.report.rows = read;
    let refused = rows.into_errors();
    if let (Some(e), true) = (failed, refused.is_empty()) {
        return Err(e);
    }
    if !progress(total.max(read), total.max(read)) {
        return Err(ImportError::Cancelled);
    }
    Ok(Plan {
        report: p.report,
        visits: p.visits_map,
        refused,
        visit_ids,
    })
}

/// What planning the rows so far made, to match the next rows against.
struct Planner<'a, 'b, 's> {
    store: &'s Store,
    officer: String,
    batch: &'a mut Batch<'b>,
    known_persons: &'a HashMap<Id, Id>,
    report: ImportReport,
    events: Vec<Event>,
    /// Persons this file creates, by the id it gives them or (without one) by name, birth
    /// date and document.
    new_persons: HashMap<Result<IdKey, String>, Id>,
    existing_visits: HashSet<Slot>,
    at_minute: HashMap<(Id, i64), Vec<Id>>,
    visits_map: Planned,
}

/// A visit's event, person and minute of arrival: what tells a visit without an id. Ids
/// as two halves, 40 bytes a visit (not 48 with `u128`'s alignment).
#[derive(Clone, Copy, Hash, PartialEq, Eq)]
struct Slot {
    event: IdKey,
    person: IdKey,
    minute: i64,
}

impl Slot {
    fn new(event: Id, person: Id, minute: i64) -> Slot {
        Slot {
            event: IdKey::from(event),
            person: IdKey::from(person),
            minute,
        }
    }
}

/// The visits of the file by id: (event, person) of each, 48 bytes a visit.
#[derive(Default)]
pub(super) struct Planned(HashMap<IdKey, (IdKey, IdKey)>);

impl Planned {
    fn insert(&mut self, visit: Id, event: Id, person: Id) {
        self.0.insert(
            IdKey::from(visit),
            (IdKey::from(event), IdKey::from(person)),
        );
    }

    /// (visit, event, person) of the file's visit `id`.
    pub(super) fn get(&self, id: Id) -> Option<(Id, Id, Id)> {
        let (event, person) = self.0.get(&IdKey::from(id))?;
        Some((id, Id::from(*event), Id::from(*person)))
    }
}

impl Planner<'_, '_, '_> {
    fn row(&mut self, row: Row) -> Result<(), ImportError> {
        // The visit id is already there: imported before.
        if let Some(id) = row.visit_id
            && let Some(v) = self.store.visit(id)?
        {
            self.visits_map.insert(id, v.event, v.person);
            self.report.already_there += 1;
            return Ok(());
        }
        // The event: by id, or the same day and city.
        let ei = self.events.iter().position(|e| {
            Some(e.meta.id) == row.event_id
                || (e.fields.date == row.event.date
                    && e.fields.city.to_lowercase() == row.event.city.to_lowercase())
        });
        let ei = match ei {
            Some(i) => i,
            None => {
                let at =
                    Utc.from_utc_datetime(&row.event.date.and_hms_opt(0, 0, 0).unwrap_or_default());
                let e = Event {
                    meta: self.store.meta_at(row.event_id, at),
                    fields: row.event.clone(),
                };
                self.batch.push(Change::PutEvent(e.clone()))?;
                self.events.push(e);
                self.report.new_events += 1;
                self.events.len() - 1
            }
        };
        let event = self.events[ei].clone();
        // The person: by id, by look-alike on record, or one created earlier in this file.
        // Rows of one person: the same id, or (without ids) the same name, birth date and
        // document.
        let key = match row.person_id {
            Some(id) => Ok(IdKey::from(id)),
            None => Err(format!(
                "{}|{}|{}|{:?}|{:?}",
                crate::domain::name::fold(&row.person.surname),
                crate::domain::name::fold(&row.person.given_name),
                crate::domain::name::fold(&row.person.patronymic),
                row.person.birth_date,
                row.person.document
            )),
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
        let known = row
            .person_id
            .and_then(|id| self.known_persons.get(&id))
            .copied();
        let mut by_slot = None;
        let on_record = match row.person_id {
            _ if known.is_some() => None,
            Some(id) if self.store.person(id)?.is_some() => self.store.person(id)?,
            _ => match self
                .store
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
                    by_slot = same_name_at(
                        self.store,
                        &self.at_minute,
                        event.meta.id,
                        minute,
                        &row.person,
                    )?;
                    None
                }
            },
        };
        let person = match (known, on_record, by_slot, self.new_persons.get(&key)) {
            (Some(id), ..) => id,
            (None, Some(p), ..) => {
                self.report.matched_persons += 1;
                self.report.matches.push((row.line, p.fields.full_name()));
                p.meta.id
            }
            (None, None, Some(id), _) => {
                self.report.matched_by_slot += 1;
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
                    .unwrap_or_else(|| self.store.now());
                let p = Person {
                    meta: self.store.meta_at(row.person_id, created),
                    fields: row.person.clone(),
                };
                let id = p.meta.id;
                self.batch.push(Change::PutPerson(p))?;
                self.new_persons.insert(key, id);
                self.report.new_persons += 1;
                id
            }
        };
        // Without an id, the same person at the same event and minute is the same visit
        // (a register imported twice); with one, the id alone decides (checked above).
        let slot = Slot::new(event.meta.id, person, minute);
        if row.visit_id.is_none() && self.existing_visits.contains(&slot) {
            self.report.already_there += 1;
            return Ok(());
        }
        let queue_no = match row.queue_no {
            Some(n) => n,
            None => self.batch.next_queue_no(event.meta.id)?,
        };
        // `waited_min` is within a week (checked with the row): this cannot overflow, and
        // if it did the arrival time is the honest fallback.
        let called = arrived
            .checked_add_signed(chrono::Duration::minutes(row.waited_min.unwrap_or(0)))
            .unwrap_or(arrived);
        let visit = Visit::arrival(
            self.store.meta_at(row.visit_id, arrived),
            Arrived {
                event: event.meta.id,
                person,
                queue_no,
                desk_name: row.desk,
                purpose: row.purpose,
                language: row.language,
            },
        )
        .with_past(row.status, called, called, &self.officer)
        .map_err(StoreError::from)?;
        let id = visit.meta.id;
        self.existing_visits.insert(slot);
        self.at_minute
            .entry((event.meta.id, minute))
            .or_default()
            .push(person);
        self.visits_map.insert(id, event.meta.id, person);
        self.batch.push(Change::PutVisit(visit))?;
        self.report.new_visits += 1;
        Ok(())
    }
}

/// The person of a visit on record at `event` and `minute` whose name is the row's, when
/// the row has nothing better to match on (no document or birth date) and nothing the two
/// both have differs.
pub(super) fn same_name_at(
    store: &Store,
    at_minute: &HashMap<(Id, i64), Vec<Id>>,
    event: Id,
    minute: i64,
    row: &crate::domain::PersonFields,
) -> Result<Option<Id>, StoreError> {
    use crate::domain::name::fold;
    use crate::domain::validate::document_key;
    let Some(candidates) = at_minute.get(&(event, minute)) else {
        return Ok(None);
    };
    let name = |p: &crate::domain::PersonFields| {
        (fold(&p.surname), fold(&p.given_name), fold(&p.patronymic))
    };
    pub(super) fn differ<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
        matches!((a, b), (Some(x), Some(y)) if x != y)
    }
    for id in candidates {
        if let Some(p) = store.person(*id)?
            && name(&p.fields) == name(row)
            && !differ(
                &p.fields.document.as_deref().map(document_key),
                &row.document.as_deref().map(document_key),
            )
            && !differ(&p.fields.birth_date, &row.birth_date)
        {
            return Ok(Some(*id));
        }
    }
    Ok(None)
}
