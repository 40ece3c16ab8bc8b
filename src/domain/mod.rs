//! Records and rules, with no I/O: everything here is a pure function of its inputs,
//! so the store, the app state machine and the exports can all rely on the same rules.

pub mod appeal;
pub mod card;
pub mod clock;
pub mod consultation;
pub mod desk;
pub mod draft;
pub mod event;
pub mod followup;
pub mod history;
pub mod ids;
pub mod merge;
pub mod money;
pub mod name;
pub mod person;
pub mod queue;
pub mod region;
pub mod report;
pub mod search;
pub mod settings;
pub mod taxonomy;
pub mod translit;
pub mod validate;
pub mod visit;

pub use appeal::{
    Appeal, AppealField, AppealFields, AppealInput, AppealMember, MemberField, MemberInput,
    MemberStatus, appeal_totals,
};
pub use consultation::{Consultation, ConsultationFields, ConsultationInput};
pub use event::{Event, EventField, EventFields, EventInput};
pub use ids::{DeskId, Id, Meta};
pub use money::{Currency, Money, Totals};
pub use person::{Person, PersonField, PersonFields, PersonInput, Sex};
pub use queue::{Arrival, PersonPick, QueueEntry};
pub use region::Region;
pub use validate::ValidationError;
pub use visit::{
    Arrived, Lang, StatusChange, TransitionError, UndoError, UndoneMove, Visit, VisitStatus,
    format_date, format_date_time,
};
