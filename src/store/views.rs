//! What the screens show, read in one call each: the appeals list and an appeal with its
//! timeline, the follow-ups, a person's card.

use std::collections::HashSet;

use super::{Result, Store, StoreError, decode, keys};
use crate::domain::card::{
    AppealRow, AppealView, FollowUpRecord, FollowUpRow, HistoryEntry, MergeNote, PersonCard,
    PersonVersion,
};
use crate::domain::followup::list::{self, FollowUpFilter, IndexedFollowUp};
use crate::domain::history::{self, Subject, Version};
use crate::domain::{Id, MemberStatus};

impl Store {
    /// Every appeal with its number of persons, the most recently opened first.
    pub fn appeal_rows(&self) -> Result<Vec<AppealRow>> {
        let mut rows = Vec::new();
        for appeal in self.appeals()? {
            let mut persons = HashSet::new();
            for id in self.linked(keys::IX_MEMBER_BY_APPEAL, appeal.meta.id)? {
                if let Some(m) = self.member(id)?
                    && m.status != MemberStatus::Withdrawn
                {
                    persons.insert(m.person);
                }
            }
            rows.push(AppealRow {
                appeal,
                persons: persons.len(),
            });
        }
        rows.sort_by_key(|r| std::cmp::Reverse(r.appeal.meta.created));
        Ok(rows)
    }

    /// An appeal, its members with their persons, and its timeline (the appeal's versions
    /// and its members' versions), newest first.
    pub fn appeal_view(&self, id: Id) -> Result<AppealView> {
        let appeal = self
            .appeal(id)?
            .ok_or(StoreError::NotFound { what: "appeal", id })?;
        let members = self.members(id)?;
        let mut parts = vec![self.versions(Subject::Appeal, HistoryEntry::Appeal(appeal.clone()))?];
        for (m, p) in &members {
            let name = p.as_ref().map(|p| p.fields.full_name()).unwrap_or_default();
            parts.push(self.versions(Subject::Member(name), HistoryEntry::Member(m.clone()))?);
        }
        Ok(AppealView {
            appeal,
            members,
            timeline: history::timeline(parts),
        })
    }

    /// A consultation's or an appeal's timeline, newest first (an appeal's includes its
    /// members' versions).
    pub fn timeline(&self, id: Id) -> Result<Vec<Version>> {
        if self.person(id)?.is_some() {
            return self.person_versions(id);
        }
        if let Some(c) = self.consultation(id)? {
            let v = self.versions(Subject::Consultation, HistoryEntry::Consultation(c))?;
            return Ok(history::timeline([v]));
        }
        Ok(self.appeal_view(id)?.timeline)
    }

    /// The versions of a person's details, newest first: those edits wrote (each with its
    /// officer, in history) and the record, if a later copy replaced them without one.
    pub fn person_versions(&self, id: Id) -> Result<Vec<Version>> {
        let mut chain: Vec<HistoryEntry> = self
            .history(id)?
            .into_iter()
            .filter(|e| matches!(e, HistoryEntry::Person(_)))
            .collect();
        if let Some(p) = self.person(id)? {
            let last = chain.last().map(|e| match e {
                HistoryEntry::Person(v) => v.person.meta.rev,
                _ => 0,
            });
            if last.is_none_or(|rev| rev < p.meta.rev) {
                chain.push(HistoryEntry::Person(PersonVersion {
                    person: p,
                    officer: String::new(),
                }));
            }
        }
        let from = self.made_from(id, &chain, None)?;
        Ok(history::timeline([history::versions_from(
            Subject::Person,
            &chain,
            &from,
        )]))
    }

    /// For each version of `chain` (of record `id`, as saved; the last one the view's own
    /// where `current` names it), the index of the version it was made from, where its
    /// lineage names one in the chain.
    fn made_from(
        &self,
        id: Id,
        chain: &[HistoryEntry],
        current: Option<super::op::VersionRef>,
    ) -> Result<Vec<Option<usize>>> {
        let Some(lineage) = self.lineage(id)? else {
            return Ok(Vec::new());
        };
        let mut names = Vec::with_capacity(chain.len());
        for (i, e) in chain.iter().enumerate() {
            names.push(match current {
                Some(v) if i + 1 == chain.len() => v,
                _ => saved_name(e)?,
            });
        }
        Ok(names
            .iter()
            .map(|v| {
                let node = lineage.nodes.iter().find(|n| n.version == *v)?;
                // Of several (a settlement), the latest it joined.
                node.bases
                    .iter()
                    .filter_map(|b| names.iter().position(|n| n == b))
                    .max_by_key(|&j| history::stamp(&chain[j]).0)
            })
            .collect())
    }

    fn versions(&self, subject: Subject, current: HistoryEntry) -> Result<Vec<Version>> {
        let id = match &current {
            HistoryEntry::Consultation(c) => c.meta.id,
            HistoryEntry::Appeal(a) => a.meta.id,
            HistoryEntry::Member(m) => m.meta.id,
            HistoryEntry::Person(v) => v.person.meta.id,
        };
        let mut chain = self.history(id)?;
        // Shown merged from several desks' versions: the version listed last is the one
        // that won, as saved, not the merge nobody saved.
        let (current, name) = match self.shown_note(id)? {
            Some(note) => (note.winner, note.winner_version),
            None => {
                let name = self.version_of(&current)?;
                (current, name)
            }
        };
        chain.push(current);
        let from = self.made_from(id, &chain, Some(name))?;
        Ok(history::versions_from(subject, &chain, &from))
    }

    /// Every open follow-up in due-date order, read from the follow-up index.
    pub fn open_follow_ups(&self) -> Result<Vec<FollowUpRow>> {
        let keys = self
            .index
            .scan_prefix([keys::IX_FOLLOW_UP])
            .map(|kv| kv.map(|(k, _)| k).map_err(|e| self.sled_err(e)))
            .collect::<Result<Vec<_>>>()?;
        self.follow_up_rows(keys)
    }

    /// The first `limit` open follow-ups the filter shows, in the list's order, with the
    /// totals over all of them. Counted and filtered from the index keys and values alone,
    /// so only the rows shown are read.
    pub fn follow_ups_page(
        &self,
        limit: usize,
        today: chrono::NaiveDate,
        filter: &FollowUpFilter,
    ) -> Result<crate::domain::card::FollowUpPage> {
        let mut entries = Vec::new();
        for kv in self.index.scan_prefix([keys::IX_FOLLOW_UP]) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let (Some(due), Some(id)) = (keys::follow_up_due(&k), keys::trailing_id(&k)) else {
                continue;
            };
            let (officer, topics) = keys::follow_up_facts(&v);
            entries.push(IndexedFollowUp {
                due,
                key: k,
                id,
                topics,
                officer,
            });
        }
        let t = list::tally(entries, filter, today, limit);
        Ok(crate::domain::card::FollowUpPage {
            rows: self.follow_up_rows(t.keys)?,
            total: t.total,
            overdue: t.overdue,
            week: t.week,
            matching: t.matching,
            topics: t.topics,
            officers: t.officers,
        })
    }

    fn follow_up_rows(&self, index_keys: Vec<sled::IVec>) -> Result<Vec<FollowUpRow>> {
        let mut out = Vec::new();
        for k in index_keys {
            let Some(id) = keys::trailing_id(&k) else {
                continue;
            };
            let kind = k.get(5).copied();
            if kind == Some(keys::FOLLOW_UP_CONSULTATION) {
                if let Some(c) = self.consultation(id)? {
                    let person = self.person(c.person)?;
                    out.push(FollowUpRow {
                        record: FollowUpRecord::Consultation(c),
                        person,
                    });
                }
            } else if let Some(a) = self.appeal(id)? {
                out.push(FollowUpRow {
                    record: FollowUpRecord::Appeal(a),
                    person: None,
                });
            }
        }
        Ok(out)
    }

    /// Everything about one person, newest first.
    /// The language a person was served in at their last visit, if they had one: a
    /// returning citizen's arrival starts with it.
    pub fn last_language(&self, person: Id) -> Result<Option<crate::domain::Lang>> {
        let mut last = None;
        for id in self.linked(keys::IX_VISIT_BY_PERSON, person)? {
            if let Some(v) = self.visit(id)?
                && last.is_none_or(|(at, _)| v.arrived > at)
            {
                last = Some((v.arrived, v.language));
            }
        }
        Ok(last.map(|(_, l)| l))
    }

    pub fn person_card(&self, person: Id) -> Result<PersonCard> {
        let p = self.person(person)?.ok_or(StoreError::NotFound {
            what: "person",
            id: person,
        })?;
        let mut visits = Vec::new();
        for id in self.linked(keys::IX_VISIT_BY_PERSON, person)? {
            if let Some(v) = self.visit(id)? {
                let e = self.event(v.event)?;
                visits.push((v, e));
            }
        }
        visits.sort_by_key(|(v, _)| std::cmp::Reverse(v.arrived));
        let mut consultations = Vec::new();
        for id in self.linked(keys::IX_CONS_BY_PERSON, person)? {
            consultations.extend(self.consultation(id)?);
        }
        consultations.sort_by_key(|c| std::cmp::Reverse(c.meta.created));
        let mut memberships = Vec::new();
        for id in self.linked(keys::IX_MEMBER_BY_PERSON, person)? {
            if let Some(m) = self.member(id)? {
                let a = self.appeal(m.appeal)?;
                memberships.push((m, a));
            }
        }
        memberships.sort_by_key(|(m, _)| std::cmp::Reverse(m.meta.created));
        let mut merged = self
            .records
            .scan_prefix(keys::pair_prefix(keys::KIND_MERGE, person))
            .map(|kv| {
                let (_, v) = kv.map_err(|e| self.sled_err(e))?;
                decode("merge note", &v)
            })
            .collect::<Result<Vec<MergeNote>>>()?;
        // Keyed by the duplicate's id, which says when it was created, not merged: the
        // card lists merges oldest first and the unmerge offers the last as the latest.
        merged.sort_by_key(|m| m.at);
        let versions = self.person_versions(person)?;
        let mut undone = Vec::new();
        for (v, _) in &visits {
            undone.extend(self.undone_moves(v.meta.id)?);
        }
        undone.sort_by_key(|u| u.at);
        Ok(PersonCard {
            person: p,
            visits,
            consultations,
            memberships,
            merged,
            versions,
            unmerged: self.unmerges(person)?,
            undone,
        })
    }
}

/// The name of a version kept in the history (kept as saved).
fn saved_name(e: &HistoryEntry) -> Result<super::op::VersionRef> {
    use super::{Record, encode};
    use crate::domain::{Appeal, AppealMember, Consultation, Person};
    let (rev, bytes) = match e {
        HistoryEntry::Person(v) => (v.person.meta.rev, encode(Person::WHAT, &v.person)?),
        HistoryEntry::Consultation(c) => (c.meta.rev, encode(Consultation::WHAT, c)?),
        HistoryEntry::Appeal(a) => (a.meta.rev, encode(Appeal::WHAT, a)?),
        HistoryEntry::Member(m) => (m.meta.rev, encode(AppealMember::WHAT, m)?),
    };
    Ok(super::op::VersionRef::of(rev, &bytes))
}
