//! Bulk loads (an imported register or export folder, the demo) make records with the same
//! constructors and rules as the desk's commands and write them as one atomic batch: all of
//! it is in the journal after one sync, or none of it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{Change, Result, Store};
use crate::domain::{Id, Meta};

/// Changes per op: small enough that an op stays far below the codec's limit, large enough
/// that a whole export is a few thousand ops.
const OP_CHANGES: usize = 200;

/// Records on their way into the store, cut into ops as they come.
pub struct Batch<'s> {
    store: &'s Store,
    ops: Vec<Vec<Change>>,
    open: Vec<Change>,
    changes: usize,
    /// The next queue number of this desk per event, once asked for.
    next_no: HashMap<Id, u32>,
}

impl Store {
    /// An empty batch for this store; nothing is written until `Batch::commit`.
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            store: self,
            ops: Vec::new(),
            open: Vec::new(),
            changes: 0,
            next_no: HashMap::new(),
        }
    }

    /// A record's identity made at `at`, not now: for a record that keeps the time it was
    /// made somewhere else (a register's arrival time). The id is `id` when the source gave
    /// one, else a new one minted as the store mints them.
    pub fn meta_at(&self, id: Option<Id>, at: DateTime<Utc>) -> Meta {
        let id = id
            .unwrap_or_else(|| Id::from_parts(at.timestamp_millis().max(0) as u64, rand::random()));
        Meta::new(id, self.desk(), at)
    }
}

impl Batch<'_> {
    pub fn push(&mut self, change: Change) {
        self.open.push(change);
        self.changes += 1;
        if self.open.len() >= OP_CHANGES {
            self.cut();
        }
    }

    /// Ends the current op here: what follows goes into the next one.
    pub fn cut(&mut self) {
        if !self.open.is_empty() {
            self.ops.push(std::mem::take(&mut self.open));
        }
    }

    /// Changes gathered so far.
    pub fn len(&self) -> usize {
        self.changes
    }

    pub fn is_empty(&self) -> bool {
        self.changes == 0
    }

    /// The next number in this desk's queue for `event`: after the highest on record the
    /// first time, then counting on through the batch, as saving arrivals one by one would.
    pub fn next_queue_no(&mut self, event: Id) -> Result<u32> {
        let n = match self.next_no.get(&event) {
            Some(n) => *n,
            None => self.store.next_queue_no(event, self.store.desk())?,
        };
        self.next_no.insert(event, n.saturating_add(1));
        Ok(n)
    }

    /// Writes everything gathered as one batch with one journal sync and returns the number
    /// of ops. An empty batch writes nothing.
    pub fn commit(mut self, officer: &str) -> Result<usize> {
        self.cut();
        if self.ops.is_empty() {
            return Ok(0);
        }
        self.store.commit_bulk(officer, self.ops)
    }
}
