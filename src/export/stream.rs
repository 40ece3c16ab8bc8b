//! The CSV export streamed from the store: visits and consultations are read, turned into
//! rows and written one at a time, so a big store is exported in little memory. Files are
//! written under temporary names and renamed when complete.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::files::{BOM, ExportError};
use super::tables::{REMOVED, Rows, TABLES};
use crate::domain::report::Period;
use crate::domain::{Appeal, AppealMember, Consultation, Visit};
use crate::store::{Store, keys};

type Out = csv::Writer<BufWriter<File>>;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn open(path: &Path, delimiter: u8) -> Result<Out, ExportError> {
    let mut f = BufWriter::with_capacity(1 << 16, File::create(path).map_err(io(path))?);
    f.write_all(BOM).map_err(io(path))?;
    Ok(csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(f))
}

fn close(w: Out, path: &Path) -> Result<(), ExportError> {
    let f = w
        .into_inner()
        .map_err(|e| ExportError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?
        .into_inner()
        .map_err(|e| ExportError::Io {
            path: path.to_path_buf(),
            source: e.into_error(),
        })?;
    f.sync_all().map_err(io(path))
}

/// One writer per table asked for; rows of other tables are dropped.
struct Writers {
    out: Vec<(&'static str, PathBuf, Out, usize)>,
}

impl Writers {
    fn row<T: Serialize>(&mut self, table: &str, row: Option<T>) -> Result<(), ExportError> {
        if let (Some(row), Some(w)) = (row, self.out.iter_mut().find(|w| w.0 == table)) {
            w.2.serialize(row)?;
            w.3 += 1;
        }
        Ok(())
    }

    /// Headers for tables that got no rows, so every file says what it would hold.
    fn headers(&mut self) -> Result<(), ExportError> {
        use super::tables::{AppealRow, ConsultationRow, MemberRow, PersonRow, VisitRow};
        for w in &mut self.out {
            if w.3 > 0 {
                continue;
            }
            match w.0 {
                "persons" => w.2.serialize(Option::<PersonRow>::None),
                "visits" => w.2.serialize(Option::<VisitRow>::None),
                "consultations" => w.2.serialize(Option::<ConsultationRow>::None),
                "appeals" => w.2.serialize(Option::<AppealRow>::None),
                _ => w.2.serialize(Option::<MemberRow>::None),
            }?;
        }
        Ok(())
    }
}

/// Row counts per table, in `TABLES` order.
pub type Counts = Vec<(&'static str, usize)>;

#[allow(clippy::too_many_arguments)]
pub fn write_csv(
    store: &Store,
    period: &Period,
    anonymize: bool,
    offset_min: i32,
    path: &Path,
    table: Option<&str>,
    delimiter: u8,
    progress: &mut dyn FnMut(&str),
) -> Result<Counts, ExportError> {
    if let Some(t) = table
        && !TABLES.contains(&t)
    {
        return Err(ExportError::UnknownTable(t.to_string()));
    }
    if table.is_none() && path.exists() {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    let tmp = path.with_file_name(format!(
        ".{}.kezek-tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export")
    ));
    if table.is_none() {
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
        }
        std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
    }
    let mut w = Writers { out: Vec::new() };
    for name in TABLES {
        let file = match table {
            Some(t) if t == name => tmp.clone(),
            Some(_) => continue,
            None => tmp.join(format!("{name}.csv")),
        };
        let out = open(&file, delimiter)?;
        w.out.push((name, file, out, 0));
    }
    let events = store.events()?;
    let persons = store.persons()?;
    let appeals: Vec<Appeal> = store.appeals()?;
    let mut rows = Rows::new(&events, &persons, period, anonymize, offset_min);
    progress("visits");
    store.for_each(keys::KIND_VISIT, "visit", |v: Visit| {
        let r = rows.visit(&v);
        w.row("visits", r)
    })?;
    progress("consultations");
    store.for_each(
        keys::KIND_CONSULTATION,
        "consultation",
        |c: Consultation| {
            let r = rows.consultation(&c);
            w.row("consultations", r)
        },
    )?;
    progress("appeals");
    for a in &appeals {
        let r = rows.appeal(a);
        w.row("appeals", r)?;
    }
    store.for_each(keys::KIND_MEMBER, "appeal member", |m: AppealMember| {
        let r = rows.member(&m);
        w.row("appeal_members", r)
    })?;
    progress("persons");
    for p in rows.persons() {
        w.row("persons", Some(p))?;
    }
    w.headers()?;
    let mut counts = Vec::new();
    for (name, file, out, n) in w.out {
        close(out, &file)?;
        counts.push((name, n));
    }
    if table.is_some() {
        std::fs::rename(&tmp, path).map_err(io(path))?;
    } else {
        if anonymize {
            let note = tmp.join("ANONYMIZED.txt");
            std::fs::write(&note, format!("Removed from this export: {REMOVED}.\n"))
                .map_err(io(&note))?;
        }
        std::fs::rename(&tmp, path).map_err(io(path))?;
    }
    Ok(counts)
}
