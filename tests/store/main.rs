//! The store in this process, on real directories: durability, replay, indexes,
//! consultations and appeals, figures, a full disk, and the codec's and journal reader's
//! properties.
//!
//! Nothing here starts a process: one started from a test thread holds a copy of every file
//! the others have open until it has started its program, and a store closed and reopened
//! in that moment is "locked" (see `common::disk`). Tests that run the binary are in
//! `tests/cli/`.
//!
//! One test binary (one link of the crate); each file is a module, and `common` holds the
//! fixtures every binary shares.

#[path = "../common/mod.rs"]
mod common;

mod basics;
mod bulk_spill;
mod bundle;
mod check;
mod codec_props;
mod compact;
mod conflict_count;
mod consultations;
mod decoder_props;
mod desk_cards;
mod desk_id;
mod field_merge;
mod follow_ups;
mod full_disk;
mod import_alike;
mod lineage;
mod order_free;
mod persons;
mod report;
mod search_kept;
mod stream;
mod suspects;
mod undo;
