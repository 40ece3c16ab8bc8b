use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A time-ordered record id (ULID): sortable by creation time and unique across desks,
/// so journals from several laptops merge without collisions.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Id(pub u128);

impl Id {
    /// `ms` is the creation time in Unix milliseconds, `random` fills the low 80 bits.
    pub fn from_parts(ms: u64, random: u128) -> Id {
        Id(ulid::Ulid::from_parts(ms, random).0)
    }

    pub fn to_bytes(self) -> [u8; 16] {
        self.0.to_be_bytes()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Id> {
        let arr: [u8; 16] = bytes.try_into().ok()?;
        Some(Id(u128::from_be_bytes(arr)))
    }

    pub fn timestamp_ms(self) -> u64 {
        ulid::Ulid(self.0).timestamp_ms()
    }

    /// An id exactly as kezek writes it (26 characters, upper case): what a file holds is
    /// read as it is or refused, never made into some other id.
    pub fn parse_exact(s: &str) -> Option<Id> {
        let id: Id = s.parse().ok()?;
        (id.to_string() == s).then_some(id)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", ulid::Ulid(self.0))
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", ulid::Ulid(self.0))
    }
}

impl FromStr for Id {
    type Err = ValidationIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        // 26 base32 characters hold 130 bits and a ULID 128, so the first is 0 to 7; the
        // ulid crate would drop the bits above without a word, making another id.
        if !s.starts_with(|c: char| ('0'..='7').contains(&c)) {
            return Err(ValidationIdError);
        }
        ulid::Ulid::from_string(s)
            .map(|u| Id(u.0))
            .map_err(|_| ValidationIdError)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a record id (26 characters, e.g. 01JD3Y2M0000000000000000AB)")]
pub struct ValidationIdError;

/// Identifies one installation (one laptop's store). Generated once, never reused.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DeskId(pub u64);

impl fmt::Display for DeskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl fmt::Debug for DeskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeskId({:016x})", self.0)
    }
}

impl FromStr for DeskId {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        u64::from_str_radix(s.trim(), 16).map(DeskId)
    }
}

/// What every stored record carries so that records from several desks can be merged:
/// who created it, when, and how many times it has been changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub id: Id,
    pub desk: DeskId,
    #[serde(with = "chrono::serde::ts_microseconds")]
    pub created: DateTime<Utc>,
    #[serde(with = "chrono::serde::ts_microseconds")]
    pub updated: DateTime<Utc>,
    pub rev: u32,
}

impl Meta {
    pub fn new(id: Id, desk: DeskId, now: DateTime<Utc>) -> Meta {
        Meta {
            id,
            desk,
            created: now,
            updated: now,
            rev: 1,
        }
    }

    /// Marks a change: bumps the revision so that the newer version wins a merge.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        self.updated = now.max(self.updated);
        self.rev = self.rev.saturating_add(1);
    }

    /// Last-writer-wins order used when two versions of one record meet (replay or merge).
    pub fn supersedes(&self, other: &Meta) -> bool {
        (self.rev, self.updated, self.desk) >= (other.rev, other.updated, other.desk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_time_and_round_trip_as_text() {
        let a = Id::from_parts(1_000, 99);
        let b = Id::from_parts(2_000, 1);
        assert!(a < b);
        assert_eq!(a.timestamp_ms(), 1_000);
        let text = a.to_string();
        assert_eq!(text.len(), 26);
        assert_eq!(text.parse::<Id>().unwrap(), a);
        assert_eq!(Id::from_bytes(&a.to_bytes()), Some(a));
        assert!("not-an-id".parse::<Id>().is_err());
        // Past 128 bits: refused, not wrapped into another id.
        assert!("ZZZZZZZZZZZZZZZZZZZZZZZZZZ".parse::<Id>().is_err());
        assert!("8ZZZZZZZZZZZZZZZZZZZZZZZZZ".parse::<Id>().is_err());
        assert_eq!(
            "7ZZZZZZZZZZZZZZZZZZZZZZZZZ".parse::<Id>(),
            Ok(Id(u128::MAX))
        );
        assert_eq!(Id::parse_exact(&text), Some(a));
        assert_eq!(Id::parse_exact(&text.to_lowercase()), None);
        assert_eq!(Id::parse_exact(&format!(" {text}")), None);
        assert_eq!(Id::parse_exact(&text[1..]), None);
    }

    #[test]
    fn newer_revision_supersedes() {
        let t = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let old = Meta::new(Id(1), DeskId(1), t);
        let mut new = old.clone();
        new.touch(t);
        assert_eq!(new.rev, 2);
        assert!(new.supersedes(&old));
        assert!(!old.supersedes(&new));
    }
}
