//! Key layout of the three sled trees. Records: `[kind][id]`. Index: `[tag][...]`, values
//! are empty unless noted. Big-endian numbers so that byte order is numeric order.

use chrono::{Datelike, NaiveDate};

use crate::domain::{Appeal, AppealMember, Consultation, DeskId, Id, Visit};

/// One index entry of a record: a key of its own (with a value), or a member of a bucket
/// shared with other records. sled keeps a page per dozen or so keys and holds its table of
/// pages in memory from the moment it opens, so the big one-per-visit and one-per-
/// consultation indexes are buckets: a person's visits, a person's consultations, 64 queue
/// numbers of a desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Key(Vec<u8>, Vec<u8>),
    /// Bucket key, member. A bucket's value is its members, all of one width, sorted.
    Member(Vec<u8>, Vec<u8>),
}

/// Index entries a record contributes.
pub type IndexEntries = Vec<Entry>;

/// A bucket's value with `member` in it, in order, once.
pub fn with_member(bucket: Option<&[u8]>, member: &[u8]) -> Vec<u8> {
    let w = member.len();
    let old = bucket.unwrap_or_default();
    let mut out = Vec::with_capacity(old.len() + w);
    let mut placed = false;
    for m in old.chunks_exact(w) {
        if !placed && m >= member {
            if m != member {
                out.extend_from_slice(member);
            }
            placed = true;
        }
        out.extend_from_slice(m);
    }
    if !placed {
        out.extend_from_slice(member);
    }
    out
}

/// A bucket's value without `member`; `None` when nothing is left.
pub fn without_member(bucket: &[u8], member: &[u8]) -> Option<Vec<u8>> {
    let out: Vec<u8> = bucket
        .chunks_exact(member.len())
        .filter(|m| *m != member)
        .flatten()
        .copied()
        .collect();
    (!out.is_empty()).then_some(out)
}

/// The ids of a bucket whose members are ids (`IX_VISIT_BY_PERSON`, `IX_CONS_BY_PERSON`)
/// or end with one (`IX_QUEUE`).
pub fn bucket_ids(bucket: &[u8], width: usize) -> impl Iterator<Item = Id> + '_ {
    bucket
        .chunks_exact(width)
        .filter_map(move |m| Id::from_bytes(m.get(width.saturating_sub(16)..)?))
}

/// Members of the per-person buckets: ids.
pub const ID_MEMBER: usize = 16;

/// Whether `tag`'s index is one bucket of ids per person (rather than a key per pair).
pub fn is_person_bucket(tag: u8) -> bool {
    tag == IX_VISIT_BY_PERSON || tag == IX_CONS_BY_PERSON || tag == IX_MEMBER_BY_PERSON
}

/// Members of a queue bucket: queue number and visit id.
pub const QUEUE_MEMBER: usize = 20;
/// Queue numbers per bucket.
const QUEUE_BUCKET_BITS: u32 = 6;

pub const KIND_EVENT: u8 = 1;
pub const KIND_PERSON: u8 = 2;
pub const KIND_VISIT: u8 = 3;
pub const KIND_CONSULTATION: u8 = 4;
pub const KIND_APPEAL: u8 = 5;
pub const KIND_MEMBER: u8 = 6;
/// `[0x30][record id][rev]` -> a version that was replaced (`HistoryEntry`).
pub const KIND_HISTORY: u8 = 0x30;
/// `[into][gone]`: a person record merged into another (`MergeNote`).
pub const KIND_MERGE: u8 = 0x31;
/// `[visit][n]`: a queue move taken back (`UndoneMove`), the visit's `n`th undo that stands
/// (`apply::queue`).
pub const KIND_UNDONE: u8 = 0x32;
/// `[into][gone]`: what that merge moved (`MergeMoves`), while it stands.
pub const KIND_MERGE_MOVES: u8 = 0x33;
/// `[into][gone][time]`: a merge taken back (`UnmergeNote`).
pub const KIND_UNMERGE: u8 = 0x34;
/// `[gone]` -> the person it was merged into (16 bytes): where an op for the gone person
/// that arrives later (from a desk that had not seen the merge) lands. Permanent while
/// the merge stands.
pub const KIND_GONE: u8 = 0x35;
/// `[visit]` -> its queue moves and undos, and the version put last (`apply::queue`): the
/// visit's status is folded from them in clock order, whatever order they arrived in.
/// Only a visit that was moved has one.
pub const KIND_MOVES: u8 = 0x36;
/// `[person]` -> the merges and unmerges naming the person (`apply::merges`): whether a
/// merge stands is decided by folding its persons' merges and unmerges in clock order.
pub const KIND_MERGE_LOG: u8 = 0x37;
/// `[kind][id]` (18 bytes) -> the person (16 bytes) a visit, consultation or membership
/// was saved for, while it is shown on another (that person was merged away): an unmerge
/// gives it back.
pub const KIND_NAMED: u8 = 0x38;
/// `[record]` -> which version each of its versions was made from (`lineage::Lineage`),
/// for the versions written with `Change::Replaces`.
pub const KIND_LINEAGE: u8 = 0x39;
/// `[record]` -> the leaf a record merged from several leaves was shown as before the
/// merge, and the leaves it holds every change of (`merged::Note`).
pub const KIND_SHOWN: u8 = 0x3a;

/// `[event][desk][queue_no / 64]` -> bucket of (queue_no, visit id).
pub const IX_QUEUE: u8 = 0x10;
/// `[person]` -> bucket of visit ids.
pub const IX_VISIT_BY_PERSON: u8 = 0x11;
/// `[visit][consultation]`.
pub const IX_CONS_BY_VISIT: u8 = 0x12;
/// `[person]` -> bucket of consultation ids.
pub const IX_CONS_BY_PERSON: u8 = 0x13;
/// `[due date][kind][id]`, open follow-ups only.
pub const IX_FOLLOW_UP: u8 = 0x14;
/// `[appeal][member]`.
pub const IX_MEMBER_BY_APPEAL: u8 = 0x15;
/// `[person]` -> bucket of member ids.
pub const IX_MEMBER_BY_PERSON: u8 = 0x16;
/// `[appeal][consultation]`.
pub const IX_CONS_BY_APPEAL: u8 = 0x17;
/// `[bucket]` -> person id -> `PersonFacts` (what reports need of a person).
pub const IX_FACT_PERSON: u8 = 0x18;
/// `[event][bucket]` -> visit id -> `VisitFact`.
pub const IX_FACT_VISIT: u8 = 0x19;
/// `[event][bucket]` -> consultation id -> `ConsultationFact`.
pub const IX_FACT_CONSULTATION: u8 = 0x1a;
// 0x20-0x22 held names, documents and phones as plaintext keys until view version 2; the
// person search is now in memory (`domain::search`), so nothing personal is in a key.

pub fn record(kind: u8, id: Id) -> [u8; 17] {
    let mut k = [0u8; 17];
    k[0] = kind;
    k[1..].copy_from_slice(&id.to_bytes());
    k
}

pub fn queue_prefix(event: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(29);
    k.push(IX_QUEUE);
    k.extend_from_slice(&event.to_bytes());
    k
}

pub fn queue_desk_prefix(event: Id, desk: DeskId) -> Vec<u8> {
    let mut k = queue_prefix(event);
    k.extend_from_slice(&desk.0.to_be_bytes());
    k
}

/// The queue bucket holding `queue_no`, and the member for the visit.
pub fn queue(event: Id, desk: DeskId, queue_no: u32, visit: Id) -> Entry {
    let mut k = queue_desk_prefix(event, desk);
    k.extend_from_slice(&(queue_no >> QUEUE_BUCKET_BITS).to_be_bytes());
    let mut m = Vec::with_capacity(QUEUE_MEMBER);
    m.extend_from_slice(&queue_no.to_be_bytes());
    m.extend_from_slice(&visit.to_bytes());
    Entry::Member(k, m)
}

/// The queue number of a queue bucket's member.
pub fn queue_no(member: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(member.get(..4)?.try_into().ok()?))
}

/// The id at the end of an index key.
pub fn trailing_id(key: &[u8]) -> Option<Id> {
    key.len()
        .checked_sub(16)
        .and_then(|start| Id::from_bytes(&key[start..]))
}

/// The bucket of report facts that holds record `id`: `[tag][event][low byte of id]` for
/// visits and consultations, `[tag][low 12 bits of id]` for persons. A ULID's low bits are
/// random, so records spread evenly: an event's over 256 buckets, all persons over 4,096
/// (a few dozen facts, about a kilobyte, per bucket at 100,000 persons). A report then reads
/// a few thousand values instead of one per record, and a save rewrites one small bucket.
pub fn fact_bucket(tag: u8, event: Option<Id>, id: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(19);
    k.push(tag);
    match event {
        Some(e) => {
            k.extend_from_slice(&e.to_bytes());
            k.push((id.0 & 0xff) as u8);
        }
        None => k.extend_from_slice(&((id.0 & 0xfff) as u16).to_be_bytes()),
    }
    k
}

pub fn visit_index(v: &Visit) -> IndexEntries {
    vec![
        queue(v.event, v.meta.desk, v.queue_no, v.meta.id),
        Entry::Member(
            pair_prefix(IX_VISIT_BY_PERSON, v.person),
            v.meta.id.to_bytes().to_vec(),
        ),
    ]
}

/// `[tag][a][b]`: the "b's of a" index shape.
pub fn pair(tag: u8, a: Id, b: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(33);
    k.push(tag);
    k.extend_from_slice(&a.to_bytes());
    k.extend_from_slice(&b.to_bytes());
    k
}

pub fn pair_prefix(tag: u8, a: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(17);
    k.push(tag);
    k.extend_from_slice(&a.to_bytes());
    k
}

/// A kept version of a record: by revision, then by a digest of the version's stored
/// bytes. Two desks can each make a revision 2 of one record without seeing the other's:
/// both are kept, under the same key on every desk whatever the order they arrived in.
pub fn history(id: Id, rev: u32, version: &[u8]) -> Vec<u8> {
    history_at(id, super::op::VersionRef::of(rev, version))
}

/// Where version `v` of record `id` is kept once replaced.
pub fn history_at(id: Id, v: super::op::VersionRef) -> Vec<u8> {
    let mut k = history_rev_prefix(id, v.rev);
    k.extend_from_slice(&v.digest);
    k
}

/// Every kept version of one revision of a record.
pub fn history_rev_prefix(id: Id, rev: u32) -> Vec<u8> {
    let mut k = Vec::with_capacity(29);
    k.push(KIND_HISTORY);
    k.extend_from_slice(&id.to_bytes());
    k.extend_from_slice(&rev.to_be_bytes());
    k
}

/// A queue move taken back: the visit's `n`th undo that stands, from 0 (oldest first).
pub fn undone(visit: Id, n: u32) -> Vec<u8> {
    let mut k = pair_prefix(KIND_UNDONE, visit);
    k.extend_from_slice(&n.to_be_bytes());
    k
}

/// The person record `kind`/`id` was saved for, while it is shown on another.
pub fn named(kind: u8, id: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(18);
    k.push(KIND_NAMED);
    k.push(kind);
    k.extend_from_slice(&id.to_bytes());
    k
}

/// A merge taken back, by when: the same two persons may be merged and parted again.
pub fn unmerge(into: Id, gone: Id, at: chrono::DateTime<chrono::Utc>) -> Vec<u8> {
    let mut k = pair(KIND_UNMERGE, into, gone);
    k.extend_from_slice(&((at.timestamp_micros() as u64) ^ (1 << 63)).to_be_bytes());
    k
}

pub fn history_prefix(id: Id) -> Vec<u8> {
    pair_prefix(KIND_HISTORY, id)
}

pub const FOLLOW_UP_CONSULTATION: u8 = 1;
pub const FOLLOW_UP_APPEAL: u8 = 2;

/// Days since the common era with the sign bit flipped, so byte order is date order.
fn date_bytes(d: NaiveDate) -> [u8; 4] {
    ((d.num_days_from_ce() as u32) ^ 0x8000_0000).to_be_bytes()
}

pub fn follow_up(due: NaiveDate, kind: u8, id: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(22);
    k.push(IX_FOLLOW_UP);
    k.extend_from_slice(&date_bytes(due));
    k.push(kind);
    k.extend_from_slice(&id.to_bytes());
    k
}

/// The due date of a follow-up index key.
pub fn follow_up_due(key: &[u8]) -> Option<NaiveDate> {
    let b: [u8; 4] = key.get(1..5)?.try_into().ok()?;
    let days = i32::try_from(u32::from_be_bytes(b) ^ 0x8000_0000).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// A follow-up index value: the officer and the topic codes, each `[u16 length][bytes]`, so
/// the list is counted and filtered by topic and officer from the index alone.
pub fn follow_up_value<'a>(officer: &'a str, topics: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let mut v = Vec::new();
    for s in std::iter::once(officer).chain(topics) {
        // Officers and codes are at most 200 characters; anything longer is left empty.
        let (len, bytes) = match u16::try_from(s.len()) {
            Ok(len) => (len, s.as_bytes()),
            Err(_) => (0, &[][..]),
        };
        v.extend_from_slice(&len.to_be_bytes());
        v.extend_from_slice(bytes);
    }
    v
}

/// The officer and topic codes of a follow-up index value (empty for a value it cannot read).
pub fn follow_up_facts(value: &[u8]) -> (String, Vec<String>) {
    let mut parts = Vec::new();
    let mut rest = value;
    while let Some((len, tail)) = rest.split_first_chunk::<2>() {
        let len = usize::from(u16::from_be_bytes(*len));
        let Some((s, tail)) = (len <= tail.len()).then(|| tail.split_at(len)) else {
            break;
        };
        parts.push(String::from_utf8_lossy(s).into_owned());
        rest = tail;
    }
    let mut it = parts.into_iter();
    let officer = it.next().unwrap_or_default();
    (officer, it.collect())
}

pub fn consultation_index(c: &Consultation) -> IndexEntries {
    let id = c.meta.id;
    let mut out = vec![
        Entry::Key(pair(IX_CONS_BY_VISIT, c.visit, id), vec![]),
        Entry::Member(
            pair_prefix(IX_CONS_BY_PERSON, c.person),
            id.to_bytes().to_vec(),
        ),
    ];
    if let Some(appeal) = c.fields.appeal {
        out.push(Entry::Key(pair(IX_CONS_BY_APPEAL, appeal, id), vec![]));
    }
    if let (Some(due), true) = (c.fields.follow_up, c.fields.follow_up_open()) {
        out.push(Entry::Key(
            follow_up(due, FOLLOW_UP_CONSULTATION, id),
            follow_up_value(&c.officer, c.fields.topics.iter().map(String::as_str)),
        ));
    }
    out
}

pub fn appeal_index(a: &Appeal) -> IndexEntries {
    match (a.fields.follow_up, a.fields.follow_up_closed) {
        (Some(due), None) => vec![Entry::Key(
            follow_up(due, FOLLOW_UP_APPEAL, a.meta.id),
            follow_up_value(&a.officer, [a.fields.topic.as_str()]),
        )],
        _ => vec![],
    }
}

pub fn member_index(m: &AppealMember) -> IndexEntries {
    vec![
        Entry::Key(pair(IX_MEMBER_BY_APPEAL, m.appeal, m.meta.id), vec![]),
        Entry::Member(
            pair_prefix(IX_MEMBER_BY_PERSON, m.person),
            m.meta.id.to_bytes().to_vec(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_members_stay_sorted_and_unique_and_the_last_one_out_empties_it() {
        let m = |n: u8| vec![n; 16];
        let mut b = with_member(None, &m(5));
        for n in [9, 1, 5, 7] {
            b = with_member(Some(&b), &m(n));
        }
        let ids: Vec<Id> = bucket_ids(&b, ID_MEMBER).collect();
        let want: Vec<Id> = [1, 5, 7, 9]
            .iter()
            .map(|n| Id::from_bytes(&m(*n)).unwrap())
            .collect();
        assert_eq!(ids, want);
        let b = without_member(&b, &m(5)).unwrap();
        let b = without_member(&b, &m(42)).unwrap();
        assert_eq!(b.len(), 3 * 16);
        let b = without_member(&b, &m(1)).unwrap();
        let b = without_member(&b, &m(7)).unwrap();
        assert_eq!(without_member(&b, &m(9)), None);
    }

    #[test]
    fn queue_members_order_by_number_within_a_bucket_of_64() {
        let (event, desk) = (Id(1), DeskId(2));
        let entry = |n: u32, v: u128| match queue(event, desk, n, Id(v)) {
            Entry::Member(b, m) => (b, m),
            Entry::Key(..) => unreachable!("queue entries are bucket members"),
        };
        let (b63, m63) = entry(63, 9);
        let (b64, _) = entry(64, 1);
        let (b1, m1) = entry(1, 500);
        assert_eq!(b1, b63);
        assert_ne!(b63, b64);
        assert!(b63 < b64, "buckets follow the numbers");
        let b = with_member(Some(&with_member(None, &m63)), &m1);
        assert_eq!(
            b.chunks_exact(QUEUE_MEMBER)
                .map(|m| queue_no(m).unwrap())
                .collect::<Vec<_>>(),
            [1, 63]
        );
        assert_eq!(
            bucket_ids(&b, QUEUE_MEMBER).collect::<Vec<_>>(),
            [Id(500), Id(9)]
        );
    }
}
