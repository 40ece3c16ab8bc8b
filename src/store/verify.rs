//! Checking a store: the journal's checksums end to end, and the view's index and report
//! facts against what its records say they should be.

use std::collections::{BTreeMap, BTreeSet};

use super::facts::{StoredConsultation, StoredPerson, StoredVisit};
use super::journal::{self, HEADER_LEN, JournalError, Tail};
use super::{Damage, META_APPLIED, Op, Result, Store, codec, encode, keys, read_u64};
use crate::domain::{AppealMember, Id};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub events: usize,
    pub persons: usize,
    pub visits: usize,
    pub consultations: usize,
    pub appeals: usize,
    pub members: usize,
}

/// Result of `Store::verify`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub journal_ops: usize,
    pub journal_bytes: u64,
    pub counts: Counts,
    pub missing_index_keys: usize,
    pub stale_index_keys: usize,
    pub applied_offset: u64,
    /// What is wrong with the journal, if anything.
    pub damage: Option<Damage>,
    /// Intact frames whose op cannot be read.
    pub unreadable_ops: usize,
}

impl CheckReport {
    pub fn is_consistent(&self) -> bool {
        self.damage.is_none()
            && self.unreadable_ops == 0
            && self.missing_index_keys == 0
            && self.stale_index_keys == 0
            && self.applied_offset == self.journal_bytes
    }
}

impl Store {
    /// Checks every frame's checksum of the journal up to its length now, through its own
    /// handle and without holding the writer (the app runs it on a thread after start;
    /// commands that write run it first). Damage found stops writing, as at open: it lies
    /// in what the view already holds, and salvage needs the view as it is.
    pub fn verify_journal(&self) -> Result<Option<Damage>> {
        let (path, len, applied) = {
            let w = self.writer();
            if let Some(d) = &w.damage {
                return Ok(Some(d.clone()));
            }
            let Some(j) = w.journal.as_ref() else {
                return Ok(None);
            };
            let applied = read_u64(&self.meta, META_APPLIED).unwrap_or(HEADER_LEN);
            (j.path().to_path_buf(), j.len(), applied)
        };
        let found = match journal::verify_file(&path, len) {
            Ok((_, Tail::Clean, _)) => None,
            Ok((_, tail, end)) => Some(Damage::from_tail(tail, end, applied)),
            Err(JournalError::BadHeader { .. }) => Some(Damage::BadHeader),
            Err(e) => return Err(e.into()),
        };
        if let Some(d) = &found {
            let mut w = self.writer();
            if w.damage.is_none() {
                tracing::error!(damage = %d, "the journal is damaged; nothing more is written until it is salvaged");
                w.damage = Some(d.clone());
            }
        }
        Ok(found)
    }

    pub fn counts(&self) -> Counts {
        let n = |kind: u8| self.records.scan_prefix([kind]).count();
        Counts {
            events: n(keys::KIND_EVENT),
            persons: n(keys::KIND_PERSON),
            visits: n(keys::KIND_VISIT),
            consultations: n(keys::KIND_CONSULTATION),
            appeals: n(keys::KIND_APPEAL),
            members: n(keys::KIND_MEMBER),
        }
    }

    /// Checks the journal end to end and that the index matches the records exactly.
    pub fn verify(&self) -> Result<CheckReport> {
        let mut report = CheckReport {
            applied_offset: read_u64(&self.meta, META_APPLIED).unwrap_or(HEADER_LEN),
            ..CheckReport::default()
        };
        {
            let mut w = self.writer();
            report.damage = w.damage.clone();
            if let Some(j) = w.journal.as_mut() {
                let scan = j.scan(HEADER_LEN, 0, report.applied_offset)?;
                report.unreadable_ops = scan
                    .frames
                    .iter()
                    .filter(|f| codec::decode::<Op>(&f.payload).is_err())
                    .count();
                report.journal_ops = scan.frames.len();
                report.journal_bytes = scan.file_len;
                if scan.tail != Tail::Clean {
                    report.damage = report.damage.or(Some(Damage::from_tail(
                        scan.tail,
                        scan.end,
                        report.applied_offset,
                    )));
                }
            }
        }
        report.counts = self.counts();
        // Keys and values: a report fact with a stale value would give wrong figures.
        let mut expected = BTreeSet::new();
        let mut buckets: BTreeMap<Vec<u8>, BTreeSet<Vec<u8>>> = BTreeMap::new();
        let mut persons: BTreeMap<Vec<u8>, BTreeMap<Id, StoredPerson>> = BTreeMap::new();
        for p in self.persons()? {
            let key = keys::fact_bucket(keys::IX_FACT_PERSON, None, p.meta.id);
            persons
                .entry(key)
                .or_default()
                .insert(p.meta.id, StoredPerson::of(&p));
        }
        let mut visits: BTreeMap<Vec<u8>, BTreeMap<Id, StoredVisit>> = BTreeMap::new();
        for v in self.visits()? {
            expect(&mut expected, &mut buckets, keys::visit_index(&v));
            let key = keys::fact_bucket(keys::IX_FACT_VISIT, Some(v.event), v.meta.id);
            visits
                .entry(key)
                .or_default()
                .insert(v.meta.id, StoredVisit::of(&v));
        }
        let mut cons: BTreeMap<Vec<u8>, BTreeMap<Id, StoredConsultation>> = BTreeMap::new();
        for c in self.consultations()? {
            expect(&mut expected, &mut buckets, keys::consultation_index(&c));
            let key = keys::fact_bucket(keys::IX_FACT_CONSULTATION, Some(c.event), c.meta.id);
            cons.entry(key)
                .or_default()
                .insert(c.meta.id, StoredConsultation::of(&c));
        }
        for (k, b) in persons {
            expected.insert((k, encode("report facts", &b)?));
        }
        for (k, b) in visits {
            expected.insert((k, encode("report facts", &b)?));
        }
        for (k, b) in cons {
            expected.insert((k, encode("report facts", &b)?));
        }
        for a in self.appeals()? {
            expect(&mut expected, &mut buckets, keys::appeal_index(&a));
        }
        for m in self.scan::<AppealMember>()? {
            expect(&mut expected, &mut buckets, keys::member_index(&m));
        }
        for (k, members) in buckets {
            expected.insert((k, members.into_iter().flatten().collect()));
        }
        let mut actual = BTreeSet::new();
        for kv in self.index.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            actual.insert((k.to_vec(), v.to_vec()));
        }
        report.missing_index_keys = expected.difference(&actual).count();
        report.stale_index_keys = actual.difference(&expected).count();
        Ok(report)
    }
}

/// Adds a record's index entries to what `verify` expects: keys as they are, bucket members
/// gathered per bucket (in order, as a bucket holds them).
fn expect(
    plain: &mut BTreeSet<(Vec<u8>, Vec<u8>)>,
    buckets: &mut BTreeMap<Vec<u8>, BTreeSet<Vec<u8>>>,
    entries: keys::IndexEntries,
) {
    for e in entries {
        match e {
            keys::Entry::Key(k, v) => {
                plain.insert((k, v));
            }
            keys::Entry::Member(b, m) => {
                buckets.entry(b).or_default().insert(m);
            }
        }
    }
}
