//! Key layout of the three sled trees. Records: `[kind][id]`. Index: `[tag][...]`, values
//! are empty unless noted. Big-endian numbers so that byte order is numeric order.

use chrono::{Datelike, NaiveDate};

use crate::domain::{Appeal, AppealMember, Consultation, DeskId, Id, Visit};

/// Index keys and values a record contributes.
pub type IndexEntries = Vec<(Vec<u8>, Vec<u8>)>;

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

/// `[event][desk][queue_no]` -> visit id.
pub const IX_QUEUE: u8 = 0x10;
/// `[person][visit]`.
pub const IX_VISIT_BY_PERSON: u8 = 0x11;
/// `[visit][consultation]`.
pub const IX_CONS_BY_VISIT: u8 = 0x12;
/// `[person][consultation]`.
pub const IX_CONS_BY_PERSON: u8 = 0x13;
/// `[due date][kind][id]`, open follow-ups only.
pub const IX_FOLLOW_UP: u8 = 0x14;
/// `[appeal][member]`.
pub const IX_MEMBER_BY_APPEAL: u8 = 0x15;
/// `[person][member]`.
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

pub fn queue(event: Id, desk: DeskId, queue_no: u32) -> Vec<u8> {
    let mut k = queue_desk_prefix(event, desk);
    k.extend_from_slice(&queue_no.to_be_bytes());
    k
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
    let mut by_person = Vec::with_capacity(33);
    by_person.push(IX_VISIT_BY_PERSON);
    by_person.extend_from_slice(&v.person.to_bytes());
    by_person.extend_from_slice(&v.meta.id.to_bytes());
    vec![
        (
            queue(v.event, v.meta.desk, v.queue_no),
            v.meta.id.to_bytes().to_vec(),
        ),
        (by_person, vec![]),
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

pub fn history(id: Id, rev: u32) -> Vec<u8> {
    let mut k = Vec::with_capacity(21);
    k.push(KIND_HISTORY);
    k.extend_from_slice(&id.to_bytes());
    k.extend_from_slice(&rev.to_be_bytes());
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

pub fn consultation_index(c: &Consultation) -> IndexEntries {
    let id = c.meta.id;
    let mut out = vec![
        (pair(IX_CONS_BY_VISIT, c.visit, id), vec![]),
        (pair(IX_CONS_BY_PERSON, c.person, id), vec![]),
    ];
    if let Some(appeal) = c.fields.appeal {
        out.push((pair(IX_CONS_BY_APPEAL, appeal, id), vec![]));
    }
    if let (Some(due), true) = (c.fields.follow_up, c.fields.follow_up_open()) {
        out.push((follow_up(due, FOLLOW_UP_CONSULTATION, id), vec![]));
    }
    out
}

pub fn appeal_index(a: &Appeal) -> IndexEntries {
    match (a.fields.follow_up, a.fields.follow_up_closed) {
        (Some(due), None) => vec![(follow_up(due, FOLLOW_UP_APPEAL, a.meta.id), vec![])],
        _ => vec![],
    }
}

pub fn member_index(m: &AppealMember) -> IndexEntries {
    vec![
        (pair(IX_MEMBER_BY_APPEAL, m.appeal, m.meta.id), vec![]),
        (pair(IX_MEMBER_BY_PERSON, m.person, m.meta.id), vec![]),
    ]
}
