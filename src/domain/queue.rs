//! Plain data passed between the app and the store for the reception queue.

use super::{Id, Lang, Person, PersonFields, Visit};

/// A visit with its person, as the queue shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueEntry {
    pub visit: Visit,
    pub person: Option<Person>,
}

impl QueueEntry {
    pub fn person_name(&self) -> String {
        self.person
            .as_ref()
            .map(|p| p.fields.full_name())
            .unwrap_or_default()
    }
}

/// Who arrives: somebody already on record, or a new person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersonPick {
    Existing(Id),
    New(PersonFields),
}

/// A request to log an arrival; the store assigns ids, times and the queue number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrival {
    pub event: Id,
    pub person: PersonPick,
    pub purpose: String,
    pub desk_name: String,
    pub language: Lang,
}
