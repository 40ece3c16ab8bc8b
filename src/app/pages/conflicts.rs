//! Conflicts between desks: `c` on the events screen. A record two desks changed from the
//! same version without seeing each other's change keeps both versions; every desk shows
//! the same one (the rule: revision, then time, then desk). Here the officer sees both,
//! field by field, with who and when, and keeps the one shown or takes the other (`s`,
//! swap: a letter no Cyrillic letter looks like, so that nobody types a look-alike that
//! is another key on their layout, as `о` is `j`); either
//! is a new version that merges like any edit. An amount that differs is never settled by
//! the rule alone, and is said so.
//!
//! Records another desk changed by an op dated ahead of this laptop's clock are listed too
//! (clock-suspect): the officer looks at them and marks them seen. So are the new persons a
//! merge brought who look like a person on record here (the same document, phone, or birth
//! date and a similar name): `Shift+M` merges the two (asking first, both side by side),
//! `Enter` says they are not the same person.

use super::card;
use super::search::PendingMerge;
use crate::app::keymap::{Command, KeyMode};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::{Cx, FlashKind, Overlay};
use crate::app::widgets::move_selection;
use crate::domain::card::HistoryEntry;
use crate::domain::card::Suspect;
use crate::domain::search::Likeness;
use crate::domain::{Id, Person};

/// One row: a conflict, a clock-suspect record, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictItem {
    pub id: Id,
    /// Whose record it is: the person's name (of a person, a consultation, a member), or
    /// the appeal's title.
    pub whose: String,
    /// The person to open the card of, if the record belongs to one.
    pub person: Option<Id>,
    /// The version every desk shows.
    pub shown: HistoryEntry,
    /// The other version of the same revision; `None`: only clock-suspect.
    pub other: Option<HistoryEntry>,
    /// The two versions differ in an amount.
    pub money: bool,
    pub suspect: Option<Suspect>,
    /// The person on record a new person (`shown`) looks like, and why.
    pub look_alike: Option<(Box<Person>, Likeness)>,
}

/// What the officer is asked to confirm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    KeepShown,
    TakeOther,
    /// A clock-suspect record looked at, no conflict.
    Seen,
    /// A look-alike is not the same person.
    NotSame,
}

#[derive(Clone, Debug, Default)]
pub struct ConflictsPage {
    pub items: Vec<ConflictItem>,
    pub selected: usize,
    pub loading: bool,
    /// A choice waiting for the officer's yes: the keys are yes and no meanwhile.
    pub asking: Option<Choice>,
    /// A choice is being saved.
    pub saving: bool,
}

pub fn open() -> Outcome {
    let page = ConflictsPage {
        loading: true,
        ..ConflictsPage::default()
    };
    Outcome::push(Page::Conflicts(page), vec![Effect::LoadConflicts])
}

impl ConflictsPage {
    pub fn key_mode(&self) -> KeyMode {
        if self.asking.is_some() {
            KeyMode::ConfirmLetter
        } else {
            KeyMode::Conflicts
        }
    }

    pub fn selected_item(&self) -> Option<&ConflictItem> {
        self.items.get(self.selected)
    }

    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        if let Some(choice) = self.asking {
            return self.answer(choice, command);
        }
        // The answer to a choice being saved is what the officer must see first.
        if self.saving {
            return Outcome::none();
        }
        match command {
            c if c.moves_selection() => {
                move_selection(&mut self.selected, self.items.len(), c);
                Outcome::none()
            }
            Command::KeepShown => {
                self.asking = self
                    .selected_item()
                    .map(|i| match (&i.other, &i.look_alike) {
                        (Some(_), _) => Choice::KeepShown,
                        (None, Some(_)) => Choice::NotSame,
                        (None, None) => Choice::Seen,
                    });
                Outcome::none()
            }
            Command::Merge => {
                let Some(item) = self.selected_item() else {
                    return Outcome::none();
                };
                let (HistoryEntry::Person(new), Some((on_record, _))) =
                    (&item.shown, &item.look_alike)
                else {
                    return Outcome::none();
                };
                // The person on record stays; the one the bundle brought joins them.
                *cx.pending_merge = Some(PendingMerge {
                    into: on_record.meta.id,
                    into_name: on_record.fields.full_name(),
                    gone: new.person.meta.id,
                    gone_name: new.person.fields.full_name(),
                    into_fields: on_record.fields.clone(),
                    gone_fields: new.person.fields.clone(),
                });
                *cx.overlay = Some(Overlay::ConfirmMerge);
                Outcome::none()
            }
            Command::TakeOther => {
                if self.selected_item().is_some_and(|i| i.other.is_some()) {
                    self.asking = Some(Choice::TakeOther);
                }
                Outcome::none()
            }
            Command::PersonCard => match self.selected_item().and_then(|i| i.person) {
                Some(p) => card::open(p),
                None => Outcome::none(),
            },
            Command::Back => Outcome::back(vec![]),
            _ => Outcome::none(),
        }
    }

    fn answer(&mut self, choice: Choice, command: Command) -> Outcome {
        match command {
            Command::Yes => {
                self.asking = None;
                let Some(item) = self.selected_item() else {
                    return Outcome::none();
                };
                let id = item.id;
                let settle = |chosen: &HistoryEntry| Effect::SettleConflict {
                    id,
                    chosen: Box::new(chosen.clone()),
                };
                let effect = match (choice, &item.other) {
                    (Choice::KeepShown, _) => settle(&item.shown),
                    (Choice::TakeOther, Some(other)) => settle(other),
                    (Choice::TakeOther, None) => return Outcome::none(),
                    (Choice::Seen, _) => Effect::ClearSuspect(id),
                    (Choice::NotSame, _) => Effect::ClearLookAlike(id),
                };
                self.saving = true;
                Outcome::effects(vec![effect])
            }
            Command::No | Command::Back => {
                self.asking = None;
                Outcome::none()
            }
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::ConflictsLoaded(items) => {
                // A question about a row of the list before is no question about this one.
                self.asking = None;
                self.items = items;
                self.loading = false;
                self.selected = self.selected.min(self.items.len().saturating_sub(1));
                Ok(Outcome::none())
            }
            Action::ConflictSettled { settled } => {
                self.saving = false;
                let id = if settled {
                    "flash-conflict-settled"
                } else {
                    // Another desk's merge or a second window settled it meanwhile.
                    "flash-conflict-gone"
                };
                cx.flash(id, vec![], FlashKind::Info);
                self.loading = true;
                Ok(Outcome::effects(vec![Effect::LoadConflicts]))
            }
            Action::Merged { moved, .. } => {
                cx.flash(
                    "flash-merged",
                    vec![("moved", moved.into())],
                    FlashKind::Info,
                );
                self.loading = true;
                Ok(Outcome::effects(vec![Effect::LoadConflicts]))
            }
            other => Err(other),
        }
    }

    /// Shown again after a card it opened: the record may have been edited there.
    pub fn on_return(&mut self, reload: bool) -> Outcome {
        if reload {
            self.loading = true;
            Outcome::effects(vec![Effect::LoadConflicts])
        } else {
            Outcome::none()
        }
    }
}
