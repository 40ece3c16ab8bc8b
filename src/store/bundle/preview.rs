//! What merging bundles would do, read before anything is written: each op decoded (one
//! that cannot be is refused here, never left to stop the journal's replay later), its
//! records counted as new or changed, versions that two desks changed without seeing each
//! other's change counted as conflicts, and every record an op refers to looked for.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::super::keys;
use super::super::{Change, Op, Record, Result, Store, StoreError, codec};
use super::BundleError;
use crate::domain::search::Likeness;
use crate::domain::{Appeal, AppealMember, Consultation, DeskId, Event, Id, Meta, Person, Visit};

/// Records of one kind a merge brings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kinds {
    pub new: usize,
    pub changed: usize,
}

/// What a merge found (and, unless it was a dry run, did).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// The files read, in the order read.
    pub files: Vec<PathBuf>,
    /// Each bundle read, its desk and how many of its ops this desk lacked.
    pub bundles: Vec<(PathBuf, DeskId, usize)>,
    /// This desk's own bundles in the folder, passed over.
    pub own: Vec<PathBuf>,
    /// Bundles in the folder made for another desk (or for this one from what it held
    /// before), passed over: they leave out ops this desk may lack.
    pub not_for_us: Vec<PathBuf>,
    /// Ops of this desk's own that its journal lacked (a restored backup), merged back.
    pub own_recovered: usize,
    /// The ops are in the journal but the view could not take them all (a full disk): it
    /// is brought up to date at the next save or open.
    pub view_behind: bool,
    pub ops_new: usize,
    /// Ops this desk already held (or that two bundles both carried).
    pub ops_known: usize,
    pub events: Kinds,
    pub persons: Kinds,
    pub visits: Kinds,
    pub consultations: Kinds,
    pub appeals: Kinds,
    pub members: Kinds,
    pub moves: usize,
    pub merges: usize,
    /// Records changed here and on another desk from the same version: both versions are
    /// kept, the one with the later change shows.
    pub conflicts: usize,
    /// New persons who look like persons on this desk (the same document, the same phone,
    /// or the same birth date and a similar name): candidates for a person merge. The
    /// first `LOOK_ALIKES_SHOWN`, and how many there are.
    pub look_alikes: Vec<LookAlike>,
    pub look_alikes_total: usize,
    /// Ops of other desks dated more than the allowed skew ahead of this desk's clock:
    /// merged, but they do not move this desk's clock (a laptop set to a wrong date).
    pub clock_suspect: usize,
    pub applied: bool,
    /// Every desk known here with what the bundles read say of them (this desk's too):
    /// their organisations and queue letters.
    pub cards: std::collections::BTreeMap<DeskId, crate::domain::desk::DeskCard>,
}

/// A person a bundle brings beside the person on record they look like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookAlike {
    pub new: Person,
    pub on_record: Person,
    pub why: Likeness,
}

/// Look-alikes listed by a merge's preview at most.
pub const LOOK_ALIKES_SHOWN: usize = 50;

/// Keys of records the ops before made or moved away, and what they refer to.
#[derive(Default)]
struct Refs {
    made: HashSet<[u8; 17]>,
    /// Each with the bundle (an index into the files) of the op that wants it.
    wanted: Vec<([u8; 17], usize)>,
    /// The bundle of the op being counted.
    file: usize,
    /// Persons new to this desk, in the order the bundle brings them.
    new_persons: Vec<Person>,
    /// The revision and a digest of the fields of every version of a versioned record
    /// seen so far, this desk's first: a later one of the same revision whose fields differ
    /// is a conflict, whichever came first. Digests, not the records: a bundle of a whole
    /// store brings hundreds of thousands.
    versions: HashMap<[u8; 17], Vec<(u32, u64)>>,
    /// Records with two versions of one revision that differ (counted at the end).
    conflicted: HashSet<[u8; 17]>,
    /// Which version each version the bundles bring was made from.
    lines: super::lines::Lines,
}

impl Refs {
    fn want(&mut self, key: [u8; 17]) {
        self.wanted.push((key, self.file));
    }
}

impl Store {
    pub(super) fn preview(
        &self,
        picked: &[super::Picked],
        report: &mut MergeReport,
        files: &[PathBuf],
    ) -> Result<()> {
        let file = |i: usize| files.get(i).cloned().unwrap_or_default();
        let mut refs = Refs::default();
        let limit = self.clock_limit(self.writer().skew_ms);
        for p in picked {
            refs.file = p.file;
            let op: Op = codec::decode(&p.payload).map_err(|_| {
                StoreError::Bundle(BundleError::Damaged {
                    path: file(p.file),
                    what: "an op that cannot be read",
                })
            })?;
            if p.desk != self.desk && super::super::suspects::ahead(&op, limit) {
                report.clock_suspect += 1;
            }
            for change in &op.changes {
                self.count(change, report, &mut refs)?;
                refs.lines.see(change);
            }
        }
        let lines = std::mem::take(&mut refs.lines);
        report.conflicts += lines.conflicts(self, &refs.conflicted)?;
        let gone = self.merged_away()?;
        let mut missing = 0;
        let mut first = None;
        for (key, at) in &refs.wanted {
            if refs.made.contains(key) || gone.contains(key) {
                continue;
            }
            if self
                .records
                .contains_key(key)
                .map_err(|e| self.sled_err(e))?
            {
                continue;
            }
            missing += 1;
            first = first.or_else(|| Id::from_bytes(&key[1..]).map(|id| (id, *at)));
        }
        if let (true, Some((first, at))) = (missing > 0, first) {
            return Err(StoreError::Bundle(BundleError::Unknown {
                path: file(at),
                missing,
                first,
            }));
        }
        for new in refs.new_persons {
            if let Some((on_record, why)) = self.look_alikes(&new.fields, 1)?.into_iter().next() {
                report.look_alikes_total += 1;
                if report.look_alikes.len() < LOOK_ALIKES_SHOWN {
                    report.look_alikes.push(LookAlike {
                        new,
                        on_record,
                        why,
                    });
                }
            }
        }
        Ok(())
    }

    /// Persons merged into others (their merge notes): what ops made before the merge may
    /// still refer to.
    fn merged_away(&self) -> Result<HashSet<[u8; 17]>> {
        let mut out = HashSet::new();
        for kv in self.records.scan_prefix([keys::KIND_MERGE]) {
            let (k, _) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(gone) = k.get(17..33).and_then(Id::from_bytes) {
                out.insert(keys::record(Person::KIND, gone));
            }
        }
        Ok(out)
    }

    fn count(&self, change: &Change, report: &mut MergeReport, refs: &mut Refs) -> Result<()> {
        let person = |id| keys::record(Person::KIND, id);
        match change {
            Change::PutEvent(e) => {
                self.count_version(e, |e: &Event| &e.meta, |_| None, &mut report.events, refs)?
            }
            Change::PutPerson(p) | Change::UpdatePerson(p) => {
                let before = report.persons.new;
                let entry = |p: &Person| Some(digest(&p.fields));
                self.count_version(p, |p: &Person| &p.meta, entry, &mut report.persons, refs)?;
                if report.persons.new > before {
                    refs.new_persons.push(p.clone());
                }
            }
            Change::PutVisit(v) => {
                self.count_version(v, |v: &Visit| &v.meta, |_| None, &mut report.visits, refs)?;
                refs.want(person(v.person));
                refs.want(keys::record(Event::KIND, v.event));
            }
            Change::PutConsultation(k) => {
                let kinds = &mut report.consultations;
                let entry = |k: &Consultation| Some(digest(&(k.person, k.visit, &k.fields)));
                self.count_version(k, |k: &Consultation| &k.meta, entry, kinds, refs)?;
                refs.want(person(k.person));
                refs.want(keys::record(Visit::KIND, k.visit));
            }
            Change::PutAppeal(a) => {
                let entry = |a: &Appeal| Some(digest(&a.fields));
                self.count_version(a, |a: &Appeal| &a.meta, entry, &mut report.appeals, refs)?
            }
            Change::PutAppealMember(m) => {
                let kinds = &mut report.members;
                let entry = |m: &AppealMember| {
                    Some(digest(&(
                        m.person,
                        m.appeal,
                        m.claimed,
                        m.recovered,
                        m.status,
                    )))
                };
                self.count_version(m, |m: &AppealMember| &m.meta, entry, kinds, refs)?;
                refs.want(person(m.person));
                refs.want(keys::record(Appeal::KIND, m.appeal));
            }
            Change::SetVisitStatus { visit, .. } | Change::UndoVisitStatus { visit, .. } => {
                report.moves += 1;
                refs.want(keys::record(Visit::KIND, *visit));
            }
            Change::MergePerson { into, gone, .. } => {
                report.merges += 1;
                refs.want(person(*into));
                refs.made.insert(person(*gone));
            }
            Change::UnmergePerson { into, .. } => refs.want(person(*into)),
            Change::Restore { .. } | Change::Forget { .. } | Change::Replaces { .. } => {}
        }
        Ok(())
    }

    /// Counts a record as new or changed (once, whatever number of its versions the
    /// bundles bring), and as a conflict when two of its versions seen here (this desk's,
    /// or the bundles') have the same revision and differ in a field: two desks changed
    /// the same version without seeing each other's change. The same test as the list of
    /// conflicts (`Store::conflicts`), so that the preview says what the list will hold.
    fn count_version<T: Record>(
        &self,
        incoming: &T,
        meta_of: fn(&T) -> &Meta,
        fields_of: fn(&T) -> Option<u64>,
        kinds: &mut Kinds,
        refs: &mut Refs,
    ) -> Result<()> {
        let meta = meta_of(incoming);
        let key = keys::record(T::KIND, meta.id);
        let fields = fields_of(incoming);
        if refs.made.insert(key) {
            let merged_away = || -> Result<bool> {
                let tomb = keys::record(keys::KIND_GONE, meta.id);
                Ok(T::KIND == Person::KIND
                    && self
                        .records
                        .contains_key(tomb)
                        .map_err(|e| self.sled_err(e))?)
            };
            match self.get::<T>(meta.id)? {
                // A correction of a person merged away here: it goes to their history.
                None if merged_away()? => kinds.changed += 1,
                None => kinds.new += 1,
                Some(here) => {
                    kinds.changed += 1;
                    if let Some(d) = fields_of(&here) {
                        let rev = meta_of(&here).rev;
                        refs.versions.entry(key).or_default().push((rev, d));
                    }
                }
            }
        } else if fields.is_some() && !refs.versions.contains_key(&key) {
            // A person this merge merges away, corrected in the same merge. (Another
            // version of a record counted already is not counted again.)
            kinds.changed += 1;
        }
        let Some(fields) = fields else {
            return Ok(());
        };
        let seen = refs.versions.entry(key).or_default();
        let twin = seen.iter().any(|&(r, d)| r == meta.rev && d != fields);
        seen.push((meta.rev, fields));
        // Counted at the end, where what each version was made from is known: two versions
        // of one revision may both be settled by a third the bundles also bring.
        if twin {
            refs.conflicted.insert(key);
        }
        Ok(())
    }
}

/// A digest of what an officer sees of a version (its fields, not who saved it or when),
/// through the one codec: equal fields, equal digest.
pub(super) fn digest<T: serde::Serialize>(fields: &T) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    codec::encode(fields).unwrap_or_default().hash(&mut h);
    h.finish()
}
