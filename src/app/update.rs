//! The router: keys go to the overlay or the page on top, results to the page that asked
//! for them, and what belongs to no page (the clock, drafts, a damaged store) is handled
//! here. The only function that changes `State`.

use chrono::Duration;

use super::keymap::{Command, Key, KeyMode, lookup};
use super::msg::{Action, Effect, PageId, ReplyTo, Request};
use super::page::{Nav, Outcome, Page};
use super::pages::{card, search};
use super::state::{FlashKind, Overlay, SalvageView, State};
use crate::domain::Lang;
use crate::i18n::Arg;

mod drafts;
use drafts::restore_draft;
pub use drafts::{closing_draft, current_draft};

/// Salvages a damaged store from the app: a function key, the same on every layout.
pub const SALVAGE_KEY: Key = Key::F(6);

/// How long a footer message stays.
const FLASH_SECONDS: i64 = 8;

/// Seconds of typing a draft may lag behind.
pub const DRAFT_SECONDS: i64 = 2;

/// Keys, and results no page is named for (a test, or the app's own effects): returns
/// what must be done outside, without saying who asked. The terminal front end uses
/// `deliver`, which keeps that.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    deliver(state, ReplyTo::App, action)
        .into_iter()
        .map(|r| r.effect)
        .collect()
}

/// An action for the app: a key, or the result of an effect going back to `to`, the
/// one that asked for it. A result for a page that has closed since is dropped if it
/// was a read and announced if it was a write (`late`); a result for no page in
/// particular goes to the nearest page from the top that takes it.
pub fn deliver(state: &mut State, to: ReplyTo, action: Action) -> Vec<Request> {
    match action {
        Action::Resized { width, height } => {
            // The screen drawn again is the one left: nothing else changes.
            state.size = Some((width, height));
            vec![]
        }
        // Under "terminal too small" nothing of the screen is visible: a key or a paste
        // would act unseen (at 20x5 `c` moved a visit). Ignored, and the idle lock still
        // counts them as input.
        Action::Key(_) | Action::Paste(_) if state.too_small() => {
            state.last_input = state.now;
            vec![]
        }
        Action::Key(key) => {
            state.last_input = state.now;
            on_key(state, key)
        }
        Action::Paste(text) => {
            state.last_input = state.now;
            if state.overlay.is_some() || state.locked {
                return vec![];
            }
            let Some((id, page, mut cx)) = state.split(None) else {
                return vec![];
            };
            if page.is_saving() {
                cx.flash("flash-still-saving", vec![], FlashKind::Info);
                return vec![];
            }
            let out = page.on_paste(&mut cx, &text);
            apply(state, id, out)
        }
        Action::Tick(now) => tick(state, now),
        Action::DraftLoaded(Some(d)) => {
            state.pending_draft = Some(*d);
            if state.overlay.is_none() {
                state.overlay = Some(Overlay::ConfirmRestore);
            }
            vec![]
        }
        Action::DraftUnreadable(path) => {
            state.flash(
                "flash-draft-unreadable",
                vec![("path", Arg::Str(path))],
                FlashKind::Error,
            );
            vec![]
        }
        Action::DraftLoaded(None)
        | Action::DraftSaved
        | Action::SearchReady
        | Action::Nothing
        | Action::Settled => vec![],
        Action::StoreDamaged => {
            state.store_damaged = true;
            vec![]
        }
        Action::ClockBehind { minutes } => {
            let args = vec![("minutes", minutes.into())];
            state.flash("flash-clock-behind", args, FlashKind::Error);
            vec![]
        }
        Action::Salvaged(summary) => {
            state.store_damaged = !summary.verified;
            state.salvage = Some(SalvageView::Done(*summary));
            reread(state)
        }
        Action::SalvageFailed { reason, reason_id } => {
            state.salvage = Some(SalvageView::Failed { reason, reason_id });
            vec![]
        }
        Action::Failed {
            what,
            reason,
            reason_id,
        } => {
            match to {
                ReplyTo::Page(id) => {
                    if let Some((_, page, _)) = state.split(Some(id)) {
                        page.stop_waiting();
                    }
                }
                ReplyTo::App => state.stop_waiting(),
            }
            let reason = match reason_id {
                Some(id) => Arg::Msg(id),
                None => reason.into(),
            };
            state.flash(
                "flash-failed",
                vec![("what", Arg::Msg(what)), ("reason", reason)],
                FlashKind::Error,
            );
            vec![]
        }
        Action::SettingsSaved(settings) => {
            crate::app::pages::settings::apply(&mut state.ctx, &settings);
            if settings.language != state.ctx.language {
                switch_language(state, settings.language);
            }
            to_page(state, to, Action::SettingsSaved(settings))
        }
        a @ Action::Unmerged { .. } => {
            // A queue row names its visit's person: the visits that went back to the
            // record taken out are read again, or the queue would name the wrong person.
            let mut requests = to_page(state, to, a);
            requests.extend(reread_queues(state));
            requests
        }
        a @ (Action::EventsLoaded(_)
        | Action::QueueLoaded { .. }
        | Action::EventCreated(_)
        | Action::ArrivalSaved(_)
        | Action::VisitUpdated(_)
        | Action::VisitUndone { .. }
        | Action::Suggestions { .. }
        | Action::LastLanguage { .. }
        | Action::LookAlikes(_)
        | Action::Merged { .. }
        | Action::DashboardLoaded(_)
        | Action::DrillLoaded { .. }
        | Action::ConsultationSaved(_)
        | Action::FollowUpsLoaded(_)
        | Action::PersonCardLoaded(_)
        | Action::PersonUpdated(_)
        | Action::FollowUpClosed(_)
        | Action::SlipWritten(_)
        | Action::SlipPrinted { .. }
        | Action::AppealsLoaded(_)
        | Action::AppealLoaded(_)
        | Action::AppealSaved(_)
        | Action::AppealJoined(_)
        | Action::MemberSaved(_)
        | Action::TimelineLoaded(_)
        | Action::ExportProgress { .. }
        | Action::ExportFinished { .. }
        | Action::ExportCancelled
        | Action::ImportProgress { .. }
        | Action::ImportChecked(_)
        | Action::ImportRefused(_)
        | Action::ImportDone(_)
        | Action::ImportCancelled
        | Action::BackupProgress { .. }
        | Action::BackupWritten(_)
        | Action::BackupFailed { .. }
        | Action::BackupCancelled
        | Action::BundleWritten(_)
        | Action::BundleMerged(_)
        | Action::BundleFailed { .. }
        | Action::ConflictsLoaded(_)
        | Action::ConflictSettled { .. }) => to_page(state, to, a),
    }
}

/// A result for a page.
fn to_page(state: &mut State, to: ReplyTo, action: Action) -> Vec<Request> {
    let ids: Vec<PageId> = match to {
        ReplyTo::Page(id) if state.split(Some(id)).is_none() => return late(state, action),
        ReplyTo::Page(id) => vec![id],
        ReplyTo::App => state.pages().iter().rev().map(|s| s.id).collect(),
    };
    let mut action = action;
    for id in ids {
        let Some((id, page, mut cx)) = state.split(Some(id)) else {
            continue;
        };
        match page.on_result(&mut cx, action) {
            Ok(out) => return apply(state, id, out),
            Err(a) => action = a,
        }
    }
    vec![]
}

/// The page that asked has closed before its answer came (leaving while saving is
/// refused, but a page can be replaced). A read for it is of no use; a write is not: the
/// officer is told it was saved and what is shown is read again, so no list below shows
/// the record as it was (a follow-up offered for closing twice). No other page is handed
/// the answer: a new form of the same kind would take another form's result for its own.
fn late(state: &mut State, action: Action) -> Vec<Request> {
    let wrote = matches!(
        action,
        Action::EventCreated(_)
            | Action::ArrivalSaved(_)
            | Action::VisitUpdated(_)
            | Action::VisitUndone { .. }
            | Action::Merged { .. }
            | Action::Unmerged { .. }
            | Action::ConsultationSaved(_)
            | Action::FollowUpClosed(_)
            | Action::AppealSaved(_)
            | Action::AppealJoined(_)
            | Action::MemberSaved(_)
            | Action::PersonUpdated(Some(_))
            | Action::ImportDone(_)
            | Action::ConflictSettled { settled: true }
    );
    if !wrote {
        return vec![];
    }
    state.flash("flash-saved-late", vec![], FlashKind::Info);
    let mut requests = reread(state);
    let others: Vec<PageId> = state
        .pages()
        .iter()
        .filter(|s| !matches!(s.page, Page::Events(_) | Page::Queue(_)))
        .map(|s| s.id)
        .collect();
    for id in others {
        if let Some((id, page, mut cx)) = state.split(Some(id)) {
            // Only what they read: none of them is being shown anew.
            let effects = page.on_return(&mut cx, true, None).effects;
            requests.extend(effects.into_iter().map(|e| Request::page(id, e)));
        }
    }
    requests
}

/// Does what a page's handler asked: the navigation, then its effects addressed to the
/// page shown after it.
fn apply(state: &mut State, id: PageId, out: Outcome) -> Vec<Request> {
    let Outcome { effects, nav } = out;
    let address = |to: PageId, effects: Vec<Effect>| -> Vec<Request> {
        effects.into_iter().map(|e| Request::page(to, e)).collect()
    };
    match nav {
        Nav::Stay => address(id, effects),
        Nav::Push(page) => {
            let new = state.push(*page);
            address(new, effects)
        }
        Nav::Replace(page) => match state.replace(id, *page) {
            Some(new) => address(new, effects),
            None => address(id, effects),
        },
        Nav::Pop { reload, with } => {
            let shown = state.remove(id);
            let Some((top, page, mut cx)) = state.split(None) else {
                return vec![];
            };
            let mut requests = address(top, effects);
            if shown == Some(true) {
                let back = page.on_return(&mut cx, reload, with);
                requests.extend(apply(state, top, back));
            }
            requests
        }
    }
}

fn tick(state: &mut State, now: chrono::DateTime<chrono::Utc>) -> Vec<Request> {
    state.now = now;
    if state
        .flash
        .as_ref()
        .is_some_and(|f| now - f.at > Duration::seconds(FLASH_SECONDS))
    {
        state.flash = None;
    }
    let idle = i64::from(state.ctx.idle_lock_minutes);
    if idle > 0 && now - state.last_input >= Duration::minutes(idle) {
        state.locked = true;
    }
    if state.draft_dirty && now - state.last_draft >= Duration::seconds(DRAFT_SECONDS) {
        state.draft_dirty = false;
        state.last_draft = now;
        if let Some(d) = current_draft(state) {
            return vec![Request::app(Effect::SaveDraft(Box::new(d)))];
        }
    }
    vec![]
}

/// Every list shown may show records as they were: read again from the store (after a
/// salvage, the new view).
fn reread(state: &mut State) -> Vec<Request> {
    let root = state.pages()[0].id;
    let mut requests = vec![
        Request::page(root, Effect::LoadEvents),
        Request::app(Effect::WarmSearch),
    ];
    requests.extend(reread_queues(state));
    requests
}

/// Every open queue, read again from the store.
fn reread_queues(state: &mut State) -> Vec<Request> {
    let mut requests = vec![];
    for slot in state.pages_mut() {
        if let Page::Queue(q) = &mut slot.page {
            q.loading = true;
            requests.push(Request::page(slot.id, Effect::LoadQueue(q.event.meta.id)));
        }
    }
    requests
}

/// How long after a question was answered by a letter the rest of its word is swallowed.
const ANSWER_WORD_SECONDS: i64 = 2;

/// Whether `key` is the next letter of the answer word a question was just answered with
/// (`State::answer_rest`): it does nothing. Any other key ends the word.
fn rest_of_answer(state: &mut State, key: Key) -> bool {
    let Some((rest, at)) = state.answer_rest.take() else {
        return false;
    };
    let next = rest.first().copied();
    match key {
        Key::Char(c)
            if state.now - at <= Duration::seconds(ANSWER_WORD_SECONDS)
                && next.is_some_and(|n| c.to_lowercase().eq(n.to_lowercase())) =>
        {
            if rest.len() > 1 {
                state.answer_rest = Some((rest[1..].to_vec(), at));
            }
            true
        }
        _ => false,
    }
}

fn on_key(state: &mut State, key: Key) -> Vec<Request> {
    if rest_of_answer(state, key) {
        return vec![];
    }
    let mode = state.key_mode();
    let command = lookup(mode, key, state.ctx.language);
    if matches!(mode, KeyMode::Confirm | KeyMode::ConfirmLetter)
        && let (Key::Char(_), Some(answer @ (Command::Yes | Command::No))) = (key, command)
    {
        let (yes, no) = super::keymap::confirm_words(state.ctx.language);
        let word = if answer == Command::Yes { yes } else { no };
        state.answer_rest = Some((word.chars().skip(1).collect(), state.now));
    }
    if state.locked {
        if command == Some(Command::Unlock) {
            state.locked = false;
        }
        return vec![];
    }
    if let Some(view) = &state.salvage {
        // While it runs nothing else happens; its report closes on any key.
        if *view != SalvageView::Running {
            state.salvage = None;
        }
        return vec![];
    }
    if key == SALVAGE_KEY && state.store_damaged && state.overlay.is_none() {
        if state.job_running() {
            state.flash("flash-salvage-wait-job", vec![], FlashKind::Error);
        } else {
            state.overlay = Some(Overlay::ConfirmSalvage);
        }
        return vec![];
    }
    if key == Key::F(9) && !matches!(state.overlay, Some(o) if o != Overlay::Help) {
        switch_language(state, state.ctx.language.next());
        // Remembered: the next start is in this language too.
        return vec![Request::app(Effect::SaveLanguage(state.ctx.language))];
    }
    if let Some(overlay) = state.overlay {
        return on_overlay(state, overlay, command);
    }
    let Some((id, page, mut cx)) = state.split(None) else {
        return vec![];
    };
    if page.is_saving() && command != Some(Command::Help) {
        // Until the store answers, what is typed is neither saved nor refused: leaving
        // now would hide the answer, typing would change what is being saved.
        cx.flash("flash-still-saving", vec![], FlashKind::Info);
        return vec![];
    }
    let out = match command {
        Some(Command::Help) => {
            *cx.overlay = Some(Overlay::Help);
            Outcome::none()
        }
        Some(Command::Search) => search::open(None),
        // The field editors know these keys; the command only made them layout-proof.
        Some(Command::ClearField) => page.on_text(&mut cx, Key::Ctrl('u')),
        Some(Command::PutBack) => page.on_text(&mut cx, Key::Ctrl('y')),
        Some(Command::Quit) => {
            if page.is_dirty() {
                *cx.overlay = Some(Overlay::ConfirmQuit);
            } else {
                *cx.quit = true;
            }
            Outcome::none()
        }
        Some(c) => page.on_command(&mut cx, c),
        None if mode.takes_text() => page.on_text(&mut cx, key),
        None => Outcome::none(),
    };
    apply(state, id, out)
}

fn on_overlay(state: &mut State, overlay: Overlay, command: Option<Command>) -> Vec<Request> {
    let top = state.top_slot().id;
    let yes = match command {
        Some(Command::Yes) => true,
        Some(Command::No) => false,
        // Any key closes help; it must never trap the user.
        _ if overlay == Overlay::Help => false,
        _ => return vec![],
    };
    state.overlay = None;
    match (overlay, yes) {
        (Overlay::Help, _) => vec![],
        (Overlay::ConfirmMerge, true) => search::confirm_merge(&mut state.pending_merge)
            .into_iter()
            .map(|e| Request::page(top, e))
            .collect(),
        (Overlay::ConfirmMerge, false) => {
            state.pending_merge = None;
            vec![]
        }
        (Overlay::ConfirmUnmerge, true) => card::confirm_unmerge(&mut state.pending_unmerge)
            .into_iter()
            .map(|e| Request::page(top, e))
            .collect(),
        (Overlay::ConfirmUnmerge, false) => {
            state.pending_unmerge = None;
            vec![]
        }
        (Overlay::ConfirmSalvage, true) => {
            state.salvage = Some(SalvageView::Running);
            vec![Request::app(Effect::Salvage)]
        }
        (Overlay::ConfirmRestore, true) => match state.pending_draft.take() {
            Some(d) => restore_draft(state, d),
            None => vec![],
        },
        (Overlay::ConfirmRestore, false) => {
            state.pending_draft = None;
            vec![Request::app(Effect::ClearDraft)]
        }
        (Overlay::ConfirmQuit, true) => {
            state.quit = true;
            vec![]
        }
        (Overlay::ConfirmDiscard, true) => {
            let Some((id, page, _)) = state.split(None) else {
                return vec![];
            };
            let out = page.discard();
            apply(state, id, out)
        }
        (Overlay::ConfirmSalvage | Overlay::ConfirmQuit | Overlay::ConfirmDiscard, false) => {
            vec![]
        }
    }
}

/// The whole interface in `lang` at once: messages are translated when drawn, so only the
/// taxonomy labels that open forms hold need redoing. Records keep their codes.
pub fn switch_language(state: &mut State, lang: Lang) {
    state.ctx.language = lang;
    let tax = state.ctx.taxonomy.clone();
    let label = |code: &str| tax.any_label(code, lang).map(str::to_string);
    for slot in state.pages_mut() {
        slot.page.relabel(&label);
    }
    state.flash(
        "flash-language",
        vec![("language", Arg::Msg(lang.msg_id()))],
        FlashKind::Info,
    );
}
