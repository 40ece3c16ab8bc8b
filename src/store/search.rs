//! The person search: an index in memory, built from the persons on first use and kept in
//! step by every commit.

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
            *self.search_write() = None;
            return;
        }
        if !changes.iter().any(|c| {
            matches!(
                c,
                Change::PutPerson(_) | Change::UpdatePerson(_) | Change::MergePerson { .. }
            )
        }) {
            return;
        }
        let mut g = self.search_write();
        let mut unread = false;
        if let Some(ix) = g.as_mut() {
            for c in changes {
                match c {
                    Change::PutPerson(p) | Change::UpdatePerson(p) => {
                        // The record as the view holds it: a version older than the one
                        // there (a merge's) is not what is found.
                        match self.person(p.meta.id) {
                            Ok(Some(now)) => ix.upsert(&now),
                            Ok(None) => ix.remove(p.meta.id),
                            Err(_) => {
                                unread = true;
                                break;
                            }
                        }
                    }
                    Change::MergePerson { gone, .. } => ix.remove(*gone),
                    _ => {}
                }
            }
        }
        if unread {
            // Built again from the view when next used.
            *g = None;
        }
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
        let ix = self.build_search_index()?;
        let n = ix.len();
        let mut g = self.search_write();
        if g.is_none() {
            *g = Some(ix);
        }
        Ok(n)
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
