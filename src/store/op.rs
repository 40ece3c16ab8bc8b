//! Operations: the unit of change written to the journal and folded into sled.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    Appeal, AppealMember, Consultation, DeskId, Event, Id, Person, Visit, VisitStatus,
};

/// One user action, made durable as one journal record and applied as one sled transaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    pub id: Id,
    pub desk: DeskId,
    /// Hybrid logical clock: Unix ms << 16 | counter. Orders ops across desks even when a
    /// laptop's clock steps back.
    pub hlc: u64,
    pub officer: String,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// Insert or replace a whole record; the version with the higher revision wins.
    PutEvent(Event),
    PutPerson(Person),
    PutVisit(Visit),
    /// A queue move, kept as intent (not a whole record) so that moves made on two desks
    /// merge instead of overwriting each other.
    SetVisitStatus {
        visit: Id,
        status: VisitStatus,
        #[serde(with = "chrono::serde::ts_microseconds")]
        at: DateTime<Utc>,
    },
    // New variants go at the end: the codec stores the variant's position.
    /// Versioned records: the version replaced is kept in the history tree.
    PutConsultation(Consultation),
    PutAppeal(Appeal),
    PutAppealMember(AppealMember),
    /// A duplicate person record removed in favour of `into`; its visits, consultations and
    /// memberships are moved by `Put` changes in the same op. The record is kept in a merge
    /// note shown on the card of `into`.
    MergePerson {
        into: Id,
        gone: Id,
        #[serde(with = "chrono::serde::ts_microseconds")]
        at: DateTime<Utc>,
    },
    /// Salvage: a record of the records tree (its key and stored bytes) exactly as the view
    /// held it when the journal ops that made it were damaged or missing.
    Restore {
        key: Vec<u8>,
        value: Vec<u8>,
    },
    /// Salvage: a record the view no longer held (removed by an op that was lost).
    Forget {
        key: Vec<u8>,
    },
    /// A person's details corrected (`Store::update_person`): the version wins by its
    /// revision as `PutPerson`'s does, and every version an edit wrote is kept in the
    /// history tree with the op's officer (`PutPerson`, an arrival's or an import's copy,
    /// keeps none).
    UpdatePerson(Person),
    /// A queue move taken back (`Visit::undo_last`): the visit returns to the status before
    /// its last move. `undone` at `undone_at` is that move as the officer saw it: if the visit
    /// was moved again since, nothing is taken back. The move is kept in an undo note.
    UndoVisitStatus {
        visit: Id,
        undone: VisitStatus,
        #[serde(with = "chrono::serde::ts_microseconds")]
        undone_at: DateTime<Utc>,
        #[serde(with = "chrono::serde::ts_microseconds")]
        at: DateTime<Utc>,
    },
    /// A merge taken back: the merge note of `gone` on `into` closes (kept as an unmerge
    /// note on `into`). The person record of `gone` and the records the merge moved go back
    /// by `Put` changes in the same op.
    UnmergePerson {
        into: Id,
        gone: Id,
        #[serde(with = "chrono::serde::ts_microseconds")]
        at: DateTime<Utc>,
    },
    /// The version `version` of the versioned record `id`, put by a change before this one
    /// in the same op, was made from `bases`: the version the officer edited (one), or every
    /// version a settled conflict joined. Versions no other version names as a base are the
    /// record's leaves: more than one is a conflict (`Store::conflicts`), at any revisions.
    Replaces {
        id: Id,
        version: VersionRef,
        bases: Vec<VersionRef>,
    },
}

/// One version of a record: its revision and the first 8 bytes of the SHA-256 of its
/// stored bytes as saved (the digest its history key holds, `keys::history`), so that
/// every desk names the same version alike whatever has been merged since.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct VersionRef {
    pub rev: u32,
    pub digest: [u8; 8],
}

impl VersionRef {
    pub fn of(rev: u32, version: &[u8]) -> VersionRef {
        use sha2::Digest;
        let mut digest = [0u8; 8];
        digest.copy_from_slice(&sha2::Sha256::digest(version)[..8]);
        VersionRef { rev, digest }
    }
}

/// Next hybrid-logical-clock value after `last`, given the wall clock in Unix ms.
pub fn next_hlc(last: u64, now_ms: u64) -> u64 {
    (now_ms << 16).max(last + 1)
}

#[cfg(test)]
mod tests {
    use super::next_hlc;

    #[test]
    fn hlc_is_monotonic_even_when_the_clock_steps_back() {
        let a = next_hlc(0, 1_000);
        let b = next_hlc(a, 1_000);
        let c = next_hlc(b, 900);
        assert!(a < b && b < c);
        assert_eq!(a >> 16, 1_000);
        assert_eq!(next_hlc(c, 2_000) >> 16, 2_000);
    }
}
