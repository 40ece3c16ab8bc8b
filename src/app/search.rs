//! Finding a person from anywhere (`/`), merging a duplicate into the person on the card,
//! and the look-alike check before a new person is saved.

use super::form::Field;
use super::keymap::{Command, Key};
use super::state::{Action, Effect, FlashKind, Overlay, Screen, State};
use super::update::{move_selection, open_card, return_to};
use crate::domain::search::Likeness;
use crate::domain::{Id, Person};

/// Results shown by the search screen.
pub const SEARCH_LIMIT: usize = 50;

/// The person a duplicate is being chosen for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeTarget {
    pub into: Id,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct SearchScreen {
    pub query: Field,
    pub results: Vec<Person>,
    pub selected: usize,
    pub seq: u64,
    /// A query is out and its answer not yet in.
    pub searching: bool,
    /// Set when choosing the duplicate to merge into this person.
    pub merge: Option<MergeTarget>,
    pub back: Screen,
}

/// A merge waiting for the officer's yes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingMerge {
    pub into: Id,
    pub into_name: String,
    pub gone: Id,
    pub gone_name: String,
}

pub fn open_search(state: &mut State, merge: Option<MergeTarget>, back: Screen) -> Vec<Effect> {
    state.search = Some(SearchScreen {
        query: Field::text("field-search", "").with_hint("search-hint"),
        results: vec![],
        selected: 0,
        seq: 0,
        searching: false,
        merge,
        back,
    });
    state.screen = Screen::Search;
    vec![]
}

/// A key typed into the query: search again on every change.
pub fn edit(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(s) = state.search.as_mut() else {
        return vec![];
    };
    if s.query.edit(key) {
        requery(s)
    } else {
        vec![]
    }
}

pub fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    let Some(s) = state.search.as_mut() else {
        return vec![];
    };
    if s.query.paste(text) {
        requery(s)
    } else {
        vec![]
    }
}

fn requery(s: &mut SearchScreen) -> Vec<Effect> {
    s.seq += 1;
    let query = s.query.value().trim().to_string();
    if query.is_empty() {
        s.results.clear();
        s.searching = false;
        return vec![];
    }
    s.searching = true;
    vec![Effect::Suggest {
        seq: s.seq,
        query,
        limit: SEARCH_LIMIT,
    }]
}

/// The answer to the latest query (older ones are dropped).
pub fn answer(state: &mut State, seq: u64, persons: Vec<Person>) {
    if let Some(s) = state.search.as_mut()
        && s.seq == seq
    {
        let merge_into = s.merge.as_ref().map(|m| m.into);
        s.results = persons
            .into_iter()
            .filter(|p| Some(p.meta.id) != merge_into)
            .collect();
        s.selected = 0;
        s.searching = false;
    }
}

pub fn command(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(s) = state.search.as_mut() else {
        return vec![];
    };
    match command {
        c if c.moves_selection() => {
            let len = s.results.len();
            move_selection(&mut s.selected, len, command);
            vec![]
        }
        Command::Back => {
            let back = s.back;
            state.search = None;
            return_to(state, back)
        }
        Command::Enter => {
            let Some(p) = s.results.get(s.selected).cloned() else {
                return vec![];
            };
            match s.merge.clone() {
                Some(m) => {
                    state.pending_merge = Some(PendingMerge {
                        into: m.into,
                        into_name: m.name,
                        gone: p.meta.id,
                        gone_name: p.fields.full_name(),
                    });
                    state.overlay = Some(Overlay::ConfirmMerge);
                    vec![]
                }
                None => {
                    let back = s.back;
                    state.search = None;
                    open_card(state, p.meta.id, back)
                }
            }
        }
        _ => vec![],
    }
}

/// The officer said yes to the merge.
pub fn confirm_merge(state: &mut State) -> Vec<Effect> {
    match state.pending_merge.take() {
        Some(m) => vec![Effect::MergePersons {
            into: m.into,
            gone: m.gone,
        }],
        None => vec![],
    }
}

pub fn on_merged(state: &mut State, into: Id, moved: usize) -> Vec<Effect> {
    state.flash(
        "flash-merged",
        vec![("moved", moved.into())],
        FlashKind::Info,
    );
    let back = state
        .search
        .take()
        .map(|s| s.back)
        .unwrap_or(Screen::Events);
    let back = match state.card.as_ref() {
        Some(c) => c.back,
        None => back,
    };
    open_card(state, into, back)
}

/// Handles the answer to a look-alike check for the form on screen. With no look-alikes the
/// save that waited for it goes ahead; otherwise they are shown and the next save makes a
/// new person on purpose.
pub fn on_look_alikes(state: &mut State, seq: u64, found: Vec<(Person, Likeness)>) -> Vec<Effect> {
    let lookup = match state.screen {
        Screen::ArrivalForm => state
            .arrival
            .as_mut()
            .map(|a| (&mut a.lookup, &mut a.saving)),
        Screen::MemberForm => state
            .member
            .as_mut()
            .map(|m| (&mut m.lookup, &mut m.saving)),
        _ => None,
    };
    let Some((lookup, saving)) = lookup else {
        return vec![];
    };
    if lookup.seq != seq {
        return vec![];
    }
    let pending = lookup.pending.take();
    if found.is_empty() {
        return pending.map(|e| vec![*e]).unwrap_or_default();
    }
    *saving = false;
    lookup.likeness = found.iter().map(|(_, l)| *l).collect();
    lookup.suggestions = found.into_iter().map(|(p, _)| p).collect();
    lookup.selected = 0;
    lookup.confirmed_new = true;
    state.flash("flash-look-alikes", vec![], FlashKind::Error);
    vec![]
}

/// Results of the search effects.
pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::LookAlikes { seq, found } => on_look_alikes(state, seq, found),
        Action::Merged { into, moved } => on_merged(state, into, moved),
        _ => vec![],
    }
}
