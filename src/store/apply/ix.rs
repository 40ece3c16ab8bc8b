//! The index tree as the fold sees it inside one transaction: sled's transactional tree,
//! with the report-fact buckets kept decoded until the transaction ends.
//!
//! A bucket holds a few dozen facts; a replay or a bulk load of thousands of records puts
//! each bucket's members one at a time, and decoding and re-encoding the whole bucket for
//! each of them was a quarter of a rebuild's time. Here a bucket is read (and decoded) once
//! per transaction and encoded once when it ends, with the same bytes as before.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sled::IVec;
use sled::transaction::{TransactionalTree, UnabortableTransactionError};

use super::{TxResult, abort, tx_get};
use crate::domain::Id;
use crate::store::encode;
use crate::store::facts::{StoredConsultation, StoredPerson, StoredVisit};

type Buckets<F> = RefCell<BTreeMap<Vec<u8>, BTreeMap<Id, F>>>;

pub(in crate::store) struct Ix<'t> {
    tree: &'t TransactionalTree,
    persons: Buckets<StoredPerson>,
    visits: Buckets<StoredVisit>,
    consultations: Buckets<StoredConsultation>,
}

/// A kind of report fact, with the cache its buckets live in (one cache per kind, so a
/// bucket's key can never be read back as another kind's).
pub(in crate::store) trait Fact: Serialize + DeserializeOwned + Sized {
    fn cache<'a>(ix: &'a Ix<'_>) -> &'a Buckets<Self>;
}

impl Fact for StoredPerson {
    fn cache<'a>(ix: &'a Ix<'_>) -> &'a Buckets<Self> {
        &ix.persons
    }
}

impl Fact for StoredVisit {
    fn cache<'a>(ix: &'a Ix<'_>) -> &'a Buckets<Self> {
        &ix.visits
    }
}

impl Fact for StoredConsultation {
    fn cache<'a>(ix: &'a Ix<'_>) -> &'a Buckets<Self> {
        &ix.consultations
    }
}

impl<'t> Ix<'t> {
    pub(in crate::store) fn new(tree: &'t TransactionalTree) -> Ix<'t> {
        Ix {
            tree,
            persons: RefCell::default(),
            visits: RefCell::default(),
            consultations: RefCell::default(),
        }
    }

    pub(in crate::store) fn get(
        &self,
        key: impl AsRef<[u8]>,
    ) -> Result<Option<IVec>, UnabortableTransactionError> {
        self.tree.get(key)
    }

    pub(in crate::store) fn insert(
        &self,
        key: impl AsRef<[u8]> + Into<IVec>,
        value: impl Into<IVec>,
    ) -> Result<Option<IVec>, UnabortableTransactionError> {
        self.tree.insert(key, value)
    }

    pub(in crate::store) fn remove(
        &self,
        key: impl AsRef<[u8]> + Into<IVec>,
    ) -> Result<Option<IVec>, UnabortableTransactionError> {
        self.tree.remove(key)
    }

    /// Puts (or with `None` removes) record `id`'s facts in the bucket at `key`. Buckets
    /// are small (a scope's records over 256 of them), so this costs little per save and
    /// saves a report hundreds of thousands of reads.
    pub(in crate::store) fn upsert_fact<F: Fact>(
        &self,
        key: Vec<u8>,
        id: Id,
        fact: Option<F>,
    ) -> TxResult<()> {
        let mut cache = F::cache(self).borrow_mut();
        let bucket = match cache.entry(key) {
            std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::btree_map::Entry::Vacant(v) => {
                let stored = tx_get(self.tree, "report facts", v.key())?;
                v.insert(stored.unwrap_or_default())
            }
        };
        match fact {
            Some(f) => {
                bucket.insert(id, f);
            }
            None => {
                bucket.remove(&id);
            }
        }
        Ok(())
    }

    /// Writes every bucket the transaction changed into the tree (an emptied one is
    /// removed). Must run before the transaction's closure returns.
    pub(in crate::store) fn finish(self) -> TxResult<()> {
        self.write(self.persons.take())?;
        self.write(self.visits.take())?;
        self.write(self.consultations.take())
    }

    fn write<F: Fact>(&self, buckets: BTreeMap<Vec<u8>, BTreeMap<Id, F>>) -> TxResult<()> {
        for (key, bucket) in buckets {
            if bucket.is_empty() {
                self.tree.remove(key)?;
            } else {
                let bytes = encode("report facts", &bucket).map_err(abort)?;
                self.tree.insert(key, bytes)?;
            }
        }
        Ok(())
    }
}
