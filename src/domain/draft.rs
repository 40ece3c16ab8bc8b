//! Drafts: what an open form holds, saved every few seconds so that a crash or power cut
//! loses at most those seconds. A draft is not a record; it is offered back at start.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{AppealMember, Id, Person};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(with = "chrono::serde::ts_microseconds")]
    pub saved_at: DateTime<Utc>,
    pub form: DraftForm,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftForm {
    Event {
        values: Vec<String>,
    },
    Arrival {
        event: Id,
        values: Vec<String>,
        /// The existing person picked, if any.
        linked: Option<Box<Person>>,
    },
    Consultation(Box<ConsultationDraft>),
    // New variants only at the end: drafts on disk are decoded by variant index.
    Appeal(Box<AppealDraft>),
    Member(Box<MemberDraft>),
    // The forms' values by field name, so a form whose fields are reordered or added to
    // still restores each value into its own field. The positional variants above are
    // only read (drafts written before); their order is frozen in `app::pages`.
    EventByName {
        values: NamedValues,
    },
    ArrivalByName {
        event: Id,
        values: NamedValues,
        linked: Option<Box<Person>>,
    },
    AppealByName(Box<AppealByName>),
    MemberByName(Box<MemberByName>),
}

/// A form's values as (field name, value); a name the form no longer has is skipped.
pub type NamedValues = Vec<(String, String)>;

/// `AppealDraft` with its values by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealByName {
    pub existing: Option<Id>,
    pub from: Option<Id>,
    pub person_name: String,
    pub values: NamedValues,
}

/// `MemberDraft` with its values by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberByName {
    pub appeal: Id,
    pub appeal_title: String,
    pub existing: Option<AppealMember>,
    pub values: NamedValues,
    pub linked: Option<Person>,
}

/// Values of a positional draft named by the order its form had when it was written.
pub fn name_positional(order: &[&str], values: &[String]) -> NamedValues {
    order
        .iter()
        .zip(values)
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect()
}

/// The appeal form: a new appeal (perhaps opened from a consultation) or new details for
/// an existing one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealDraft {
    pub existing: Option<Id>,
    /// The consultation the appeal is opened from.
    pub from: Option<Id>,
    /// That consultation's person, for the title.
    pub person_name: String,
    pub values: Vec<String>,
}

/// The member form of an appeal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDraft {
    pub appeal: Id,
    pub appeal_title: String,
    pub existing: Option<AppealMember>,
    pub values: Vec<String>,
    pub linked: Option<Person>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationDraft {
    pub event: Id,
    pub visit: Id,
    pub existing: Option<Id>,
    /// Shown in the form's title.
    pub person_name: String,
    pub queue_no: u32,
    pub topics: Vec<String>,
    pub notes: String,
    pub advice: String,
    pub outcome: String,
    pub referral: Option<String>,
    pub legal_bases: Vec<String>,
    pub follow_up: String,
    pub claimed: String,
    pub claimed_currency: String,
    pub recovered: String,
    pub recovered_currency: String,
    pub appeal: Option<Id>,
}
