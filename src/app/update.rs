use chrono::Duration;

use super::appeal;
use super::consult::ConsultationForm;
use super::dashboard;
use super::form::Form;
use super::keymap::{Command, Key, lookup};
use super::search;
use super::state::{
    Action, ArrivalForm, CardScreen, CloseForm, Effect, EventForm, FlashKind, FollowUpsScreen,
    Overlay, QueueScreen, Screen, State, arrival_field as af, close_field as cf, event_field as ef,
    new_arrival_form, new_close_form, new_event_form,
};
use crate::domain::card::FollowUpRecord;
use crate::domain::draft::{Draft, DraftForm};
use crate::domain::{
    Arrival, EventField, EventInput, Lang, PersonPick, VisitStatus, validate::clean_text,
};
use crate::i18n::Arg;

/// Salvages a damaged store from the app: a function key, the same on every layout.
pub const SALVAGE_KEY: Key = Key::F(6);

/// How long a footer message stays.
const FLASH_SECONDS: i64 = 8;
/// Rows moved by PageUp/PageDown.
const PAGE: usize = 10;

/// The only function that changes `State`. Returns what must be done outside.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(key) => {
            state.last_input = state.now;
            on_key(state, key)
        }
        Action::Paste(text) => {
            state.last_input = state.now;
            on_paste(state, &text)
        }
        Action::Tick(now) => {
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
                    return vec![Effect::SaveDraft(Box::new(d))];
                }
            }
            vec![]
        }
        Action::EventsLoaded(list) => {
            state.events.list = list;
            state.events.loaded = true;
            state.events.selected = state
                .events
                .selected
                .min(state.events.list.len().saturating_sub(1));
            vec![]
        }
        Action::QueueLoaded { event, rows } => {
            let selected = rows.len().saturating_sub(1);
            state.queue = Some(QueueScreen {
                event,
                rows,
                selected,
                loading: false,
            });
            vec![]
        }
        Action::EventCreated(event) => {
            state.event_form = None;
            state.flash("flash-event-saved", vec![], FlashKind::Info);
            let id = event.meta.id;
            state.events.list.insert(0, event.clone());
            state.events.selected = 0;
            state.queue = Some(QueueScreen {
                event,
                rows: vec![],
                selected: 0,
                loading: true,
            });
            state.screen = Screen::Queue;
            vec![Effect::LoadQueue(id), Effect::ClearDraft]
        }
        Action::ArrivalSaved(entry) => {
            let args = vec![
                ("number", entry.visit.queue_no.into()),
                ("name", entry.person_name().into()),
            ];
            state.flash("flash-arrival-saved", args, FlashKind::Info);
            if state.arrival.as_ref().is_some_and(|a| a.saving) {
                state.arrival = None;
                if state.screen == Screen::ArrivalForm {
                    state.screen = Screen::Queue;
                }
            }
            if let Some(q) = state
                .queue
                .as_mut()
                .filter(|q| q.event.meta.id == entry.visit.event)
            {
                q.rows.push(*entry);
                q.selected = q.rows.len() - 1;
            }
            vec![Effect::ClearDraft]
        }
        Action::VisitUpdated(visit) => {
            let args = vec![
                ("number", visit.queue_no.into()),
                ("status", Arg::Msg(visit.status.msg_id())),
            ];
            if let Some(q) = state.queue.as_mut()
                && let Some(row) = q.rows.iter_mut().find(|r| r.visit.meta.id == visit.meta.id)
            {
                row.visit = visit;
            }
            state.flash("flash-status-saved", args, FlashKind::Info);
            vec![]
        }
        Action::Suggestions { seq, persons } => {
            match state.screen {
                Screen::Search => search::answer(state, seq, persons),
                Screen::MemberForm => {
                    if let Some(m) = state.member.as_mut() {
                        m.lookup.answer(seq, persons);
                    }
                }
                _ => {
                    if let Some(a) = state.arrival.as_mut() {
                        a.lookup.answer(seq, persons);
                    }
                }
            }
            vec![]
        }
        Action::DraftLoaded(Some(d)) => {
            state.pending_draft = Some(*d);
            if state.overlay.is_none() {
                state.overlay = Some(Overlay::ConfirmRestore);
            }
            vec![]
        }
        Action::DraftLoaded(None) | Action::DraftSaved => vec![],
        Action::ConsultationSaved(_) => {
            let name = state
                .consult
                .as_ref()
                .map(|f| f.person_name.clone())
                .unwrap_or_default();
            state.flash(
                "flash-consultation-saved",
                vec![("name", name.into())],
                FlashKind::Info,
            );
            leave_consultation(state)
        }
        Action::FollowUpsLoaded(page) => {
            if let Some(f) = state.follow_ups.as_mut() {
                f.rows = page.rows;
                f.total = page.total;
                f.overdue = page.overdue;
                f.loading = false;
                f.selected = f.selected.min(f.rows.len().saturating_sub(1));
            }
            vec![]
        }
        Action::PersonCardLoaded(card) => {
            if let Some(c) = state.card.as_mut() {
                c.selected = c.selected.min(card.consultations.len().saturating_sub(1));
                c.card = Some(*card);
            }
            vec![]
        }
        Action::FollowUpClosed(_) => {
            state.close = None;
            if state.screen == Screen::CloseFollowUp {
                state.screen = Screen::FollowUps;
            }
            state.flash("flash-follow-up-closed", vec![], FlashKind::Info);
            vec![load_follow_ups(state, FOLLOW_UP_PAGE)]
        }
        Action::SlipWritten(path) => {
            state.flash(
                "flash-slip-written",
                vec![("path", path.into())],
                FlashKind::Info,
            );
            vec![]
        }
        a @ (Action::LookAlikes { .. } | Action::Merged { .. }) => search::on_action(state, a),
        a @ (Action::DashboardLoaded { .. } | Action::PersonsLoaded(_)) => {
            dashboard::on_action(state, a)
        }
        a @ (Action::ExportProgress { .. }
        | Action::ExportFinished { .. }
        | Action::ExportCancelled) => super::export::on_action(state, a),
        a @ (Action::ImportProgress { .. }
        | Action::ImportChecked(_)
        | Action::ImportRefused(_)
        | Action::ImportDone(_)
        | Action::ImportCancelled) => super::import::on_action(state, a),
        a @ (Action::BackupProgress { .. }
        | Action::BackupWritten(_)
        | Action::BackupFailed { .. }
        | Action::BackupCancelled) => super::backup::on_action(state, a),
        Action::SearchReady | Action::Nothing | Action::Settled => vec![],
        Action::StoreDamaged => {
            state.store_damaged = true;
            vec![]
        }
        Action::Salvaged(summary) => {
            state.store_damaged = !summary.verified;
            state.salvage = Some(super::state::SalvageView::Done(*summary));
            // Every list shown was read from the old view: read again from the new one.
            let mut effects = vec![Effect::LoadEvents, Effect::WarmSearch];
            if let Some(q) = state.queue.as_mut() {
                q.loading = true;
                effects.push(Effect::LoadQueue(q.event.meta.id));
            }
            effects
        }
        Action::SalvageFailed { reason, reason_id } => {
            state.salvage = Some(super::state::SalvageView::Failed { reason, reason_id });
            vec![]
        }
        a @ (Action::AppealsLoaded(_)
        | Action::AppealLoaded(_)
        | Action::AppealSaved(_)
        | Action::AppealJoined(_)
        | Action::MemberSaved(_)
        | Action::TimelineLoaded(_)) => appeal::on_action(state, a),
        Action::Failed {
            what,
            reason,
            reason_id,
        } => {
            state.stop_waiting();
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
    }
}

fn on_key(state: &mut State, key: Key) -> Vec<Effect> {
    let mode = state.key_mode();
    let command = lookup(mode, key, state.ctx.language);
    if state.locked {
        if command == Some(Command::Unlock) {
            state.locked = false;
        }
        return vec![];
    }
    if let Some(view) = &state.salvage {
        // While it runs nothing else happens; its report closes on any key.
        if *view != super::state::SalvageView::Running {
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
        return vec![];
    }
    match state.overlay {
        Some(Overlay::Help) => {
            // Any key closes help; it must never trap the user.
            state.overlay = None;
            return vec![];
        }
        Some(Overlay::ConfirmMerge) => {
            match command {
                Some(Command::Yes) => {
                    state.overlay = None;
                    return search::confirm_merge(state);
                }
                Some(Command::No) => {
                    state.overlay = None;
                    state.pending_merge = None;
                }
                _ => {}
            }
            return vec![];
        }
        Some(Overlay::ConfirmSalvage) => {
            match command {
                Some(Command::Yes) => {
                    state.overlay = None;
                    state.salvage = Some(super::state::SalvageView::Running);
                    return vec![Effect::Salvage];
                }
                Some(Command::No) => state.overlay = None,
                _ => {}
            }
            return vec![];
        }
        Some(Overlay::ConfirmRestore) => {
            match command {
                Some(Command::Yes) => {
                    state.overlay = None;
                    if let Some(d) = state.pending_draft.take() {
                        return restore_draft(state, d);
                    }
                }
                Some(Command::No) => {
                    state.overlay = None;
                    state.pending_draft = None;
                    return vec![Effect::ClearDraft];
                }
                _ => {}
            }
            return vec![];
        }
        Some(o @ (Overlay::ConfirmDiscard | Overlay::ConfirmQuit)) => {
            match command {
                Some(Command::Yes) => {
                    state.overlay = None;
                    if o == Overlay::ConfirmQuit {
                        state.quit = true;
                    } else {
                        return close_form(state);
                    }
                }
                Some(Command::No) => state.overlay = None,
                _ => {}
            }
            return vec![];
        }
        None => {}
    }
    if state.screen == Screen::Consultation
        && let Some(f) = state.consult.as_mut()
        && f.wants_key(key)
    {
        let tax = state.ctx.taxonomy.clone();
        if f.key(key, &tax) {
            state.draft_dirty = true;
        }
        return vec![];
    }
    match command {
        Some(c) => on_command(state, c),
        None if mode.takes_text() => edit_form(state, key),
        None => vec![],
    }
}

fn on_command(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::Help => {
            state.overlay = Some(Overlay::Help);
            vec![]
        }
        Command::Search => {
            let back = state.screen;
            search::open_search(state, None, back)
        }
        Command::Quit => {
            if state.form_dirty() {
                state.overlay = Some(Overlay::ConfirmQuit);
            } else {
                state.quit = true;
            }
            vec![]
        }
        _ => match state.screen {
            Screen::Events if command == Command::Import => super::import::open(state),
            Screen::Events if command == Command::Backup => super::backup::open(state),
            Screen::Events => events_command(state, command),
            Screen::Queue => queue_command(state, command),
            Screen::EventForm => event_form_command(state, command),
            Screen::ArrivalForm => arrival_command(state, command),
            Screen::Consultation => consultation_command(state, command),
            Screen::FollowUps => follow_ups_command(state, command),
            Screen::PersonCard => card_command(state, command),
            Screen::CloseFollowUp => close_form_command(state, command),
            Screen::Appeals => appeal::appeals_command(state, command),
            Screen::Appeal => appeal::appeal_command(state, command),
            Screen::AppealForm => appeal::appeal_form_command(state, command),
            Screen::MemberForm => appeal::member_form_command(state, command),
            Screen::History => appeal::history_command(state, command),
            Screen::Search => search::command(state, command),
            Screen::Dashboard if command == Command::Export => super::export::open(state),
            Screen::Dashboard => dashboard::command(state, command),
            Screen::Export => super::export::command(state, command),
            Screen::Import => super::import::command(state, command),
            Screen::Backup => super::backup::command(state, command),
        },
    }
}

pub(super) fn move_selection(selected: &mut usize, len: usize, command: Command) {
    let last = len.saturating_sub(1);
    *selected = match command {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (*selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(PAGE),
        Command::PageDown => (*selected + PAGE).min(last),
        Command::Top => 0,
        Command::Bottom => last,
        _ => *selected,
    };
}

fn events_command(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::NewEvent => {
            state.event_form = Some(EventForm {
                form: new_event_form(state.today(), state.ctx.local_offset_min),
                saving: false,
            });
            if let Some(f) = state.event_form.as_mut() {
                f.form.focus = ef::CITY;
            }
            state.screen = Screen::EventForm;
            vec![]
        }
        Command::Open => {
            let Some(event) = state.events.list.get(state.events.selected).cloned() else {
                return vec![];
            };
            let id = event.meta.id;
            state.queue = Some(QueueScreen {
                event,
                rows: vec![],
                selected: 0,
                loading: true,
            });
            state.screen = Screen::Queue;
            vec![Effect::LoadQueue(id)]
        }
        Command::Up | Command::Down => {
            let len = state.events.list.len();
            move_selection(&mut state.events.selected, len, command);
            vec![]
        }
        Command::Back => {
            state.quit = true;
            vec![]
        }
        _ => events_extra_command(state, command),
    }
}

fn queue_command(state: &mut State, command: Command) -> Vec<Effect> {
    let to = match command {
        Command::NewArrival => {
            let Some(q) = &state.queue else {
                return vec![];
            };
            state.arrival = Some(ArrivalForm {
                event: q.event.meta.id,
                form: new_arrival_form(state.ctx.language),
                lookup: Default::default(),
                saving: false,
            });
            state.screen = Screen::ArrivalForm;
            return vec![];
        }
        Command::Back => {
            state.screen = Screen::Events;
            return vec![Effect::LoadEvents];
        }
        Command::Call => VisitStatus::WithOfficer,
        Command::Done => VisitStatus::Done,
        Command::LeftWithoutService => VisitStatus::LeftWithoutService,
        Command::ReturnToQueue => VisitStatus::Waiting,
        Command::NewConsultation | Command::PersonCard | Command::FollowUps | Command::Slip => {
            return queue_extra_command(state, command);
        }
        Command::Dashboard => {
            let Some(q) = &state.queue else {
                return vec![];
            };
            let e = &q.event;
            let title = format!("{} · {}", e.fields.date.format("%Y-%m-%d"), e.fields.city);
            let period = crate::domain::report::Period::Event(e.meta.id);
            return dashboard::open(state, period, Some(title), Screen::Queue);
        }
        c if c.moves_selection() => {
            if let Some(q) = state.queue.as_mut() {
                let len = q.rows.len();
                move_selection(&mut q.selected, len, command);
            }
            return vec![];
        }
        _ => return vec![],
    };
    let Some(row) = state.queue.as_ref().and_then(|q| q.selected_row()) else {
        return vec![];
    };
    let (from, visit, number) = (row.visit.status, row.visit.meta.id, row.visit.queue_no);
    if !from.can_move_to(to) {
        state.flash(
            "flash-cannot-move",
            vec![
                ("number", number.into()),
                ("from", Arg::Msg(from.msg_id())),
                ("to", Arg::Msg(to.msg_id())),
            ],
            FlashKind::Error,
        );
        return vec![];
    }
    vec![Effect::SetStatus { visit, to }]
}

fn close_form(state: &mut State) -> Vec<Effect> {
    match state.screen {
        Screen::EventForm => {
            state.event_form = None;
            state.screen = Screen::Events;
        }
        Screen::ArrivalForm => {
            state.arrival = None;
            state.screen = Screen::Queue;
        }
        Screen::Consultation => return leave_consultation(state),
        Screen::CloseFollowUp => {
            state.close = None;
            state.screen = Screen::FollowUps;
            return vec![];
        }
        Screen::AppealForm => {
            let back = match state.appeal_form.take() {
                Some(f) if f.existing.is_some() => Screen::Appeal,
                _ => Screen::Appeals,
            };
            let mut effects = vec![Effect::ClearDraft];
            effects.extend(return_to(state, back));
            return effects;
        }
        Screen::MemberForm => {
            state.member = None;
            let mut effects = vec![Effect::ClearDraft];
            effects.extend(return_to(state, Screen::Appeal));
            return effects;
        }
        _ => return vec![],
    }
    vec![Effect::ClearDraft]
}

/// What a command means to a single-line form.
pub(super) enum FormStep {
    /// Handled inside the form (focus moved).
    Moved,
    Leave,
    Save,
    Other,
}

/// Field navigation shared by the single-line forms: Tab/arrows move, Enter moves on and
/// saves on the last field, Esc leaves.
pub(super) fn form_step(form: &mut Form, command: Command) -> FormStep {
    match command {
        Command::NextField => form.focus_next(),
        Command::PrevField => form.focus_prev(),
        Command::Enter if !form.is_last_focused() => form.focus_next(),
        Command::Enter | Command::Save => return FormStep::Save,
        Command::Back => return FormStep::Leave,
        _ => return FormStep::Other,
    }
    FormStep::Moved
}

/// Leaves the current form, asking first if anything was typed.
pub(super) fn leave_form(state: &mut State, dirty: bool) -> Vec<Effect> {
    if dirty {
        state.overlay = Some(Overlay::ConfirmDiscard);
        vec![]
    } else {
        close_form(state)
    }
}

fn event_form_command(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(f) = state.event_form.as_mut() else {
        return vec![];
    };
    match form_step(&mut f.form, command) {
        FormStep::Leave => {
            let dirty = f.form.is_dirty();
            leave_form(state, dirty)
        }
        FormStep::Save => save_event(state),
        FormStep::Moved | FormStep::Other => vec![],
    }
}

fn save_event(state: &mut State) -> Vec<Effect> {
    let Some(f) = state.event_form.as_mut() else {
        return vec![];
    };
    if f.saving {
        return vec![];
    }
    let input = EventInput {
        date: f.form.value(ef::DATE).into(),
        city: f.form.value(ef::CITY).into(),
        venue: f.form.value(ef::VENUE).into(),
        hosts: f.form.value(ef::HOSTS).into(),
        utc_offset: f.form.value(ef::OFFSET).into(),
    };
    match input.validate() {
        Ok(fields) => {
            f.form.set_errors(&[]);
            f.saving = true;
            vec![Effect::CreateEvent(fields)]
        }
        Err(errors) => {
            let errors: Vec<_> = errors
                .into_iter()
                .map(|(field, e)| {
                    let i = match field {
                        EventField::Date => ef::DATE,
                        EventField::City => ef::CITY,
                        EventField::Venue => ef::VENUE,
                        EventField::Hosts => ef::HOSTS,
                        EventField::UtcOffset => ef::OFFSET,
                    };
                    (i, e)
                })
                .collect();
            f.form.set_errors(&errors);
            state.flash("flash-fix-fields", vec![], FlashKind::Error);
            vec![]
        }
    }
}

fn arrival_command(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(a) = state.arrival.as_mut() else {
        return vec![];
    };
    match form_step(&mut a.form, command) {
        FormStep::Leave => {
            let dirty = a.form.is_dirty();
            return leave_form(state, dirty);
        }
        FormStep::Save => return save_arrival(state),
        FormStep::Moved => return vec![],
        FormStep::Other => {}
    }
    a.lookup.command(&mut a.form, command, af::PURPOSE);
    vec![]
}

fn save_arrival(state: &mut State) -> Vec<Effect> {
    let today = state.today();
    let desk_name = state.ctx.desk_name.clone();
    let interface = state.ctx.language;
    let Some(a) = state.arrival.as_mut() else {
        return vec![];
    };
    let language = Lang::from_code(a.form.value(af::LANGUAGE)).unwrap_or(interface);
    if a.saving {
        return vec![];
    }
    let purpose = match clean_text(a.form.value(af::PURPOSE), false) {
        Ok(p) => p,
        Err(e) => {
            a.form.set_errors(&[(af::PURPOSE, e)]);
            return vec![];
        }
    };
    let Some(person) = a.lookup.pick(&mut a.form, today) else {
        state.flash("flash-fix-fields", vec![], FlashKind::Error);
        return vec![];
    };
    a.form.set_errors(&[]);
    a.saving = true;
    let new = match &person {
        PersonPick::New(fields) => Some(fields.clone()),
        PersonPick::Existing(_) => None,
    };
    let save = Effect::AddArrival(Arrival {
        event: a.event,
        person,
        purpose,
        desk_name,
        language,
    });
    match new {
        Some(fields) => a.lookup.check_first(&fields, save),
        None => vec![save],
    }
}

fn edit_form(state: &mut State, key: Key) -> Vec<Effect> {
    match state.screen {
        Screen::EventForm => {
            if let Some(f) = state.event_form.as_mut().and_then(|f| f.form.focused()) {
                state.draft_dirty |= f.edit(key);
            }
            vec![]
        }
        Screen::ArrivalForm => {
            let Some(a) = state.arrival.as_mut() else {
                return vec![];
            };
            let changed = a.form.focused().is_some_and(|f| f.edit(key));
            state.draft_dirty |= changed;
            if changed {
                a.lookup.suggest(&a.form)
            } else {
                vec![]
            }
        }
        Screen::Consultation => {
            let tax = state.ctx.taxonomy.clone();
            if let Some(f) = state.consult.as_mut() {
                state.draft_dirty |= f.key(key, &tax);
            }
            vec![]
        }
        Screen::CloseFollowUp => {
            if let Some(f) = state.close.as_mut().and_then(|f| f.form.focused())
                && f.edit(key)
            {
                f.error_msg = None;
                f.error = None;
            }
            vec![]
        }
        Screen::AppealForm => {
            if let Some(f) = state.appeal_form.as_mut().and_then(|f| f.form.focused())
                && f.edit(key)
            {
                f.error_msg = None;
                f.error = None;
                state.draft_dirty = true;
            }
            vec![]
        }
        Screen::Search => search::edit(state, key),
        Screen::Export => super::export::edit(state, key),
        Screen::Import => super::import::edit(state, key),
        Screen::Backup => super::backup::edit(state, key),
        Screen::MemberForm => {
            let Some(m) = state.member.as_mut() else {
                return vec![];
            };
            let changed = m.form.focused().is_some_and(|f| {
                let changed = f.edit(key);
                if changed {
                    f.error_msg = None;
                    f.error = None;
                }
                changed
            });
            state.draft_dirty |= changed;
            if changed {
                m.lookup.suggest(&m.form)
            } else {
                vec![]
            }
        }
        _ => vec![],
    }
}

fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    if state.overlay.is_some() || state.locked {
        return vec![];
    }
    match state.screen {
        Screen::EventForm => {
            if let Some(f) = state.event_form.as_mut().and_then(|f| f.form.focused()) {
                state.draft_dirty |= f.paste(text);
            }
            vec![]
        }
        Screen::ArrivalForm => {
            let Some(a) = state.arrival.as_mut() else {
                return vec![];
            };
            let changed = a.form.focused().is_some_and(|f| f.paste(text));
            state.draft_dirty |= changed;
            if changed {
                a.lookup.suggest(&a.form)
            } else {
                vec![]
            }
        }
        Screen::Consultation => {
            if let Some(f) = state.consult.as_mut() {
                state.draft_dirty |= f.paste(text);
            }
            vec![]
        }
        Screen::CloseFollowUp => {
            if let Some(f) = state.close.as_mut().and_then(|f| f.form.focused()) {
                f.paste(text);
            }
            vec![]
        }
        Screen::AppealForm => {
            if let Some(f) = state.appeal_form.as_mut().and_then(|f| f.form.focused()) {
                state.draft_dirty |= f.paste(text);
            }
            vec![]
        }
        Screen::Search => search::paste(state, text),
        Screen::Backup => super::backup::paste(state, text),
        Screen::MemberForm => {
            let Some(m) = state.member.as_mut() else {
                return vec![];
            };
            let changed = m.form.focused().is_some_and(|f| f.paste(text));
            state.draft_dirty |= changed;
            if changed {
                m.lookup.suggest(&m.form)
            } else {
                vec![]
            }
        }
        _ => vec![],
    }
}

// ---- consultations, follow-ups, person card, drafts ------------------------------------

/// Seconds of typing a draft may lag behind.
pub const DRAFT_SECONDS: i64 = 2;

/// The open form as a draft, if a form is open.
pub fn current_draft(state: &State) -> Option<Draft> {
    let form = match state.screen {
        Screen::EventForm => {
            let f = state.event_form.as_ref()?;
            DraftForm::Event {
                values: form_values(&f.form),
            }
        }
        Screen::ArrivalForm => {
            let a = state.arrival.as_ref()?;
            DraftForm::Arrival {
                event: a.event,
                values: form_values(&a.form),
                linked: a.lookup.linked.clone().map(Box::new),
            }
        }
        Screen::Consultation => {
            DraftForm::Consultation(Box::new(state.consult.as_ref()?.to_draft()))
        }
        Screen::AppealForm => appeal::appeal_draft(state.appeal_form.as_ref()?),
        Screen::MemberForm => appeal::member_draft(state.member.as_ref()?),
        _ => return None,
    };
    Some(Draft {
        saved_at: state.now,
        form,
    })
}

/// The draft to write on the way out (a signal, a closed terminal): the open form, if it
/// changed since the last draft was written. Marks it written.
pub fn closing_draft(state: &mut State) -> Option<Draft> {
    if !state.draft_dirty {
        return None;
    }
    let d = current_draft(state)?;
    state.draft_dirty = false;
    Some(d)
}

fn form_values(form: &Form) -> Vec<String> {
    form.fields.iter().map(|f| f.value().to_string()).collect()
}

fn restore_values(form: &mut Form, values: &[String]) {
    for (f, v) in form.fields.iter_mut().zip(values) {
        f.set_value(v);
    }
}

/// Opens the event's queue in the background so a restored form returns to it.
fn queue_behind(state: &mut State, event: crate::domain::Id) -> Option<Vec<Effect>> {
    let ev = state
        .events
        .list
        .iter()
        .find(|e| e.meta.id == event)
        .cloned()?;
    state.queue = Some(QueueScreen {
        event: ev,
        rows: vec![],
        selected: 0,
        loading: true,
    });
    Some(vec![Effect::LoadQueue(event)])
}

fn restore_draft(state: &mut State, draft: Draft) -> Vec<Effect> {
    let tax = state.ctx.taxonomy.clone();
    let lang = state.ctx.language;
    match draft.form {
        DraftForm::Event { values } => {
            let mut form = new_event_form(state.today(), state.ctx.local_offset_min);
            restore_values(&mut form, &values);
            form.focus = ef::CITY;
            state.event_form = Some(EventForm {
                form,
                saving: false,
            });
            state.screen = Screen::EventForm;
            vec![]
        }
        DraftForm::Arrival {
            event,
            values,
            linked,
        } => {
            let Some(effects) = queue_behind(state, event) else {
                state.flash("flash-draft-orphan", vec![], FlashKind::Error);
                return vec![Effect::ClearDraft];
            };
            let mut a = ArrivalForm {
                event,
                form: new_arrival_form(state.ctx.language),
                lookup: Default::default(),
                saving: false,
            };
            match linked {
                Some(p) => a.lookup.link(&mut a.form, *p, af::PURPOSE),
                None => restore_values(&mut a.form, &values),
            }
            for f in [af::LANGUAGE, af::PURPOSE] {
                if let Some(v) = values.get(f) {
                    a.form.fields[f].set_value(v);
                }
            }
            state.arrival = Some(a);
            state.screen = Screen::ArrivalForm;
            effects
        }
        DraftForm::Consultation(d) => {
            let Some(effects) = queue_behind(state, d.event) else {
                state.flash("flash-draft-orphan", vec![], FlashKind::Error);
                return vec![Effect::ClearDraft];
            };
            let mut form = ConsultationForm::new(&tax, lang, &d);
            form.restored = true;
            state.consult = Some(form);
            state.consult_back = Screen::Queue;
            state.screen = Screen::Consultation;
            effects
        }
        form @ (DraftForm::Appeal(_) | DraftForm::Member(_)) => appeal::restore(state, form),
    }
}

/// Follow-ups loaded at a time; more come as the list is scrolled.
pub const FOLLOW_UP_PAGE: usize = 500;

fn load_follow_ups(state: &State, limit: usize) -> Effect {
    Effect::LoadFollowUps {
        limit,
        today: state.today(),
    }
}

fn open_follow_ups(state: &mut State, back: Screen) -> Vec<Effect> {
    let old = state.follow_ups.take().unwrap_or_default();
    state.follow_ups = Some(FollowUpsScreen {
        selected: 0,
        loading: true,
        back: Some(back),
        ..old
    });
    state.screen = Screen::FollowUps;
    vec![load_follow_ups(state, FOLLOW_UP_PAGE)]
}

pub(super) fn open_card(state: &mut State, person: crate::domain::Id, back: Screen) -> Vec<Effect> {
    state.card = Some(CardScreen {
        card: None,
        selected: 0,
        back,
    });
    state.screen = Screen::PersonCard;
    vec![Effect::LoadPersonCard(person)]
}

pub(super) fn queue_extra_command(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(row) = state.queue.as_ref().and_then(|q| q.selected_row()).cloned() else {
        if command == Command::FollowUps {
            return open_follow_ups(state, Screen::Queue);
        }
        return vec![];
    };
    match command {
        Command::NewConsultation => {
            let tax = state.ctx.taxonomy.clone();
            state.consult = Some(ConsultationForm::blank(
                &tax,
                state.ctx.language,
                row.visit.event,
                row.visit.meta.id,
                row.person_name(),
                row.visit.queue_no,
            ));
            state.consult_back = Screen::Queue;
            state.screen = Screen::Consultation;
            vec![]
        }
        Command::PersonCard => open_card(state, row.visit.person, Screen::Queue),
        Command::Slip => vec![Effect::WriteSlip(row.visit.meta.id)],
        Command::FollowUps => open_follow_ups(state, Screen::Queue),
        _ => vec![],
    }
}

pub(super) fn events_extra_command(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::FollowUps => open_follow_ups(state, Screen::Events),
        Command::Appeals => appeal::open_appeals(state, None, Screen::Events),
        Command::Dashboard => dashboard::open(
            state,
            crate::domain::report::Period::All,
            None,
            Screen::Events,
        ),
        _ => vec![],
    }
}

/// Goes back to `screen`, reloading what may have changed while it was not shown.
pub(super) fn return_to(state: &mut State, screen: Screen) -> Vec<Effect> {
    state.screen = screen;
    match screen {
        Screen::Events => vec![Effect::LoadEvents],
        Screen::FollowUps => vec![load_follow_ups(state, FOLLOW_UP_PAGE)],
        Screen::PersonCard => match state.card.as_ref().and_then(|c| c.card.as_ref()) {
            Some(c) => vec![Effect::LoadPersonCard(c.person.meta.id)],
            None => vec![],
        },
        Screen::Appeals => match state.appeals.as_mut() {
            Some(a) => {
                a.loading = true;
                vec![Effect::LoadAppeals]
            }
            None => appeal::open_appeals(state, None, Screen::Events),
        },
        Screen::Appeal => match state.appeal.as_ref() {
            Some(a) => vec![Effect::LoadAppeal(a.id)],
            None => return_to(state, Screen::Events),
        },
        _ => vec![],
    }
}

fn leave_consultation(state: &mut State) -> Vec<Effect> {
    state.consult = None;
    state.screen = state.consult_back;
    let mut effects = vec![Effect::ClearDraft];
    if state.screen == Screen::PersonCard
        && let Some(p) = state
            .card
            .as_ref()
            .and_then(|c| c.card.as_ref())
            .map(|c| c.person.meta.id)
    {
        effects.push(Effect::LoadPersonCard(p));
    }
    effects
}

pub(super) fn consultation_command(state: &mut State, command: Command) -> Vec<Effect> {
    let tax = state.ctx.taxonomy.clone();
    let Some(f) = state.consult.as_mut() else {
        return vec![];
    };
    match command {
        Command::NextField => f.focus_next(),
        Command::PrevField => f.focus_prev(),
        Command::Enter if !f.is_last_focused() => f.focus_next(),
        Command::Enter | Command::Save => {
            if f.saving {
                return vec![];
            }
            match f.input().validate(&tax) {
                Ok(mut fields) => {
                    fields.appeal = f.appeal;
                    f.errors.clear();
                    f.saving = true;
                    return vec![Effect::SaveConsultation {
                        visit: f.visit,
                        existing: f.existing,
                        fields: Box::new(fields),
                    }];
                }
                Err(errors) => {
                    f.set_errors(errors);
                    state.flash("flash-fix-fields", vec![], FlashKind::Error);
                }
            }
        }
        Command::Back => {
            if f.is_dirty() {
                state.overlay = Some(Overlay::ConfirmDiscard);
            } else {
                return leave_consultation(state);
            }
        }
        _ => {}
    }
    vec![]
}

pub(super) fn follow_ups_command(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(fu) = state.follow_ups.as_mut() else {
        return vec![];
    };
    match command {
        c if c.moves_selection() => {
            let len = fu.rows.len();
            move_selection(&mut fu.selected, len, command);
            let near_end = fu.selected + 20 >= len;
            if near_end && len < fu.total && !fu.loading {
                fu.loading = true;
                let limit = len + FOLLOW_UP_PAGE;
                return vec![load_follow_ups(state, limit)];
            }
            vec![]
        }
        Command::Back => {
            let back = fu.back.unwrap_or(Screen::Events);
            return_to(state, back)
        }
        Command::PersonCard => match fu.rows.get(fu.selected).map(|r| (&r.record, &r.person)) {
            Some((FollowUpRecord::Appeal(a), _)) => {
                let id = a.meta.id;
                appeal::open_appeal(state, id, Screen::FollowUps)
            }
            Some((_, Some(p))) => {
                let id = p.meta.id;
                open_card(state, id, Screen::FollowUps)
            }
            _ => vec![],
        },
        Command::CloseFollowUp => {
            let Some(row) = fu.rows.get(fu.selected) else {
                return vec![];
            };
            let title = match (&row.record, &row.person) {
                (FollowUpRecord::Consultation(_), Some(p)) => p.fields.full_name(),
                (FollowUpRecord::Appeal(a), _) => a.fields.title.clone(),
                _ => String::new(),
            };
            let id = row.id();
            let tax = state.ctx.taxonomy.clone();
            let mut form = new_close_form(&tax, state.ctx.language, state.today());
            form.focus = cf::RECOVERED;
            state.close = Some(CloseForm {
                id,
                title,
                form,
                saving: false,
            });
            state.screen = Screen::CloseFollowUp;
            vec![]
        }
        _ => vec![],
    }
}

pub(super) fn card_command(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(c) = state.card.as_mut() else {
        return vec![];
    };
    let len = c.card.as_ref().map(|c| c.consultations.len()).unwrap_or(0);
    match command {
        Command::Up | Command::Down => {
            move_selection(&mut c.selected, len, command);
            vec![]
        }
        Command::Back => {
            let back = c.back;
            return_to(state, back)
        }
        Command::Merge => {
            let Some(card) = c.card.as_ref() else {
                return vec![];
            };
            let target = search::MergeTarget {
                into: card.person.meta.id,
                name: card.person.fields.full_name(),
            };
            search::open_search(state, Some(target), Screen::PersonCard)
        }
        Command::Appeal | Command::History => {
            let Some(card) = c.card.as_ref() else {
                return vec![];
            };
            let Some(cons) = card.consultations.get(c.selected) else {
                return vec![];
            };
            let name = card.person.fields.full_name();
            if command == Command::History {
                let id = cons.meta.id;
                return appeal::open_history(state, name, id, Screen::PersonCard);
            }
            if let Some(id) = cons.fields.appeal {
                return appeal::open_appeal(state, id, Screen::PersonCard);
            }
            let city = card
                .visits
                .iter()
                .find(|(v, _)| v.meta.id == cons.visit)
                .and_then(|(_, e)| e.as_ref())
                .map(|e| e.fields.city.clone())
                .unwrap_or_default();
            let target = appeal::join_target(cons, name, city);
            appeal::open_appeals(state, Some(target), Screen::PersonCard)
        }
        Command::Edit => {
            let Some(card) = c.card.as_ref() else {
                return vec![];
            };
            let Some(cons) = card.consultations.get(c.selected) else {
                return vec![];
            };
            let queue_no = card
                .visits
                .iter()
                .find(|(v, _)| v.meta.id == cons.visit)
                .map(|(v, _)| v.queue_no)
                .unwrap_or(0);
            let tax = state.ctx.taxonomy.clone();
            let form = ConsultationForm::edit(
                &tax,
                state.ctx.language,
                cons,
                card.person.fields.full_name(),
                queue_no,
            );
            state.consult = Some(form);
            state.consult_back = Screen::PersonCard;
            state.screen = Screen::Consultation;
            vec![]
        }
        _ => vec![],
    }
}

pub(super) fn close_form_command(state: &mut State, command: Command) -> Vec<Effect> {
    let today = state.today();
    let Some(c) = state.close.as_mut() else {
        return vec![];
    };
    match form_step(&mut c.form, command) {
        FormStep::Leave => {
            let dirty = c.form.is_dirty();
            leave_form(state, dirty)
        }
        FormStep::Moved | FormStep::Other => vec![],
        FormStep::Save => {
            if c.saving {
                return vec![];
            }
            let currency = crate::domain::Currency::from_code(c.form.value(cf::CURRENCY))
                .unwrap_or(crate::domain::Currency::Rub);
            let raw = c.form.value(cf::RECOVERED).trim().to_string();
            let recovered = if raw.is_empty() {
                Ok(None)
            } else {
                crate::domain::Money::parse(&raw, currency).map(Some)
            };
            let on = crate::domain::validate::parse_date(c.form.value(cf::DATE)).and_then(|d| {
                if d > today {
                    Err(crate::domain::ValidationError::DateInFuture)
                } else {
                    Ok(d)
                }
            });
            match (recovered, on) {
                (Ok(recovered), Ok(on)) => {
                    c.saving = true;
                    vec![Effect::CloseFollowUp {
                        id: c.id,
                        outcome: c.form.value(cf::OUTCOME).to_string(),
                        recovered,
                        on,
                    }]
                }
                (r, d) => {
                    for f in &mut c.form.fields {
                        f.error = None;
                    }
                    if let Err(e) = r {
                        c.form.fields[cf::RECOVERED].error_msg = Some(e.msg_id());
                        c.form.focus = cf::RECOVERED;
                    }
                    if let Err(e) = d {
                        c.form.fields[cf::DATE].error = Some(e);
                        if c.form.fields[cf::RECOVERED].error_msg.is_none() {
                            c.form.focus = cf::DATE;
                        }
                    }
                    state.flash("flash-fix-fields", vec![], FlashKind::Error);
                    vec![]
                }
            }
        }
    }
}

/// The whole interface in `lang` at once: messages are translated when drawn, so only the
/// taxonomy labels that open forms hold need redoing. Records keep their codes.
pub fn switch_language(state: &mut State, lang: Lang) {
    state.ctx.language = lang;
    let tax = state.ctx.taxonomy.clone();
    let label = |code: &str| tax.any_label(code, lang).map(str::to_string);
    if let Some(c) = state.consult.as_mut() {
        c.topics.relabel(&label);
        c.referral.relabel(&label);
        c.bases.relabel(&label);
        for (code, l) in &mut c.outcomes {
            if let Some(new) = label(code) {
                *l = new;
            }
        }
    }
    if let Some(f) = state.close.as_mut() {
        f.form.relabel(&label);
    }
    if let Some(f) = state.appeal_form.as_mut() {
        f.form.relabel(&label);
    }
    state.flash(
        "flash-language",
        vec![("language", Arg::Msg(lang.msg_id()))],
        FlashKind::Info,
    );
}
