//! The commands the desk runs: each reads what it needs under the writer's lock and
//! commits one op, so a save is all of it or nothing.

use std::collections::HashSet;

use super::{
    Arrival, Change, LOOK_ALIKES, PersonPick, QueueEntry, Result, Store, StoreError, keys,
};
use crate::domain::{
    Appeal, AppealFields, AppealMember, Arrived, Consultation, ConsultationFields, Event,
    EventFields, Id, MemberStatus, Money, Person, PersonFields, Visit, VisitStatus,
};

impl Store {
    pub fn create_event(&self, fields: EventFields, officer: &str) -> Result<Event> {
        let event = Event {
            meta: self.new_meta(),
            fields,
        };
        self.commit(officer, vec![Change::PutEvent(event.clone())])?;
        Ok(event)
    }

    /// Logs an arrival: creates the person if new and the visit with the next queue number
    /// of this desk for the event, in one durable op.
    pub fn add_arrival(&self, arrival: Arrival, officer: &str) -> Result<QueueEntry> {
        self.arrive(arrival, officer, false)
    }

    /// `add_arrival`, unless the arrival is for a new person who looks like persons on
    /// record (`look_alikes`): then nothing is written and `StoreError::LookAlikes` holds
    /// them, for the desk to pick one or to save a new person after all (`add_arrival`).
    /// Checked under the writer's lock, so no look-alike can be saved between the check and
    /// the save; an arrival for a person on record is never refused.
    pub fn add_arrival_checked(&self, arrival: Arrival, officer: &str) -> Result<QueueEntry> {
        self.arrive(arrival, officer, true)
    }

    fn arrive(&self, arrival: Arrival, officer: &str, check_new: bool) -> Result<QueueEntry> {
        let mut w = self.write_lock()?;
        if self.event(arrival.event)?.is_none() {
            return Err(StoreError::NotFound {
                what: "event",
                id: arrival.event,
            });
        }
        let mut changes = Vec::with_capacity(2);
        let person = match arrival.person {
            PersonPick::Existing(id) => self
                .person(id)?
                .ok_or(StoreError::NotFound { what: "person", id })?,
            PersonPick::New(fields) => {
                if check_new {
                    let found = self.look_alikes(&fields, LOOK_ALIKES)?;
                    if !found.is_empty() {
                        return Err(StoreError::LookAlikes(found));
                    }
                }
                let p = Person {
                    meta: self.new_meta(),
                    fields,
                };
                changes.push(Change::PutPerson(p.clone()));
                p
            }
        };
        let visit = Visit::arrival(
            self.new_meta(),
            Arrived {
                event: arrival.event,
                person: person.meta.id,
                queue_no: self.next_queue_no(arrival.event, self.desk)?,
                desk_name: arrival.desk_name,
                purpose: arrival.purpose,
                language: arrival.language,
            },
        );
        changes.push(Change::PutVisit(visit.clone()));
        self.commit_locked(&mut w, officer, changes)?;
        Ok(QueueEntry {
            visit,
            person: Some(person),
        })
    }

    /// Moves a visit through the queue. A move the visit's state does not allow is refused
    /// before anything is written.
    pub fn set_visit_status(&self, visit: Id, to: VisitStatus, officer: &str) -> Result<Visit> {
        let mut w = self.write_lock()?;
        let mut v = self.visit(visit)?.ok_or(StoreError::NotFound {
            what: "visit",
            id: visit,
        })?;
        let at = self.now();
        v.transition(to, at, officer)?;
        self.commit_locked(
            &mut w,
            officer,
            vec![Change::SetVisitStatus {
                visit,
                status: to,
                at,
            }],
        )?;
        self.visit(visit)?.ok_or(StoreError::NotFound {
            what: "visit",
            id: visit,
        })
    }

    /// Saves a new consultation for `visit`, or a new version of `existing` (the version it
    /// replaces is kept in history).
    pub fn save_consultation(
        &self,
        visit: Id,
        existing: Option<Id>,
        fields: ConsultationFields,
        officer: &str,
    ) -> Result<Consultation> {
        let mut w = self.write_lock()?;
        let c = match existing {
            Some(id) => {
                let mut c = self.consultation(id)?.ok_or(StoreError::NotFound {
                    what: "consultation",
                    id,
                })?;
                c.fields = ConsultationFields {
                    appeal: fields.appeal.or(c.fields.appeal),
                    ..fields
                };
                c.officer = officer.to_string();
                c.meta.touch(self.now());
                c
            }
            None => {
                let v = self.visit(visit)?.ok_or(StoreError::NotFound {
                    what: "visit",
                    id: visit,
                })?;
                Consultation::at_visit(self.new_meta(), &v, officer, fields)
            }
        };
        self.commit_locked(&mut w, officer, vec![Change::PutConsultation(c.clone())])?;
        Ok(c)
    }

    /// Closes an open follow-up with its outcome, the amount recovered and the date.
    pub fn close_follow_up(
        &self,
        id: Id,
        outcome: &str,
        recovered: Option<Money>,
        on: chrono::NaiveDate,
        officer: &str,
    ) -> Result<()> {
        let close = FollowUpClose {
            outcome,
            recovered,
            on,
            note: "",
        };
        self.close_follow_up_noted(id, close, officer)
    }

    /// Closes an open follow-up. A consultation's closing note joins its notes
    /// (`with_close_note`); an appeal has no notes, so the form asks for none.
    pub fn close_follow_up_noted(
        &self,
        id: Id,
        close: FollowUpClose<'_>,
        officer: &str,
    ) -> Result<()> {
        let FollowUpClose {
            outcome,
            recovered,
            on,
            note,
        } = close;
        let mut w = self.write_lock()?;
        let now = self.now();
        let change = if let Some(mut c) = self.consultation(id)? {
            c.fields.notes =
                crate::domain::consultation::with_close_note(&c.fields.notes, on, note)
                    .map_err(StoreError::Invalid)?;
            c.fields.outcome = outcome.to_string();
            if recovered.is_some() {
                c.fields.recovered = recovered;
            }
            c.fields.follow_up_closed = Some(on);
            c.officer = officer.to_string();
            c.meta.touch(now);
            Change::PutConsultation(c)
        } else if let Some(mut a) = self.appeal(id)? {
            a.fields.outcome = Some(outcome.to_string());
            a.fields.follow_up_closed = Some(on);
            a.officer = officer.to_string();
            a.meta.touch(now);
            Change::PutAppeal(a)
        } else {
            return Err(StoreError::NotFound {
                what: "follow-up",
                id,
            });
        };
        self.commit_locked(&mut w, officer, vec![change])?;
        Ok(())
    }

    /// Opens a collective appeal, from a consultation if given: the consultation is linked
    /// to it and its person becomes the first member, with the consultation's amounts.
    pub fn create_appeal(
        &self,
        fields: AppealFields,
        from: Option<Id>,
        officer: &str,
    ) -> Result<Appeal> {
        let mut w = self.write_lock()?;
        let appeal = Appeal {
            meta: self.new_meta(),
            officer: officer.to_string(),
            fields,
        };
        let mut changes = vec![Change::PutAppeal(appeal.clone())];
        if let Some(cid) = from {
            changes.extend(self.link_changes(cid, &appeal, officer)?);
        }
        self.commit_locked(&mut w, officer, changes)?;
        Ok(appeal)
    }

    /// Links a consultation to an existing appeal and adds its person as a member (once).
    pub fn join_appeal(&self, consultation: Id, appeal: Id, officer: &str) -> Result<()> {
        let mut w = self.write_lock()?;
        let a = self.appeal(appeal)?.ok_or(StoreError::NotFound {
            what: "appeal",
            id: appeal,
        })?;
        let changes = self.link_changes(consultation, &a, officer)?;
        self.commit_locked(&mut w, officer, changes)?;
        Ok(())
    }

    fn link_changes(&self, cid: Id, appeal: &Appeal, officer: &str) -> Result<Vec<Change>> {
        let mut c = self.consultation(cid)?.ok_or(StoreError::NotFound {
            what: "consultation",
            id: cid,
        })?;
        let mut changes = Vec::new();
        if c.fields.appeal != Some(appeal.meta.id) {
            c.fields.appeal = Some(appeal.meta.id);
            c.officer = officer.to_string();
            c.meta.touch(self.now());
            changes.push(Change::PutConsultation(c.clone()));
        }
        // Members only, without loading their persons: this runs under the writer lock.
        let mut already = false;
        for id in self.linked(keys::IX_MEMBER_BY_APPEAL, appeal.meta.id)? {
            if self.member(id)?.is_some_and(|m| m.person == c.person) {
                already = true;
                break;
            }
        }
        if !already {
            changes.push(Change::PutAppealMember(AppealMember::joining(
                self.new_meta(),
                appeal.meta.id,
                c.person,
                c.fields.claimed,
                c.fields.recovered,
                officer,
            )));
        }
        Ok(changes)
    }

    /// Adds a person to an appeal with their own amounts: an existing person, or a new
    /// one created in the same op. A person is a member at most once.
    pub fn add_member(
        &self,
        appeal: Id,
        person: PersonPick,
        claimed: Option<Money>,
        recovered: Option<Money>,
        officer: &str,
    ) -> Result<AppealMember> {
        let mut w = self.write_lock()?;
        if self.appeal(appeal)?.is_none() {
            return Err(StoreError::NotFound {
                what: "appeal",
                id: appeal,
            });
        }
        let mut changes = Vec::with_capacity(2);
        let person = match person {
            PersonPick::Existing(id) => {
                if self.person(id)?.is_none() {
                    return Err(StoreError::NotFound { what: "person", id });
                }
                for mid in self.linked(keys::IX_MEMBER_BY_APPEAL, appeal)? {
                    if self.member(mid)?.is_some_and(|m| m.person == id) {
                        return Err(StoreError::AlreadyMember);
                    }
                }
                id
            }
            PersonPick::New(fields) => {
                let p = Person {
                    meta: self.new_meta(),
                    fields,
                };
                let id = p.meta.id;
                changes.push(Change::PutPerson(p));
                id
            }
        };
        let m = AppealMember::joining(self.new_meta(), appeal, person, claimed, recovered, officer);
        changes.push(Change::PutAppealMember(m.clone()));
        self.commit_locked(&mut w, officer, changes)?;
        Ok(m)
    }

    /// Merges the duplicate `gone` into `into`: every visit, consultation and appeal
    /// membership of `gone` moves to `into` (consultations and memberships as new versions,
    /// so the move is in their history), and `gone`'s record is kept in a merge note on
    /// `into`'s card. One op: all of it or nothing.
    pub fn merge_persons(&self, into: Id, gone: Id, officer: &str) -> Result<usize> {
        let mut w = self.write_lock()?;
        if into == gone {
            return Err(StoreError::SamePerson);
        }
        for id in [into, gone] {
            if self.person(id)?.is_none() {
                return Err(StoreError::NotFound { what: "person", id });
            }
        }
        let now = self.now();
        let mut changes = Vec::new();
        for id in self.linked(keys::IX_VISIT_BY_PERSON, gone)? {
            if let Some(mut v) = self.visit(id)? {
                v.person = into;
                v.meta.touch(now);
                changes.push(Change::PutVisit(v));
            }
        }
        for id in self.linked(keys::IX_CONS_BY_PERSON, gone)? {
            if let Some(mut c) = self.consultation(id)? {
                c.person = into;
                c.officer = officer.to_string();
                c.meta.touch(now);
                changes.push(Change::PutConsultation(c));
            }
        }
        // Appeals `into` is already in: the duplicate's membership there is the same claim
        // typed twice, so it moves as withdrawn and is not counted again.
        let mut in_appeals = HashSet::new();
        for id in self.linked(keys::IX_MEMBER_BY_PERSON, into)? {
            if let Some(m) = self.member(id)?
                && m.status != MemberStatus::Withdrawn
            {
                in_appeals.insert(m.appeal);
            }
        }
        for id in self.linked(keys::IX_MEMBER_BY_PERSON, gone)? {
            if let Some(mut m) = self.member(id)? {
                if in_appeals.contains(&m.appeal) {
                    m.status = MemberStatus::Withdrawn;
                }
                m.person = into;
                m.officer = officer.to_string();
                m.meta.touch(now);
                changes.push(Change::PutAppealMember(m));
            }
        }
        let moved = changes.len();
        changes.push(Change::MergePerson {
            into,
            gone,
            at: now,
        });
        self.commit_locked(&mut w, officer, changes)?;
        Ok(moved)
    }

    /// Saves changed appeal details as a new version (the old one goes to history). The
    /// outcome and closing date are set by closing the follow-up and are kept, unless the
    /// follow-up date changes, which reopens it.
    pub fn save_appeal(&self, id: Id, fields: AppealFields, officer: &str) -> Result<Appeal> {
        let mut w = self.write_lock()?;
        let mut a = self
            .appeal(id)?
            .ok_or(StoreError::NotFound { what: "appeal", id })?;
        let old = std::mem::take(&mut a.fields);
        a.fields = AppealFields {
            follow_up_closed: old
                .follow_up_closed
                .filter(|_| fields.follow_up == old.follow_up),
            outcome: old.outcome,
            ..fields
        };
        a.officer = officer.to_string();
        a.meta.touch(self.now());
        self.commit_locked(&mut w, officer, vec![Change::PutAppeal(a.clone())])?;
        Ok(a)
    }

    /// Saves corrected details of a person as a new version (the one replaced is kept in
    /// history), checked by the rules a new person's are. `None`: nothing differs from the
    /// record, and nothing is written. The search finds the person by the new details
    /// from the moment this returns.
    pub fn update_person(
        &self,
        id: Id,
        fields: PersonFields,
        officer: &str,
    ) -> Result<Option<Person>> {
        let mut w = self.write_lock()?;
        let mut p = self
            .person(id)?
            .ok_or(StoreError::NotFound { what: "person", id })?;
        // A day ahead of UTC: no desk's today is later, so no birth date typed there today
        // is refused here as being in the future.
        let today = (self.now() + chrono::Duration::hours(14)).date_naive();
        let fields = fields.normalised(today).map_err(|e| {
            let first = e.first().map(|(_, e)| *e);
            StoreError::Invalid(first.unwrap_or(crate::domain::ValidationError::Required))
        })?;
        if fields == p.fields {
            return Ok(None);
        }
        p.fields = fields;
        p.meta.touch(self.now());
        self.commit_locked(&mut w, officer, vec![Change::UpdatePerson(p.clone())])?;
        Ok(Some(p))
    }

    /// Saves a changed member (amounts, status) as a new version; its status settled by
    /// the one rule (`MemberStatus::settled`). A member saved unchanged writes nothing.
    pub fn update_member(&self, mut m: AppealMember, officer: &str) -> Result<AppealMember> {
        let mut w = self.write_lock()?;
        let current = self.member(m.meta.id)?.ok_or(StoreError::NotFound {
            what: "appeal member",
            id: m.meta.id,
        })?;
        m.status = m.status.settled(m.recovered);
        let same = (m.appeal, m.person, m.claimed, m.recovered, m.status)
            == (
                current.appeal,
                current.person,
                current.claimed,
                current.recovered,
                current.status,
            );
        if same {
            return Ok(current);
        }
        m.meta = current.meta;
        m.meta.touch(self.now());
        m.officer = officer.to_string();
        self.commit_locked(&mut w, officer, vec![Change::PutAppealMember(m.clone())])?;
        Ok(m)
    }
}

/// How a follow-up is closed: outcome code, amount recovered, the day, a note (may be empty).
#[derive(Clone, Copy, Debug)]
pub struct FollowUpClose<'a> {
    pub outcome: &'a str,
    pub recovered: Option<Money>,
    pub on: chrono::NaiveDate,
    pub note: &'a str,
}
