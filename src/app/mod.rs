//! The application as a state machine: `update(&mut State, Action) -> Vec<Effect>`.
//! No terminal, no async, no disk: tests drive it directly.

pub mod appeal;
pub mod backup;
pub mod consult;
pub mod dashboard;
pub mod export;
pub mod form;
pub mod import;
pub mod keymap;
pub mod lookup;
pub mod picker;
pub mod search;
pub mod state;
pub mod textedit;
pub mod update;

pub use state::{
    Action, Context, Effect, Flash, FlashKind, Overlay, SalvageSummary, SalvageView, Screen, State,
};
pub use update::update;
