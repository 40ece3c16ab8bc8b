//! Record ids seen so far: an id is a row's own in one row of one table only. Kept as 32
//! bytes an id (an id as kezek writes it is a number), not as the text of each row: a
//! whole export has over half a million of them.

use rustc_hash::FxHashMap;

use super::*;

/// Where an id was seen: first in the folder (the row that keeps it), and first in the
/// table being read (for a table's own duplicates).
#[derive(Clone, Copy)]
struct Seen {
    line: u32,
    here_line: u32,
    /// `NONE` until a row that keeps the id is noted (`across`).
    file: u8,
    here_file: u8,
}

const NONE: u8 = u8::MAX;

/// An id as two halves: aligned as a `u64`, so that maps of ids pack tighter than with
/// `u128` (whose alignment is 16).
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub(super) struct IdKey(u64, u64);

impl From<Id> for IdKey {
    fn from(id: Id) -> IdKey {
        IdKey((id.0 >> 64) as u64, id.0 as u64)
    }
}

impl From<IdKey> for Id {
    fn from(k: IdKey) -> Id {
        Id((u128::from(k.0) << 64) | u128::from(k.1))
    }
}

#[derive(Default)]
pub(super) struct Ids {
    /// Ids written as kezek writes them.
    ids: FxHashMap<IdKey, Seen>,
    /// Any other text in an id column (its row is refused for it anyway).
    other: HashMap<String, Seen>,
    files: Vec<&'static str>,
    /// The rows of two tables that give the same id, in the order found.
    pub(super) across: Vec<RowError>,
}

fn line32(line: u64) -> u32 {
    // A file is at most `MAX_FILE_BYTES`, a line at least one byte.
    u32::try_from(line).unwrap_or(u32::MAX)
}

impl Ids {
    fn file_no(&mut self, file: &'static str) -> u8 {
        match self.files.iter().position(|f| *f == file) {
            Some(i) => i as u8,
            None => {
                self.files.push(file);
                (self.files.len() - 1) as u8
            }
        }
    }

    fn entry(&mut self, id: Result<Id, &str>) -> &mut Seen {
        let fresh = Seen {
            file: NONE,
            line: 0,
            here_file: NONE,
            here_line: 0,
        };
        match id {
            Ok(n) => self.ids.entry(IdKey::from(n)).or_insert(fresh),
            Err(text) => self.other.entry(text.to_string()).or_insert(fresh),
        }
    }

    /// Row `line` of table `file` gives `id` in its id column `column`: a second row of the
    /// table with it refuses both (in `errors`).
    pub(super) fn in_table(
        &mut self,
        file: &'static str,
        line: u64,
        id: &str,
        column: &str,
        errors: &mut Vec<RowError>,
    ) {
        let k = self.file_no(file);
        let seen = self.entry(Id::parse_exact(id).ok_or(id));
        if seen.here_file == k {
            for at in [u64::from(seen.here_line), line] {
                errors.push(RowError {
                    file,
                    line: at,
                    column: column.to_string(),
                    msg: "import-duplicate-id",
                    value: excerpt(id),
                });
            }
        } else {
            seen.here_file = k;
            seen.here_line = line32(line);
        }
    }

    /// Row `line` of table `file` keeps `id` as its record's: a row of another table that
    /// kept it first refuses both (in `across`).
    pub(super) fn across(&mut self, file: &'static str, line: u64, id: &str) {
        self.across_key(file, line, Id::parse_exact(id).ok_or(id));
    }

    /// `across` for an id already read.
    pub(super) fn across_id(&mut self, file: &'static str, line: u64, id: Id) {
        self.across_key(file, line, Ok(id));
    }

    fn across_key(&mut self, file: &'static str, line: u64, id: Result<Id, &str>) {
        let k = self.file_no(file);
        let seen = self.entry(id);
        if seen.file == NONE {
            seen.file = k;
            seen.line = line32(line);
        } else if seen.file != k {
            let (first, first_line) = (seen.file, seen.line);
            let id = match id {
                Ok(n) => n.to_string(),
                Err(text) => text.to_string(),
            };
            let first = self.files[usize::from(first)];
            for (f, l) in [(first, u64::from(first_line)), (file, line)] {
                self.across.push(RowError {
                    file: f,
                    line: l,
                    column: String::new(),
                    msg: "import-duplicate-id",
                    value: excerpt(&id),
                });
            }
        }
    }
}
