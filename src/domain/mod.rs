//! Records and rules, with no I/O: everything here is a pure function of its inputs,
//! so the store, the app state machine and the exports can all rely on the same rules.

pub mod event;
pub mod ids;
pub mod name;
pub mod person;
pub mod queue;
pub mod region;
pub mod validate;
pub mod visit;

pub use event::{Event, EventField, EventFields, EventInput};
pub use ids::{DeskId, Id, Meta};
pub use person::{Person, PersonField, PersonFields, PersonInput, Sex};
pub use queue::{Arrival, PersonPick, QueueEntry};
pub use region::Region;
pub use validate::ValidationError;
pub use visit::{Lang, StatusChange, TransitionError, Visit, VisitStatus};
