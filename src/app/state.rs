//! The app's state: the stack of pages (each screen's own data and behaviour, in
//! `pages`), the overlay over them, and what belongs to no page (the footer message,
//! drafts' clock, the lock, a damaged store).

use chrono::{DateTime, NaiveDate, Utc};

use std::sync::Arc;

use super::keymap::KeyMode;
pub use super::msg::{Action, Effect, PageId, ReplyTo, Request};
use super::page::{Page, PageKind};
use super::pages::QueuePage;
pub use super::pages::card::PendingUnmerge;
use super::pages::events::EventsPage;
pub use super::pages::search::PendingMerge;
use crate::domain::Lang;
use crate::domain::clock::Zone;
use crate::domain::draft::Draft;
use crate::domain::taxonomy::Taxonomy;
use crate::i18n::Arg;

/// Facts about this desk and session that screens need.
#[derive(Clone, Debug)]
pub struct Context {
    pub desk_name: String,
    /// Before this desk's queue numbers (`A-017`); empty: plain numbers.
    pub desk_letter: String,
    /// This installation's desk id: the letter is this desk's, so it goes only on the
    /// visits made here (`None`: on every visit shown).
    pub own_desk: Option<crate::domain::DeskId>,
    /// The other desks as they say of themselves in their bundles: their visits show
    /// their letters (shared with the store, which learns them when it merges).
    pub desks: crate::domain::desk::DeskBook,
    pub officer: String,
    pub language: Lang,
    /// This machine's offset from UTC, in minutes: a new event's default, and the clock of
    /// what belongs to no event while no queue is open (`domain::clock::Zone::desk`).
    pub local_offset_min: i32,
    pub idle_lock_minutes: u32,
    /// Anonymised exports' smallest published group (`config.anonymity_k`).
    pub anonymity_k: u32,
    pub taxonomy: Arc<Taxonomy>,
    /// The print command found on this machine (`lp`), if any: the slip's way to paper.
    pub printer: Option<String>,
}

impl Context {
    /// A visit's queue number as this desk shows it: `A-017` for its own visits, `B-004`
    /// for a visit of a desk whose bundles said its letter is B (bare when not known).
    pub fn queue_label(&self, v: &crate::domain::Visit) -> String {
        crate::domain::settings::queue_label(&self.letter_of(v.meta.desk), v.queue_no)
    }

    /// The letter before the queue numbers of `desk`'s visits.
    pub fn letter_of(&self, desk: crate::domain::DeskId) -> String {
        if self.own_desk.is_none_or(|d| d == desk) {
            self.desk_letter.clone()
        } else {
            self.desks.letter(desk)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Events,
    Queue,
    EventForm,
    ArrivalForm,
    Consultation,
    FollowUps,
    PersonCard,
    CloseFollowUp,
    Settings,
    PersonForm,
    Appeals,
    Appeal,
    AppealForm,
    MemberForm,
    History,
    Search,
    Dashboard,
    Export,
    Import,
    Backup,
    Exchange,
    Conflicts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmDiscard,
    ConfirmQuit,
    ConfirmRestore,
    ConfirmMerge,
    /// What salvage does, before it does it.
    ConfirmSalvage,
    /// Taking back a merge (`State::pending_unmerge`), both persons side by side.
    ConfirmUnmerge,
}

impl Overlay {
    /// A yes-or-no question: only its answers act while it is up.
    pub fn is_question(self) -> bool {
        !matches!(self, Overlay::Help)
    }
}

/// What a salvage run from the app did (see `store::recover::SalvageReport`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SalvageSummary {
    /// Ops taken from intact journal frames.
    pub intact_ops: usize,
    /// Records put back as the view held them (their journal frames were damaged or
    /// missing).
    pub restored: usize,
    /// Records in the salvaged store.
    pub records: usize,
    /// Where the old journal and view were moved.
    pub journal_aside: Option<String>,
    pub view_aside: Option<String>,
    /// The salvaged journal passed the whole check.
    pub verified: bool,
}

/// Salvage from the app: while it runs, then what it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SalvageView {
    Running,
    Done(SalvageSummary),
    Failed {
        reason: String,
        reason_id: Option<&'static str>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlashKind {
    Info,
    Error,
}

/// A one-line message in the footer.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    pub kind: FlashKind,
    pub at: DateTime<Utc>,
}

/// A page on the stack with its identity.
#[derive(Clone, Debug)]
pub struct Slot {
    pub id: PageId,
    pub page: Page,
}

pub struct State {
    pub ctx: Context,
    /// The screens open, the one shown last. Never empty: the events list is at the
    /// bottom and stays there (`Back` on it quits).
    pages: Vec<Slot>,
    next_page: u64,
    /// The folder a backup goes to unless another is typed (the terminal front end sets
    /// it: the home folder, else the data directory's parent).
    pub backup_dir: Option<std::path::PathBuf>,
    /// A merge waiting for the officer's yes (what `Overlay::ConfirmMerge` asks about).
    pub pending_merge: Option<PendingMerge>,
    /// An unmerge waiting for the officer's yes (what `Overlay::ConfirmUnmerge` asks about).
    pub pending_unmerge: Option<PendingUnmerge>,
    pub overlay: Option<Overlay>,
    pub flash: Option<Flash>,
    /// A draft found at start, offered back.
    pub pending_draft: Option<Draft>,
    /// A form changed since the last draft was written.
    pub draft_dirty: bool,
    pub last_draft: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub last_input: DateTime<Utc>,
    /// The rest of the answer word whose first letter just answered a question, and
    /// when: typed on (`да`, `ооба`, `yes`), it is swallowed instead of acting on the
    /// screen behind the question.
    pub answer_rest: Option<(Vec<char>, DateTime<Utc>)>,
    pub locked: bool,
    /// The store refuses to write until it is salvaged: a banner says what to do.
    pub store_damaged: bool,
    /// Salvage running or its result shown (over every screen until a key is pressed).
    pub salvage: Option<SalvageView>,
    pub quit: bool,
    /// The terminal's size as the front end last reported it (`Action::Resized`); `None`
    /// until it does. While it is under the minimum only "terminal too small" is drawn,
    /// so keys and pastes are ignored: the officer cannot see what they would do.
    pub size: Option<(u16, u16)>,
}

/// The smallest terminal the screens are drawn for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What a page may touch besides itself: the desk's facts, the clock, the footer, the
/// overlay (a form asks before it is left), the draft flag.
pub struct Cx<'a> {
    pub ctx: &'a Context,
    pub now: DateTime<Utc>,
    /// The offset of the venue whose queue is open, if one is (`State::open_offset`).
    pub open_offset: Option<i32>,
    pub flash: &'a mut Option<Flash>,
    pub overlay: &'a mut Option<Overlay>,
    pub draft_dirty: &'a mut bool,
    pub pending_merge: &'a mut Option<PendingMerge>,
    pub pending_unmerge: &'a mut Option<PendingUnmerge>,
    pub backup_dir: Option<&'a std::path::Path>,
    pub quit: &'a mut bool,
}

impl Cx<'_> {
    /// The desk's day: the open venue's, else this machine's.
    pub fn today(&self) -> NaiveDate {
        self.zone().date(self.now)
    }

    /// The zone of what belongs to no event (`Zone::desk`).
    pub fn zone(&self) -> Zone {
        Zone::desk(self.open_offset, self.ctx.local_offset_min)
    }

    pub fn lang(&self) -> Lang {
        self.ctx.language
    }

    pub fn taxonomy(&self) -> Arc<Taxonomy> {
        self.ctx.taxonomy.clone()
    }

    pub fn flash(&mut self, id: &'static str, args: Vec<(&'static str, Arg)>, kind: FlashKind) {
        *self.flash = Some(Flash {
            id,
            args,
            kind,
            at: self.now,
        });
    }
}

impl State {
    pub fn new(ctx: Context, now: DateTime<Utc>) -> State {
        State {
            ctx,
            pages: vec![Slot {
                id: PageId(0),
                page: Page::Events(EventsPage::default()),
            }],
            next_page: 1,
            backup_dir: None,
            pending_merge: None,
            pending_unmerge: None,
            overlay: None,
            flash: None,
            pending_draft: None,
            draft_dirty: false,
            last_draft: now,
            now,
            last_input: now,
            answer_rest: None,
            locked: false,
            store_damaged: false,
            salvage: None,
            quit: false,
            size: None,
        }
    }

    /// The terminal is known to be under the minimum size: nothing but a note is shown.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// The effects to run at start.
    pub fn init(&self) -> Vec<Effect> {
        self.init_requests().into_iter().map(|r| r.effect).collect()
    }

    /// The effects to run at start, addressed: the events list loads into its page.
    pub fn init_requests(&self) -> Vec<Request> {
        vec![
            Request::page(self.pages[0].id, Effect::LoadEvents),
            Request::app(Effect::LoadDraft),
            Request::app(Effect::WarmSearch),
        ]
    }

    /// The desk's day: the open venue's, else this machine's.
    pub fn today(&self) -> NaiveDate {
        self.zone().date(self.now)
    }

    /// The offset of the venue whose queue is open (under the top page or on top), if one
    /// is: the desk's clock and "today" are that venue's.
    pub fn open_offset(&self) -> Option<i32> {
        self.page::<QueuePage>()
            .map(|q| q.event.fields.utc_offset_min)
    }

    /// The zone of what belongs to no event (`Zone::desk`): the header's clock, the draft.
    pub fn zone(&self) -> Zone {
        Zone::desk(self.open_offset(), self.ctx.local_offset_min)
    }

    /// The screen shown: the kind of the top page.
    pub fn screen(&self) -> Screen {
        self.top().screen()
    }

    pub fn top(&self) -> &Page {
        &self.top_slot().page
    }

    pub fn top_slot(&self) -> &Slot {
        // `pages` is never empty (see the field).
        &self.pages[self.pages.len() - 1]
    }

    pub fn pages(&self) -> &[Slot] {
        &self.pages
    }

    pub fn pages_mut(&mut self) -> &mut [Slot] {
        &mut self.pages
    }

    /// The nearest page of kind `P` from the top, if one is open.
    pub fn page<P: PageKind>(&self) -> Option<&P> {
        self.pages.iter().rev().find_map(|s| P::of(&s.page))
    }

    pub fn page_mut<P: PageKind>(&mut self) -> Option<&mut P> {
        self.pages
            .iter_mut()
            .rev()
            .find_map(|s| P::of_mut(&mut s.page))
    }

    /// The events list, always at the bottom of the stack.
    pub fn events(&self) -> &EventsPage {
        match &self.pages[0].page {
            Page::Events(e) => e,
            // The bottom page is made an events page in `new` and never popped.
            other => unreachable!("the bottom page is {:?}", other.screen()),
        }
    }

    pub fn events_mut(&mut self) -> &mut EventsPage {
        match &mut self.pages[0].page {
            Page::Events(e) => e,
            other => unreachable!("the bottom page is {:?}", other.screen()),
        }
    }

    /// The page with this id, if it is still open, and everything else a page may touch.
    pub fn split(&mut self, id: Option<PageId>) -> Option<(PageId, &mut Page, Cx<'_>)> {
        let open_offset = self.open_offset();
        let slot = match id {
            Some(id) => self.pages.iter_mut().find(|s| s.id == id)?,
            None => self.pages.last_mut()?,
        };
        let cx = Cx {
            ctx: &self.ctx,
            now: self.now,
            open_offset,
            flash: &mut self.flash,
            overlay: &mut self.overlay,
            draft_dirty: &mut self.draft_dirty,
            pending_merge: &mut self.pending_merge,
            pending_unmerge: &mut self.pending_unmerge,
            backup_dir: self.backup_dir.as_deref(),
            quit: &mut self.quit,
        };
        Some((slot.id, &mut slot.page, cx))
    }

    /// Opens `page` on top; its id is returned for the effects it asks for.
    pub fn push(&mut self, page: Page) -> PageId {
        let id = PageId(self.next_page);
        self.next_page += 1;
        self.pages.push(Slot { id, page });
        id
    }

    /// Closes the top page unless it is the last.
    pub fn pop(&mut self) -> Option<Slot> {
        if self.pages.len() > 1 {
            self.pages.pop()
        } else {
            None
        }
    }

    /// Which key table is active.
    pub fn key_mode(&self) -> KeyMode {
        if self.locked {
            return KeyMode::Locked;
        }
        match self.overlay {
            Some(Overlay::Help) => return KeyMode::Help,
            Some(
                Overlay::ConfirmDiscard
                | Overlay::ConfirmQuit
                | Overlay::ConfirmRestore
                | Overlay::ConfirmMerge
                | Overlay::ConfirmUnmerge
                | Overlay::ConfirmSalvage,
            ) => {
                return KeyMode::Confirm;
            }
            None => {}
        }
        self.help_mode()
    }

    /// The mode whose keys help describes (the screen under the help overlay).
    pub fn help_mode(&self) -> KeyMode {
        self.top().key_mode()
    }

    pub fn flash(&mut self, id: &'static str, args: Vec<(&'static str, Arg)>, kind: FlashKind) {
        self.flash = Some(Flash {
            id,
            args,
            kind,
            at: self.now,
        });
    }

    /// An effect failed and no page is known to have asked: every form and list that
    /// waited for an answer takes input again.
    pub fn stop_waiting(&mut self) {
        for s in &mut self.pages {
            s.page.stop_waiting();
        }
    }

    /// Whether an export, import or backup is running (it holds the store).
    pub fn job_running(&self) -> bool {
        self.pages.iter().any(|s| s.page.job_running())
    }

    /// Whether the current form holds input that would be lost by leaving.
    pub fn form_dirty(&self) -> bool {
        self.top().is_dirty()
    }
}

pub fn local(t: DateTime<Utc>, offset_min: i32) -> DateTime<chrono::FixedOffset> {
    crate::domain::validate::to_local(t, offset_min)
}

impl State {
    /// Closes the page `id` (never the events list at the bottom). Whether it was the one
    /// shown.
    pub fn remove(&mut self, id: PageId) -> Option<bool> {
        let at = self.pages.iter().position(|s| s.id == id)?;
        if at == 0 {
            return None;
        }
        let top = at == self.pages.len() - 1;
        self.pages.remove(at);
        Some(top)
    }

    /// Puts `page` in the place of page `id` (a fresh id: late results for the old one
    /// are dropped).
    pub fn replace(&mut self, id: PageId, page: Page) -> Option<PageId> {
        let at = self.pages.iter().position(|s| s.id == id)?;
        if at == 0 {
            return None;
        }
        let new = PageId(self.next_page);
        self.next_page += 1;
        self.pages[at] = Slot { id: new, page };
        Some(new)
    }
}
