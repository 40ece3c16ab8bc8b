//! Commands that read records out: slips, person search, reports and exports.

use super::*;

pub(super) fn slip(
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
    let session = Session::open(&cli.reading())?;
    let lang = lang.and_then(crate::domain::Lang::from_code);
    let letter = &session.config.desk_letter;
    let bytes =
        crate::session::slip_bytes(&session.store, &session.taxonomy, id, lang, html, letter)?;
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

pub(super) fn find(cli: &Cli, query: &str, limit: usize, json: bool) -> Result<ExitCode> {
    let session = Session::open(&cli.reading())?;
    let (found, total) = session.store.find_persons_counted(query, limit)?;
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
    let i18n = crate::i18n::I18n::new(&session.config.language);
    if found.is_empty() && !json {
        let too_short = crate::domain::search::too_short_to_look_up(query);
        // Quoted, what cannot be printed shown escaped, as import quotes a bad header.
        let query = format!("\"{}\"", crate::domain::validate::escape_unprintable(query));
        eprintln!(
            "{}",
            i18n.t_args("cli-find-none", &[("query", query.into())])
        );
        if let Some(min) = too_short {
            eprintln!(
                "{}",
                i18n.t_args("search-too-short", &[("min", min.into())])
            );
        }
    }
    if total > found.len() {
        // On stderr: stdout stays the list, one person a line, for scripts.
        eprintln!(
            "{}",
            i18n.t_args(
                "cli-find-first",
                &[
                    ("shown", found.len().into()),
                    ("count", total.into()),
                    // Typed back as it is: no thousands separator.
                    ("limit", total.to_string().into()),
                ],
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) struct ReportArgs<'a> {
    pub(super) event: Option<&'a str>,
    pub(super) from: Option<&'a str>,
    pub(super) to: Option<&'a str>,
    pub(super) json: bool,
    pub(super) lang: Option<&'a str>,
    pub(super) output: Option<&'a std::path::Path>,
}

/// The period asked for on the command line, checked against the store.
pub(super) fn period(
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
                eyre!("no event with id {id}; `kezek report --format json` lists the events with their ids")
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

/// The offset and day a report or export of `period` counts by: the event's venue for one
/// event, else this machine's (README, Design: "One clock").
fn desk_clock(
    store: &crate::store::Store,
    period: &crate::domain::report::Period,
) -> Result<(i32, chrono::NaiveDate)> {
    let machine = chrono::Local::now().offset().local_minus_utc() / 60;
    let offset = match period {
        crate::domain::report::Period::Event(id) => store
            .event(*id)?
            .map_or(machine, |e| e.fields.utc_offset_min),
        _ => machine,
    };
    let today = crate::domain::validate::to_local(chrono::Utc::now(), offset).date_naive();
    Ok((offset, today))
}

pub(super) fn report(cli: &Cli, a: ReportArgs) -> Result<ExitCode> {
    let session = Session::open_for_scan(&cli.reading())?;
    let lang_code = a.lang.unwrap_or(session.config.language.as_str());
    let lang = crate::domain::Lang::from_code(lang_code).unwrap_or_default();
    let i18n = crate::i18n::I18n::new(lang_code);
    let store = &session.store;
    let (period, info) = period(store, a.event, a.from, a.to, &i18n)?;
    let t = std::time::Instant::now();
    let (offset, today) = desk_clock(store, &period)?;
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

pub(super) struct ExportArgs<'a> {
    pub(super) format: &'a str,
    pub(super) output: &'a std::path::Path,
    pub(super) event: Option<&'a str>,
    pub(super) from: Option<&'a str>,
    pub(super) to: Option<&'a str>,
    pub(super) anonymize: bool,
    pub(super) k: Option<u32>,
    pub(super) with_records: bool,
    pub(super) table: Option<&'a str>,
    pub(super) delimiter: char,
}

pub(super) fn export(cli: &Cli, a: ExportArgs) -> Result<ExitCode> {
    use color_eyre::eyre::eyre;
    if !a.delimiter.is_ascii() || a.delimiter.is_ascii_alphanumeric() || a.delimiter == '"' {
        return Err(eyre!(
            "--delimiter must be one punctuation character such as , or ;"
        ));
    }
    if a.table.is_some() && a.format != "csv" {
        return Err(eyre!("--table is for --format csv"));
    }
    if a.k.is_some() && !a.anonymize {
        return Err(eyre!("--k is for --anonymize"));
    }
    if let Some(k) = a.k
        && !crate::export::K_RANGE.contains(&k)
    {
        return Err(eyre!(
            "--k {k} is not between {} and {}",
            crate::export::K_RANGE.start(),
            crate::export::K_RANGE.end()
        ));
    }
    if a.with_records && a.format != "html" {
        return Err(eyre!("--with-records is for --format html"));
    }
    let session = Session::open_for_scan(&cli.reading())?;
    let k = a.k.unwrap_or(session.config.anonymity_k);
    let i18n = crate::i18n::I18n::new(&session.config.language);
    let store = &session.store;
    let (period, info) = period(store, a.event, a.from, a.to, &i18n)?;
    let (offset_min, today) = desk_clock(store, &period)?;
    let format = crate::export::run::Format::from_code(a.format)
        .ok_or_else(|| eyre!("unknown format {:?}", a.format))?;
    let spec = crate::export::run::Spec {
        format,
        period,
        info,
        anonymize: a.anonymize,
        k,
        with_records: a.with_records,
        table: a.table,
        delimiter: a.delimiter as u8,
        offset_min,
        today,
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
    if counts.is_empty() {
        let path = a.output.display().to_string();
        eprintln!(
            "{}",
            i18n.t_args("cli-exported-report", &[("path", path.into())])
        );
        return Ok(ExitCode::SUCCESS);
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
