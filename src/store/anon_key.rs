//! The secret that keys how anonymised reports round their counts (`export::protect`):
//! 16 random bytes beside the store, made on first use, private like every file here.

use super::{Result, Store, StoreError};

pub const ANON_KEY_FILE: &str = "anon.key";

impl Store {
    /// The store's rounding key, made (random) on first use. A file of another length is
    /// replaced: losing the key only changes how later exports round.
    pub fn anonymity_key(&self) -> Result<[u8; 16]> {
        let path = self.dir().join(ANON_KEY_FILE);
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                if let Ok(key) = <[u8; 16]>::try_from(bytes.as_slice()) {
                    return Ok(key);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
        let key: [u8; 16] = rand::random();
        super::atomic::write(&path, &key).map_err(io)?;
        Ok(key)
    }
}
