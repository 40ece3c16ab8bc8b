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
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
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
        Command::Check { rebuild, salvage } => check(cli, *rebuild, *salvage),
        Command::Find { query, limit, json } => find(cli, query, *limit, *json),
        Command::Import { csv, dry_run } => import(cli, csv, *dry_run),
        Command::Export {
            format,
            output,
            event,
            from,
            to,
            anonymize,
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

fn check(cli: &Cli, rebuild: bool, salvage: bool) -> Result<ExitCode> {
    use crate::store::recover;
    if salvage || rebuild {
        let (config, dir) = Session::prepare(cli)?;
        let opts = crate::store::StoreOptions {
            cache_capacity: config.cache_capacity_mb.saturating_mul(1024 * 1024),
        };
        if salvage {
            let r = recover::salvage(&dir, &opts)?;
            println!("salvaged {}", dir.display());
            println!(
                "  {} ops from intact journal records; {} bytes were damaged or unfinished",
                r.intact_ops, r.damaged_bytes
            );
            if r.view_unreadable {
                println!(
                    "  the database could not be read: only the journal's intact records were used"
                );
            } else {
                println!(
                    "  {} records put back as the database held them, {} taken out again, {} unreadable left out",
                    r.restored, r.forgotten, r.unreadable_view_records
                );
            }
            for p in [&r.journal_aside, &r.view_aside].into_iter().flatten() {
                println!("  kept: {}", p.display());
            }
        } else if let Some(aside) = recover::rebuild_view(&dir)? {
            println!("the old database was moved to {}", aside.display());
        }
    }
    let session = Session::open(cli)?;
    let store = &session.store;
    println!("store: {}", store.dir().display());
    if rebuild {
        println!("rebuilt the database from the journal");
    }
    let r = store.verify()?;
    println!("journal: {} ops, {} bytes", r.journal_ops, r.journal_bytes);
    let c = &r.counts;
    println!(
        "records: {}, {}, {}, {}, {} ({})",
        counted(c.events, "event"),
        counted(c.persons, "person"),
        counted(c.visits, "visit"),
        counted(c.consultations, "consultation"),
        counted(c.appeals, "appeal"),
        counted(c.members, "member")
    );
    if let Some(d) = &r.damage {
        println!("DAMAGED: {d}");
        println!(
            "nothing was changed. Run `kezek check --salvage` to recover every intact record and what the database holds (the old files are kept beside the new ones)"
        );
        return Ok(ExitCode::FAILURE);
    }
    if r.is_consistent() {
        println!("index: consistent");
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "index: {} missing and {} stale keys, {} unreadable ops; database applied up to byte {} of {}",
            r.missing_index_keys,
            r.stale_index_keys,
            r.unreadable_ops,
            r.applied_offset,
            r.journal_bytes
        );
        println!(
            "run `kezek check --rebuild` to rebuild the database from the journal (the old one is moved aside)"
        );
        Ok(ExitCode::FAILURE)
    }
}

fn find(cli: &Cli, query: &str, limit: usize, json: bool) -> Result<ExitCode> {
    let session = Session::open(cli)?;
    let found = session.store.find_persons(query, limit)?;
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    for (p, score) in &found {
        let f = &p.fields;
        if json {
            let v = serde_json::json!({
                "id": p.meta.id.to_string(),
                "score": score,
                "surname": f.surname,
                "given_name": f.given_name,
                "patronymic": f.patronymic,
                "birth_date": f.birth_date.map(|d| d.to_string()),
                "document": f.document,
                "phone": f.phone,
                "region": f.region.map(|r| r.code()),
            });
            writeln!(out, "{v}")?;
        } else {
            let details: Vec<String> = [
                f.birth_date.map(|d| d.to_string()),
                f.document.clone(),
                f.phone.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            writeln!(
                out,
                "{}\t{}\t{}\t{score}",
                p.meta.id,
                f.full_name(),
                details.join(" · ")
            )?;
        }
    }
    if found.is_empty() && !json {
        eprintln!("nobody found for {query:?}");
    }
    Ok(ExitCode::SUCCESS)
}

fn demo(cli: &Cli, persons: usize, events: usize, seed: u64) -> Result<ExitCode> {
    let session = Session::open(cli)?;
    let opts = crate::bulk::demo::DemoOptions {
        persons,
        events,
        seed,
        ..Default::default()
    };
    let style = indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {eta}")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    let bar = indicatif::ProgressBar::new(persons as u64).with_style(style);
    bar.set_message("persons");
    let started = std::time::Instant::now();
    let dir = session.store.dir().to_path_buf();
    let store = std::sync::Arc::try_unwrap(session.store)
        .map_err(|_| color_eyre::eyre::eyre!("the store is shared; the demo needs it alone"))?;
    let report = crate::bulk::demo::fill_new(
        store,
        &session.taxonomy,
        &opts,
        &session.store_options,
        &mut |stage, done, total| {
            let msg = match stage {
                crate::bulk::demo::Stage::Persons => "persons",
                crate::bulk::demo::Stage::Events => "events",
            };
            if bar.message() != msg {
                bar.set_message(msg);
                bar.set_position(0);
            }
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    )?;
    bar.finish_and_clear();
    println!(
        "demo store in {} ({:.1} s): {} persons ({} planted duplicates), {} events, {} visits, \
         {} consultations, {} collective appeals with {} members",
        dir.display(),
        started.elapsed().as_secs_f64(),
        report.persons,
        report.planted_duplicates,
        report.events,
        report.visits,
        report.consultations,
        report.appeals,
        report.members
    );
    Ok(ExitCode::SUCCESS)
}

struct ReportArgs<'a> {
    event: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    json: bool,
    lang: Option<&'a str>,
    output: Option<&'a std::path::Path>,
}

/// The period asked for on the command line, checked against the store.
fn period(
    store: &crate::store::Store,
    event: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    i18n: &crate::i18n::I18n,
) -> Result<(
    crate::domain::report::Period,
    crate::export::report::PeriodInfo,
)> {
    use crate::domain::report::Period;
    use crate::export::report::PeriodInfo;
    use color_eyre::eyre::eyre;
    let date = |s: &str| {
        crate::domain::validate::parse_date(s)
            .map_err(|_| eyre!("{s:?} is not a date (YYYY-MM-DD or DD.MM.YYYY)"))
    };
    Ok(match (event, from, to) {
        (Some(e), _, _) => {
            let id: crate::domain::Id = e.parse().map_err(|err| eyre!("{e:?}: {err}"))?;
            let ev = store.event(id)?.ok_or_else(|| {
                eyre!("no event with id {id}; `kezek export --table events` lists them")
            })?;
            let label = format!(
                "{} · {} · {}",
                ev.fields.date, ev.fields.city, ev.fields.venue
            );
            (
                Period::Event(id),
                PeriodInfo {
                    kind: "event",
                    event: Some(id.to_string()),
                    from: None,
                    to: None,
                    label,
                },
            )
        }
        (None, Some(f), Some(t)) => {
            let (from, to) = (date(f)?, date(t)?);
            if from > to {
                return Err(eyre!("--from {from} is after --to {to}"));
            }
            (
                Period::Dates { from, to },
                PeriodInfo {
                    kind: "dates",
                    event: None,
                    from: Some(from.to_string()),
                    to: Some(to.to_string()),
                    label: format!("{from} – {to}"),
                },
            )
        }
        _ => (
            Period::All,
            PeriodInfo {
                kind: "all",
                event: None,
                from: None,
                to: None,
                label: i18n.t("report-all"),
            },
        ),
    })
}

fn report(cli: &Cli, a: ReportArgs) -> Result<ExitCode> {
    let session = Session::open_for_scan(cli)?;
    let lang_code = a.lang.unwrap_or(session.config.language.as_str());
    let lang = crate::domain::Lang::from_code(lang_code).unwrap_or_default();
    let i18n = crate::i18n::I18n::new(lang_code);
    let store = &session.store;
    let (period, info) = period(store, a.event, a.from, a.to, &i18n)?;
    let t = std::time::Instant::now();
    let today = chrono::Local::now().date_naive();
    let offset = chrono::Local::now().offset().local_minus_utc() / 60;
    let tally = store.tally(&period, today, offset)?;
    let report = crate::domain::report::Report::from_tally(&tally)?;
    tracing::info!(ms = t.elapsed().as_millis() as u64, "report computed");
    let labels = crate::export::report::Labels {
        tax: &session.taxonomy,
        i18n: &i18n,
        lang,
    };
    let text = if a.json {
        crate::export::report::json(&report, &info, &labels)
    } else {
        crate::export::report::markdown(&report, &info, &labels)
    };
    match a.output {
        Some(path) => {
            crate::session::write_atomically(path, text.as_bytes())?;
            eprintln!(
                "{}",
                i18n.t_args(
                    "cli-written",
                    &[("path", path.display().to_string().into())]
                )
            );
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

struct ExportArgs<'a> {
    format: &'a str,
    output: &'a std::path::Path,
    event: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    anonymize: bool,
    table: Option<&'a str>,
    delimiter: char,
}

fn export(cli: &Cli, a: ExportArgs) -> Result<ExitCode> {
    use color_eyre::eyre::eyre;
    if !a.delimiter.is_ascii() || a.delimiter.is_ascii_alphanumeric() || a.delimiter == '"' {
        return Err(eyre!(
            "--delimiter must be one punctuation character such as , or ;"
        ));
    }
    if a.table.is_some() && a.format != "csv" {
        return Err(eyre!("--table is for --format csv"));
    }
    let session = Session::open_for_scan(cli)?;
    let i18n = crate::i18n::I18n::new(&session.config.language);
    let store = &session.store;
    let (period, info) = period(store, a.event, a.from, a.to, &i18n)?;
    let format = crate::export::run::Format::from_code(a.format)
        .ok_or_else(|| eyre!("unknown format {:?}", a.format))?;
    let spec = crate::export::run::Spec {
        format,
        period,
        info,
        anonymize: a.anonymize,
        table: a.table,
        delimiter: a.delimiter as u8,
        offset_min: chrono::Local::now().offset().local_minus_utc() / 60,
        today: chrono::Local::now().date_naive(),
        output: a.output,
    };
    let bar = indicatif::ProgressBar::new_spinner().with_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    // Ctrl+C stops the export at its next row; what it wrote under temporary names goes.
    let cancel = interrupt_flag();
    let mut show = |stage: &str, rows: u64| {
        bar.set_message(i18n.t_args(
            "export-progress",
            &[("stage", stage.into()), ("rows", rows.into())],
        ))
    };
    let mut ctl = crate::export::control::Control::new(cancel, &mut show);
    let result = crate::export::run::run(store, &session.taxonomy, &spec, &i18n, &mut ctl);
    bar.finish_and_clear();
    let counts = match result {
        Err(crate::export::files::ExportError::Cancelled) => {
            eprintln!("{}", i18n.t("cli-export-cancelled"));
            return Ok(ExitCode::from(130));
        }
        r => r?,
    };
    if a.anonymize {
        eprintln!("{}", crate::export::anonymized_note(&i18n));
    }
    let counts: Vec<String> = counts
        .iter()
        .map(|(t, n)| crate::export::columns::table_count(t, *n as u64, &i18n))
        .collect();
    eprintln!(
        "{}",
        i18n.t_args(
            "cli-exported",
            &[
                ("counts", counts.join(", ").into()),
                ("path", a.output.display().to_string().into()),
            ],
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn import(cli: &Cli, file: &std::path::Path, dry_run: bool) -> Result<ExitCode> {
    use color_eyre::eyre::eyre;
    let session = Session::open(cli)?;
    // A bulk write goes after every journal frame is known intact: damage is then found
    // before, not after, thousands of records are added on top of it.
    if !dry_run && let Some(d) = session.store.verify_journal()? {
        return Err(crate::store::StoreError::Damaged(d).into());
    }
    let i18n = crate::i18n::I18n::new(&session.config.language);
    let offset = chrono::Local::now().offset().local_minus_utc() / 60;
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("checking [{bar:40}] {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Ctrl+C stops the import while rows are checked; once the bulk write has begun it
    // finishes (the handler keeps the process alive), so nothing is ever half imported.
    let cancel = interrupt_flag();
    let mut progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        !cancel.load(std::sync::atomic::Ordering::Relaxed)
    };
    // A folder is a whole CSV export (every table); a file is a visits table.
    let result = if file.is_dir() {
        crate::bulk::import::import_folder(
            &session.store,
            &session.taxonomy,
            file,
            dry_run,
            offset,
            &session.config.officer_name(),
            &mut progress,
        )
    } else {
        let bytes =
            std::fs::read(file).map_err(|e| eyre!("cannot read {}: {e}", file.display()))?;
        crate::bulk::import::import_csv(
            &session.store,
            &bytes,
            dry_run,
            offset,
            &session.config.officer_name(),
            &mut progress,
        )
    };
    bar.finish_and_clear();
    let report = match result {
        Ok(r) => r,
        Err(crate::bulk::import::ImportError::Cancelled) => {
            eprintln!("{}", i18n.t("cli-import-cancelled"));
            return Ok(ExitCode::from(130));
        }
        Err(crate::bulk::import::ImportError::Rows(errors)) => {
            for e in errors.iter().take(50) {
                let value = if e.value.is_empty() {
                    String::new()
                } else {
                    format!(" ({:?})", e.value)
                };
                let where_ = if e.file.is_empty() {
                    file.display().to_string()
                } else {
                    file.join(e.file).display().to_string()
                };
                let column = if e.column.is_empty() {
                    String::new()
                } else {
                    format!(", column {}", e.column)
                };
                eprintln!(
                    "{where_}: line {}{column}{value}: {}",
                    e.line,
                    i18n.t(e.msg)
                );
            }
            if errors.len() > 50 {
                eprintln!(
                    "{}",
                    i18n.t_args("cli-import-more", &[("count", (errors.len() - 50).into())])
                );
            }
            eprintln!("{}", i18n.t("cli-import-nothing"));
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(eyre!("{}: {e}", file.display())),
    };
    let (main, more) = if dry_run {
        ("cli-import-would", "cli-import-would-more")
    } else {
        ("cli-import-created", "cli-import-created-more")
    };
    println!(
        "{}",
        i18n.t_args(
            main,
            &[
                ("rows", report.rows.into()),
                ("events", report.new_events.into()),
                ("persons", report.new_persons.into()),
                ("visits", report.new_visits.into()),
                ("matched", report.matched_persons.into()),
                ("already", report.already_there.into()),
            ],
        )
    );
    if report.matched_by_slot > 0 {
        println!(
            "{}",
            i18n.t_args(
                "cli-import-by-slot",
                &[("count", report.matched_by_slot.into())]
            )
        );
    }
    if file.is_dir() {
        println!(
            "{}",
            i18n.t_args(
                more,
                &[
                    ("consultations", report.new_consultations.into()),
                    ("appeals", report.new_appeals.into()),
                    ("members", report.new_members.into()),
                ],
            )
        );
    }
    if dry_run {
        for (line, name) in report.matches.iter().take(100) {
            println!(
                "{}",
                i18n.t_args(
                    "cli-import-on-record",
                    &[("line", (*line).into()), ("name", name.as_str().into())],
                )
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Set when Ctrl+C (SIGINT) arrives during a long CLI run, so it can stop cleanly instead of
/// dying mid-file. Watched by a small thread with its own tokio runtime.
fn interrupt_flag() -> &'static std::sync::atomic::AtomicBool {
    static FLAG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    static WATCH: std::sync::Once = std::sync::Once::new();
    WATCH.call_once(|| {
        let spawned = std::thread::Builder::new().name("ctrl-c".into()).spawn(|| {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
            else {
                return;
            };
            if rt.block_on(tokio::signal::ctrl_c()).is_ok() {
                FLAG.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "Ctrl+C will not stop exports cleanly");
        }
    });
    &FLAG
}

fn confirm_loop(cli: &Cli, count: usize) -> Result<ExitCode> {
    use crate::domain::{Arrival, EventFields, Lang, PersonFields, PersonPick, Sex};
    use std::io::Write;
    let session = Session::open(cli)?;
    let store = &session.store;
    let event = match store.events()?.first() {
        Some(e) => e.meta.id,
        None => {
            let fields = EventFields {
                date: store.now().date_naive(),
                city: "Москва".into(),
                venue: "crash test".into(),
                hosts: Vec::new(),
                utc_offset_min: 180,
            };
            store.create_event(fields, "crash")?.meta.id
        }
    };
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let person = PersonFields {
            surname: format!("Тест{i}"),
            given_name: "Бакыт".into(),
            patronymic: String::new(),
            birth_date: None,
            sex: Sex::Male,
            document: None,
            phone: None,
            region: None,
            city: String::new(),
        };
        let entry = store.add_arrival(
            Arrival {
                event,
                person: PersonPick::New(person),
                purpose: "crash test".into(),
                desk_name: "1".into(),
                language: Lang::Ru,
            },
            "crash",
        )?;
        writeln!(out, "{}", entry.visit.meta.id)?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The data directory as configured, without creating it or opening the store.
fn data_dir_of(cli: &Cli) -> Result<(crate::config::Config, PathBuf)> {
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

fn backup(cli: &Cli, output: &std::path::Path) -> Result<ExitCode> {
    let (_, dir) = data_dir_of(cli)?;
    let started = std::time::Instant::now();
    let info = crate::store::backup::write_backup(&dir, output)?;
    println!(
        "backup written to {}: {} ops, {} bytes ({:.1} s)",
        output.display(),
        info.ops,
        info.file_bytes,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn restore(cli: &Cli, file: &std::path::Path) -> Result<ExitCode> {
    let (config, dir) = data_dir_of(cli)?;
    let opts = crate::store::StoreOptions {
        cache_capacity: config.cache_capacity_mb.saturating_mul(1024 * 1024),
    };
    let started = std::time::Instant::now();
    let info = crate::store::backup::restore(file, &dir, &opts)?;
    println!(
        "restored {} ops into {} ({:.1} s); kezek check passes",
        info.ops,
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// "1 appeal", "2 appeals": the English of the diagnostic commands.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
