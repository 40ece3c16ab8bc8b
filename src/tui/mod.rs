//! The terminal front end: set-up and restore, the event loop, keys, effects.

pub mod effects;
pub mod keymap;

use std::io::stdout;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use color_eyre::Result;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, EventStream};
use crossterm::execute;
use futures::StreamExt;
use ratatui::DefaultTerminal;

use crate::app::{self, Action, Context, State};
use crate::i18n::I18n;
use crate::store::Store;

pub struct RunOptions {
    pub ctx: Context,
    /// Exit right after the first frame is drawn (start-up benchmarks).
    pub exit_after_first_frame: bool,
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

async fn event_loop(
    terminal: &mut DefaultTerminal,
    store: Arc<Store>,
    mut i18n: I18n,
    opts: RunOptions,
) -> Result<()> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Action>();
    let mut journal_check = Some((store.clone(), tx.clone()));
    let runner = effects::Runner::start(
        store,
        opts.ctx.officer.clone(),
        opts.ctx.taxonomy.clone(),
        tx,
    );
    let mut state = State::new(opts.ctx, Utc::now());
    runner.run(state.init());
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut signals = Signals::new()?;
    let mut dirty = true;
    loop {
        if dirty {
            // F9 switched the language: the next frame is drawn wholly in the new one.
            if i18n.lang() != state.ctx.language.code() {
                i18n = I18n::of(state.ctx.language);
            }
            terminal.draw(|f| crate::ui::render(f, &state, &i18n))?;
            dirty = false;
            // After the first frame, not before it: the whole journal's checksums are read
            // on a thread of their own.
            if let Some((store, tx)) = journal_check.take() {
                check_journal_in_background(store, tx);
            }
            if opts.exit_after_first_frame {
                return Ok(());
            }
        }
        let action = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => {
                    dirty = true; // resizes and focus changes need a redraw too
                    keymap::action(ev)
                }
                Some(Err(e)) => return Err(e.into()),
                None => break,
            },
            a = rx.recv() => match a {
                Some(a) => Some(a),
                // The store worker is gone (it panicked; the log says why). Continuing
                // would accept input that can no longer be saved.
                None => return Err(color_eyre::eyre::eyre!(
                    "the storage worker stopped unexpectedly; see kezek.log in the data directory"
                )),
            },
            _ = tick.tick() => Some(Action::Tick(Utc::now())),
            _ = signals.recv() => {
                tracing::info!("terminated by signal; closing");
                break;
            }
        };
        if let Some(a) = action {
            dispatch(&mut state, a, &runner);
            dirty = true;
        }
        // Drain whatever else is ready so one frame reflects all of it.
        while let Ok(a) = rx.try_recv() {
            dispatch(&mut state, a, &runner);
        }
        if state.quit {
            break;
        }
    }
    Ok(())
}

/// Verifies every frame of the journal on a thread; damage shows the banner (and stops
/// writing, in the store). Damage found at open shows it at once.
fn check_journal_in_background(store: Arc<Store>, tx: tokio::sync::mpsc::UnboundedSender<Action>) {
    if store.damage().is_some() {
        let _ = tx.send(Action::StoreDamaged);
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
                    let _ = tx.send(Action::StoreDamaged);
                }
                Err(e) => tracing::warn!(error = %e, "background check of the journal failed"),
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "could not start the background check of the journal");
    }
}

fn dispatch(state: &mut State, action: Action, runner: &effects::Runner) {
    let effects = app::update(state, action);
    runner.run(effects);
}

/// SIGTERM/SIGHUP end the loop normally so the terminal is restored and the store closed.
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hup: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                term: signal(SignalKind::terminate())?,
                hup: signal(SignalKind::hangup())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.hup.recv() => {}
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await
    }
}
