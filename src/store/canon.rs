//! A hash of what the view holds (`kezek check --hash`): two desks that merged the same
//! ops print the same line. Only what the ops make counts: the records tree (records,
//! versions kept, merge and undo notes) and the index tree, in key order. Where the
//! journal has come to (the meta tree) differs from desk to desk and is left out.

use sha2::{Digest, Sha256};

use super::{Result, Store};

impl Store {
    /// SHA-256 over every key and value of the records and index trees, each preceded by
    /// its length, as hex.
    pub fn view_hash(&self) -> Result<String> {
        let mut h = Sha256::new();
        for (tag, tree) in [(b'r', &self.records), (b'i', &self.index)] {
            h.update([tag]);
            for kv in tree.iter() {
                let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                h.update((k.len() as u64).to_le_bytes());
                h.update(&k);
                h.update((v.len() as u64).to_le_bytes());
                h.update(&v);
            }
        }
        Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }
}
