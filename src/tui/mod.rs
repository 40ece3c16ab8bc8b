//! The terminal front end: set-up and restore, the event loop, keys, effects.

pub mod effects;
pub mod keymap;

use std::io::stdout;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use color_eyre::Result;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::{self, Action, Context, ReplyTo, Request, State};
use crate::i18n::I18n;
use crate::store::{Store, StoreOptions};
use effects::Reply;

pub struct RunOptions {
    pub ctx: Context,
    /// How the store is opened again after a salvage.
    pub store_options: StoreOptions,
    /// Exit right after the first frame is drawn (start-up benchmarks).
    pub exit_after_first_frame: bool,
    /// The config file the settings go to (it may not exist yet).
    pub config_path: Option<std::path::PathBuf>,
    /// No config file yet: the first-start form opens over the events.
    pub first_start: bool,
}

/// Opens the full-screen app. The terminal is restored on every way out, panics included
/// (ratatui's hook restores it before the panic is reported and logged).
pub fn run(store: Arc<Store>, i18n: I18n, opts: RunOptions) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut terminal = ratatui::init();
    // Paste arrives as one event instead of a burst of keys that could trigger hotkeys.
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = rt.block_on(event_loop(&mut terminal, store, i18n, opts));
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Why the loop ends.
enum Exit {
    /// The officer quit.
    Quit,
    /// SIGTERM, SIGHUP or SIGINT, or the terminal is gone: the open form is kept as a draft.
    Closing(&'static str),
}

/// What salvage ends with: its answer, and the store to go on with.
type Salvaged = (Action, Option<Arc<Store>>);

/// The store and what works on it. Salvage closes the store: the runner goes (its
/// workers end once they have done what they were given), effects asked for meanwhile
/// wait, and a new runner starts on the salvaged store.
struct Desk {
    store: Option<Arc<Store>>,
    runner: Option<effects::Runner>,
    /// `Some` while salvage runs: the effects that wait for the store.
    held: Option<Vec<Request>>,
    salvage: Option<tokio::task::JoinHandle<Salvaged>>,
    dir: std::path::PathBuf,
    store_options: StoreOptions,
    officer: effects::Officer,
    /// Where the settings and the language are written; `None`: nowhere to keep them.
    config_path: Option<std::path::PathBuf>,
    taxonomy: Arc<crate::domain::taxonomy::Taxonomy>,
    results: tokio::sync::mpsc::UnboundedSender<Reply>,
}

impl Desk {
    fn start_runner(&mut self, store: Arc<Store>) {
        self.runner = Some(effects::Runner::start(
            store.clone(),
            self.officer.clone(),
            self.taxonomy.clone(),
            self.results.clone(),
        ));
        self.store = Some(store);
    }

    /// An action for the app; a result goes back to `to`, who asked for it.
    fn dispatch(&mut self, state: &mut State, (to, action): Reply) {
        let requests = app::deliver(state, to, action);
        self.run(requests);
    }

    fn run(&mut self, requests: Vec<Request>) {
        for e in requests {
            if e.effect == app::Effect::Salvage {
                self.start_salvage();
                continue;
            }
            if let Some(reply) = self.write_config(&e) {
                let _ = self.results.send(reply);
                continue;
            }
            match (&mut self.held, &self.runner) {
                (Some(held), _) => held.push(e),
                (None, Some(r)) => r.run(vec![e]),
                (None, None) => tracing::error!("the store could not be opened; effect dropped"),
            }
        }
    }

    /// The settings and the language go into the config file, not the store: written here,
    /// at once (a small file), and the officer recorded with every save from now on.
    fn write_config(&mut self, e: &Request) -> Option<Reply> {
        let written = match &e.effect {
            app::Effect::SaveSettings(s) => self
                .config_path
                .as_deref()
                .map(|p| crate::session::save_settings(p, s))
                .unwrap_or(Ok(())),
            app::Effect::SaveLanguage(lang) => {
                if let Some(p) = self.config_path.as_deref()
                    && let Err(err) = crate::session::save_language(p, *lang)
                {
                    tracing::warn!(error = %err, "the language was not written to the config");
                }
                return Some((e.reply_to, Action::Nothing));
            }
            _ => return None,
        };
        let app::Effect::SaveSettings(s) = &e.effect else {
            return None;
        };
        Some(match written {
            Ok(()) => {
                let officer = if s.officer.is_empty() {
                    s.desk_name.clone()
                } else {
                    s.officer.clone()
                };
                if let Ok(mut o) = self.officer.write() {
                    *o = officer;
                }
                // The next bundle tells the other desks the new letter and name.
                self.store_options
                    .book
                    .set_own_letter_and_name(&s.desk_letter, &s.desk_name);
                (e.reply_to, Action::SettingsSaved(s.clone()))
            }
            Err(err) => (
                e.reply_to,
                Action::Failed {
                    what: "what-settings",
                    reason: err.to_string(),
                    reason_id: None,
                },
            ),
        })
    }

    fn start_salvage(&mut self) {
        if self.held.is_some() {
            return;
        }
        let Some(store) = self.store.take() else {
            return;
        };
        self.held = Some(Vec::new());
        self.runner = None;
        let opts = self.store_options.clone();
        self.salvage = Some(tokio::task::spawn_blocking(move || {
            match sole_owner(store, SALVAGE_WAIT) {
                Ok(store) => {
                    let (action, store) = effects::salvage_store(store, &opts);
                    (action, store.map(Arc::new))
                }
                Err(store) => {
                    tracing::warn!("salvage not started: the store is still in use");
                    (
                        Action::SalvageFailed {
                            reason: "the store is still in use".into(),
                            reason_id: Some("err-salvage-busy"),
                        },
                        Some(store),
                    )
                }
            }
        }));
    }

    /// Salvage ended (or its thread died): go on with the store it left.
    fn salvage_ended(
        &mut self,
        state: &mut State,
        result: std::result::Result<Salvaged, tokio::task::JoinError>,
    ) {
        self.salvage = None;
        let (action, store) = match result {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "salvage stopped unexpectedly");
                let reopened = Store::open(&self.dir, &self.store_options)
                    .map(|(s, _)| Arc::new(s))
                    .ok();
                (
                    Action::SalvageFailed {
                        reason: e.to_string(),
                        reason_id: reopened.is_none().then_some("err-salvage-reopen"),
                    },
                    reopened,
                )
            }
        };
        let held = self.held.take().unwrap_or_default();
        if let Some(store) = store {
            self.start_runner(store);
        }
        self.run(held);
        self.dispatch(state, (ReplyTo::App, action));
    }
}

/// How long salvage waits for the threads that still hold the store (a read finishing).
const SALVAGE_WAIT: Duration = Duration::from_secs(10);

/// The store itself once every other holder has let go, or back if they do not in time.
fn sole_owner(mut store: Arc<Store>, wait: Duration) -> std::result::Result<Store, Arc<Store>> {
    let started = std::time::Instant::now();
    loop {
        match Arc::try_unwrap(store) {
            Ok(s) => return Ok(s),
            Err(shared) if started.elapsed() >= wait => return Err(shared),
            Err(shared) => {
                store = shared;
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// Waits for salvage to end; never, if none runs.
async fn salvage_done(
    job: &mut Option<tokio::task::JoinHandle<Salvaged>>,
) -> std::result::Result<Salvaged, tokio::task::JoinError> {
    match job {
        Some(j) => j.await,
        None => std::future::pending().await,
    }
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    store: Arc<Store>,
    mut i18n: I18n,
    opts: RunOptions,
) -> Result<()> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Reply>();
    let mut journal_check = Some((store.clone(), tx.clone()));
    let mut desk = Desk {
        store: None,
        runner: None,
        held: None,
        salvage: None,
        dir: store.dir().to_path_buf(),
        store_options: opts.store_options.clone(),
        officer: Arc::new(std::sync::RwLock::new(opts.ctx.officer.clone())),
        config_path: opts.config_path.clone(),
        taxonomy: opts.ctx.taxonomy.clone(),
        results: tx,
    };
    let mut state = State::new(opts.ctx, Utc::now());
    // Known before the first key: a terminal opened too small ignores keys from the start.
    state.size = terminal.size().ok().map(|s| (s.width, s.height));
    if opts.first_start {
        state.push(app::Page::Settings(app::pages::settings::open(
            &state.ctx, true,
        )));
    }
    state.backup_dir = std::env::var_os("HOME")
        .map(std::path::PathBuf::from)
        .filter(|h| h.is_dir())
        .or_else(|| store.dir().parent().map(|p| p.to_path_buf()));
    desk.start_runner(store);
    let init = state.init_requests();
    desk.run(init);
    let mut input = spawn_input()?;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut signals = Signals::new()?;
    let mut dirty = true;
    let exit = loop {
        if dirty {
            // F9 switched the language: the next frame is drawn wholly in the new one.
            if i18n.lang() != state.ctx.language.code() {
                i18n = I18n::of(state.ctx.language);
            }
            if let Err(e) = terminal.draw(|f| crate::ui::render(f, &state, &i18n)) {
                // A terminal that cannot be drawn on is gone (closed window, dropped ssh).
                tracing::warn!(error = %e, "the terminal cannot be drawn on");
                break Exit::Closing("terminal lost");
            }
            dirty = false;
            // After the first frame, not before it: the whole journal's checksums are read
            // on a thread of their own.
            if let Some((store, tx)) = journal_check.take() {
                check_journal_in_background(store, tx);
            }
            if opts.exit_after_first_frame {
                break Exit::Quit;
            }
        }
        let action = tokio::select! {
            ev = input.recv() => match ev {
                Some(Input::Event(ev)) => {
                    dirty = true; // resizes and focus changes need a redraw too
                    keymap::action(ev).map(|a| (ReplyTo::App, a))
                }
                Some(Input::Lost) | None => break Exit::Closing("terminal lost"),
            },
            a = rx.recv() => match a {
                Some(a) => Some(a),
                // Every sender is gone: nothing can report back any more.
                None => return Err(color_eyre::eyre::eyre!(
                    "the storage worker stopped unexpectedly; see kezek.log in the data directory"
                )),
            },
            done = salvage_done(&mut desk.salvage) => {
                desk.salvage_ended(&mut state, done);
                dirty = true;
                None
            },
            _ = tick.tick() => Some((ReplyTo::App, Action::Tick(Utc::now()))),
            name = signals.recv() => break Exit::Closing(name),
        };
        if let Some(a) = action {
            desk.dispatch(&mut state, a);
            dirty = true;
        }
        // Drain whatever else is ready so one frame reflects all of it.
        while let Ok(a) = rx.try_recv() {
            desk.dispatch(&mut state, a);
        }
        if state.quit {
            break Exit::Quit;
        }
    };
    if let Exit::Closing(why) = exit {
        tracing::info!(why, "closing");
        keep_draft(&mut state, &mut desk, &mut rx).await;
        stop_job(&mut state, &mut desk, &mut rx).await;
    }
    if let Some(job) = desk.salvage.take() {
        // Salvage moves files: it is let finish, never cut off.
        tracing::info!("waiting for salvage to finish before closing");
        if let Ok((_, Some(store))) = job.await {
            desk.store = Some(store);
        }
    }
    drop(desk.runner.take());
    if let Some(store) = desk.store.take() {
        store.flush()?;
    }
    Ok(())
}

/// How long closing may wait for saves in flight and the draft. A service manager sends
/// SIGKILL some seconds after SIGTERM; what is typed must be on disk before that.
const CLOSING_WAIT: Duration = Duration::from_secs(3);

/// How much longer closing waits for a form's save in flight once its draft is written: a
/// restart must not find both the record and its draft (the draft is on disk meanwhile).
const SAVE_IN_FLIGHT_WAIT: Duration = Duration::from_secs(15);

/// On the way out without the officer: lets the saves already asked for finish (their
/// answers say whether the form is still open), then writes the open form's draft, through
/// the store worker so that no older draft still queued there can overwrite it.
async fn keep_draft(
    state: &mut State,
    desk: &mut Desk,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<Reply>,
) {
    // A form's save that ends from now on, while the answer may not reach the page in
    // time, is the save of the form on screen.
    let forms_saved = desk.store.as_ref().map(|s| s.forms_saved());
    let deadline = tokio::time::Instant::now() + CLOSING_WAIT;
    if !settle(state, desk, rx, deadline).await {
        // The worker is stuck (a slow disk) or salvage has the store: the draft file is
        // the store's but needs no store open, so it is written from here. The form as it
        // is on screen, even if not changed since the last draft: that one may still be
        // queued behind the slow disk, unwritten, or the form's save with it.
        write_last_draft(state, desk, forms_saved);
        if state.top().is_saving() {
            // The form's save is still going (its journal record may already be written):
            // cut off now, the next start would find it on record and offer its draft
            // again. Its end removes the draft, so it is given a while longer.
            let deadline = tokio::time::Instant::now() + SAVE_IN_FLIGHT_WAIT;
            if settle(state, desk, rx, deadline).await {
                tracing::info!("the form's save ended while closing");
            } else {
                tracing::error!("the form's save did not end in time on closing");
            }
        }
        return;
    }
    if let Some(d) = app::update::closing_draft(state) {
        desk.run(vec![Request::app(app::Effect::SaveDraft(Box::new(d)))]);
        if settle(state, desk, rx, deadline).await {
            tracing::info!("draft written on closing");
        } else {
            // The worker's write is slow (each fsync of a failing disk or stick takes
            // seconds): it is waited for and made sure of from here, not given up with
            // the form's keys in a temporary file that the next start removes.
            tracing::warn!("the draft was not written in time on closing; writing it from here");
            write_last_draft(state, desk, forms_saved);
        }
    }
}

/// The form on screen written as the draft from this thread, while the worker is busy.
fn write_last_draft(state: &State, desk: &Desk, forms_saved: Option<u64>) {
    let Some(d) = app::update::current_draft(state) else {
        return;
    };
    let saving_since = forms_saved.filter(|_| state.top().is_saving());
    let written = match &desk.store {
        Some(store) => store.save_last_draft(&d, saving_since),
        None => Store::save_draft_in(&desk.dir, &d).map(|()| crate::store::LastDraft::Written),
    };
    match written {
        Ok(crate::store::LastDraft::FormSaved) => {
            tracing::info!("the form was saved while closing; no draft kept")
        }
        Ok(_) => tracing::info!("draft written on closing"),
        Err(e) => tracing::error!(error = %e, "draft not written on closing"),
    }
}

/// On the way out without the officer: a running export, import or backup is cancelled
/// and its end awaited, so that it removes its temporary file (every record, perhaps on a
/// USB stick) instead of being cut off with it left behind.
async fn stop_job(
    state: &mut State,
    desk: &mut Desk,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<Reply>,
) {
    if !state.job_running() || desk.runner.is_none() {
        return;
    }
    let deadline = tokio::time::Instant::now() + CLOSING_WAIT;
    desk.run(vec![Request::app(app::Effect::CancelJob)]);
    while state.job_running() {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(a)) => desk.dispatch(state, a),
            Ok(None) | Err(_) => {
                tracing::error!("the running job did not stop in time on closing");
                return;
            }
        }
    }
    tracing::info!("the running job stopped on closing");
}

/// Waits until the store worker has done every effect asked for so far, applying the
/// answers that come meanwhile. `false` if the deadline passed first (or there is no
/// worker: salvage has the store).
async fn settle(
    state: &mut State,
    desk: &mut Desk,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<Reply>,
    deadline: tokio::time::Instant,
) -> bool {
    if desk.runner.is_none() || desk.held.is_some() {
        return false;
    }
    desk.run(vec![Request::app(app::Effect::Settle)]);
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some((_, Action::Settled))) => return true,
            Ok(Some(a)) => desk.dispatch(state, a),
            Ok(None) | Err(_) => return false,
        }
    }
}

enum Input {
    Event(crossterm::event::Event),
    /// Reading the terminal failed: it is closed.
    Lost,
}

/// Reads the terminal on a thread of its own and forwards what it reads. crossterm's
/// async `EventStream` can spin or block when the terminal closes; a blocking read on its
/// own thread ends with an error instead, and the loop never waits on it.
fn spawn_input() -> Result<tokio::sync::mpsc::UnboundedReceiver<Input>> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::Builder::new()
        .name("kezek-input".into())
        .spawn(move || {
            loop {
                match crossterm::event::read() {
                    Ok(ev) => {
                        if tx.send(Input::Event(ev)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "reading the terminal failed");
                        let _ = tx.send(Input::Lost);
                        return;
                    }
                }
            }
        })?;
    Ok(rx)
}

/// Verifies every frame of the journal on a thread; damage shows the banner (and stops
/// writing, in the store). Damage found at open shows it at once.
fn check_journal_in_background(store: Arc<Store>, tx: tokio::sync::mpsc::UnboundedSender<Reply>) {
    if let Some(minutes) = store.clock_behind_minutes() {
        tracing::warn!(minutes, "this desk's clock is behind its last op");
        let _ = tx.send((ReplyTo::App, Action::ClockBehind { minutes }));
    }
    if store.damage().is_some() {
        let _ = tx.send((ReplyTo::App, Action::StoreDamaged));
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("journal-check".into())
        .spawn(move || {
            let started = std::time::Instant::now();
            match store.verify_journal() {
                Ok(None) => tracing::info!(
                    ms = started.elapsed().as_millis() as u64,
                    "background check: every journal frame is intact"
                ),
                Ok(Some(_)) => {
                    let _ = tx.send((ReplyTo::App, Action::StoreDamaged));
                }
                Err(e) => tracing::warn!(error = %e, "background check of the journal failed"),
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "could not start the background check of the journal");
    }
}

/// SIGTERM, SIGHUP and SIGINT end the loop so the draft is written, the terminal restored
/// and the store closed. (Ctrl+C in the app is a key, not SIGINT: the terminal is raw.)
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hup: tokio::signal::unix::Signal,
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                term: signal(SignalKind::terminate())?,
                hup: signal(SignalKind::hangup())?,
                int: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// The name of the next signal that arrives.
    async fn recv(&mut self) -> &'static str {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.hup.recv() => "SIGHUP",
            _ = self.int.recv() => "SIGINT",
        }
        #[cfg(not(unix))]
        std::future::pending::<&'static str>().await
    }
}
