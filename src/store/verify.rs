//! Checking a store: the journal's checksums end to end, and the view's index and report
//! facts against what its records say they should be.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::facts::{StoredConsultation, StoredPerson, StoredVisit};
use super::journal::{self, HEADER_LEN, JournalError, Tail};
use super::{Damage, META_APPLIED, Op, Result, Store, StoreError, codec, encode, keys, read_u64};
use crate::domain::{Appeal, AppealMember, Consultation, Id, Person, Visit};

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

    /// Records of each kind. A read error stops the count: sled keeps returning the error
    /// of a damaged page, and counting those never ended (the hostile pass).
    pub fn counts(&self) -> Result<Counts> {
        let n = |kind: u8| -> Result<usize> {
            let mut n = 0;
            for kv in self.records.scan_prefix([kind]) {
                kv.map_err(|e| self.sled_err(e))?;
                n += 1;
            }
            Ok(n)
        };
        Ok(Counts {
            events: n(keys::KIND_EVENT)?,
            persons: n(keys::KIND_PERSON)?,
            visits: n(keys::KIND_VISIT)?,
            consultations: n(keys::KIND_CONSULTATION)?,
            appeals: n(keys::KIND_APPEAL)?,
            members: n(keys::KIND_MEMBER)?,
        })
    }

    /// Checks the journal end to end and that the index matches the records exactly.
    /// Streams both: the journal a chunk at a time, the records one at a time, and what the
    /// index should hold kept as digests (`Expected`), so the check of a 100,000-person
    /// store holds neither of them whole.
    pub fn verify(&self) -> Result<CheckReport> {
        let mut report = CheckReport {
            applied_offset: read_u64(&self.meta, META_APPLIED).unwrap_or(HEADER_LEN),
            ..CheckReport::default()
        };
        {
            // Held while the journal is read: no commit moves its end or the view meanwhile.
            let w = self.writer();
            report.damage = w.damage.clone();
            if let Some(j) = w.journal.as_ref() {
                let path = j.path().to_path_buf();
                let len = std::fs::metadata(&path)
                    .map_err(|source| StoreError::Io {
                        path: path.clone(),
                        source,
                    })?
                    .len();
                let mut unreadable = 0;
                let (ops, tail, end) = journal::for_each_frame(&path, len, &mut |payload| {
                    if codec::decode::<Op>(payload).is_err() {
                        unreadable += 1;
                    }
                })?;
                report.unreadable_ops = unreadable;
                report.journal_ops = ops;
                report.journal_bytes = len;
                if tail != Tail::Clean {
                    report.damage =
                        report
                            .damage
                            .or(Some(Damage::from_tail(tail, end, report.applied_offset)));
                }
            }
        }
        report.counts = self.counts()?;
        let mut expected = Expected::default();
        self.for_each(|p: Person| {
            let key = keys::fact_bucket(keys::IX_FACT_PERSON, None, p.meta.id);
            expected.fact(key, p.meta.id, &StoredPerson::of(&p))
        })?;
        self.for_each(|v: Visit| {
            expected.entries(keys::visit_index(&v));
            let key = keys::fact_bucket(keys::IX_FACT_VISIT, Some(v.event), v.meta.id);
            expected.fact(key, v.meta.id, &StoredVisit::of(&v))
        })?;
        self.for_each(|c: Consultation| {
            expected.entries(keys::consultation_index(&c));
            let key = keys::fact_bucket(keys::IX_FACT_CONSULTATION, Some(c.event), c.meta.id);
            expected.fact(key, c.meta.id, &StoredConsultation::of(&c))
        })?;
        self.for_each(|a: Appeal| {
            expected.entries(keys::appeal_index(&a));
            Ok::<_, StoreError>(())
        })?;
        self.for_each(|m: AppealMember| {
            expected.entries(keys::member_index(&m));
            Ok::<_, StoreError>(())
        })?;
        let mut stale = 0;
        for kv in self.index.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            if !expected.take(&k, &v)? {
                stale += 1;
            }
        }
        report.stale_index_keys = stale;
        report.missing_index_keys = expected.left();
        Ok(report)
    }
}

/// A 64-bit digest of some bytes (SipHash with fixed keys: the same in every run).
fn digest(parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    for p in parts {
        h.write(p);
        h.write_usize(p.len());
    }
    h.finish()
}

/// The members of a bucket as their count and two order-free sums of their digests: equal
/// for the same set (a bucket's value is its members sorted, which `take` checks apart).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Members {
    count: u64,
    sum: u64,
    sum2: u64,
    /// Member width in bytes (every member of a bucket has the same).
    width: usize,
}

impl Members {
    fn add(&mut self, parts: &[&[u8]], width: usize) {
        let d = digest(parts);
        self.count += 1;
        self.sum = self.sum.wrapping_add(d);
        // A second, differently mixed sum: two sets agreeing in both by chance is far
        // less likely than in one.
        self.sum2 ^= d.rotate_left(23).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.width = width;
    }
}

/// What the index should hold, one entry per key (by its digest: the keys themselves were
/// most of the memory): a plain key with its value's digest, a bucket of members, or a
/// bucket of report facts (as `(id, encoded fact)` members).
#[derive(Default)]
struct Expected {
    keys: FxHashMap<u64, u64>,
    buckets: FxHashMap<u64, Members>,
    facts: FxHashMap<u64, Members>,
}

impl Expected {
    fn entries(&mut self, entries: keys::IndexEntries) {
        for e in entries {
            match e {
                keys::Entry::Key(k, v) => {
                    self.keys.insert(digest(&[&k]), digest(&[&v]));
                }
                keys::Entry::Member(b, m) => {
                    self.buckets
                        .entry(digest(&[&b]))
                        .or_default()
                        .add(&[&m], m.len());
                }
            }
        }
    }

    fn fact<F: serde::Serialize>(&mut self, key: Vec<u8>, id: Id, fact: &F) -> Result<()> {
        let bytes = encode("report facts", fact)?;
        self.facts
            .entry(digest(&[&key]))
            .or_default()
            .add(&[&id.to_bytes(), &bytes], 0);
        Ok(())
    }

    /// Whether `(k, v)` is what the index should hold there; if it is, it is expected no
    /// more (what is left at the end is missing).
    fn take(&mut self, k: &[u8], v: &[u8]) -> Result<bool> {
        let key = digest(&[k]);
        if let Some(d) = self.keys.get(&key) {
            let same = *d == digest(&[v]);
            if same {
                self.keys.remove(&key);
            }
            return Ok(same);
        }
        if let Some(want) = self.buckets.get(&key).copied() {
            let mut got = Members::default();
            let w = want.width.max(1);
            let sorted = v.len().is_multiple_of(w)
                && v.chunks_exact(w)
                    .zip(v.chunks_exact(w).skip(1))
                    .all(|(a, b)| a < b);
            for m in v.chunks_exact(w) {
                got.add(&[m], want.width);
            }
            let same = sorted && got == want;
            if same {
                self.buckets.remove(&key);
            }
            return Ok(same);
        }
        if let Some(want) = self.facts.get(&key).copied() {
            let got = fact_members(k, v);
            let same = got == Some(want);
            if same {
                self.facts.remove(&key);
            }
            return Ok(same);
        }
        Ok(false)
    }

    fn left(&self) -> usize {
        self.keys.len() + self.buckets.len() + self.facts.len()
    }
}

/// A report-facts bucket's members as `Expected::fact` counts them, or `None` when it does
/// not decode as the bucket its key names.
fn fact_members(k: &[u8], v: &[u8]) -> Option<Members> {
    fn of<F: serde::Serialize + serde::de::DeserializeOwned>(v: &[u8]) -> Option<Members> {
        let bucket: BTreeMap<Id, F> = codec::decode(v).ok()?;
        let mut m = Members::default();
        for (id, f) in &bucket {
            let bytes = codec::encode(f).ok()?;
            m.add(&[&id.to_bytes(), &bytes], 0);
        }
        Some(m)
    }
    match k.first().copied()? {
        keys::IX_FACT_PERSON => of::<StoredPerson>(v),
        keys::IX_FACT_VISIT => of::<StoredVisit>(v),
        keys::IX_FACT_CONSULTATION => of::<StoredConsultation>(v),
        _ => None,
    }
}
