use super::*;
use crate::export::values::Kind;

/// When a record was created, from the time in its id (the export keeps no other).
pub(super) fn created_of(id: Id) -> chrono::DateTime<Utc> {
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
    // "Today" for dates of birth is the desk's, by the store's clock (tests set it).
    let today = crate::domain::validate::to_local(store.now(), default_offset).date_naive();
    let mut errors: Vec<RowError> = Vec::new();
    // Taxonomy values as codes or as labels in any of the three languages.
    let values = crate::export::values::Reverse::new(tax);
    let mut batch = new_batch(store, officer, dry_run);
    let mut report = ImportReport::default();
    // Every table's own ids: a record id is unique in the whole folder.
    let mut ids = Ids::default();

    // Persons first: a member of an appeal may have no visit in the export's period.
    let mut persons: HashMap<Id, Id> = HashMap::new();
    if let Some(mut t) = Table::read(
        dir,
        "persons",
        "persons.csv",
        &["person_id", "surname"],
        "person_id",
    )? {
        let mut cells = Vec::new();
        while let Some((line, rec)) = t.next_row(&mut ids)? {
            let mut c = t.cells(line, &rec, &mut cells);
            let id = c.id("person_id");
            let fields = person_fields(&mut c, today);
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
                report.matches.push((line, p.fields.full_name()));
                persons.insert(id, p.meta.id);
                continue;
            }
            let created = created_of(id);
            batch.push(Change::PutPerson(Person {
                meta: store.meta_at(Some(id), created),
                fields,
            }))?;
            persons.insert(id, id);
            report.new_persons += 1;
        }
        errors.extend(t.errors);
        errors.extend(cells);
    }

    // Visits, as a lone visits file is imported.
    let visits_path = dir.join("visits.csv");
    // A refused visits table leaves no visit to point at: every consultation would then
    // be "no such visit" too (one bad cell gave hundreds of such lines), so those are not
    // said until the visits table reads.
    let opened = match super::source::Source::of_file(&visits_path, "") {
        Ok(Some(text)) => VisitRows::open(text, default_offset, today),
        Ok(None) => {
            return Err(ImportError::Store(StoreError::Io {
                path: visits_path.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            }));
        }
        Err(e) => Err(e),
    };
    let plan = match opened {
        Ok(rows) => plan_visits(store, &mut batch, rows, &mut ids, &persons, progress)?,
        Err(ImportError::Rows(e)) => Plan {
            report: ImportReport::default(),
            visits: Planned::default(),
            refused: e,
            visit_ids: Vec::new(),
        },
        Err(e) => return Err(e),
    };
    let visits_refused = !plan.refused.is_empty();
    // A refused visits table keeps no ids for the other tables to clash with (as no visits).
    if !visits_refused {
        for (line, id) in &plan.visit_ids {
            ids.across_id("visits.csv", u64::from(*line), Id::from(*id));
        }
    }
    drop(plan.visit_ids);
    errors.extend(plan.refused.into_iter().map(|x| RowError {
        file: "visits.csv",
        ..x
    }));
    let mut visit_report = plan.report;
    visit_report.new_persons += report.new_persons;
    visit_report.matched_persons += report.matched_persons;
    visit_report.matches.extend(report.matches);
    report = visit_report;
    // Once refused, the visits planned before the refusal are not pointed at either.
    let visits = if visits_refused {
        Planned::default()
    } else {
        plan.visits
    };

    // Appeals, before the consultations and members that point at them: those of the file
    // and those on record (read once, not per row).
    let mut appeals: std::collections::HashSet<Id> =
        store.appeals()?.iter().map(|a| a.meta.id).collect();
    if let Some(mut t) = Table::read(
        dir,
        "appeals",
        "appeals.csv",
        &["appeal_id", "title", "topic"],
        "appeal_id",
    )? {
        let mut cells = Vec::new();
        while let Some((line, rec)) = t.next_row(&mut ids)? {
            let mut c = t.cells(line, &rec, &mut cells);
            let id = c.id("appeal_id");
            let topic = c.code("topic", &values, Kind::Topic);
            let outcome = match c.get("outcome") {
                "" => Some(None),
                _ => c.code("outcome", &values, Kind::Outcome).map(Some),
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
                .unwrap_or_else(|| store.now());
            batch.push(Change::PutAppeal(Appeal {
                meta: store.meta_at(Some(id), created),
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
            }))?;
            report.new_appeals += 1;
        }
        errors.extend(t.errors);
        errors.extend(cells);
    }

    if let Some(mut t) = Table::read(
        dir,
        "consultations",
        "consultations.csv",
        &["consultation_id", "visit_id", "topics", "outcome"],
        "consultation_id",
    )? {
        let mut cells = Vec::new();
        while let Some((line, rec)) = t.next_row(&mut ids)? {
            let mut c = t.cells(line, &rec, &mut cells);
            let id = c.id("consultation_id");
            let visit = c.id("visit_id");
            let topics = values
                .list(Kind::Topic, c.get("topics"))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| {
                    c.bad("topics", "err-unknown-code");
                    Vec::new()
                });
            let outcome = c.code("outcome", &values, Kind::Outcome);
            let referral = match c.get("referral") {
                "" => Some(None),
                _ => c.code("referral", &values, Kind::Referral).map(Some),
            };
            let legal_bases = values
                .list(Kind::LegalBasis, c.get("legal_bases"))
                .unwrap_or_else(|| {
                    c.bad("legal_bases", "err-unknown-code");
                    Vec::new()
                });
            let follow_up = c.date("follow_up");
            let follow_up_closed = c.date("follow_up_closed");
            let claimed = c.money("claimed");
            let recovered = c.money("recovered");
            let appeal = c.opt_id("appeal_id");
            // At the offset written beside it; an export older than that column wrote it at
            // the exporting desk's offset, taken to be this one's.
            let offset = c.offset_or("utc_offset", default_offset);
            let created = offset.and_then(|o| c.time("created", o));
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
                Some(v) => match visits.get(v) {
                    Some(t) => Some(t),
                    None => match store.visit(v)? {
                        Some(x) => Some((x.meta.id, x.event, x.person)),
                        None => {
                            if !visits_refused {
                                c.bad("visit_id", "import-unknown-visit");
                            }
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
            batch.push(Change::PutConsultation(Consultation {
                meta: store.meta_at(Some(id), created),
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
            }))?;
            report.new_consultations += 1;
        }
        errors.extend(t.errors);
        errors.extend(cells);
    }

    if let Some(mut t) = Table::read(
        dir,
        "appeal_members",
        "appeal_members.csv",
        &["member_id", "appeal_id", "person_id"],
        "member_id",
    )? {
        let mut cells = Vec::new();
        while let Some((line, rec)) = t.next_row(&mut ids)? {
            let mut c = t.cells(line, &rec, &mut cells);
            let id = c.id("member_id");
            let appeal = c.id("appeal_id");
            let person = c.id("person_id");
            let claimed = c.money("claimed");
            let recovered = c.money("recovered");
            let status = match coded(Kind::MemberStatus, c.get("status")).and_then(|code| {
                crate::domain::MemberStatus::ALL
                    .into_iter()
                    .find(|s| s.code() == code)
            }) {
                Some(s) => Some(s),
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
            batch.push(Change::PutAppealMember(AppealMember {
                meta: store.meta_at(Some(id), created),
                officer: officer.to_string(),
                appeal,
                person,
                claimed,
                recovered,
                status,
            }))?;
            report.new_members += 1;
        }
        errors.extend(t.errors);
        errors.extend(cells);
    }
    // An id that is the record id of two tables' rows: the folder was put together wrongly.
    errors.extend(std::mem::take(&mut ids.across));
    if !errors.is_empty() {
        return Err(ImportError::Rows(dedup(errors)));
    }
    // The last chance to stop: the commit itself is one bulk write.
    if !progress(report.rows, report.rows) {
        return Err(ImportError::Cancelled);
    }
    // What matched the rows is not needed for the write: its memory is given back first.
    drop((ids, persons, visits, appeals));
    commit(store, batch)?;
    Ok(report)
}
