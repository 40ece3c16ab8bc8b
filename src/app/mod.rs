//! The application as a state machine: `update(&mut State, Action) -> Vec<Effect>`.
//! No terminal, no async, no disk: tests drive it directly.
//!
//! A screen lives in one file of `pages/`; `page.rs` is the one dispatch over them and
//! `update.rs` the router between keys, pages and the results of effects.

// A page that does not take a result gives the action back (`Err(action)`) for the next
// page to try; it is moved, never copied, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod keymap;
pub mod msg;
pub mod page;
pub mod pages;
pub mod state;
pub mod update;
pub mod widgets;

// The paths screens were reached by before they had a home of their own.
pub use pages::{backup, conflicts, dashboard, exchange, export, import};
pub use widgets::{consult, form, lookup};

pub use msg::{PageId, ReplyTo, Request};
pub use page::{Page, PageKind};
pub use state::{
    Action, Context, Effect, Flash, FlashKind, Overlay, SalvageSummary, SalvageView, Screen, State,
};
pub use update::{deliver, update};
