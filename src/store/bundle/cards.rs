//! The desks this desk knows (`DeskCard`: organisation, queue letter, name), kept in
//! `desks.kzc` beside the journal, learnt from the heads of the bundles merged here and
//! handed on in the bundles written here. Like `desks.kzp`, a file the journal cannot
//! rebuild but can do without: lost, the next bundles bring the cards again, and until then
//! other desks' visits show their bare numbers, as before desks had cards.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::super::journal::encode_frame;
use super::super::{Result, StoreError, codec, io_err};
use super::{BundleError, format};
use crate::domain::DeskId;
use crate::domain::desk::{self, DeskCard, Identity};

pub const CARDS_FILE: &str = "desks.kzc";

/// The cards in `dir`; none when the file is missing or cannot be read.
pub fn read_cards(dir: &Path) -> BTreeMap<DeskId, DeskCard> {
    let Ok(bytes) = std::fs::read(dir.join(CARDS_FILE)) else {
        return BTreeMap::new();
    };
    let mut at = 0;
    let decoded = format::frame_at(&bytes, &mut at, bytes.len())
        .and_then(|p| codec::decode::<Vec<DeskCard>>(p).ok());
    match decoded {
        Some(list) => list
            .into_iter()
            .filter(DeskCard::is_valid)
            .map(|c| (c.desk, c))
            .collect(),
        None => {
            tracing::warn!("the file of the other desks' cards cannot be read; it is made again");
            BTreeMap::new()
        }
    }
}

pub(super) fn write_cards(dir: &Path, cards: &BTreeMap<DeskId, DeskCard>) -> Result<()> {
    let list: Vec<&DeskCard> = cards.values().collect();
    let payload = codec::encode(&list).map_err(|source| StoreError::Codec {
        what: "desk cards",
        source,
    })?;
    let path = dir.join(CARDS_FILE);
    super::super::atomic::write(&path, &encode_frame(&payload)).map_err(io_err(&path))
}

/// What a bundle written by `source` (whose own card says `who`) tells of the desks: its
/// own card first, then every other desk known in `dir`.
pub(super) fn cards_to_send(dir: &Path, source: DeskId, who: &Identity) -> Vec<DeskCard> {
    let mut out = vec![DeskCard::new(source, who)];
    out.extend(read_cards(dir).into_values().filter(|c| c.desk != source));
    out
}

/// The first card of `heard` that cannot be the desk `known` holds under its id (this
/// desk's own among them), as the refusal of the bundle at `path`.
pub(super) fn check_clash(
    path: &Path,
    known: &BTreeMap<DeskId, DeskCard>,
    heard: &[DeskCard],
) -> std::result::Result<(), BundleError> {
    for card in heard {
        if let Some(c) = known.get(&card.desk).and_then(|k| desk::clash(k, card)) {
            return Err(BundleError::DeskClash {
                path: PathBuf::from(path),
                desk: c.desk,
                known: c.known,
                other: c.other,
            });
        }
    }
    Ok(())
}
