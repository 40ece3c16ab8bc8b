//! The one place values become bytes. Every stored value (journal ops, sled records) goes
//! through `encode`/`decode`, so encryption at rest can later wrap exactly this module.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// First byte of every encoded value. Bump it when a stored type changes shape, and keep a
/// decoder for the old one.
pub const FORMAT_VERSION: u8 = 1;

/// No single value may exceed this; it also bounds what a corrupt length field can make the
/// decoder allocate. Both sides count it the same way (`claimed`): `encode` refuses what
/// `decode` would refuse, so a value that was written can always be read back.
pub const SIZE_LIMIT: usize = 4 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("empty value")]
    Empty,
    #[error("value written by an unknown format version {0} (this kezek reads {FORMAT_VERSION})")]
    UnknownVersion(u8),
    #[error("value has {0} unexpected trailing bytes")]
    TrailingBytes(usize),
    /// Refused before anything was written: it could not be read back.
    #[error("value too large to store ({SIZE_LIMIT} bytes at most); nothing was written")]
    TooLarge,
    #[error("cannot encode value: {0}")]
    Encode(#[from] bincode::error::EncodeError),
    #[error("cannot decode value: {0}")]
    Decode(#[from] bincode::error::DecodeError),
}

/// The one value kept whole beyond `SIZE_LIMIT`: the person search between runs
/// (`store::search_file`), about 150 bytes a person. Bounded so that a damaged file cannot
/// make the decoder allocate more than this.
pub const SNAPSHOT_LIMIT: usize = 512 * 1024 * 1024;

fn snapshot_config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<SNAPSHOT_LIMIT>()
}

/// `encode` for the one large value, streamed to `out`.
pub fn encode_snapshot<T: Serialize>(
    value: &T,
    out: &mut impl std::io::Write,
) -> Result<(), CodecError> {
    out.write_all(&[FORMAT_VERSION])
        .map_err(|e| CodecError::Encode(bincode::error::EncodeError::Io { inner: e, index: 0 }))?;
    bincode::serde::encode_into_std_write(value, out, snapshot_config())?;
    Ok(())
}

/// `decode` for the one large value, streamed from `input` (which the caller checks for
/// trailing bytes and its checksum).
pub fn decode_snapshot<T: DeserializeOwned>(
    input: &mut impl std::io::Read,
) -> Result<T, CodecError> {
    let mut version = [0u8];
    input
        .read_exact(&mut version)
        .map_err(|_| CodecError::Empty)?;
    if version[0] != FORMAT_VERSION {
        return Err(CodecError::UnknownVersion(version[0]));
    }
    Ok(bincode::serde::decode_from_std_read(
        input,
        snapshot_config(),
    )?)
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<SIZE_LIMIT>()
}

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    // bincode applies `with_limit` only when decoding: without this check a value could be
    // journaled that no later open could read (the store would not open again).
    if claimed(value).is_none() {
        return Err(CodecError::TooLarge);
    }
    let mut out = Vec::with_capacity(128);
    out.push(FORMAT_VERSION);
    bincode::serde::encode_into_std_write(value, &mut out, config())?;
    Ok(out)
}

/// A value's bytes without the version byte: a part of a larger value, which `join` puts
/// together. bincode writes a struct as its fields one after another with nothing between
/// them, so the parts of a struct's fields, joined in their order, are that struct's
/// encoding (a bulk load encodes an op's changes before its clock is known). Not checked
/// against `SIZE_LIMIT`: the caller checks the whole value with `claimed`.
pub fn encode_part<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(128);
    bincode::serde::encode_into_std_write(value, &mut out, config())?;
    Ok(out)
}

/// The version byte, then `parts`: one stored value made of `encode_part`s.
pub fn join(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + parts.iter().map(|p| p.len()).sum::<usize>());
    out.push(FORMAT_VERSION);
    parts.iter().for_each(|p| out.extend_from_slice(p));
    out
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

/// The leading fields of a value, its remaining bytes not read: the head of a journal op
/// (its id, desk and clock) without decoding every change it carries.
pub fn decode_head<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version != FORMAT_VERSION {
        return Err(CodecError::UnknownVersion(version));
    }
    Ok(bincode::serde::decode_from_slice(body, config())?.0)
}

/// What bincode's decoder counts against `SIZE_LIMIT` for `value`, or `None` past it.
///
/// The decoder does not count bytes read but bytes claimed for what it builds: each number
/// its width in memory (a `u32` is 4 even when its varint takes 1 byte, a `u128` id is 16),
/// each length 8, each string or byte string its length (bincode 2.0.1, `de/impls.rs` and
/// `features/serde/de_borrowed.rs`; the version is pinned). This walks the value the same
/// way, with no allocation; `tests/store/codec_props.rs` checks it against the decoder itself
/// around the limit.
pub fn claimed<T: Serialize + ?Sized>(value: &T) -> Option<usize> {
    let mut c = Claims { n: 0 };
    value.serialize(&mut c).ok()?;
    Some(c.n)
}

struct Claims {
    n: usize,
}

#[derive(Debug)]
struct OverLimit;

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "over the size limit")
    }
}

impl std::error::Error for OverLimit {}

impl serde::ser::Error for OverLimit {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        OverLimit
    }
}

impl Claims {
    fn add(&mut self, n: usize) -> Result<(), OverLimit> {
        self.n = self.n.checked_add(n).ok_or(OverLimit)?;
        if self.n > SIZE_LIMIT {
            Err(OverLimit)
        } else {
            Ok(())
        }
    }
}

/// A length (of a string, sequence or map), decoded as a `u64`.
const LEN: usize = 8;
/// An enum's variant index, decoded as a `u32`.
const VARIANT: usize = 4;
/// `Option`'s tag, decoded as a `u8`.
const TAG: usize = 1;

impl serde::Serializer for &mut Claims {
    type Ok = ();
    type Error = OverLimit;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    // bincode's serializer says the same, and types such as chrono's serialize by it.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, _: bool) -> Result<(), OverLimit> {
        self.add(1)
    }
    fn serialize_i8(self, _: i8) -> Result<(), OverLimit> {
        self.add(1)
    }
    fn serialize_i16(self, _: i16) -> Result<(), OverLimit> {
        self.add(2)
    }
    fn serialize_i32(self, _: i32) -> Result<(), OverLimit> {
        self.add(4)
    }
    fn serialize_i64(self, _: i64) -> Result<(), OverLimit> {
        self.add(8)
    }
    fn serialize_i128(self, _: i128) -> Result<(), OverLimit> {
        self.add(16)
    }
    fn serialize_u8(self, _: u8) -> Result<(), OverLimit> {
        self.add(1)
    }
    fn serialize_u16(self, _: u16) -> Result<(), OverLimit> {
        self.add(2)
    }
    fn serialize_u32(self, _: u32) -> Result<(), OverLimit> {
        self.add(4)
    }
    fn serialize_u64(self, _: u64) -> Result<(), OverLimit> {
        self.add(8)
    }
    fn serialize_u128(self, _: u128) -> Result<(), OverLimit> {
        self.add(16)
    }
    fn serialize_f32(self, _: f32) -> Result<(), OverLimit> {
        self.add(4)
    }
    fn serialize_f64(self, _: f64) -> Result<(), OverLimit> {
        self.add(8)
    }
    fn serialize_char(self, v: char) -> Result<(), OverLimit> {
        self.add(v.len_utf8())
    }
    fn serialize_str(self, v: &str) -> Result<(), OverLimit> {
        self.add(LEN)?;
        self.add(v.len())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), OverLimit> {
        self.add(LEN)?;
        self.add(v.len())
    }
    fn serialize_none(self) -> Result<(), OverLimit> {
        self.add(TAG)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), OverLimit> {
        self.add(TAG)?;
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), OverLimit> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), OverLimit> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), OverLimit> {
        self.add(VARIANT)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), OverLimit> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), OverLimit> {
        self.add(VARIANT)?;
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, OverLimit> {
        self.add(LEN)?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, OverLimit> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, OverLimit> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, OverLimit> {
        self.add(VARIANT)?;
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, OverLimit> {
        self.add(LEN)?;
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, OverLimit> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, OverLimit> {
        self.add(VARIANT)?;
        Ok(self)
    }
}

impl serde::ser::SerializeSeq for &mut Claims {
    type Ok = ();
    type Error = OverLimit;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OverLimit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), OverLimit> {
        Ok(())
    }
}

impl serde::ser::SerializeTuple for &mut Claims {
    type Ok = ();
    type Error = OverLimit;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OverLimit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), OverLimit> {
        Ok(())
    }
}

impl serde::ser::SerializeTupleStruct for &mut Claims {
    type Ok = ();
    type Error = OverLimit;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OverLimit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), OverLimit> {
        Ok(())
    }
}

impl serde::ser::SerializeTupleVariant for &mut Claims {
    type Ok = ();
    type Error = OverLimit;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OverLimit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), OverLimit> {
        Ok(())
    }
}

impl serde::ser::SerializeMap for &mut Claims {
    type Ok = ();
    type Error = OverLimit;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), OverLimit> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OverLimit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), OverLimit> {
        Ok(())
    }
}

impl serde::ser::SerializeStruct for &mut Claims {
    type Ok = ();
    type Error = OverLimit;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), OverLimit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), OverLimit> {
        Ok(())
    }
}

impl serde::ser::SerializeStructVariant for &mut Claims {
    type Ok = ();
    type Error = OverLimit;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), OverLimit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), OverLimit> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_longest_record_the_limits_allow_is_far_below_the_size_limit() {
        use crate::domain::validate::Limit;
        // A consultation, the largest record: two notes and a dozen one-line fields, at
        // four bytes a character (and the codec's length prefixes), many times over.
        let longest = 2 * Limit::Note.max() + 12 * Limit::Text.max() + 30 * Limit::Short.max();
        assert!(longest * 4 * 10 < SIZE_LIMIT, "{longest}");
    }
    use super::*;

    #[test]
    fn a_value_past_the_limit_is_refused_before_it_is_written() {
        let big = "ж".repeat(SIZE_LIMIT / 2);
        assert!(matches!(encode(&big), Err(CodecError::TooLarge)));
        let fits = "x".repeat(SIZE_LIMIT - LEN);
        let bytes = encode(&fits).unwrap();
        assert_eq!(decode::<String>(&bytes).unwrap(), fits);
        assert!(matches!(
            encode(&format!("{fits}x")),
            Err(CodecError::TooLarge)
        ));
    }
}
