//! Key layout of the three sled trees. Records: `[kind][id]`. Index: `[tag][...]`, values
//! are empty unless noted. Big-endian numbers so that byte order is numeric order.

use crate::domain::name::fold;
use crate::domain::{DeskId, Id, Person, Visit};

pub const KIND_EVENT: u8 = 1;
pub const KIND_PERSON: u8 = 2;
pub const KIND_VISIT: u8 = 3;

/// `[event][desk][queue_no]` -> visit id.
pub const IX_QUEUE: u8 = 0x10;
/// `[person][visit]`.
pub const IX_VISIT_BY_PERSON: u8 = 0x11;
/// `[folded surname] 0 [person]`.
pub const IX_SURNAME: u8 = 0x20;
/// `[normalised document] 0 [person]`.
pub const IX_DOCUMENT: u8 = 0x21;
/// `[phone digits] 0 [person]`.
pub const IX_PHONE: u8 = 0x22;

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

fn text_key(tag: u8, text: &str, id: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(text.len() + 18);
    k.push(tag);
    k.extend_from_slice(text.as_bytes());
    k.push(0);
    k.extend_from_slice(&id.to_bytes());
    k
}

pub fn text_prefix(tag: u8, text: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(text.len() + 1);
    k.push(tag);
    k.extend_from_slice(text.as_bytes());
    k
}

/// The id at the end of a text index key.
pub fn trailing_id(key: &[u8]) -> Option<Id> {
    key.len()
        .checked_sub(16)
        .and_then(|start| Id::from_bytes(&key[start..]))
}

pub fn person_index(p: &Person) -> Vec<(Vec<u8>, Vec<u8>)> {
    let id = p.meta.id;
    let mut out = vec![(text_key(IX_SURNAME, &fold(&p.fields.surname), id), vec![])];
    if let Some(doc) = &p.fields.document {
        out.push((text_key(IX_DOCUMENT, doc, id), vec![]));
    }
    if let Some(phone) = &p.fields.phone {
        out.push((
            text_key(IX_PHONE, phone.trim_start_matches('+'), id),
            vec![],
        ));
    }
    out
}

pub fn visit_index(v: &Visit) -> Vec<(Vec<u8>, Vec<u8>)> {
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
