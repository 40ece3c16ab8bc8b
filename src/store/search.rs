//! The person search: an index in memory, built from the persons on first use and kept in
//! step by every commit.

use std::sync::atomic::Ordering;

use super::{Change, Result, Store, StoreError};
use crate::domain::search::{Likeness, SearchIndex};
use crate::domain::{Id, Person, PersonFields};

/// Look-alikes shown (and checked for) before a new person is saved, at most.
pub const LOOK_ALIKES: usize = 8;

impl Store {
    pub(super) fn search_write(&self) -> std::sync::RwLockWriteGuard<'_, Option<SearchIndex>> {
        // The index is rebuilt from the records whenever in doubt, so a poisoned lock is
        // dropped and rebuilt rather than trusted.
        self.search.write().unwrap_or_else(|p| {
            let mut g = p.into_inner();
            *g = None;
            g
        })
    }

    /// Keeps a built search index in step with committed persons.
    pub(super) fn index_persons(&self, changes: &[Change]) {
        if changes
            .iter()
            .any(|c| matches!(c, Change::Restore { .. } | Change::Forget { .. }))
        {
            // Salvaged records: the search is built again from the view when next used.
            self.forget_search();
            return;
        }
        if !changes.iter().any(|c| {
            matches!(
                c,
                Change::PutPerson(_)
                    | Change::UpdatePerson(_)
                    | Change::MergePerson { .. }
                    | Change::UnmergePerson { .. }
            )
        }) {
            return;
        }
        self.search_gen.fetch_add(1, Ordering::SeqCst);
        let mut g = self.search_write();
        let mut unread = false;
        if let Some(ix) = g.as_mut() {
            self.search_changed.store(true, Ordering::Relaxed);
            // The records as the view holds them: a version older than the one there (a
            // merge's) is not what is found, and a merge that did not stand (the pair
            // was merged the other way first) leaves both persons as they are.
            let ids = changes.iter().flat_map(|c| match c {
                Change::PutPerson(p) | Change::UpdatePerson(p) => vec![p.meta.id],
                Change::MergePerson { into, gone, .. }
                | Change::UnmergePerson { into, gone, .. } => {
                    vec![*into, *gone]
                }
                _ => vec![],
            });
            for id in ids {
                match self.person(id) {
                    Ok(Some(now)) => ix.upsert(&now),
                    Ok(None) => ix.remove(id),
                    Err(_) => {
                        unread = true;
                        break;
                    }
                }
            }
        }
        if unread {
            // Built again from the view when next used.
            *g = None;
        }
    }

    /// Drops the index (built again from the view when next used), and any being built.
    pub(super) fn forget_search(&self) {
        self.search_gen.fetch_add(1, Ordering::SeqCst);
        *self.search_write() = None;
    }

    /// Builds the person search from the persons tree if it is not built yet. Returns the
    /// number of persons indexed.
    pub fn warm_search(&self) -> Result<usize> {
        if let Some(ix) = self
            .search
            .read()
            .ok()
            .and_then(|g| g.as_ref().map(|i| i.len()))
        {
            return Ok(ix);
        }
        loop {
            // A commit of persons while this one reads or builds may be missing from what it
            // made (it found no index to update): then it is made again.
            let gen_before = self.search_gen.load(Ordering::SeqCst);
            let (ix, built) = match self.read_search_file() {
                Some(ix) => (ix, false),
                None => (self.build_search_index()?, true),
            };
            let mut g = self.search_write();
            if let Some(now) = g.as_ref() {
                return Ok(now.len());
            }
            if self.search_gen.load(Ordering::SeqCst) != gen_before {
                continue;
            }
            let n = ix.len();
            *g = Some(ix);
            if built {
                self.search_changed.store(true, Ordering::Relaxed);
            }
            return Ok(n);
        }
    }

    /// At close: keeps the index for the next run if it was built or changed in this one, or
    /// if the view moved on since it was kept (else the next run would build it again).
    pub(super) fn keep_search(&self) {
        // Holding the writer: no commit moves the view between its stamp and the index.
        let w = self.writer();
        let changed = self.search_changed.swap(false, Ordering::Relaxed);
        if !changed && self.search_file_current() {
            return;
        }
        if w.damage.is_some() || w.view_behind.is_some() {
            return;
        }
        let g = self.search.read().unwrap_or_else(|p| p.into_inner());
        if let Some(ix) = g.as_ref()
            && let Err(e) = self.write_search_file(ix)
        {
            tracing::warn!(error = %e, "could not keep the person search for the next start");
        }
        drop(w);
    }

    /// A new search index over the persons tree, read one record at a time.
    pub fn build_search_index(&self) -> Result<SearchIndex> {
        let mut ix = SearchIndex::new();
        self.for_each(|p: Person| {
            ix.add(&p);
            Ok::<_, StoreError>(())
        })?;
        ix.finish();
        Ok(ix)
    }

    fn with_search<R>(&self, f: impl FnOnce(&SearchIndex) -> R) -> Result<R> {
        loop {
            {
                let g = self.search.read().unwrap_or_else(|p| p.into_inner());
                if let Some(ix) = g.as_ref() {
                    return Ok(f(ix));
                }
            }
            self.warm_search()?;
        }
    }

    /// Persons matching `query` (names in any script and spelling, documents, phones),
    /// best first, with their scores.
    pub fn find_persons(&self, query: &str, limit: usize) -> Result<Vec<(Person, u32)>> {
        Ok(self.find_persons_counted(query, limit)?.0)
    }

    /// `find_persons`, and how many persons match in all (more than `limit` when the list
    /// stops there).
    pub fn find_persons_counted(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<(Vec<(Person, u32)>, usize)> {
        self.find_persons_counted_except(query, limit, None)
    }

    /// `find_persons_counted` without `except` (neither listed nor counted).
    pub fn find_persons_counted_except(
        &self,
        query: &str,
        limit: usize,
        except: Option<Id>,
    ) -> Result<(Vec<(Person, u32)>, usize)> {
        let (hits, total) =
            self.with_search(|ix| ix.search_counted_except(query, limit, except))?;
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            if let Some(p) = self.person(h.id)? {
                out.push((p, h.score));
            }
        }
        // A hit whose record could not be read is not counted either.
        let missing = limit.min(total).saturating_sub(out.len());
        Ok((out, total.saturating_sub(missing)))
    }

    /// Look-up used while a person's details are typed.
    pub fn suggest_persons(&self, query: &str, limit: usize) -> Result<Vec<Person>> {
        Ok(self.suggest_persons_counted(query, limit, None)?.0)
    }

    /// `suggest_persons`, and how many match in all.
    pub fn suggest_persons_counted(
        &self,
        query: &str,
        limit: usize,
        except: Option<Id>,
    ) -> Result<(Vec<Person>, usize)> {
        let (found, total) = self.find_persons_counted_except(query, limit, except)?;
        Ok((found.into_iter().map(|(p, _)| p).collect(), total))
    }

    /// Persons who look like `fields` (same document, same phone, or same birth date and a
    /// similar name): shown before a new person is saved.
    pub fn look_alikes(
        &self,
        fields: &PersonFields,
        limit: usize,
    ) -> Result<Vec<(Person, Likeness)>> {
        let found = self.with_search(|ix| ix.look_alikes(fields, limit))?;
        let mut out = Vec::with_capacity(found.len());
        for (id, why) in found {
            if let Some(p) = self.person(id)? {
                out.push((p, why));
            }
        }
        Ok(out)
    }
}
