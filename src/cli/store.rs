//! Commands on the store as a whole: check (and its repairs), demo fill, backup, restore.

use super::*;

pub(super) fn check(cli: &Cli, rebuild: bool, salvage: bool) -> Result<ExitCode> {
    use crate::store::recover;
    if salvage || rebuild {
        let (config, dir) = Session::prepare(&cli.opening())?;
        let opts = crate::store::StoreOptions {
            cache_capacity: config.cache_capacity_mb.saturating_mul(1024 * 1024),
        };
        if salvage {
            let r = recover::salvage(&dir, &opts)?;
            println!("salvaged {}", dir.display());
            println!(
                "  {} from intact journal records; {} damaged or unfinished",
                counted(r.intact_ops as u64, "op"),
                counted(r.damaged_bytes, "byte")
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
    let session = Session::open(&cli.opening())?;
    let store = &session.store;
    println!("store: {}", store.dir().display());
    if rebuild {
        println!("rebuilt the database from the journal");
    }
    let r = store.verify()?;
    println!(
        "journal: {}, {}",
        counted(r.journal_ops as u64, "op"),
        counted(r.journal_bytes, "byte")
    );
    let c = &r.counts;
    println!(
        "records: {}, {}, {}, {}, {} ({})",
        counted(c.events as u64, "event"),
        counted(c.persons as u64, "person"),
        counted(c.visits as u64, "visit"),
        counted(c.consultations as u64, "consultation"),
        counted(c.appeals as u64, "appeal"),
        counted(c.members as u64, "member")
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

pub(super) fn demo(cli: &Cli, persons: usize, events: usize, seed: u64) -> Result<ExitCode> {
    let session = Session::open(&cli.opening())?;
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
        "demo store in {} ({:.1} s): {} ({}), {}, {}, {}, {} with {}",
        dir.display(),
        started.elapsed().as_secs_f64(),
        counted(report.persons as u64, "person"),
        counted(report.planted_duplicates as u64, "planted duplicate"),
        counted(report.events as u64, "event"),
        counted(report.visits as u64, "visit"),
        counted(report.consultations as u64, "consultation"),
        counted(report.appeals as u64, "collective appeal"),
        counted(report.members as u64, "member")
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn backup(cli: &Cli, output: &std::path::Path) -> Result<ExitCode> {
    let (_, dir) = data_dir_of(cli)?;
    let started = std::time::Instant::now();
    let info = crate::store::backup::write_backup(&dir, output)?;
    println!(
        "backup written to {}: {}, {} ({:.1} s)",
        output.display(),
        counted(info.ops as u64, "op"),
        counted(info.file_bytes, "byte"),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn restore(cli: &Cli, file: &std::path::Path) -> Result<ExitCode> {
    let (config, dir) = data_dir_of(cli)?;
    let opts = crate::store::StoreOptions {
        cache_capacity: config.cache_capacity_mb.saturating_mul(1024 * 1024),
    };
    let started = std::time::Instant::now();
    let info = crate::store::backup::restore(file, &dir, &opts)?;
    println!(
        "restored {} into {} ({:.1} s); kezek check passes",
        counted(info.ops as u64, "op"),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
