//! `kezek bundle`: records handed between desks on a USB stick.

use super::*;
use crate::domain::DeskId;
use crate::i18n::{Arg, I18n};
use crate::store::bundle::{self, Kinds, MergeReport};

pub(super) fn run(cli: &Cli, action: &BundleAction) -> Result<ExitCode> {
    run_action(cli, action).map_err(|e| in_language(cli, e))
}

/// A refusal of a bundle in the desk's language (`--lang`, else the config), as the
/// commands' other lines are; any other error as it is.
fn in_language(cli: &Cli, e: color_eyre::Report) -> color_eyre::Report {
    let Some(crate::store::StoreError::Bundle(b)) = e.downcast_ref::<crate::store::StoreError>()
    else {
        return e;
    };
    let lang = data_dir_of(cli).map_or_else(|_| "en".to_string(), |(c, _)| c.language);
    color_eyre::eyre::eyre!("{}", bundle_message(&I18n::new(&lang), b))
}

/// `BundleError::message` translated, the kind of damage too.
pub(crate) fn bundle_message(i18n: &I18n, e: &crate::store::bundle::BundleError) -> String {
    let (id, args) = crate::session::bundle_said(e);
    i18n.t_args(id, &args)
}

fn run_action(cli: &Cli, action: &BundleAction) -> Result<ExitCode> {
    match action {
        BundleAction::Export {
            output,
            for_desk,
            all: _,
        } => export(cli, output, for_desk.as_deref()),
        BundleAction::Import { path, dry_run } => import(cli, path, *dry_run),
        BundleAction::Desks => desks(cli),
        BundleAction::Conflicts => conflicts(cli),
        BundleAction::Resolve { id, keep } => resolve(cli, id, keep == "other"),
    }
}

/// A desk id as `kezek bundle desks` prints it: 16 hex digits, with or without its
/// organisation code in front (`KG-EMB-MSK:1f2e3d4c5b6a7980`).
fn desk_arg(typed: &str, i18n: &I18n) -> Result<DeskId> {
    let whole = typed.trim();
    let typed = typed.trim();
    let typed = match typed.split_once(':') {
        Some((org, id))
            if crate::domain::desk::parse_organisation(org).is_ok_and(|o| !o.is_empty()) =>
        {
            id
        }
        _ => typed,
    };
    let hex = typed.len() == 16 && typed.chars().all(|c| c.is_ascii_hexdigit());
    hex.then(|| typed.parse().ok()).flatten().ok_or_else(|| {
        let said = [("typed", format!("{whole:?}").into())];
        color_eyre::eyre::eyre!("{}", i18n.t_args("cli-bundle-bad-desk", &said))
    })
}

/// Needs no lock, as a backup: it reads the journal's committed part while the app may
/// be appending.
fn export(cli: &Cli, output: &std::path::Path, for_desk: Option<&str>) -> Result<ExitCode> {
    let (config, dir) = data_dir_of(cli)?;
    if !dir.join(crate::store::JOURNAL_FILE).exists() {
        return Err(color_eyre::eyre::eyre!(
            "{}",
            I18n::new(&config.language)
                .t_args("cli-no-store", &[("dir", dir.display().to_string().into())])
        ));
    }
    let i18n = I18n::new(&config.language);
    let for_desk = for_desk.map(|d| desk_arg(d, &i18n)).transpose()?;
    let started = std::time::Instant::now();
    let skew = config.clock_skew_minutes.saturating_mul(60_000);
    let who = config.identity();
    let info = bundle::write_bundle_as(&dir, output, for_desk, skew, &who)?;
    let said = [
        ("path", info.path.display().to_string().into()),
        ("ops", info.ops.into()),
        ("bytes", info.bytes.into()),
        (
            "desk",
            crate::domain::desk::label(&who.organisation, info.source).into(),
        ),
        ("seconds", super::store::seconds(started, &i18n).into()),
    ];
    println!("{}", i18n.t_args("cli-bundle-written", &said));
    Ok(ExitCode::SUCCESS)
}

fn import(cli: &Cli, path: &std::path::Path, dry_run: bool) -> Result<ExitCode> {
    // A new laptop joining the hall starts from the other desks' bundles: as `import`,
    // this makes a store where there is none.
    // Every file is read and checked before the store is opened: a bad one makes no new
    // store in a mistyped --data-dir. A dry run needs a store to compare with.
    bundle::check_files(path)?;
    let session = Session::open(&if dry_run {
        cli.reading()
    } else {
        cli.opening()
    })?;
    // As an import: damage is found before a batch is added on top of it.
    if !dry_run && let Some(d) = session.store.verify_journal()? {
        return Err(crate::store::StoreError::Damaged(d).into());
    }
    let started = std::time::Instant::now();
    let report = session.store.merge_bundles(path, dry_run)?;
    let i18n = I18n::new(&session.config.language);
    print_report(&i18n, &report);
    if report.view_behind {
        eprintln!("kezek: {}", i18n.t("cli-bundle-view-behind"));
        return Ok(ExitCode::FAILURE);
    }
    if report.ops_new == 0 {
        println!("{}", i18n.t("cli-bundle-nothing"));
    } else if dry_run {
        println!("{}", i18n.t("cli-bundle-dry-run"));
    } else {
        let s = [("seconds", super::store::seconds(started, &i18n).into())];
        println!("{}", i18n.t_args("cli-bundle-merged", &s));
    }
    Ok(ExitCode::SUCCESS)
}

/// A new person beside the person on record they look like, and why.
fn look_alike_line(
    i18n: &I18n,
    new: &crate::domain::Person,
    on_record: &crate::domain::Person,
    why: crate::domain::search::Likeness,
) -> String {
    let why = match why {
        crate::domain::search::Likeness::SameDocument => "likeness-document",
        crate::domain::search::Likeness::SamePhone => "likeness-phone",
        crate::domain::search::Likeness::SameBirthDateSimilarName => "likeness-birth-name",
    };
    let name = |p: &crate::domain::Person| format!("{} {}", p.fields.surname, p.fields.given_name);
    let said = [
        ("new", name(new).into()),
        ("id", new.meta.id.to_string().into()),
        ("here", name(on_record).into()),
        ("here_id", on_record.meta.id.to_string().into()),
        ("why", i18n.t(why).into()),
    ];
    i18n.t_args("cli-bundle-look-alike", &said)
}

fn print_report(i18n: &I18n, r: &MergeReport) {
    for (path, desk, new) in &r.bundles {
        let label = r
            .cards
            .get(desk)
            .map_or_else(|| desk.to_string(), |c| c.label());
        let said = [
            ("path", path.display().to_string().into()),
            ("desk", label.into()),
            ("new", (*new).into()),
        ];
        println!("{}", i18n.t_args("cli-bundle-read", &said));
    }
    for path in &r.own {
        let said = [("path", path.display().to_string().into())];
        println!("{}", i18n.t_args("cli-bundle-own", &said));
    }
    for path in &r.not_for_us {
        let said = [("path", path.display().to_string().into())];
        println!("{}", i18n.t_args("cli-bundle-not-for-us", &said));
    }
    if r.own_recovered > 0 {
        let said = [("n", r.own_recovered.into())];
        println!("{}", i18n.t_args("cli-bundle-own-recovered", &said));
    }
    let said = [("new", r.ops_new.into()), ("known", r.ops_known.into())];
    println!("{}", i18n.t_args("cli-bundle-ops", &said));
    let rows: [(&str, Kinds); 6] = [
        ("cli-bundle-persons", r.persons),
        ("cli-bundle-visits", r.visits),
        ("cli-bundle-consultations", r.consultations),
        ("cli-bundle-appeals", r.appeals),
        ("cli-bundle-members", r.members),
        ("cli-bundle-events", r.events),
    ];
    for (id, k) in rows {
        if k.new + k.changed > 0 {
            let said: [(&str, Arg); 2] = [("new", k.new.into()), ("changed", k.changed.into())];
            println!("  {}", i18n.t_args(id, &said));
        }
    }
    if r.moves + r.merges > 0 {
        let said = [("moves", r.moves.into()), ("merges", r.merges.into())];
        println!("  {}", i18n.t_args("cli-bundle-moves", &said));
    }
    if r.look_alikes_total > 0 {
        let said = [("n", r.look_alikes_total.into())];
        println!("{}", i18n.t_args("cli-bundle-look-alikes", &said));
        for l in &r.look_alikes {
            println!("  {}", look_alike_line(i18n, &l.new, &l.on_record, l.why));
        }
        if r.look_alikes_total > r.look_alikes.len() {
            let said = [("n", (r.look_alikes_total - r.look_alikes.len()).into())];
            println!("  {}", i18n.t_args("cli-bundle-look-alikes-more", &said));
        }
    }
    if r.clock_suspect > 0 {
        let said = [("n", r.clock_suspect.into())];
        println!("{}", i18n.t_args("cli-bundle-clock-suspect", &said));
    }
    if r.conflicts > 0 {
        println!(
            "{}",
            i18n.t_args("cli-bundle-conflicts", &[("n", r.conflicts.into())])
        );
    }
}

fn desks(cli: &Cli) -> Result<ExitCode> {
    let (config, dir) = data_dir_of(cli)?;
    let i18n = I18n::new(&config.language);
    let this = bundle::desk_of(&dir)?;
    let own = crate::domain::desk::DeskCard::new(this, &config.identity());
    println!("{}", i18n.t_args("cli-bundle-this-desk", &card_args(&own)));
    let cards = bundle::cards::read_cards(&dir);
    for (desk, hlc) in bundle::seen_in(&dir)? {
        let at = chrono::DateTime::from_timestamp_millis((hlc >> 16) as i64)
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        let card = match cards.get(&desk) {
            _ if desk == this => own.clone(),
            Some(c) => c.clone(),
            None => crate::domain::desk::DeskCard::new(desk, &Default::default()),
        };
        let mut said = card_args(&card);
        said.push(("at", at.into()));
        println!("  {}", i18n.t_args("cli-bundle-desk-held", &said));
    }
    Ok(ExitCode::SUCCESS)
}

/// A desk as `kezek bundle desks` names it: its id with the organisation, its name and
/// the letter of its queue numbers (`-` for what it has not said).
fn card_args(card: &crate::domain::desk::DeskCard) -> Vec<(&'static str, Arg)> {
    let or_dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    vec![
        ("desk", card.label().into()),
        ("name", or_dash(&card.name).into()),
        ("letter", or_dash(&card.letter).into()),
    ]
}

fn conflicts(cli: &Cli) -> Result<ExitCode> {
    use crate::domain::card::HistoryEntry;
    let session = Session::open(&cli.reading())?;
    let i18n = I18n::new(&session.config.language);
    let lang = session.config.lang();
    let list = session.store.conflicts()?;
    if list.is_empty() {
        println!("{}", i18n.t("cli-conflicts-none"));
    }
    for c in &list {
        let what = match &c.shown {
            HistoryEntry::Person(_) => "cli-conflict-person",
            HistoryEntry::Consultation(_) => "cli-conflict-consultation",
            HistoryEntry::Appeal(_) => "cli-conflict-appeal",
            HistoryEntry::Member(_) => "cli-conflict-member",
        };
        let said = [("id", c.id.to_string().into()), ("rev", c.rev.into())];
        println!("{}", i18n.t_args(what, &said));
        if c.money {
            println!("  {}", i18n.t("cli-conflict-money"));
        }
        let stamp = |e: &HistoryEntry| {
            let (at, officer, _) = crate::domain::history::stamp(e);
            let at = at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M");
            format!("{officer} {at}").trim().to_string()
        };
        for ch in crate::domain::history::changes(&c.shown, &c.other) {
            let value = |v| i18n.history_value(v, &session.taxonomy, lang);
            let said = [
                ("field", i18n.t(ch.field).into()),
                ("shown", value(&ch.before).into()),
                ("other", value(&ch.after).into()),
            ];
            println!("  {}", i18n.t_args("cli-conflict-field", &said));
        }
        let said = [
            ("shown", stamp(&c.shown).into()),
            ("other", stamp(&c.other).into()),
        ];
        println!("  {}", i18n.t_args("cli-conflict-who", &said));
    }
    if !list.is_empty() {
        println!(
            "{}",
            i18n.t_args("cli-conflicts-total", &[("n", list.len().into())])
        );
    }
    print_suspects(&session, &i18n)?;
    Ok(ExitCode::SUCCESS)
}

/// The rest of what the app's conflicts screen lists: records changed by an op dated
/// ahead of this desk's clock, and new persons a merge brought who look like persons here.
fn print_suspects(session: &Session, i18n: &I18n) -> Result<()> {
    let store = &session.store;
    let mut rows = Vec::new();
    for s in store.clock_suspects()? {
        // A record merged away since: nothing to look at.
        let Some(shown) = store.versioned(s.id)? else {
            continue;
        };
        let at = s.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M");
        let said = [
            ("id", s.id.to_string().into()),
            ("name", store.whose(&shown)?.0.into()),
            ("desk", s.desk.to_string().into()),
            ("at", at.to_string().into()),
        ];
        rows.push(i18n.t_args("cli-conflicts-suspect", &said));
    }
    if !rows.is_empty() {
        let said = [("n", rows.len().into())];
        println!("{}", i18n.t_args("cli-conflicts-suspects", &said));
        rows.iter().for_each(|r| println!("  {r}"));
    }
    let mut alike = Vec::new();
    for n in store.look_alike_notes()? {
        if let (Some(new), Some(here)) = (store.person(n.new)?, store.person(n.on_record)?) {
            alike.push(look_alike_line(i18n, &new, &here, n.why));
        }
    }
    if !alike.is_empty() {
        let said = [("n", alike.len().into())];
        println!("{}", i18n.t_args("cli-conflicts-look-alikes", &said));
        alike.iter().for_each(|r| println!("  {r}"));
    }
    Ok(())
}

fn resolve(cli: &Cli, id: &str, take_other: bool) -> Result<ExitCode> {
    let (config, _) = data_dir_of(cli)?;
    let id: crate::domain::Id = id.trim().parse().map_err(|_| {
        let said = [("id", format!("{id:?}").into())];
        let i18n = I18n::new(&config.language);
        color_eyre::eyre::eyre!("{}", i18n.t_args("cli-bundle-bad-record-id", &said))
    })?;
    let session = Session::open(&cli.reading())?;
    let i18n = I18n::new(&session.config.language);
    // "The other" names one version only where there is one: with three desks' values the
    // choice is the app's, where each is its own row.
    let others = session
        .store
        .conflicts()?
        .iter()
        .filter(|c| c.id == id)
        .count();
    if take_other && others > 1 {
        let said = [("id", id.to_string().into()), ("n", (others + 1).into())];
        eprintln!("kezek: {}", i18n.t_args("cli-conflict-several", &said));
        return Ok(ExitCode::FAILURE);
    }
    let settled = session
        .store
        .resolve_conflict(id, take_other, &session.config.officer_name())?;
    // Settled by an officer who saw it, or (kept as shown) looked at: no longer suspect.
    let looked_at = (settled.is_some() || !take_other) && session.store.clear_suspect(id)?;
    match settled {
        Some(rev) => {
            let said = [("id", id.to_string().into()), ("rev", rev.into())];
            println!("{}", i18n.t_args("cli-conflict-resolved", &said));
            Ok(ExitCode::SUCCESS)
        }
        None if looked_at => {
            let said = [("id", id.to_string().into())];
            println!("{}", i18n.t_args("cli-conflict-looked-at", &said));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!(
                "kezek: {}",
                i18n.t_args("cli-conflict-not-found", &[("id", id.to_string().into())])
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
