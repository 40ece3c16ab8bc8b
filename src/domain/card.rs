//! Plain data assembled by the store for the screens: a person's whole record, versions.

use serde::{Deserialize, Serialize};

use super::{Appeal, AppealMember, Consultation, Event, Person, Visit};

/// A replaced version of a versioned record, kept so edits never overwrite silently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HistoryEntry {
    Consultation(Consultation),
    Appeal(Appeal),
    Member(AppealMember),
    // New variants only at the end: the history tree is decoded by variant index.
    /// A version of a person's details (`Change::UpdatePerson`).
    Person(PersonVersion),
}

/// A version of a person's details and who wrote it. A person has no officer of its own:
/// each edit keeps the version it wrote with the op's officer, and the version it replaced
/// (the first, saved with an arrival or an import) with none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonVersion {
    pub person: Person,
    /// Empty when not known.
    pub officer: String,
}

/// Everything about one person across events, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonCard {
    pub person: Person,
    pub visits: Vec<(Visit, Option<Event>)>,
    pub consultations: Vec<Consultation>,
    pub memberships: Vec<(AppealMember, Option<Appeal>)>,
    /// Duplicate records merged into this person, oldest first.
    pub merged: Vec<MergeNote>,
    /// The versions of the person's details, newest first (one: never edited).
    pub versions: Vec<super::history::Version>,
    /// Merges into this person taken back, oldest first.
    pub unmerged: Vec<UnmergeNote>,
    /// Queue moves of the visits taken back, oldest first.
    pub undone: Vec<super::UndoneMove>,
}

/// A duplicate person record merged into another: kept as it was, with who merged it when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeNote {
    pub into: super::Id,
    pub gone: Person,
    #[serde(with = "chrono::serde::ts_microseconds")]
    pub at: chrono::DateTime<chrono::Utc>,
    pub officer: String,
}

/// What one merge moved from the duplicate to the person kept: an unmerge moves back
/// exactly these, never what was added to the person kept afterwards.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeMoves {
    pub visits: Vec<super::Id>,
    pub consultations: Vec<super::Id>,
    pub members: Vec<MovedMember>,
}

/// An appeal membership a merge moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedMember {
    pub id: super::Id,
    /// Its status before the merge, when the merge withdrew it (the person kept was in
    /// that appeal already: the same claim typed twice).
    pub withdrawn_from: Option<super::MemberStatus>,
}

/// A merge taken back: the merge as it was noted, and who parted the two persons when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmergeNote {
    pub merge: MergeNote,
    #[serde(with = "chrono::serde::ts_microseconds")]
    pub at: chrono::DateTime<chrono::Utc>,
    pub officer: String,
}

/// An open follow-up with what the list shows about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowUpRecord {
    Consultation(Consultation),
    Appeal(Appeal),
}

/// The first `rows` the filter shows, and the totals over every open follow-up (from the
/// index, not from the rows loaded).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowUpPage {
    pub rows: Vec<FollowUpRow>,
    pub total: usize,
    pub overdue: usize,
    /// Due today or in the six days after.
    pub week: usize,
    /// How many the filter shows in all.
    pub matching: usize,
    /// Topic codes and officers among the open follow-ups, with their counts.
    pub topics: Vec<(String, usize)>,
    pub officers: Vec<(String, usize)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUpRow {
    pub record: FollowUpRecord,
    /// The consultation's person; for an appeal, none.
    pub person: Option<Person>,
}

impl FollowUpRow {
    pub fn due(&self) -> Option<chrono::NaiveDate> {
        match &self.record {
            FollowUpRecord::Consultation(c) => c.fields.follow_up,
            FollowUpRecord::Appeal(a) => a.fields.follow_up,
        }
    }

    pub fn id(&self) -> super::Id {
        match &self.record {
            FollowUpRecord::Consultation(c) => c.meta.id,
            FollowUpRecord::Appeal(a) => a.meta.id,
        }
    }
}

/// An appeal with its members (and their persons) and its timeline, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppealView {
    pub appeal: Appeal,
    pub members: Vec<(AppealMember, Option<Person>)>,
    pub timeline: Vec<super::history::Version>,
}

/// A row of the appeals list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppealRow {
    pub appeal: Appeal,
    /// Members who have not withdrawn.
    pub persons: usize,
}

/// A record changed by an op dated ahead of this desk's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Suspect {
    pub id: crate::domain::Id,
    /// When the op says it was made.
    pub at: chrono::DateTime<chrono::Utc>,
    pub desk: crate::domain::DeskId,
}
