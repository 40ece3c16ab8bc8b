//! Start-up shared by the app and the subcommands: config, data directory, logging, store.

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use color_eyre::Result;
use color_eyre::eyre::eyre;

use crate::cli::Cli;
use crate::config::{Config, default_config_path, resolve_data_dir};
use crate::domain::taxonomy::Taxonomy;
use crate::store::{Store, StoreOptions};

pub const LOG_FILE: &str = "kezek.log";

pub struct Session {
    pub config: Config,
    pub taxonomy: Arc<Taxonomy>,
    pub data_dir: PathBuf,
    pub store: Arc<Store>,
}

impl Session {
    pub fn open(cli: &Cli) -> Result<Session> {
        let (config, config_path) = Config::load(cli.config.as_deref())?;
        // An organisation's own taxonomy sits next to its config file.
        let config_dir = config_path
            .or_else(default_config_path)
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
        let (taxonomy, _) = crate::taxonomy::load(config_dir.as_deref())?;
        let data_dir = resolve_data_dir(cli.data_dir.as_deref(), &config)
            .ok_or_else(|| eyre!("no data directory: give --data-dir DIR or set KEZEK_DATA_DIR"))?;
        std::fs::create_dir_all(&data_dir).map_err(|e| {
            eyre!(
                "cannot create the data directory {}: {e}",
                data_dir.display()
            )
        })?;
        init_logging(&data_dir);
        let opts = StoreOptions {
            cache_capacity: config.cache_capacity_mb.saturating_mul(1024 * 1024),
        };
        let (store, report) = Store::open(&data_dir, &opts)?;
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
        })
    }
}

/// Logs (and panics) go to a file in the data directory: the screen is the interface.
/// Names, document numbers and phones are never logged.
fn init_logging(dir: &std::path::Path) {
    let path = dir.join(LOG_FILE);
    let Ok(file) = OpenOptions::new().create(true).append(true).open(&path) else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("KEZEK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!(panic = %info, "kezek panicked");
        previous(info);
    }));
}
