//! Commands on the store as a whole: check (and its repairs), demo fill, backup, restore.

use super::*;
use crate::i18n::Arg;

pub(super) fn check(
    cli: &Cli,
    rebuild: bool,
    salvage: bool,
    compact: bool,
    hash: bool,
) -> Result<ExitCode> {
    use crate::store::recover;
    if salvage || rebuild || compact {
        let (config, dir) = Session::prepare(&cli.opening())?;
        let i18n = crate::i18n::I18n::new(&config.language);
        let opts = crate::store::StoreOptions {
            cache_capacity: config.cache_capacity_mb.saturating_mul(1024 * 1024),
            ..Default::default()
        };
        let path = |p: &std::path::Path| -> Arg { p.display().to_string().into() };
        if salvage {
            let r = recover::salvage(&dir, &opts)?;
            println!("{}", i18n.t_args("cli-salvaged", &[("dir", path(&dir))]));
            let ops = [
                ("ops", r.intact_ops.into()),
                ("bytes", r.damaged_bytes.into()),
            ];
            println!("{}", i18n.t_args("cli-salvage-ops", &ops));
            if r.view_unreadable {
                println!("{}", i18n.t("cli-salvage-unreadable-view"));
            } else {
                let counts = [
                    ("restored", r.restored.into()),
                    ("forgotten", r.forgotten.into()),
                    ("unreadable", r.unreadable_view_records.into()),
                ];
                println!("{}", i18n.t_args("cli-salvage-restored", &counts));
            }
            for p in [&r.journal_aside, &r.view_aside].into_iter().flatten() {
                println!("{}", i18n.t_args("cli-salvage-kept", &[("path", path(p))]));
            }
        } else if compact {
            let c = crate::store::compact::compact_view(&dir, &opts)?;
            let mb = |b: u64| -> Arg { (b.div_ceil(1024 * 1024)).into() };
            let said = [
                ("before", mb(c.bytes_before)),
                ("after", mb(c.bytes_after)),
                ("entries", c.entries.into()),
            ];
            println!("{}", i18n.t_args("cli-compacted", &said));
        } else if let Some(aside) = recover::rebuild_view(&dir)? {
            println!(
                "{}",
                i18n.t_args("cli-rebuild-moved", &[("path", path(&aside))])
            );
        }
    }
    // One pass over the journal and the view: sled's cache cannot help it, and at the
    // default 32 MB the 100,000-person check peaked at 187 MB against 135 MB with this.
    let session = Session::open_for_scan(&cli.opening())?;
    let i18n = crate::i18n::I18n::new(&session.config.language);
    let store = &session.store;
    let dir: Arg = store.dir().display().to_string().into();
    println!("{}", i18n.t_args("cli-check-store", &[("dir", dir)]));
    if rebuild {
        println!("{}", i18n.t("cli-check-rebuilt"));
    }
    let r = store.verify()?;
    let journal = [
        ("ops", r.journal_ops.into()),
        ("bytes", r.journal_bytes.into()),
    ];
    println!("{}", i18n.t_args("cli-check-journal", &journal));
    let c = &r.counts;
    let counts = [
        ("events", c.events.into()),
        ("persons", c.persons.into()),
        ("visits", c.visits.into()),
        ("consultations", c.consultations.into()),
        ("appeals", c.appeals.into()),
        ("members", c.members.into()),
    ];
    println!("{}", i18n.t_args("cli-check-records", &counts));
    if hash {
        let hash = [("hash", store.view_hash()?.into())];
        println!("{}", i18n.t_args("cli-check-hash", &hash));
    }
    if let Some(d) = &r.damage {
        let damage = [("damage", d.to_string().into())];
        println!("{}", i18n.t_args("cli-check-damaged", &damage));
        println!("{}", i18n.t("cli-check-damaged-hint"));
        return Ok(ExitCode::FAILURE);
    }
    if r.is_consistent() {
        println!("{}", i18n.t("cli-check-consistent"));
        Ok(ExitCode::SUCCESS)
    } else {
        let index = [
            ("missing", r.missing_index_keys.into()),
            ("stale", r.stale_index_keys.into()),
            ("unreadable", r.unreadable_ops.into()),
            ("applied", r.applied_offset.into()),
            ("bytes", r.journal_bytes.into()),
        ];
        println!("{}", i18n.t_args("cli-check-index", &index));
        println!("{}", i18n.t("cli-check-rebuild-hint"));
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
                crate::bulk::demo::Stage::Compact => "compacting",
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
    let i18n = crate::i18n::I18n::new(&session.config.language);
    println!(
        "{}",
        i18n.t_args(
            "cli-demo-done",
            &[
                ("dir", dir.display().to_string().into()),
                ("seconds", seconds(started, &i18n).into()),
                ("persons", report.persons.into()),
                ("planted", report.planted_duplicates.into()),
                ("events", report.events.into()),
                ("visits", report.visits.into()),
                ("consultations", report.consultations.into()),
                ("appeals", report.appeals.into()),
                ("members", report.members.into()),
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn backup(cli: &Cli, output: &std::path::Path) -> Result<ExitCode> {
    let (config, dir) = data_dir_of(cli)?;
    let started = std::time::Instant::now();
    let info = crate::store::backup::write_backup(&dir, output)?;
    let i18n = crate::i18n::I18n::new(&config.language);
    println!(
        "{}",
        i18n.t_args(
            "cli-backup-done",
            &[
                ("path", output.display().to_string().into()),
                ("ops", info.ops.into()),
                ("bytes", info.file_bytes.into()),
                ("seconds", seconds(started, &i18n).into()),
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn restore(cli: &Cli, file: &std::path::Path) -> Result<ExitCode> {
    let (config, dir) = data_dir_of(cli)?;
    let opts = crate::store::StoreOptions {
        cache_capacity: config.cache_capacity_mb.saturating_mul(1024 * 1024),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let info = crate::store::backup::restore(file, &dir, &opts)?;
    let i18n = crate::i18n::I18n::new(&config.language);
    println!(
        "{}",
        i18n.t_args(
            "cli-restore-done",
            &[
                ("ops", info.ops.into()),
                ("dir", dir.display().to_string().into()),
                ("seconds", seconds(started, &i18n).into()),
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// Seconds since `started` to a tenth, with the language's decimal mark (`0,4` in Russian).
pub(super) fn seconds(started: std::time::Instant, i18n: &crate::i18n::I18n) -> String {
    let s = format!("{:.1}", started.elapsed().as_secs_f64());
    if i18n.lang() == "en" {
        s
    } else {
        s.replace('.', ",")
    }
}
