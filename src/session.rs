//! Start-up shared by the app and the subcommands: config, data directory, logging, store.

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use color_eyre::Result;
use color_eyre::eyre::eyre;

use crate::config::{Config, default_config_path, resolve_data_dir};
use crate::domain::taxonomy::Taxonomy;
use crate::store::{Store, StoreError, StoreOptions};

pub const LOG_FILE: &str = "kezek.log";

/// The names kezek itself writes at the top of a data directory, made private at every
/// start (`privacy::tighten`); the directories among them all the way down. The `.tmp`
/// names are those older versions wrote.
const KEZEK_NAMES: &[&str] = &[
    crate::store::JOURNAL_FILE,
    crate::store::LOCK_FILE,
    crate::store::DESK_ID_FILE,
    "desk-id.tmp",
    crate::store::DRAFT_FILE,
    crate::store::SEARCH_FILE,
    crate::store::bundle::PEERS_FILE,
    crate::store::bundle::cards::CARDS_FILE,
    crate::store::REBUILDING_FILE,
    crate::store::ANON_KEY_FILE,
    "draft.kzd.tmp",
    "draft.kzd.bad",
    LOG_FILE,
    crate::store::SLED_DIR,
    crate::store::STAGING_DIR,
    "slips",
    "exports",
    "backups",
];

pub struct Session {
    pub config: Config,
    pub taxonomy: Arc<Taxonomy>,
    pub data_dir: PathBuf,
    pub store: Arc<Store>,
    /// What the store was opened with (a staging store beside it takes the same).
    pub store_options: StoreOptions,
    /// The config file read, or (at a first start) the one the app will write.
    pub config_path: Option<PathBuf>,
    /// There was no config file yet (only when `Opening::first_start_allowed`).
    pub first_start: bool,
}

/// Another kezek on this desk holds the store (`kezek.lock`): on a desk, the app. Carries
/// the language the person chose, so that what to do instead can be said in it.
#[derive(Debug, thiserror::Error)]
#[error(
    "the data directory {} is in use by another kezek; close that one first",
    dir.display()
)]
pub struct StoreInUse {
    pub dir: PathBuf,
    /// `--lang`, else the config's language.
    pub lang: String,
}

/// Where and how to open, as the command line (or a test) says: the options every command
/// shares. The command line builds it (`Cli::opening`); the session never reads `Cli`, so
/// the two modules do not import each other.
#[derive(Clone, Debug, Default)]
pub struct Opening {
    pub data_dir: Option<PathBuf>,
    pub config: Option<PathBuf>,
    /// Already checked by clap (ky, ru or en); outranks the config file.
    pub lang: Option<String>,
    /// The app: a config file that does not exist yet is a first start (the defaults, and
    /// the app asks for the desk), not an error. Commands keep the defaults without asking.
    pub first_start_allowed: bool,
    /// Commands that only read (find, slip, report, export, check): a data directory that
    /// does not exist, or holds no store, is a mistyped `--data-dir` and is refused rather
    /// than made into an empty store whose export "succeeds" with nothing in it.
    pub existing_store: bool,
}

/// Refuses a data directory with no store in it when `cli` asks for one.
fn require_store(cli: &Opening, dir: &std::path::Path, lang: &str) -> Result<()> {
    let has_store = [crate::store::JOURNAL_FILE, crate::store::SLED_DIR]
        .iter()
        .any(|name| dir.join(name).exists());
    if cli.existing_store && !has_store {
        let i18n = crate::i18n::I18n::new(lang);
        let dir: crate::i18n::Arg = dir.display().to_string().into();
        return Err(eyre!("{}", i18n.t_args("cli-no-store", &[("dir", dir)])));
    }
    Ok(())
}

/// sled's cache for one pass over the store (`Session::open_for_scan`).
const SCAN_CACHE_MB: u64 = 8;

/// sled's cache for a bulk import (`Session::open_for_import`): a whole 100,000-person
/// export imported as fast with 16 MB as with 32, and 10–15 MB lighter.
const IMPORT_CACHE_MB: u64 = 16;

impl Session {
    pub fn open(cli: &Opening) -> Result<Session> {
        Session::open_with_cache(cli, None)
    }

    /// For runs that read the store once from end to end (reports, exports): sled's page
    /// cache cannot help a single pass, so a small one keeps memory down on 2 GB laptops.
    pub fn open_for_scan(cli: &Opening) -> Result<Session> {
        Session::open_with_cache(cli, Some(SCAN_CACHE_MB))
    }

    /// For `kezek import`: its batch is applied in transactions that land all over the
    /// view, where a bigger cache than this is not faster.
    pub fn open_for_import(cli: &Opening) -> Result<Session> {
        Session::open_with_cache(cli, Some(IMPORT_CACHE_MB))
    }

    /// The configuration and the data directory (created, logging started) without
    /// opening the store: for salvage and rebuilds, which open it their own way.
    pub fn prepare(cli: &Opening) -> Result<(Config, PathBuf)> {
        let (mut config, _) = Config::load(cli.config.as_deref())?;
        if let Some(lang) = &cli.lang {
            config.language = lang.clone();
        }
        let data_dir = resolve_data_dir(cli.data_dir.as_deref(), &config)
            .ok_or_else(|| eyre!("no data directory: give --data-dir DIR or set KEZEK_DATA_DIR"))?;
        require_store(cli, &data_dir, &config.language)?;
        crate::privacy::create_private_dir(&data_dir).map_err(|e| {
            eyre!(
                "cannot create the data directory {}: {e}",
                data_dir.display()
            )
        })?;
        init_logging(&data_dir);
        Ok((config, data_dir))
    }

    fn open_with_cache(cli: &Opening, cache_mb: Option<u64>) -> Result<Session> {
        let (mut config, config_path, first_start) = if cli.first_start_allowed {
            Config::locate(cli.config.as_deref())?
        } else {
            let (config, path) = Config::load(cli.config.as_deref())?;
            (config, path, false)
        };
        let written_to = config_path.clone();
        // `--lang` (already checked by clap) outranks the config file.
        if let Some(lang) = &cli.lang {
            config.language = lang.clone();
        }
        // An organisation's own taxonomy sits next to its config file.
        let config_dir = config_path
            .or_else(default_config_path)
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
        let (taxonomy, _) = crate::taxonomy::load(config_dir.as_deref())?;
        let data_dir = resolve_data_dir(cli.data_dir.as_deref(), &config)
            .ok_or_else(|| eyre!("no data directory: give --data-dir DIR or set KEZEK_DATA_DIR"))?;
        require_store(cli, &data_dir, &config.language)?;
        crate::privacy::create_private_dir(&data_dir).map_err(|e| {
            eyre!(
                "cannot create the data directory {}: {e}",
                data_dir.display()
            )
        })?;
        // Before the log is opened, so that it too is private when it is first written.
        let tightened = crate::privacy::tighten(&data_dir, KEZEK_NAMES);
        init_logging(&data_dir);
        if tightened.changed() {
            tracing::warn!(
                dirs = tightened.dirs,
                files = tightened.files,
                failed = tightened.failed,
                error = ?tightened.error,
                "the data directory was open to other users of this computer; made private"
            );
        }
        let cache_mb = cache_mb.map_or(config.cache_capacity_mb, |mb| {
            mb.min(config.cache_capacity_mb)
        });
        let opts = StoreOptions {
            cache_capacity: cache_mb.saturating_mul(1024 * 1024),
            clock_skew_ms: config.clock_skew_minutes.saturating_mul(60_000),
            book: crate::domain::desk::DeskBook::with_own(config.identity()),
            ..StoreOptions::default()
        };
        let (store, report) = match Store::open(&data_dir, &opts) {
            Ok(opened) => opened,
            Err(StoreError::Locked { .. }) => {
                tracing::info!("the store is held by another kezek; not opened");
                return Err(StoreInUse {
                    dir: data_dir,
                    lang: config.language,
                }
                .into());
            }
            Err(e) => return Err(e.into()),
        };
        tracing::info!(
            replayed = report.replayed,
            dropped_tail_bytes = report.dropped_tail_bytes,
            rebuilt = report.rebuilt,
            "store opened"
        );
        Ok(Session {
            config,
            taxonomy: Arc::new(taxonomy),
            data_dir,
            store: Arc::new(store),
            store_options: opts,
            config_path: written_to,
            first_start,
        })
    }
}

/// Logs (and panics) go to a file in the data directory: the screen is the interface.
/// Names, document numbers and phones are never logged.
fn init_logging(dir: &std::path::Path) {
    let path = dir.join(LOG_FILE);
    let mut open = OpenOptions::new();
    open.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
    let Ok(file) = open.open(&path) else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("KEZEK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter)
        // A log line that cannot be written (a full disk) is dropped: said on stderr instead,
        // it panics where stderr is gone, and the panic hook's own log line then waits for
        // the lock the failed line still holds (a hang, found by the hostile pass).
        .log_internal_errors(false)
        .try_init();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!(panic = %info, "kezek panicked");
        previous(info);
    }));
}

/// The slip for a visit as text or HTML, in `lang` (default: the visit's language), its
/// number with this desk's `letter` if the visit was made here (`A-017`, as the queue and
/// the citizen's call showed it).
pub fn slip_bytes(
    store: &Store,
    taxonomy: &Taxonomy,
    visit: crate::domain::Id,
    lang: Option<crate::domain::Lang>,
    html: bool,
    letter: &str,
) -> Result<Vec<u8>> {
    let v = store
        .visit(visit)?
        .ok_or_else(|| eyre!("no visit with id {visit}"))?;
    let event = store
        .event(v.event)?
        .ok_or_else(|| eyre!("the visit's event {} is missing", v.event))?;
    let person = store
        .person(v.person)?
        .ok_or_else(|| eyre!("the visit's person {} is missing", v.person))?;
    let consultations = store.consultations_for_visit(visit)?;
    let lang = lang.unwrap_or(v.language);
    let i18n = crate::i18n::I18n::new(lang.code());
    // Another desk's visit carries the letter that desk's bundles said it gives out.
    let letter = if v.meta.desk == store.desk() {
        letter.to_string()
    } else {
        store.book().letter(v.meta.desk)
    };
    let number = crate::domain::settings::queue_label(&letter, v.queue_no);
    let data = crate::export::slip::SlipData {
        number,
        event: &event,
        visit: &v,
        person: &person,
        consultations: &consultations,
        taxonomy,
        lang,
    };
    let mut out = Vec::new();
    if html {
        crate::export::slip::write_html(&mut out, &data, &i18n)?;
    } else {
        crate::export::slip::write_text(&mut out, &data, &i18n)?;
    }
    Ok(out)
}

/// Writes `bytes` to `path` whole or not at all (`store::atomic`), private to its owner:
/// slips and reports name people.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    crate::store::atomic::write(path, bytes)
        .map_err(|e| eyre!("cannot write {}: {e}", path.display()))
}

/// Writes the settings into the config file at `path` (`Config::with_settings`): through
/// the store's atomic writer (0600, synced, renamed), its folder created private if need be.
pub fn save_settings(
    path: &std::path::Path,
    settings: &crate::domain::settings::Settings,
) -> Result<()> {
    rewrite_config(path, |old| Config::with_settings(old, settings))
}

/// Writes the language chosen with `F9` into the config file at `path`.
pub fn save_language(path: &std::path::Path, language: crate::domain::Lang) -> Result<()> {
    rewrite_config(path, |old| Config::with_language(old, language))
}

fn rewrite_config(
    path: &std::path::Path,
    edit: impl FnOnce(Option<&str>) -> std::result::Result<String, String>,
) -> Result<()> {
    // A name that is not a file (`/dev/null`, a pipe) would be replaced by the rename.
    let old = match std::fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(eyre!(
                "{} is not a regular file; not written",
                path.display()
            ));
        }
        Ok(_) => Some(std::fs::read_to_string(path).map_err(|e| eyre!("{}: {e}", path.display()))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(eyre!("{}: {e}", path.display())),
    };
    let text = edit(old.as_deref()).map_err(|e| eyre!("{}: {e}", path.display()))?;
    // What is written must read back: never leave a config kezek would refuse at start.
    Config::from_toml(&text, path)?;
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        crate::privacy::create_private_dir(dir)
            .map_err(|e| eyre!("cannot create {}: {e}", dir.display()))?;
    }
    crate::store::atomic::write(path, text.as_bytes())
        .map_err(|e| eyre!("cannot write {}: {e}", path.display()))?;
    Ok(())
}
