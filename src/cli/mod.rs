//! Command line: global options, and the headless subcommands. Never draws a screen.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use color_eyre::Result;

use crate::session::Session;

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

    /// Draw the first frame and exit (for start-up benchmarks).
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Verify the store: journal readable end to end, index matching the records.
    Check {
        /// Rebuild the database from the journal first.
        #[arg(long)]
        rebuild: bool,
    },
    /// Write the consultation slip for a visit (this citizen's data only).
    Slip {
        /// The visit's id (shown on the person card and in exports).
        visit: String,
        /// Language of the slip [default: the visit's language of service]
        #[arg(long, value_parser = ["ky", "ru", "en"])]
        lang: Option<String>,
        /// Output file; `.html` gives a printable page. Without it the text goes to stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// text or html [default: from the file name, else text]
        #[arg(long, value_parser = ["text", "html"])]
        format: Option<String>,
    },
}

pub fn run(cli: &Cli, command: &Command) -> Result<ExitCode> {
    match command {
        Command::Check { rebuild } => check(cli, *rebuild),
        Command::Slip {
            visit,
            lang,
            output,
            format,
        } => slip(
            cli,
            visit,
            lang.as_deref(),
            output.as_deref(),
            format.as_deref(),
        ),
    }
}

fn slip(
    cli: &Cli,
    visit: &str,
    lang: Option<&str>,
    output: Option<&std::path::Path>,
    format: Option<&str>,
) -> Result<ExitCode> {
    let id: crate::domain::Id = visit
        .parse()
        .map_err(|e| color_eyre::eyre::eyre!("{visit:?}: {e}"))?;
    let html = match format {
        Some(f) => f == "html",
        None => output.is_some_and(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        }),
    };
    let session = Session::open(cli)?;
    let lang = lang.and_then(crate::domain::Lang::from_code);
    let bytes = crate::session::slip_bytes(&session.store, &session.taxonomy, id, lang, html)?;
    match output {
        Some(path) => {
            crate::session::write_atomically(path, &bytes)?;
            eprintln!("slip written to {}", path.display());
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(cli: &Cli, rebuild: bool) -> Result<ExitCode> {
    let session = Session::open(cli)?;
    let store = &session.store;
    println!("store: {}", store.dir().display());
    if rebuild {
        let n = store.rebuild()?;
        store.flush()?;
        println!("rebuilt the database from {n} journal ops");
    }
    let r = store.verify()?;
    println!("journal: {} ops, {} bytes", r.journal_ops, r.journal_bytes);
    println!(
        "records: {} events, {} persons, {} visits, {} consultations, {} appeals ({} members)",
        r.counts.events,
        r.counts.persons,
        r.counts.visits,
        r.counts.consultations,
        r.counts.appeals,
        r.counts.members
    );
    if r.is_consistent() {
        println!("index: consistent");
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "index: {} missing and {} stale keys; database applied up to byte {} of {}",
            r.missing_index_keys, r.stale_index_keys, r.applied_offset, r.journal_bytes
        );
        println!("run `kezek check --rebuild` to rebuild the database from the journal");
        Ok(ExitCode::FAILURE)
    }
}
