//! The secret that keys how anonymised reports round their counts (`export::protect`):
//! 16 random bytes beside the store, made on first use, private like every file here.

use super::{Result, Store, StoreError};

pub const ANON_KEY_FILE: &str = "anon.key";

impl Store {
    /// The store's rounding key, made (random) on first use; a file of another length is
    /// refused, not replaced.
    pub fn anonymity_key(&self) -> Result<[u8; 16]> {
        let path = self.dir().join(ANON_KEY_FILE);
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                // Never replaced without a word: a new key rounds later exports otherwise,
                // and an export before and one after could be averaged.
                return <[u8; 16]>::try_from(bytes.as_slice()).map_err(|_| {
                    io(std::io::Error::other(
                        "this is not the anonymisation key kezek wrote (16 bytes); it is left \
                         as it is: move it aside to let the next anonymised export make a new \
                         one (its figures then round differently from earlier exports)",
                    ))
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
        let key: [u8; 16] = rand::random();
        super::atomic::write(&path, &key).map_err(io)?;
        Ok(key)
    }
}
