//! The one place values become bytes. Every stored value (journal ops, sled records) goes
//! through `encode`/`decode`, so encryption at rest can later wrap exactly this module.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// First byte of every encoded value. Bump it when a stored type changes shape, and keep a
/// decoder for the old one.
pub const FORMAT_VERSION: u8 = 1;

/// No single value may exceed this; it also bounds what a corrupt length field can make the
/// decoder allocate.
pub const SIZE_LIMIT: usize = 4 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("empty value")]
    Empty,
    #[error("value written by an unknown format version {0} (this kezek reads {FORMAT_VERSION})")]
    UnknownVersion(u8),
    #[error("value has {0} unexpected trailing bytes")]
    TrailingBytes(usize),
    #[error("cannot encode value: {0}")]
    Encode(#[from] bincode::error::EncodeError),
    #[error("cannot decode value: {0}")]
    Decode(#[from] bincode::error::DecodeError),
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<SIZE_LIMIT>()
}

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(128);
    out.push(FORMAT_VERSION);
    bincode::serde::encode_into_std_write(value, &mut out, config())?;
    Ok(out)
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version != FORMAT_VERSION {
        return Err(CodecError::UnknownVersion(version));
    }
    let (value, used) = bincode::serde::decode_from_slice(body, config())?;
    if used != body.len() {
        return Err(CodecError::TrailingBytes(body.len() - used));
    }
    Ok(value)
}
