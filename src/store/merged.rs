//! A record that desks changed from one version without seeing each other's change (two
//! or more leaves of its lineage) is shown merged part by part (`domain::merge`): the
//! leaf that wins by the one rule (revision, time, desk), with every part another leaf
//! changed that the winner left as it was. What is left for an officer is a part two
//! leaves changed to different values.
//!
//! One function decides it for the fold (which writes the merged record), the list of
//! conflicts and the preview of a merge, so that the three never disagree.

use serde::{Deserialize, Serialize};

use super::lineage::Lineage;
use super::op::VersionRef;
use crate::domain::Meta;
use crate::domain::card::HistoryEntry;
use crate::domain::merge::Entry;

/// Kept beside a record shown merged (`keys::KIND_SHOWN`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The winning leaf as saved (for the person it was saved for; its parts are put back
    /// before any other version of the record is folded, so that the fold compares and
    /// keeps versions as saved, never the merged one).
    pub winner: HistoryEntry,
    pub winner_version: VersionRef,
    /// The leaves whose every change the record shown holds, the winner first: what an
    /// edit of the record shown was made from.
    pub made_from: Vec<VersionRef>,
}

/// How a record with several leaves is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settled {
    /// The winner with the parts merged from the others.
    pub shown: HistoryEntry,
    /// As `Note::made_from`.
    pub made_from: Vec<VersionRef>,
    /// Leaves that changed a part to another value than the one shown: each with the
    /// other choice (`Entry::contesting`).
    pub contested: Vec<(VersionRef, HistoryEntry)>,
    /// Leaves whose common version with the winner is not held here (a bundle brought
    /// an edit without the version it was made from): compared whole, as before.
    pub unknown: Vec<(VersionRef, HistoryEntry)>,
}

/// The order versions win in: revision, then time of change, then desk (`Meta`), then
/// the digest of the version.
pub fn order(
    e: &HistoryEntry,
    v: VersionRef,
) -> (u32, chrono::DateTime<chrono::Utc>, u64, VersionRef) {
    let m = meta(e);
    (m.rev, m.updated, m.desk.0, v)
}

pub fn meta(e: &HistoryEntry) -> &Meta {
    match e {
        HistoryEntry::Person(v) => &v.person.meta,
        HistoryEntry::Consultation(c) => &c.meta,
        HistoryEntry::Appeal(a) => &a.meta,
        HistoryEntry::Member(m) => &m.meta,
    }
}

/// How the record with `lineage` is shown when `winner` (the version the view holds, as
/// saved) wins. `None`: it is not a leaf, or the only one — the record is shown as saved.
/// `version` finds any version by its name.
pub fn settle<E>(
    lineage: &Lineage,
    winner: (VersionRef, &HistoryEntry),
    mut version: impl FnMut(VersionRef) -> Result<Option<HistoryEntry>, E>,
) -> Result<Option<Settled>, E> {
    let leaves = lineage.leaves();
    if leaves.len() < 2 || !leaves.contains(&winner.0) {
        return Ok(None);
    }
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for leaf in leaves.into_iter().filter(|l| *l != winner.0) {
        let Some(entry) = version(leaf)? else {
            continue;
        };
        let base = match lineage.base_of(winner.0, leaf) {
            Some(b) => version(b)?.map(|e| (b, e)),
            None => None,
        };
        let Some((b, base)) = base else {
            unknown.push((leaf, entry));
            continue;
        };
        let l = touched(lineage, (b, &base), (leaf, &entry), &mut version)?;
        let w = touched(lineage, (b, &base), winner, &mut version)?;
        match (l, w) {
            (Some(l), Some(w)) => known.push((leaf, entry, l, w)),
            _ => unknown.push((leaf, entry)),
        }
    }
    known.sort_by_key(|k| std::cmp::Reverse(order(&k.1, k.0)));
    let others: Vec<crate::domain::merge::OtherEntry<'_>> = known
        .iter()
        .map(|(_, e, l, w)| (e, l.as_slice(), w.as_slice()))
        .collect();
    let Some(shown) = Entry::merged(winner.1, &others) else {
        return Ok(None);
    };
    let mut made_from = vec![winner.0];
    let mut contested = Vec::new();
    for (leaf, entry, l, _) in &known {
        match Entry::contesting(&shown, entry, l) {
            Some(other) => contested.push((*leaf, other)),
            None => made_from.push(*leaf),
        }
    }
    Ok(Some(Settled {
        shown,
        made_from,
        contested,
        unknown,
    }))
}

/// The parts changed on the way from `base` to `to`: where `to` differs from `base`, and
/// what `to` and every version it was made from since `base` changed, each against what it
/// was made from. A desk that changed a part and then put it back has still chosen it.
fn touched<E>(
    lineage: &Lineage,
    base: (VersionRef, &HistoryEntry),
    to: (VersionRef, &HistoryEntry),
    version: &mut impl FnMut(VersionRef) -> Result<Option<HistoryEntry>, E>,
) -> Result<Option<Vec<bool>>, E> {
    let Some(mut parts) = Entry::changed(base.1, to.1) else {
        return Ok(None);
    };
    let mut before = lineage.ancestors(base.0);
    before.push(base.0);
    let mut way = lineage.ancestors(to.0);
    way.push(to.0);
    for v in way.into_iter().filter(|v| !before.contains(v)) {
        let Some(node) = lineage.nodes.iter().find(|n| n.version == v) else {
            continue;
        };
        let made = if v == to.0 {
            Some(to.1.clone())
        } else {
            version(v)?
        };
        let Some(made) = made else {
            continue;
        };
        // A version made from several (an edit of a record shown merged, a settlement)
        // changed a part where it differs from all of them, and chose it where they
        // differ among themselves (a settlement taking one desk's amount is a choice, and
        // another desk's other choice of it must be listed, not lost).
        let mut own: Option<Vec<bool>> = None;
        let mut froms: Vec<HistoryEntry> = Vec::new();
        for b in &node.bases {
            let from = if *b == base.0 {
                Some(base.1.clone())
            } else {
                version(*b)?
            };
            let Some(from) = from else {
                continue;
            };
            if let Some(c) = Entry::changed(&from, &made) {
                own = Some(match own {
                    None => c,
                    Some(o) => o.iter().zip(&c).map(|(x, y)| *x && *y).collect(),
                });
            }
            froms.push(from);
        }
        if let (Some(o), Some(first)) = (own.as_mut(), froms.first()) {
            for other in &froms[1..] {
                if let Some(c) = Entry::changed(first, other) {
                    crate::domain::merge::either(o, &c);
                }
            }
        }
        if let Some(own) = own {
            crate::domain::merge::either(&mut parts, &own);
        }
    }
    Ok(Some(parts))
}
