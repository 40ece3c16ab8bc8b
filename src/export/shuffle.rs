//! Rows of an anonymised table written in a random order: in the store's order neighbouring
//! rows share an event (and a waiting time restarted where an event did), which gave
//! suppressed events back to the hostile pass (301 of 313). The rows go to a private
//! scratch file as they are made and are copied out in a random order once the table is
//! complete: memory holds 20 bytes per row, not the rows (holding them took an anonymised
//! 100,000-person export from 143 to 304 MB).

use std::io::Write;
use std::path::Path;

use crate::store::atomic::Scratch;

/// Counts what passes through; its `flush` does nothing, so a CSV writer can be flushed
/// after every row (to learn where the row ends) without a system call.
pub struct Counting {
    inner: Box<dyn Write>,
    n: u64,
}

impl Counting {
    /// Bytes written so far: where the next row starts.
    pub fn position(&self) -> u64 {
        self.n
    }
}

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the rows are, each with the random key it is written in the order of.
pub struct Shuffle {
    scratch: Scratch,
    rows: Vec<(u64, u64, u32)>,
}

impl Shuffle {
    /// A scratch file beside `target`, and the writer rows go through.
    pub fn create(target: &Path) -> std::io::Result<(Shuffle, Counting)> {
        let mut name = target.as_os_str().to_os_string();
        name.push(".rows");
        let scratch = Scratch::create(Path::new(&name))?;
        let w = Counting {
            inner: Box::new(scratch.writer()?),
            n: 0,
        };
        let rows = Vec::new();
        Ok((Shuffle { scratch, rows }, w))
    }

    /// The bytes written through `w` since `start` are one row.
    pub fn mark(&mut self, start: u64, w: &Counting) {
        let len = u32::try_from(w.n - start).unwrap_or(u32::MAX);
        self.rows.push((rand::random(), start, len));
    }

    /// Hands each row to `each`, in the random order.
    pub fn replay(
        mut self,
        mut w: Counting,
        mut each: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        w.inner.flush()?;
        drop(w);
        self.rows.sort_unstable();
        let mut buf = Vec::new();
        for (_, start, len) in &self.rows {
            buf.resize(*len as usize, 0);
            self.scratch.read_at(&mut buf, *start)?;
            each(&buf)?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        self.scratch.path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_comes_back_once_in_another_order_and_the_scratch_file_goes() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("visits.csv");
        let (mut order, mut w) = Shuffle::create(&target).unwrap();
        let scratch = order.path().to_path_buf();
        assert!(scratch.exists());
        let rows: Vec<String> = (0..500).map(|i| format!("row {i}\r\n")).collect();
        for r in &rows {
            let start = w.position();
            w.write_all(r.as_bytes()).unwrap();
            order.mark(start, &w);
        }
        let mut out = Vec::new();
        order
            .replay(w, |row| {
                out.push(String::from_utf8(row.to_vec()).unwrap());
                Ok(())
            })
            .unwrap();
        assert!(!scratch.exists(), "removed once replayed");
        assert_ne!(out, rows, "not in the order written");
        out.sort();
        let mut want = rows.clone();
        want.sort();
        assert_eq!(out, want, "each row once, whole");
    }
}
