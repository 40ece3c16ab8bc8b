//! The app: `update` driven key by key on fixed states and on real stores (every effect
//! performed as the terminal app performs it), and its screens drawn and compared.
//!
//! One test binary (one link of the crate); each file is a module, and `common` holds the
//! fixtures every binary shares.

#[path = "../common/mod.rs"]
mod common;

mod appeals;
mod backup;
mod card_scroll;
mod clock;
mod closing_draft;
mod confirm;
mod conflicts;
mod consultations;
mod dashboard;
mod desk_keys;
mod draft_damage;
mod exchange;
mod export;
mod flow;
mod follow_ups;
mod import;
mod in_flight;
mod keystrokes;
mod long_queue;
mod person_edit;
mod print_slip;
mod salvage;
mod search;
mod settings;
mod ui_snapshots;
mod undo;
