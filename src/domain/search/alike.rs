//! Persons that look like one being saved, and the index's memory (for the benchmarks).

use chrono::NaiveDate;

use super::{Entry, Id, Likeness, PersonFields, SearchIndex, name_words, phone_digits};
use crate::domain::translit::{loose_word, within_one_edit};
use crate::domain::validate::document_key;

impl SearchIndex {
    /// Persons that look like `fields` (before they are saved as a new person): the same
    /// document, the same phone, or the same birth date with a similar name.
    pub fn look_alikes(&self, fields: &PersonFields, limit: usize) -> Vec<(Id, Likeness)> {
        let mut out: Vec<(Id, Likeness)> = Vec::new();
        let add = |slot: u32, why: Likeness, out: &mut Vec<(Id, Likeness)>| {
            let e = &self.entries[slot as usize];
            if e.alive && !out.iter().any(|(id, _)| *id == e.id) {
                out.push((e.id, why));
            }
        };
        if let Some(d) = fields.document.as_deref().map(document_key) {
            let lo = self
                .documents
                .partition_point(|(x, _)| x.as_ref() < d.as_str());
            for (x, slot) in &self.documents[lo..] {
                if x.as_ref() != d.as_str() {
                    break;
                }
                add(*slot, Likeness::SameDocument, &mut out);
            }
        }
        if let Some(p) = &fields.phone {
            let digits = phone_digits(p);
            let lo = self
                .phones
                .partition_point(|(x, _)| x.as_ref() < digits.as_str());
            for (x, slot) in &self.phones[lo..] {
                if x.as_ref() != digits.as_str() {
                    break;
                }
                add(*slot, Likeness::SamePhone, &mut out);
            }
        }
        if let Some(b) = fields.birth_date
            && let Some(slots) = self.by_birth.get(&b)
        {
            let (words, surname_words) = name_words(fields);
            let surname: Vec<&String> = words.iter().take(surname_words as usize).collect();
            let given = words.get(surname_words as usize);
            for slot in slots {
                let e = &self.entries[*slot as usize];
                let theirs: Vec<&str> = e.words.iter().map(|w| &*self.words[*w as usize]).collect();
                let their_surname = &theirs[..(e.surname_words as usize).min(theirs.len())];
                // The passport spellings the search finds a name by (`loose_word`: `ң` as
                // `n`, `ш` as `s`) are the same name here too: `Sarsenbekov Ismail` born
                // the same day was listed beside the form as `Шаршенбеков Исмаил` and yet
                // saved as a new person without a word.
                let similar = |a: &str, b: &str| {
                    a == b
                        || within_one_edit(a.as_bytes(), b.as_bytes())
                        || within_one_edit(loose_word(a).as_bytes(), loose_word(b).as_bytes())
                };
                let surname_ok = surname
                    .iter()
                    .any(|s| their_surname.iter().any(|t| similar(s, t)));
                let given_ok = match given {
                    Some(g) => theirs[their_surname.len()..].first().is_some_and(|t| {
                        similar(g, t) || t.starts_with(g.as_str()) || g.starts_with(*t)
                    }),
                    None => true,
                };
                if surname_ok && given_ok {
                    add(*slot, Likeness::SameBirthDateSimilarName, &mut out);
                }
            }
        }
        // Within each kind of likeness, oldest record first: the order the index learnt
        // persons in is this desk's history (a correction moves a person to its end, a
        // merge of bundles builds it again in id order), and two desks holding the same
        // persons must offer, and an import must match, the same one.
        let rank = |why: Likeness| match why {
            Likeness::SameDocument => 0,
            Likeness::SamePhone => 1,
            Likeness::SameBirthDateSimilarName => 2,
        };
        out.sort_by_key(|&(id, why)| (rank(why), id));
        out.truncate(limit);
        out
    }

    /// Bytes held on the heap (an estimate from capacities), for the benchmarks.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let entries = self.entries.capacity() * size_of::<Entry>()
            + self
                .entries
                .iter()
                .map(|e| e.words.len() * 4)
                .sum::<usize>();
        let words = self.words.capacity() * size_of::<Box<str>>()
            + self.words.iter().map(|w| w.len() * 2).sum::<usize>()
            + self.word_id.capacity() * (size_of::<Box<str>>() + 4 + 1)
            + self.sorted.capacity() * 4
            + self.loose.capacity() * size_of::<Box<str>>()
            + self.loose.iter().map(|w| w.len()).sum::<usize>()
            + self.loose_sorted.capacity() * 4;
        let postings = self.postings.capacity() * size_of::<Vec<u32>>()
            + self
                .postings
                .iter()
                .map(|p| p.capacity() * 4)
                .sum::<usize>();
        let docs = self.documents.capacity() * size_of::<(Box<str>, u32)>()
            + self.documents.iter().map(|(d, _)| d.len()).sum::<usize>();
        let phones = self.phones.capacity() * size_of::<(Box<str>, u32)>()
            + self.phone_codes.iter().map(|c| c.len() + 16).sum::<usize>()
            + self.phones.iter().map(|(d, _)| d.len()).sum::<usize>();
        let births = self.by_birth.capacity()
            * (size_of::<NaiveDate>() + size_of::<Vec<u32>>() + 1)
            + self
                .by_birth
                .values()
                .map(|v| v.capacity() * 4)
                .sum::<usize>();
        let slots = self.slot_of.capacity() * (size_of::<Id>() + 4 + 1);
        entries + words + postings + docs + phones + births + slots
    }
}
