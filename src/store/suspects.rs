//! Clock-suspect records: a record another desk changed by an op dated more than the
//! allowed skew ahead of this desk's clock when it was merged (that desk's date was wrong,
//! or this one's is). The op is merged as any other; the record it touched is noted here
//! so that the conflicts screen can say so until an officer has looked at it.
//!
//! Look-alikes are noted the same way: the new persons a merge brought who look like a
//! person already on record here (the merge's preview found them), listed until they are
//! merged or an officer says they are not the same person.
//!
//! The notes live in the meta tree: whether an op was ahead depends on this desk's clock
//! when it arrived, so they are this desk's own and not part of the view every desk
//! agrees on (`Store::view_hash` leaves the meta tree out). They are a hint: a rebuilt view
//! notes again only what is still ahead of the clock.

use chrono::{DateTime, Utc};

use super::{Change, Result, Store};
pub use crate::domain::card::Suspect;
use crate::domain::search::Likeness;
use crate::domain::{DeskId, Id};

const PREFIX: &[u8] = b"suspect/";
const LOOK_ALIKE: &[u8] = b"look-alike/";

/// The record a change is about, if it is one a conflicts screen can show.
pub(super) fn subject(change: &Change) -> Option<Id> {
    Some(match change {
        Change::PutPerson(p) | Change::UpdatePerson(p) => p.meta.id,
        Change::PutConsultation(c) => c.meta.id,
        Change::PutAppeal(a) => a.meta.id,
        Change::PutAppealMember(m) => m.meta.id,
        _ => return None,
    })
}

/// Whether `op` was made with a clock more than the skew ahead (`limit`, a hybrid clock
/// value from `Store::clock_limit`): its clock, and the wall time its changes carry. A desk
/// whose date was wrong once keeps its clock past that op's (its ops must stay in order),
/// so its later ops are past the limit too; but what they carry is dated by its clock put
/// right, and they are not suspect. They still do not move this desk's clock.
pub(super) fn ahead(op: &super::Op, limit: u64) -> bool {
    if op.hlc <= limit {
        return false;
    }
    let limit_ms = i64::try_from(limit >> 16).unwrap_or(i64::MAX);
    let mut times = op.changes.iter().filter_map(change_time).peekable();
    // An op that carries no time of its own (salvage) goes by its clock.
    times.peek().is_none() || times.any(|t| t.timestamp_millis() > limit_ms)
}

/// The wall time a change carries: when the record was changed, or the move or merge made.
fn change_time(change: &Change) -> Option<DateTime<Utc>> {
    Some(match change {
        Change::PutEvent(e) => e.meta.updated,
        Change::PutPerson(p) | Change::UpdatePerson(p) => p.meta.updated,
        Change::PutVisit(v) => v.meta.updated,
        Change::PutConsultation(c) => c.meta.updated,
        Change::PutAppeal(a) => a.meta.updated,
        Change::PutAppealMember(m) => m.meta.updated,
        Change::SetVisitStatus { at, .. }
        | Change::UndoVisitStatus { at, .. }
        | Change::MergePerson { at, .. }
        | Change::UnmergePerson { at, .. } => *at,
        Change::Restore { .. } | Change::Forget { .. } | Change::Replaces { .. } => return None,
    })
}

fn key(id: Id) -> Vec<u8> {
    keyed(PREFIX, id)
}

fn keyed(prefix: &[u8], id: Id) -> Vec<u8> {
    let mut k = prefix.to_vec();
    k.extend_from_slice(&id.to_bytes());
    k
}

/// A new person a merge brought and the person on record they look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LookAlikeNote {
    pub new: Id,
    pub on_record: Id,
    pub why: Likeness,
}

fn likeness_byte(l: Likeness) -> u8 {
    match l {
        Likeness::SameDocument => 1,
        Likeness::SamePhone => 2,
        Likeness::SameBirthDateSimilarName => 3,
    }
}

fn likeness_of(b: u8) -> Option<Likeness> {
    Some(match b {
        1 => Likeness::SameDocument,
        2 => Likeness::SamePhone,
        3 => Likeness::SameBirthDateSimilarName,
        _ => return None,
    })
}

impl Store {
    /// Notes the records of ops found ahead of the clock (`Fold`). A note that cannot be
    /// written is logged and dropped: the op itself is applied either way.
    pub(super) fn note_suspects(&self, found: &[(Id, u64, DeskId)]) {
        for (id, hlc, desk) in found {
            let mut v = hlc.to_be_bytes().to_vec();
            v.extend_from_slice(&desk.0.to_be_bytes());
            if let Err(e) = self.meta.insert(key(*id), v) {
                tracing::warn!(error = %e, "a clock-suspect record could not be noted");
            }
        }
    }

    /// Records noted as changed by an op dated ahead of this desk's clock, in id order.
    pub fn clock_suspects(&self) -> Result<Vec<Suspect>> {
        let mut out = Vec::new();
        for kv in self.meta.scan_prefix(PREFIX) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let id = k.get(PREFIX.len()..).and_then(Id::from_bytes);
            let hlc = v.get(..8).and_then(|b| <[u8; 8]>::try_from(b).ok());
            let desk = v.get(8..16).and_then(|b| <[u8; 8]>::try_from(b).ok());
            let (Some(id), Some(hlc), Some(desk)) = (id, hlc, desk) else {
                continue;
            };
            let ms = (u64::from_be_bytes(hlc) >> 16).min(i64::MAX as u64) as i64;
            let Some(at) = DateTime::<Utc>::from_timestamp_millis(ms) else {
                continue;
            };
            out.push(Suspect {
                id,
                at,
                desk: DeskId(u64::from_be_bytes(desk)),
            });
        }
        Ok(out)
    }

    /// An officer has looked at record `id`: it is no longer listed as clock-suspect.
    /// Whether it was: `false` if it was not listed.
    pub fn clear_suspect(&self, id: Id) -> Result<bool> {
        let was = self.meta.remove(key(id)).map_err(|e| self.sled_err(e))?;
        self.meta.flush().map_err(|e| self.sled_err(e))?;
        Ok(was.is_some())
    }

    /// Notes the look-alikes a merge brought (`MergeReport::look_alikes`). As with
    /// `note_suspects`, a note that cannot be written is logged and dropped.
    pub(super) fn note_look_alikes(&self, found: &[LookAlikeNote]) {
        for n in found {
            let mut v = n.on_record.to_bytes().to_vec();
            v.push(likeness_byte(n.why));
            if let Err(e) = self.meta.insert(keyed(LOOK_ALIKE, n.new), v) {
                tracing::warn!(error = %e, "a look-alike could not be noted");
            }
        }
        if let Err(e) = self.meta.flush() {
            tracing::warn!(error = %e, "look-alikes noted may not be kept");
        }
    }

    /// The look-alikes noted, in the new persons' id order.
    pub fn look_alike_notes(&self) -> Result<Vec<LookAlikeNote>> {
        let mut out = Vec::new();
        for kv in self.meta.scan_prefix(LOOK_ALIKE) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let new = k.get(LOOK_ALIKE.len()..).and_then(Id::from_bytes);
            let on_record = v.get(..16).and_then(Id::from_bytes);
            let why = v.get(16).copied().and_then(likeness_of);
            if let (Some(new), Some(on_record), Some(why)) = (new, on_record, why) {
                out.push(LookAlikeNote {
                    new,
                    on_record,
                    why,
                });
            }
        }
        Ok(out)
    }

    /// The new person `new` was merged, or is not the person they looked like: no longer
    /// listed. Whether they were.
    pub fn clear_look_alike(&self, new: Id) -> Result<bool> {
        let was = self
            .meta
            .remove(keyed(LOOK_ALIKE, new))
            .map_err(|e| self.sled_err(e))?;
        self.meta.flush().map_err(|e| self.sled_err(e))?;
        Ok(was.is_some())
    }
}
