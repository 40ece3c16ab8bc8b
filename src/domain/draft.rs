//! Drafts: what an open form holds, saved every few seconds so that a crash or power cut
//! loses at most those seconds. A draft is not a record; it is offered back at start.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Id, Person};

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
