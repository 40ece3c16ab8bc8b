//! `kezek import`: the register or export folder checked, confirmed and written, stoppable by Ctrl+C.

use super::*;

pub(super) fn import(cli: &Cli, file: &std::path::Path, dry_run: bool) -> Result<ExitCode> {
    use color_eyre::eyre::eyre;
    let session = Session::open_for_import(&cli.opening()).map_err(|e| disk_full(cli, e))?;
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
    let result = crate::bulk::import::import_at(
        &session.store,
        &session.taxonomy,
        file,
        dry_run,
        offset,
        &session.config.officer_name(),
        &mut progress,
    );
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
                    // A header the file invented is quoted as it is: escaped, never played.
                    let column = crate::domain::validate::escape_unprintable(&e.column);
                    let column = i18n.t_args("cli-import-column", &[("column", column.into())]);
                    format!(", {column}")
                };
                let line = i18n.t_args("cli-import-line", &[("line", e.line.to_string().into())]);
                eprintln!("{where_}: {line}{column}{value}: {}", i18n.t(e.msg));
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
        Err(crate::bulk::import::ImportError::Store(e)) if e.is_disk_full() => {
            // The batch was refused whole and the journal cut back to where it was.
            eprintln!("kezek: {}: {e}", file.display());
            eprintln!("{}", i18n.t("cli-import-disk-full"));
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(eyre!("{}: {e}", file.display())),
    };
    let behind = !dry_run && session.store.view_behind();
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
    if behind {
        // In the journal, so imported (a second import creates nothing): only the view
        // waits for room, as a bundle's merge does.
        eprintln!("kezek: {}", i18n.t("cli-import-view-behind"));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// A store that cannot be opened for want of room (its view cannot be rebuilt or brought
/// up to date): said with what it means for the import.
fn disk_full(cli: &Cli, e: color_eyre::Report) -> color_eyre::Report {
    let full = e
        .downcast_ref::<crate::store::StoreError>()
        .is_some_and(|s| s.is_disk_full());
    if !full {
        return e;
    }
    let lang = data_dir_of(cli).map_or_else(|_| "en".to_string(), |(c, _)| c.language);
    let i18n = crate::i18n::I18n::new(&lang);
    color_eyre::eyre::eyre!("{e}\n{}", i18n.t("cli-import-disk-full-open"))
}

/// Set when Ctrl+C (SIGINT) arrives during a long CLI run, so it can stop cleanly instead of
/// dying mid-file. Watched by a small thread with its own tokio runtime.
pub(super) fn interrupt_flag() -> &'static std::sync::atomic::AtomicBool {
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

pub(super) fn confirm_loop(cli: &Cli, count: usize) -> Result<ExitCode> {
    use crate::domain::{Arrival, EventFields, Lang, PersonFields, PersonPick, Sex};
    use std::io::Write;
    let session = Session::open(&cli.opening())?;
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
