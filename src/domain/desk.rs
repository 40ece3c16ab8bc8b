//! Who a desk is beyond its random id: the organisation it works for (`organisation` in
//! the config, e.g. `KG-EMB-MSK`), the letter before its queue numbers and its name.
//!
//! The 64-bit random id stays the key of everything a desk writes (ops, queue numbers,
//! version vectors): records written before organisations existed keep it, and changing
//! it would renumber a desk's queue. The organisation travels beside it, in each bundle's
//! head with the desk's letter and name (`DeskCard`), so a desk shows another's visits
//! with that desk's letter, and a bundle whose desk id is known here under another
//! organisation (a store copied to a laptop of another delegation) is refused instead of
//! being mixed with the desk already known by that id.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

use super::ids::DeskId;
use super::settings::parse_desk_letter;
use super::validate::clean_text;

/// An organisation code has at most this many characters.
pub const MAX_ORGANISATION: usize = 16;

/// The organisation code as typed: trimmed and upper-cased; 1 to 16 ASCII letters, digits
/// and dashes, beginning and ending with a letter or digit. Empty stays empty (no code).
pub fn parse_organisation(raw: &str) -> Result<String, String> {
    let t = raw.trim().to_ascii_uppercase();
    if t.is_empty() {
        return Ok(t);
    }
    let fits = t.len() <= MAX_ORGANISATION
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !t.starts_with('-')
        && !t.ends_with('-');
    if fits {
        Ok(t)
    } else {
        Err(format!(
            "organisation = {raw:?} is not 1 to {MAX_ORGANISATION} Latin letters, digits and \
             dashes (beginning and ending with a letter or digit), e.g. \"KG-EMB-MSK\""
        ))
    }
}

/// What a desk says of itself besides its id (the config's `organisation`, `desk_letter`
/// and `desk_name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub organisation: String,
    pub letter: String,
    pub name: String,
}

/// A desk as other desks know it: its id and what it says of itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCard {
    pub desk: DeskId,
    pub organisation: String,
    /// The letter before its queue numbers; empty: plain numbers.
    pub letter: String,
    pub name: String,
}

impl DeskCard {
    pub fn new(desk: DeskId, who: &Identity) -> DeskCard {
        DeskCard {
            desk,
            organisation: who.organisation.clone(),
            letter: who.letter.clone(),
            name: who.name.clone(),
        }
    }

    /// The rules of the config's keys, for a card read from a file another desk wrote:
    /// what could not have been typed there is not taken from a bundle either.
    pub fn is_valid(&self) -> bool {
        parse_organisation(&self.organisation).ok().as_deref() == Some(&self.organisation)
            && parse_desk_letter(&self.letter).ok().as_deref() == Some(&self.letter)
            && clean_text(&self.name, false).ok().as_deref() == Some(&self.name)
    }

    /// The desk id as shown: `KG-EMB-MSK:1f2e3d4c5b6a7980`, or the bare id without a code.
    pub fn label(&self) -> String {
        label(&self.organisation, self.desk)
    }
}

/// A desk id with its organisation code in front, when there is one.
pub fn label(organisation: &str, desk: DeskId) -> String {
    if organisation.is_empty() {
        desk.to_string()
    } else {
        format!("{organisation}:{desk}")
    }
}

/// Why two cards cannot be one desk: the same id, two organisations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    pub desk: DeskId,
    pub known: String,
    pub other: String,
}

/// Whether `card` may be the desk known here as `known`: an organisation unknown on
/// either side (a store or bundle from before codes) is no clash.
pub fn clash(known: &DeskCard, card: &DeskCard) -> Option<Clash> {
    let both = !known.organisation.is_empty() && !card.organisation.is_empty();
    (both && known.organisation != card.organisation).then(|| Clash {
        desk: card.desk,
        known: known.organisation.clone(),
        other: card.organisation.clone(),
    })
}

/// The desks this desk knows, shared between the store (which learns them from bundles)
/// and the screens (which show other desks' queue letters), with what this desk says of
/// itself (the config; the settings screen changes its letter and name). Cloning shares it.
#[derive(Clone, Debug, Default)]
pub struct DeskBook(Arc<RwLock<Book>>);

#[derive(Debug, Default)]
struct Book {
    own: Identity,
    cards: BTreeMap<DeskId, DeskCard>,
}

impl DeskBook {
    pub fn with_own(own: Identity) -> DeskBook {
        let book = DeskBook::default();
        book.set_own(own);
        book
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Book> {
        // Only whole values are ever put in: a panic elsewhere leaves a whole book.
        self.0.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Book> {
        self.0.write().unwrap_or_else(|p| p.into_inner())
    }

    pub fn own(&self) -> Identity {
        self.read().own.clone()
    }

    pub fn set_own(&self, own: Identity) {
        self.write().own = own;
    }

    /// The settings screen's two keys of the identity (the organisation is the config's).
    pub fn set_own_letter_and_name(&self, letter: &str, name: &str) {
        let mut b = self.write();
        b.own.letter = letter.to_string();
        b.own.name = name.to_string();
    }

    pub fn get(&self, desk: DeskId) -> Option<DeskCard> {
        self.read().cards.get(&desk).cloned()
    }

    /// The queue letter of `desk`'s visits as it last said; empty when unknown.
    pub fn letter(&self, desk: DeskId) -> String {
        self.get(desk).map(|c| c.letter).unwrap_or_default()
    }

    /// The other desks' cards.
    pub fn cards(&self) -> BTreeMap<DeskId, DeskCard> {
        self.read().cards.clone()
    }

    pub fn set_cards(&self, cards: BTreeMap<DeskId, DeskCard>) {
        self.write().cards = cards;
    }
}

/// `cards` with what a bundle's head says folded in: the desk that wrote it is taken at
/// its word (its letter or name may have changed); a desk it only passes on fills in what
/// was not known here. An organisation once known is never replaced (a different one is a
/// clash, refused before this).
pub fn learn(cards: &mut BTreeMap<DeskId, DeskCard>, source: DeskId, heard: &[DeskCard]) {
    for card in heard {
        let first_hand = card.desk == source;
        match cards.get_mut(&card.desk) {
            None => {
                cards.insert(card.desk, card.clone());
            }
            Some(known) => {
                if first_hand {
                    known.letter = card.letter.clone();
                    known.name = card.name.clone();
                }
                if known.organisation.is_empty() {
                    known.organisation = card.organisation.clone();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_codes_are_short_ascii_letters_digits_and_dashes() {
        assert_eq!(parse_organisation(" kg-emb-msk ").unwrap(), "KG-EMB-MSK");
        assert_eq!(parse_organisation("").unwrap(), "");
        assert_eq!(parse_organisation("A").unwrap(), "A");
        assert_eq!(parse_organisation(&"A".repeat(16)).unwrap().len(), 16);
        for bad in ["A".repeat(17), "-KG".into(), "KG-".into(), "KG EMB".into()] {
            assert!(parse_organisation(&bad).is_err(), "{bad}");
        }
        assert!(parse_organisation("КГ").is_err(), "Cyrillic is not a code");
        assert!(parse_organisation("KG:1").is_err(), "the label's separator");
    }

    #[test]
    fn a_card_is_labelled_by_its_organisation_and_learnt_first_hand() {
        let who = Identity {
            organisation: "KG-EMB-MSK".into(),
            letter: "A".into(),
            name: "Desk 1".into(),
        };
        let a = DeskCard::new(DeskId(0x1f), &who);
        assert_eq!(a.label(), "KG-EMB-MSK:000000000000001f");
        assert_eq!(label("", DeskId(2)), "0000000000000002");
        let mut cards = BTreeMap::new();
        learn(&mut cards, DeskId(9), std::slice::from_ref(&a));
        let renamed = DeskCard {
            letter: "C".into(),
            ..a.clone()
        };
        learn(&mut cards, DeskId(9), std::slice::from_ref(&renamed));
        assert_eq!(cards[&a.desk].letter, "A", "second hand fills in only");
        learn(&mut cards, a.desk, std::slice::from_ref(&renamed));
        assert_eq!(cards[&a.desk].letter, "C", "first hand is taken");
        let other = DeskCard {
            organisation: "KZ-OMB".into(),
            ..a.clone()
        };
        assert_eq!(
            clash(&a, &other).map(|c| (c.known, c.other)),
            Some(("KG-EMB-MSK".into(), "KZ-OMB".into()))
        );
        let bare = DeskCard {
            organisation: String::new(),
            ..a.clone()
        };
        assert_eq!(clash(&bare, &a), None, "no code on one side: no clash");
    }
}
