//! The CSV export streamed from the store: visits and consultations are read, turned into
//! rows and written one at a time, so a big store is exported in little memory. Files are
//! written under temporary names and renamed when complete (`store::atomic`).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::anonymity::Summary;
use super::control::Control;
use super::files::{BOM, ExportError};
use super::shuffle::{Counting, Shuffle};
use super::tables::{PersonCells, Rows, TABLES};
use super::values::Values;
use crate::domain::report::Period;
use crate::domain::{Appeal, AppealMember, Consultation, Id, Person, Visit};
use crate::i18n::I18n;
use crate::store::Store;
use crate::store::atomic::{self, AtomicFile};
use rustc_hash::FxHashMap;

type Out = csv::Writer<AtomicFile>;

/// Every person of the store, read one at a time into the little the rows need of them.
fn person_cells(store: &Store) -> Result<FxHashMap<Id, PersonCells>, ExportError> {
    let mut out = FxHashMap::default();
    store.for_each(|p: Person| {
        let (id, cells) = PersonCells::of(&p);
        out.insert(id, cells);
        Ok::<_, ExportError>(())
    })?;
    Ok(out)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A CSV file with its header row already written (in the export's language), so a table
/// that gets no rows still says what it would hold.
fn open(path: &Path, delimiter: u8, header: &[String]) -> Result<Out, ExportError> {
    let mut f = AtomicFile::create(path).map_err(io(path))?;
    f.write_all(BOM).map_err(io(path))?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .has_headers(false)
        .from_writer(f);
    w.write_record(header)?;
    Ok(w)
}

/// One writer per table asked for; rows of other tables are dropped.
struct Writers {
    out: Vec<TableOut>,
    /// Tables already complete, with their row counts.
    done: Vec<(&'static str, usize)>,
    /// Whether a table may be completed as soon as its rows are written: inside the
    /// folder built under a temporary name (renamed whole at the end, so a cancel later
    /// still leaves nothing), not for one table written at its own name.
    early: bool,
}

struct TableOut {
    name: &'static str,
    path: PathBuf,
    out: Out,
    rows: usize,
    /// Anonymised: the rows held back in a scratch file, to be written in a random order
    /// (`export::shuffle`).
    held: Option<(csv::Writer<Counting>, Shuffle)>,
}

impl Writers {
    /// Completes `table` once its rows are all written, when allowed (`early`): an
    /// anonymised table's held rows are then let go before the next table is held.
    fn complete(&mut self, table: &str) -> Result<(), ExportError> {
        if !self.early {
            return Ok(());
        }
        if let Some(i) = self.out.iter().position(|t| t.name == table) {
            let t = self.out.remove(i);
            self.done.push((t.name, t.rows));
            finish(t)?;
        }
        Ok(())
    }

    fn row<T: Serialize + super::files::CsvSafe>(
        &mut self,
        table: &str,
        row: Option<T>,
    ) -> Result<(), ExportError> {
        if let (Some(row), Some(w)) = (row, self.out.iter_mut().find(|w| w.name == table)) {
            // No cell a spreadsheet would run as a formula (CSV injection).
            match &mut w.held {
                Some((buf, order)) => {
                    let start = buf.get_ref().position();
                    buf.serialize(row.csv_safe())?;
                    buf.flush().map_err(io(&w.path))?;
                    order.mark(start, buf.get_ref());
                }
                None => w.out.serialize(row.csv_safe())?,
            }
            w.rows += 1;
        }
        Ok(())
    }
}

fn new_held(path: &Path, delimiter: u8) -> Result<(csv::Writer<Counting>, Shuffle), ExportError> {
    let (order, out) = Shuffle::create(path).map_err(io(path))?;
    let w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .has_headers(false)
        .from_writer(out);
    Ok((w, order))
}

/// Writes a table's held rows (if any) after what its writer wrote (the header), and
/// completes its file.
fn finish(t: TableOut) -> Result<(), ExportError> {
    let mut f = t
        .out
        .into_inner()
        .map_err(|e| io(&t.path)(e.into_error()))?;
    if let Some((buf, order)) = t.held {
        let rows = buf.into_inner().map_err(|e| io(&t.path)(e.into_error()))?;
        let scratch = order.path().to_path_buf();
        order
            .replay(rows, |row| f.write_all(row))
            .map_err(io(&scratch))?;
    }
    f.commit().map_err(io(&t.path))
}

/// Row counts per table, in `TABLES` order.
pub type Counts = Vec<(&'static str, usize)>;

/// Which records a streamed export writes, and how.
#[derive(Clone, Copy, Debug)]
pub struct Opts<'a> {
    pub period: &'a Period,
    /// Anonymised for groups of at least this many persons (`export::anonymity`); `None`
    /// writes the records as they are.
    pub anonymize: Option<u32>,
    /// The exporting desk's offset from UTC in minutes.
    pub offset_min: i32,
}

/// What an export wrote: its row counts, and what anonymising did when it did.
#[derive(Clone, Debug, Default)]
pub struct Written {
    pub counts: Counts,
    pub anonymity: Option<Summary>,
}

/// The CSV export: a folder of the five tables, or the one `table` at `path`. Headers in
/// the language of `headers`, coded values as `values` writes them (so xlsx and html keep
/// code headers for their cell types and still show the reader's words).
#[allow(clippy::too_many_arguments)]
pub fn write_csv(
    store: &Store,
    opts: &Opts,
    path: &Path,
    table: Option<&str>,
    delimiter: u8,
    headers: &I18n,
    values: &Values,
    ctl: &mut Control,
) -> Result<Written, ExportError> {
    let i18n = headers;
    if let Some(t) = table
        && !TABLES.contains(&t)
    {
        return Err(ExportError::UnknownTable(t.to_string()));
    }
    // One table too: a rename over an existing file would replace it (a backup, or a
    // store's own `desk-id`) without a word.
    if path.exists() {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    if table.is_some() {
        // Beside the file, under a name that says whose it is; refused as the file is.
        let mut name = path.as_os_str().to_os_string();
        name.push(".ANONYMIZED.txt");
        let note = PathBuf::from(name);
        if opts.anonymize.is_some() && note.exists() {
            return Err(ExportError::Exists { path: note });
        }
        // One file, under a temporary name until complete; a cancelled or failed one
        // takes its temporary file with it.
        let written = csv_tables(store, opts, path, table, delimiter, i18n, values, ctl)?;
        if let Some(summary) = &written.anonymity {
            atomic::write(&note, summary.text(i18n).as_bytes()).map_err(io(&note))?;
        }
        return Ok(written);
    }
    // The folder of tables is built under a temporary name and renamed whole.
    let tmp = super::files::beside(path, "tmp");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
    let result = csv_tables(store, opts, &tmp, table, delimiter, i18n, values, ctl);
    let written = match result {
        Ok(c) => c,
        Err(e) => {
            // Cancelled or failed: nothing stays behind under the temporary name either.
            super::files::remove_tmp(&tmp);
            return Err(e);
        }
    };
    let folder = (|| {
        if let Some(summary) = &written.anonymity {
            let note = tmp.join("ANONYMIZED.txt");
            atomic::write(&note, summary.text(i18n).as_bytes()).map_err(io(&note))?;
        }
        std::fs::rename(&tmp, path).map_err(io(path))?;
        atomic::sync_parent_dir(path);
        Ok(written)
    })();
    if folder.is_err() {
        super::files::remove_tmp(&tmp);
    }
    folder
}

#[allow(clippy::too_many_arguments)]
fn csv_tables(
    store: &Store,
    opts: &Opts,
    dest: &Path,
    table: Option<&str>,
    delimiter: u8,
    i18n: &I18n,
    values: &Values,
    ctl: &mut Control,
) -> Result<Written, ExportError> {
    let mut w = Writers {
        out: Vec::new(),
        done: Vec::new(),
        early: table.is_none(),
    };
    for name in TABLES {
        let file = match table {
            Some(t) if t == name => dest.to_path_buf(),
            Some(_) => continue,
            None => dest.join(format!("{name}.csv")),
        };
        let header: Vec<String> = super::columns::table_codes(name)
            .iter()
            .map(|c| super::columns::header(c, i18n))
            .collect();
        let out = open(&file, delimiter, &header)?;
        let held = match opts.anonymize {
            Some(_) => Some(new_held(&file, delimiter)?),
            None => None,
        };
        w.out.push(TableOut {
            name,
            path: file,
            out,
            rows: 0,
            held,
        });
    }
    let events = store.events()?;
    let appeals: Vec<Appeal> = store.appeals()?;
    let (rows, anonymity) = rows_of(store, opts, &events, &appeals, ctl)?;
    let mut rows = rows.with_values(values.clone());
    ctl.stage("visits")?;
    store.for_each(|v: Visit| {
        ctl.row()?;
        let r = rows.visit(&v);
        w.row("visits", r)
    })?;
    w.complete("visits")?;
    ctl.stage("consultations")?;
    store.for_each(|c: Consultation| {
        ctl.row()?;
        let r = rows.consultation(&c);
        w.row("consultations", r)
    })?;
    w.complete("consultations")?;
    ctl.stage("appeals")?;
    for a in &appeals {
        ctl.row()?;
        let r = rows.appeal(a);
        w.row("appeals", r)?;
    }
    w.complete("appeals")?;
    store.for_each(|m: AppealMember| {
        ctl.row()?;
        let r = rows.member(&m);
        w.row("appeal_members", r)
    })?;
    w.complete("appeal_members")?;
    ctl.stage("persons")?;
    rows.each_person(|p| {
        ctl.row()?;
        w.row("persons", Some(p))
    })?;
    let mut counts = w.done;
    for t in w.out {
        counts.push((t.name, t.rows));
        finish(t)?;
    }
    // In `TABLES` order, as `Counts` says.
    counts.sort_by_key(|(name, _)| TABLES.iter().position(|t| t == name));
    Ok(Written { counts, anonymity })
}

/// The rows of an export: every person of the store read into the little the rows need,
/// and when anonymising, the plan of what each person's rows show (a first pass over the
/// period's records, `export::anonymity::plan`).
fn rows_of<'a>(
    store: &Store,
    opts: &Opts<'a>,
    events: &'a [crate::domain::Event],
    appeals: &[Appeal],
    ctl: &mut Control,
) -> Result<(Rows<'a>, Option<Summary>), ExportError> {
    let persons = person_cells(store)?;
    let Some(k) = opts.anonymize else {
        let rows = Rows::new(events, persons, opts.period, false, opts.offset_min);
        return Ok((rows, None));
    };
    ctl.stage("anonymity")?;
    let mut plan = super::anonymity::plan(store, events, appeals, &persons, opts, k)?;
    // Stated as the report's figures are: the levels' counts and the withheld ones added
    // up exactly to the visitors the report rounds (the hostile pass read the total back).
    let s = &plan.summary;
    plan.summary.none_published = s.published.iter().all(|n| *n == 0) && s.withheld > 0;
    let rule = super::protect::Rule::new(k, store.anonymity_key()?);
    let round = |n: u32| rule.count(n as usize).min(u32::MAX as usize) as u32;
    for n in plan.summary.published.iter_mut() {
        *n = round(*n);
    }
    plan.summary.withheld = round(plan.summary.withheld);
    let summary = plan.summary.clone();
    let rows = Rows::new(events, persons, opts.period, true, opts.offset_min).with_plan(plan);
    Ok((rows, Some(summary)))
}

/// One JSON array being written element by element (anonymised: held, then written in
/// a random order, as `Shuffle` says why).
struct JsonArray<'a> {
    out: &'a mut AtomicFile,
    first: bool,
    count: usize,
    held: Option<(Counting, Shuffle)>,
}

/// A write error inside the JSON stream; `ExportError::named` names the output after.
fn unnamed(source: std::io::Error) -> ExportError {
    ExportError::Io {
        path: PathBuf::new(),
        source,
    }
}

fn json_err(e: serde_json::Error) -> ExportError {
    unnamed(std::io::Error::other(e))
}

/// What goes before an element: a newline, and a comma after the first.
fn separate(out: &mut AtomicFile, first: &mut bool) -> std::io::Result<()> {
    let sep: &[u8] = if *first { b"\n" } else { b",\n" };
    *first = false;
    out.write_all(sep)
}

impl<'a> JsonArray<'a> {
    fn open(out: &'a mut AtomicFile, name: &str, shuffle: bool) -> std::io::Result<JsonArray<'a>> {
        write!(out, ",\n\"{name}\": [")?;
        let held = if shuffle {
            let beside = out.tmp_path().with_file_name(format!("{name}.json"));
            let (order, w) = Shuffle::create(&beside)?;
            Some((w, order))
        } else {
            None
        };
        Ok(JsonArray {
            out,
            first: true,
            count: 0,
            held,
        })
    }

    fn push<T: Serialize>(&mut self, row: Option<T>) -> Result<(), ExportError> {
        let Some(row) = row else {
            return Ok(());
        };
        self.count += 1;
        if let Some((w, order)) = &mut self.held {
            let start = w.position();
            serde_json::to_writer(&mut *w, &row).map_err(json_err)?;
            order.mark(start, w);
            return Ok(());
        }
        separate(self.out, &mut self.first).map_err(unnamed)?;
        serde_json::to_writer(&mut *self.out, &row).map_err(json_err)
    }

    fn close(mut self) -> Result<usize, ExportError> {
        if let Some((w, order)) = self.held.take() {
            let (out, first) = (&mut *self.out, &mut self.first);
            order
                .replay(w, |row| {
                    separate(out, first)?;
                    out.write_all(row)
                })
                .map_err(unnamed)?;
        }
        self.out.write_all(b"\n]").map_err(unnamed)?;
        Ok(self.count)
    }
}

/// The JSON export streamed from the store: `schema`, `period`, `anonymized`, then one
/// array per table, each row written as it is read.
pub fn write_json(
    store: &Store,
    opts: &Opts,
    info: &super::report::PeriodInfo,
    i18n: &I18n,
    path: &Path,
    ctl: &mut Control,
) -> Result<Written, ExportError> {
    if path.exists() {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    // Dropped on an error or a cancel, it takes its temporary file with it.
    let mut out = AtomicFile::create(path).map_err(io(path))?;
    let written = json_body(store, opts, info, i18n, &mut out, ctl)?;
    out.commit().map_err(io(path))?;
    Ok(written)
}

fn json_body(
    store: &Store,
    opts: &Opts,
    info: &super::report::PeriodInfo,
    i18n: &I18n,
    out: &mut AtomicFile,
    ctl: &mut Control,
) -> Result<Written, ExportError> {
    let tmp = out.tmp_path().to_path_buf();
    let events = store.events()?;
    let appeals: Vec<Appeal> = store.appeals()?;
    // Codes in every language: JSON is read by programs.
    let (mut rows, anonymity) = rows_of(store, opts, &events, &appeals, ctl)?;
    let head = serde_json::json!({
        "schema": 1,
        "period": info,
        "anonymized": anonymity.as_ref().map(|s| s.json(i18n)),
    })
    .to_string();
    // The header object without its closing brace; the arrays follow.
    out.write_all(head.trim_end_matches('}').as_bytes())
        .map_err(io(&tmp))?;
    let mut counts = Vec::new();
    let shuffle = opts.anonymize.is_some();
    ctl.stage("visits")?;
    let mut a = JsonArray::open(out, "visits", shuffle).map_err(io(&tmp))?;
    store.for_each(|v: Visit| {
        ctl.row()?;
        a.push(rows.visit(&v))
    })?;
    counts.push(("visits", a.close()?));
    ctl.stage("consultations")?;
    let mut a = JsonArray::open(out, "consultations", shuffle).map_err(io(&tmp))?;
    store.for_each(|c: Consultation| {
        ctl.row()?;
        a.push(rows.consultation(&c))
    })?;
    counts.push(("consultations", a.close()?));
    let mut a = JsonArray::open(out, "appeals", shuffle).map_err(io(&tmp))?;
    for x in &appeals {
        ctl.row()?;
        a.push(rows.appeal(x))?;
    }
    counts.push(("appeals", a.close()?));
    let mut a = JsonArray::open(out, "appeal_members", shuffle).map_err(io(&tmp))?;
    store.for_each(|m: AppealMember| {
        ctl.row()?;
        a.push(rows.member(&m))
    })?;
    counts.push(("appeal_members", a.close()?));
    ctl.stage("persons")?;
    let mut a = JsonArray::open(out, "persons", shuffle).map_err(io(&tmp))?;
    rows.each_person(|p| {
        ctl.row()?;
        a.push(Some(p))
    })?;
    counts.push(("persons", a.close()?));
    out.write_all(b"\n}\n").map_err(io(&tmp))?;
    Ok(Written { counts, anonymity })
}
