//! Command line: global options, and the headless subcommands. Never draws a screen.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use color_eyre::Result;

use crate::session::Session;

mod bundle;
mod import;
mod records;
mod store;

use import::*;
use records::*;
use store::*;

#[derive(Debug, Parser)]
#[command(
    name = "kezek",
    version,
    about = "Reception-day queue and consultation log for consular desks. Works offline.",
    long_about = "Started without a subcommand, kezek opens the full-screen app on its store."
)]
pub struct Cli {
    /// Where the store lives [default: the platform data directory, e.g. ~/.local/share/kezek]
    #[arg(long, global = true, env = "KEZEK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Configuration file [default: the platform config directory's kezek/config.toml]
    #[arg(long, global = true, env = "KEZEK_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Language of the interface, reports and exports (ky, ru or en) [default: the
    /// configured language; for a slip: the visit's language of service]
    #[arg(long, global = true, env = "KEZEK_LANG", value_parser = ["ky", "ru", "en"])]
    pub lang: Option<String>,

    /// Draw the first frame and exit (for start-up benchmarks).
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The options the session needs to open the store.
    pub fn opening(&self) -> crate::session::Opening {
        crate::session::Opening {
            data_dir: self.data_dir.clone(),
            config: self.config.clone(),
            lang: self.lang.clone(),
            first_start_allowed: false,
            existing_store: false,
        }
    }

    /// For commands that only read: a store must already be there (`Opening::existing_store`).
    pub fn reading(&self) -> crate::session::Opening {
        crate::session::Opening {
            existing_store: true,
            ..self.opening()
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Verify the store: journal readable end to end, index matching the records.
    Check {
        /// Rebuild the database from the journal first (the old one is moved aside).
        #[arg(long, conflicts_with = "salvage")]
        rebuild: bool,
        /// Recover a damaged store: a new journal from every intact record plus what the
        /// database still holds; the old files are kept beside the new ones.
        #[arg(long)]
        salvage: bool,
        /// Rewrite the database once, in order, into a fresh one of the same records first
        /// (after bulk loads it takes several times the space it needs); the store must be
        /// closed.
        #[arg(long, conflicts_with_all = ["salvage", "rebuild"])]
        compact: bool,
        /// Also print a hash of what the database holds: two desks that merged the same
        /// bundles print the same one.
        #[arg(long)]
        hash: bool,
    },
    /// Exchange records with the other desks of the hall by USB stick (no network).
    Bundle {
        #[command(subcommand)]
        action: BundleAction,
    },
    /// Write the consultation slip for a visit (this citizen's data only).
    Slip {
        /// The visit's id (shown on the person card and in exports).
        visit: String,
        /// Output file; `.html` gives a printable page. Without it the text goes to stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// text or html [default: from the file name, else text]
        #[arg(long, value_parser = ["text", "html"])]
        format: Option<String>,
    },
    /// Find persons by name (any script or spelling, any order), document or phone.
    Find {
        /// What to look for, e.g. "asanov b", "Жээнбеков", "AN1234567", "0555 123 456".
        query: String,
        /// At most this many results (1 to 10,000,000).
        // 0 listed nobody yet said both "nobody found" and "first 0 of 159": refused.
        #[arg(long, default_value_t = 20,
              value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000_000))]
        limit: usize,
        /// JSON lines: one object per person, best first.
        #[arg(long)]
        json: bool,
    },
    /// Summary figures and sentences for an event, a date range or everything.
    Report {
        /// One event (its id, as in `kezek export`).
        #[arg(long, conflicts_with_all = ["from", "to"])]
        event: Option<String>,
        /// First day (YYYY-MM-DD or DD.MM.YYYY) of events to include.
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// Last day of events to include.
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// md (summary sentences and tables) or json (stable schema, see the README)
        #[arg(long, default_value = "md", value_parser = ["md", "json"])]
        format: String,
        /// Write to this file (atomically) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Export the records as CSV (a folder of tables, or one table) or JSON.
    Export {
        /// csv, json, xlsx or html
        #[arg(long, value_parser = ["csv", "json", "xlsx", "html"])]
        format: String,
        /// Where to write: a new folder for CSV (a file with --table), a file for JSON.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
        /// One event (its id).
        #[arg(long, conflicts_with_all = ["from", "to"])]
        event: Option<String>,
        /// First day of events to include.
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// Last day of events to include.
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// Leave out names, documents, phones, exact birth dates and free text.
        #[arg(long)]
        anonymize: bool,
        /// With --anonymize: the smallest group of persons a published combination of
        /// region, city, sex, age band and event may describe (default: the config's
        /// anonymity_k, 5).
        #[arg(long, value_name = "N")]
        k: Option<u32>,
        /// html: the per-record tables too (without it the page is the printable report).
        #[arg(long)]
        with_records: bool,
        /// CSV: only this table (persons, visits, consultations, appeals, appeal_members).
        #[arg(long)]
        table: Option<String>,
        /// CSV field separator; `;` for locales where Excel expects it.
        #[arg(long, default_value = ",")]
        delimiter: char,
    },
    /// Import a visits register from CSV (the export's layout and the usual variants).
    Import {
        /// A CSV visits table, or the folder of a whole CSV export (every table).
        #[arg(long, value_name = "PATH")]
        csv: PathBuf,
        /// Check and show what would be created; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a backup of the store to one file (works while the app is open on it).
    Backup {
        /// The backup file to write (e.g. on a USB stick).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Rebuild a store from a backup into a new (absent or empty) --data-dir.
    Restore {
        /// A backup written by `kezek backup`.
        file: PathBuf,
    },
    /// Confirms arrivals one by one through the store's save, printing each visit's id once
    /// its save has returned: the crash tests SIGKILL it at random moments.
    #[command(hide = true)]
    ConfirmLoop {
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Fill an empty store with a made-up, realistic population (same seed, same data).
    Demo {
        /// Number of persons (about 3% of them planted duplicates of others).
        #[arg(long, default_value_t = 2000)]
        persons: usize,
        /// Number of reception events.
        #[arg(long, default_value_t = 12)]
        events: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum BundleAction {
    /// Write what another desk lacks (or everything) to one bundle file.
    Export {
        /// The bundle file, or a folder (a USB stick's) for a file named by this desk.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
        /// Leave out what this desk (its id, as `kezek bundle desks` prints it) is known
        /// to hold from the bundles it sent here.
        #[arg(long = "for", value_name = "DESK", conflicts_with = "all")]
        for_desk: Option<String>,
        /// Every op this desk holds (the default).
        #[arg(long)]
        all: bool,
    },
    /// Merge a bundle, or a folder of bundles (this desk's own there are passed over).
    Import {
        /// A bundle file or a folder of them.
        path: PathBuf,
        /// Show what would be merged; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// This desk's id, and the desks whose records it holds.
    Desks,
    /// Records two desks changed from the same version: the one shown and the other kept.
    Conflicts,
    /// Settles a conflict: keep the version shown, or take the other (a new version either
    /// way, merged to the other desks like any edit).
    Resolve {
        /// The record's id, as `kezek bundle conflicts` prints it.
        id: String,
        /// shown or other
        #[arg(long, value_parser = ["shown", "other"])]
        keep: String,
    },
}

/// The exit code when another kezek holds the store: EX_TEMPFAIL, "try again later", so a
/// script can tell it from a failure.
pub const EXIT_IN_USE: u8 = 75;

/// Says, in the chosen language, that the store is open in kezek on this desk and how to
/// get the same from the app (`command`: which subcommand; `None`: the app itself). Any
/// other error is handed back as it is.
pub fn explain_in_use(e: color_eyre::Report, command: Option<&Command>) -> Result<ExitCode> {
    let Some(in_use) = e.downcast_ref::<crate::session::StoreInUse>() else {
        return Err(e);
    };
    let i18n = crate::i18n::I18n::new(&in_use.lang);
    let hint = match command {
        None => "cli-in-use-app",
        Some(Command::Report { .. }) => "cli-in-use-report",
        Some(Command::Export { .. }) => "cli-in-use-export",
        Some(Command::Find { .. }) => "cli-in-use-find",
        Some(Command::Slip { .. }) => "cli-in-use-slip",
        Some(Command::Check { .. }) => "cli-in-use-check",
        Some(Command::Import { .. }) => "cli-in-use-import",
        Some(Command::Demo { .. }) => "cli-in-use-demo",
        // A backup needs no lock; a restore goes into a new directory; the crash loop is
        // for tests: close the app first, as for check.
        Some(Command::Backup { .. } | Command::Restore { .. } | Command::ConfirmLoop { .. }) => {
            "cli-in-use-check"
        }
        // The same list is on the app's conflicts screen.
        Some(Command::Bundle {
            action: BundleAction::Conflicts | BundleAction::Resolve { .. },
        }) => "cli-in-use-conflicts",
        Some(Command::Bundle { .. }) => "cli-in-use-bundle",
    };
    let said = i18n.t_args(
        "cli-in-use",
        &[("dir", in_use.dir.display().to_string().into())],
    );
    eprintln!("kezek: {said}\n{}", i18n.t(hint));
    Ok(ExitCode::from(EXIT_IN_USE))
}

pub fn run(cli: &Cli, command: &Command) -> Result<ExitCode> {
    match command {
        Command::Check {
            rebuild,
            salvage,
            compact,
            hash,
        } => check(cli, *rebuild, *salvage, *compact, *hash),
        Command::Bundle { action } => bundle::run(cli, action),
        Command::Find { query, limit, json } => find(cli, query, *limit, *json),
        Command::Import { csv, dry_run } => import(cli, csv, *dry_run),
        Command::Export {
            format,
            output,
            event,
            from,
            to,
            anonymize,
            k,
            with_records,
            table,
            delimiter,
        } => export(
            cli,
            ExportArgs {
                format,
                output,
                event: event.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                anonymize: *anonymize,
                k: *k,
                with_records: *with_records,
                table: table.as_deref(),
                delimiter: *delimiter,
            },
        ),
        Command::Report {
            event,
            from,
            to,
            format,
            output,
        } => report(
            cli,
            ReportArgs {
                event: event.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                json: format == "json",
                lang: cli.lang.as_deref(),
                output: output.as_deref(),
            },
        ),
        Command::Demo {
            persons,
            events,
            seed,
        } => demo(cli, *persons, *events, *seed),
        Command::ConfirmLoop { count } => confirm_loop(cli, *count),
        Command::Backup { output } => backup(cli, output),
        Command::Restore { file } => restore(cli, file),
        Command::Slip {
            visit,
            output,
            format,
        } => slip(
            cli,
            visit,
            cli.lang.as_deref(),
            output.as_deref(),
            format.as_deref(),
        ),
    }
}

/// The data directory as configured, without creating it or opening the store.
pub(super) fn data_dir_of(cli: &Cli) -> Result<(crate::config::Config, PathBuf)> {
    let (mut config, _) = crate::config::Config::load(cli.config.as_deref())?;
    if let Some(lang) = &cli.lang {
        config.language = lang.clone();
    }
    let dir =
        crate::config::resolve_data_dir(cli.data_dir.as_deref(), &config).ok_or_else(|| {
            color_eyre::eyre::eyre!("no data directory: give --data-dir DIR or set KEZEK_DATA_DIR")
        })?;
    Ok((config, dir))
}
