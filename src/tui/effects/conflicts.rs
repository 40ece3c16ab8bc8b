//! The conflicts screen's effects: its rows read, a choice saved.

use crate::app::Action;
use crate::app::conflicts::ConflictItem;
use crate::domain::Id;
use crate::domain::card::HistoryEntry;
use crate::store::Store;

/// Every conflict, then every clock-suspect record that is in no conflict.
pub(super) fn load(store: &Store) -> crate::store::Result<Vec<ConflictItem>> {
    let mut suspects: std::collections::BTreeMap<Id, _> = store
        .clock_suspects()?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut items = Vec::new();
    for c in store.conflicts()? {
        let (whose, person) = store.whose(&c.shown)?;
        items.push(ConflictItem {
            id: c.id,
            whose,
            person,
            suspect: suspects.remove(&c.id),
            look_alike: None,
            shown: c.shown,
            other: Some(c.other),
            money: c.money,
        });
    }
    for (id, s) in suspects {
        // A record merged away or never applied: nothing to show for it.
        let Some(shown) = store.versioned(id)? else {
            continue;
        };
        let (whose, person) = store.whose(&shown)?;
        items.push(ConflictItem {
            id,
            whose,
            person,
            shown,
            other: None,
            money: false,
            suspect: Some(s),
            look_alike: None,
        });
    }
    for n in store.look_alike_notes()? {
        // A new person from a desk whose clock was ahead: one row says both.
        if let Some(i) = items
            .iter_mut()
            .find(|i| i.id == n.new && i.other.is_none())
        {
            if let Some(on_record) = store.person(n.on_record)? {
                i.look_alike = Some((Box::new(on_record), n.why));
            }
            continue;
        }
        // Merged since (either way) or gone: nothing to decide any more.
        let (Some(new), Some(on_record)) = (store.person(n.new)?, store.person(n.on_record)?)
        else {
            store.clear_look_alike(n.new)?;
            continue;
        };
        items.push(ConflictItem {
            id: n.new,
            whose: new.fields.full_name(),
            person: Some(n.new),
            shown: HistoryEntry::Person(crate::domain::card::PersonVersion {
                person: new,
                officer: String::new(),
            }),
            other: None,
            money: false,
            suspect: None,
            look_alike: Some((Box::new(on_record), n.why)),
        });
    }
    Ok(items)
}

/// The name the record goes by, and its person.
pub(super) fn settle(store: &Store, officer: &str, id: Id, chosen: &HistoryEntry) -> Action {
    // Settled by an officer who saw it: no longer clock-suspect either.
    let done = store
        .settle_conflict(id, chosen, officer)
        .and_then(|r| store.clear_suspect(id).map(|_| r.is_some()));
    settled(done)
}

/// What a choice saved or a mark cleared says back: `false`, nothing was left to settle.
pub(super) fn settled(done: crate::store::Result<bool>) -> Action {
    match done {
        Ok(settled) => Action::ConflictSettled { settled },
        Err(e) => {
            tracing::error!(error = %e, "a conflict was not settled");
            Action::Failed {
                what: "what-settle-conflict",
                reason: e.to_string(),
                reason_id: None,
            }
        }
    }
}
