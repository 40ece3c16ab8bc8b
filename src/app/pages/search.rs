//! Finding a person from anywhere (`/`), and choosing the duplicate to merge into the
//! person on the card.

use super::card;
use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page, Returned};
use crate::app::state::{Cx, FlashKind, Overlay};
use crate::app::widgets::form::Field;
use crate::app::widgets::move_selection;
use crate::domain::{Id, Person, PersonFields};

/// Results shown by the search screen.
pub const SEARCH_LIMIT: usize = 50;

/// The person a duplicate is being chosen for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeTarget {
    pub into: Id,
    pub name: String,
    /// The person on the card as it stands, for the confirmation to set beside the
    /// duplicate.
    pub fields: PersonFields,
}

#[derive(Clone, Debug)]
pub struct SearchPage {
    pub query: Field,
    pub results: Vec<Person>,
    /// How many match in all: more than `results` when the list stopped at `SEARCH_LIMIT`.
    pub total: usize,
    pub selected: usize,
    pub seq: u64,
    /// A query is out and its answer not yet in.
    pub searching: bool,
    /// Set when choosing the duplicate to merge into this person.
    pub merge: Option<MergeTarget>,
}

/// A merge waiting for the officer's yes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingMerge {
    pub into: Id,
    pub into_name: String,
    pub gone: Id,
    pub gone_name: String,
    /// Both persons as recorded: the confirmation shows them side by side with what
    /// differs, so a wrong pick is seen before it is merged.
    pub into_fields: PersonFields,
    pub gone_fields: PersonFields,
}

pub fn open(merge: Option<MergeTarget>) -> Outcome {
    let page = SearchPage {
        query: Field::text("field-search", "").with_hint("search-hint"),
        results: vec![],
        total: 0,
        selected: 0,
        seq: 0,
        searching: false,
        merge,
    };
    Outcome::push(Page::Search(page), vec![])
}

/// The officer said yes to the merge waiting in `pending`.
pub fn confirm_merge(pending: &mut Option<PendingMerge>) -> Vec<Effect> {
    match pending.take() {
        Some(m) => vec![Effect::MergePersons {
            into: m.into,
            gone: m.gone,
        }],
        None => vec![],
    }
}

impl SearchPage {
    /// A key typed into the query: search again on every change.
    pub fn on_text(&mut self, key: Key) -> Outcome {
        if self.query.edit(key) {
            self.requery()
        } else {
            Outcome::none()
        }
    }

    pub fn on_paste(&mut self, text: &str) -> Outcome {
        if self.query.paste(text) {
            self.requery()
        } else {
            Outcome::none()
        }
    }

    fn requery(&mut self) -> Outcome {
        self.seq += 1;
        let query = self.query.value().trim().to_string();
        if query.is_empty() {
            self.results.clear();
            self.total = 0;
            self.searching = false;
            return Outcome::none();
        }
        self.searching = true;
        Outcome::effects(vec![Effect::Suggest {
            seq: self.seq,
            query,
            limit: SEARCH_LIMIT,
            except: self.merge.as_ref().map(|m| m.into),
        }])
    }

    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match command {
            c if c.moves_selection() => {
                move_selection(&mut self.selected, self.results.len(), command);
                Outcome::none()
            }
            Command::Back => Outcome::back(vec![]),
            Command::Enter => {
                let Some(p) = self.results.get(self.selected).cloned() else {
                    return Outcome::none();
                };
                match self.merge.clone() {
                    Some(m) => {
                        *cx.pending_merge = Some(PendingMerge {
                            into: m.into,
                            into_name: m.name,
                            gone: p.meta.id,
                            gone_name: p.fields.full_name(),
                            into_fields: m.fields,
                            gone_fields: p.fields,
                        });
                        *cx.overlay = Some(Overlay::ConfirmMerge);
                        Outcome::none()
                    }
                    None => {
                        // The card takes the search's place.
                        let (page, load) = card::page(p.meta.id);
                        Outcome::replace(page, vec![load])
                    }
                }
            }
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            // The answer to the latest query (older ones are dropped).
            Action::Suggestions {
                seq,
                persons,
                total,
            } => {
                if self.seq == seq {
                    // The person being merged into is neither offered nor counted: the
                    // search left them out (`Effect::Suggest::except`), wherever they
                    // ranked; this filter only keeps an answer from elsewhere honest.
                    let merge_into = self.merge.as_ref().map(|m| m.into);
                    let found = persons.len();
                    self.results = persons
                        .into_iter()
                        .filter(|p| Some(p.meta.id) != merge_into)
                        .collect();
                    let left_out = found - self.results.len();
                    self.total = total.saturating_sub(left_out).max(self.results.len());
                    self.selected = 0;
                    self.searching = false;
                }
                Ok(Outcome::none())
            }
            Action::Merged { into, moved } => {
                cx.flash(
                    "flash-merged",
                    vec![("moved", moved.into())],
                    FlashKind::Info,
                );
                Ok(Outcome::pop_with(Returned::Merged { into }, false, vec![]))
            }
            other => Err(other),
        }
    }
}
