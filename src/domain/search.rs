//! Finding persons: an in-memory index built from the person records, kept between runs as
//! one value the store's codec writes (never plaintext keys in the view, so the store can
//! be encrypted at rest: a value is what the codec can wrap).
//!
//! Names are matched word by word on their skeletons (`translit`), in any order: every
//! word of the query must match a different word of the name, as a whole word, as a
//! prefix (initials, half-typed names), as a passport spelling of it that drops a letter
//! (`translit::loose_word`: `Kenesbaeva` for `Кеңешбаева`), or, for words of five letters or
//! more, with one typo. Document numbers match by their beginning (`DOCUMENT_PREFIX_MIN`
//! characters or more) read by `validate::document_query_key`, the rule the look-alike
//! check compares by; phones by the beginning of the number in any usual national or
//! international form (`+7 912`, `8 912`, `912 34`, `0555 12`).

// A fast non-cryptographic hash: keys are our own ids and words, not attacker-chosen input
// over a network; SipHash cost a third of the build time.
use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::translit::{loose_word, skeleton_words, within_one_edit};
use super::validate::{
    calling_code_len, document_key, document_query_key, phone_national_digits, phone_search_digits,
};
use super::{Id, Person, PersonFields};

mod alike;

/// How well a query word matched a name word; higher is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
enum Quality {
    None = 0,
    Typo = 1,
    /// A spelling that drops a letter (`translit::loose_word`), whole or its beginning.
    Loose = 2,
    Prefix = 3,
    Exact = 4,
}

impl Quality {
    fn weight(self) -> u32 {
        match self {
            Quality::None => 0,
            Quality::Typo => 10,
            Quality::Loose => 15,
            Quality::Prefix => 20,
            Quality::Exact => 30,
        }
    }
}

/// Shortest query word for which a typo is forgiven.
const TYPO_MIN_LEN: usize = 5;

/// Shortest query word (as a loose form) that finds the names it begins by their loose
/// form; shorter ones find only whole words that way (`Sa` does not list every `Sha…`).
const LOOSE_PREFIX_MIN_LEN: usize = 4;

/// Fewest significant characters (separators not counted) of a document number that the
/// search looks up by its beginning: `AN12` finds `AN1234567`, `AN1` nothing (a tenth of all
/// passports, and a name query's typo is more likely).
pub const DOCUMENT_PREFIX_MIN: usize = 4;

/// Fewest digits (country code counted) of an international phone number's beginning that
/// the search looks up: `+7 912` and `8 912` (`7912`).
pub const PHONE_PREFIX_MIN: usize = 4;

/// When `query` has digits but fewer significant characters than a document or phone is
/// looked up by (`AN1`, `+7`, `12`): that least number, for the screen and `kezek find` to
/// say, instead of "check the spelling" of a number that is on record.
pub fn too_short_to_look_up(query: &str) -> Option<usize> {
    let significant = query.chars().filter(|c| c.is_alphanumeric()).count();
    let min = DOCUMENT_PREFIX_MIN.max(PHONE_PREFIX_MIN);
    (query.chars().any(|c| c.is_ascii_digit()) && significant < min).then_some(min)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Entry {
    id: Id,
    /// Word ids of surname, given name(s), patronymic, in that order.
    words: Box<[u32]>,
    /// How many of `words` belong to the surname.
    surname_words: u8,
    birth: Option<NaiveDate>,
    alive: bool,
}

/// A person found, with how well they matched (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: Id,
    pub score: u32,
}

/// Why a person looks like one being saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likeness {
    SameDocument,
    SamePhone,
    SameBirthDateSimilarName,
}

/// Kept between runs by the store (`store::search_file`) as one value through its codec.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    slot_of: HashMap<Id, u32>,
    /// Distinct skeleton words; `word_id` finds one, `sorted` orders them for prefix look-ups.
    words: Vec<Box<str>>,
    word_id: HashMap<Box<str>, u32>,
    sorted: Vec<u32>,
    /// Each word's `loose_word` (by word id), and the ids ordered by it.
    loose: Vec<Box<str>>,
    loose_sorted: Vec<u32>,
    /// Slots having each word.
    postings: Vec<Vec<u32>>,
    /// (document key (`document_key`), slot), sorted.
    documents: Vec<(Box<str>, u32)>,
    /// (phone digits with country code, slot), sorted.
    phones: Vec<(Box<str>, u32)>,
    /// The country calling codes of `phones` (`7`, `996`...), sorted: a national number typed
    /// without one is looked up under each.
    phone_codes: Vec<Box<str>>,
    by_birth: HashMap<NaiveDate, Vec<u32>>,
}

/// Slots whose entry in `list` (sorted) begins with `prefix`.
fn starting_with(list: &[(Box<str>, u32)], prefix: &str) -> Vec<u32> {
    let lo = list.partition_point(|(d, _)| d.as_ref() < prefix);
    list[lo..]
        .iter()
        .take_while(|(d, _)| d.starts_with(prefix))
        .map(|(_, s)| *s)
        .collect()
}

fn name_words(f: &PersonFields) -> (Vec<String>, u8) {
    let mut words = skeleton_words(&f.surname);
    let surname = words.len().min(u8::MAX as usize) as u8;
    words.extend(skeleton_words(&f.given_name));
    words.extend(skeleton_words(&f.patronymic));
    (words, surname)
}

fn phone_digits(p: &str) -> String {
    p.chars().filter(char::is_ascii_digit).collect()
}

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Builds the index over `persons` in one go (sorting once at the end).
    pub fn build(persons: impl IntoIterator<Item = Person>) -> SearchIndex {
        let mut ix = SearchIndex::new();
        for p in persons {
            ix.add(&p);
        }
        ix.finish();
        ix
    }

    /// Adds a person while building; `finish` must follow before searching.
    pub fn add(&mut self, p: &Person) {
        self.insert_unsorted(p);
    }

    /// Sorts what `add` appended.
    pub fn finish(&mut self) {
        self.sorted = (0..self.words.len() as u32).collect();
        let words = &self.words;
        self.sorted
            .sort_unstable_by(|a, b| words[*a as usize].cmp(&words[*b as usize]));
        self.loose_sorted = (0..self.words.len() as u32).collect();
        let loose = &self.loose;
        self.loose_sorted
            .sort_unstable_by(|a, b| loose[*a as usize].cmp(&loose[*b as usize]));
        self.documents.sort_unstable();
        self.phones.sort_unstable();
    }

    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    fn intern(&mut self, w: String) -> (u32, bool) {
        if let Some(id) = self.word_id.get(w.as_str()) {
            return (*id, false);
        }
        let id = self.words.len() as u32;
        self.loose.push(loose_word(&w).into());
        let w: Box<str> = w.into();
        self.words.push(w.clone());
        self.word_id.insert(w, id);
        self.postings.push(Vec::new());
        (id, true)
    }

    /// Adds a person; returns the new words (not yet in `sorted`).
    fn insert_unsorted(&mut self, p: &Person) -> Vec<u32> {
        let slot = self.entries.len() as u32;
        let (words, surname_words) = name_words(&p.fields);
        let mut ids = Vec::with_capacity(words.len());
        let mut new = Vec::new();
        for w in words {
            let (id, is_new) = self.intern(w);
            if is_new {
                new.push(id);
            }
            let list = &mut self.postings[id as usize];
            if list.last() != Some(&slot) {
                list.push(slot);
            }
            ids.push(id);
        }
        if let Some(d) = &p.fields.document {
            self.documents.push((document_key(d).into(), slot));
        }
        if let Some(ph) = &p.fields.phone {
            let digits = phone_digits(ph);
            let code = &digits[..calling_code_len(&digits)];
            if let Err(at) = self.phone_codes.binary_search_by(|c| (**c).cmp(code)) {
                self.phone_codes.insert(at, code.into());
            }
            self.phones.push((digits.into(), slot));
        }
        if let Some(b) = p.fields.birth_date {
            self.by_birth.entry(b).or_default().push(slot);
        }
        self.entries.push(Entry {
            id: p.meta.id,
            words: ids.into(),
            surname_words,
            birth: p.fields.birth_date,
            alive: true,
        });
        self.slot_of.insert(p.meta.id, slot);
        new
    }

    /// Adds a person or replaces their earlier version.
    pub fn upsert(&mut self, p: &Person) {
        self.remove(p.meta.id);
        let new = self.insert_unsorted(p);
        for id in new {
            let w = &self.words[id as usize];
            let at = self
                .sorted
                .partition_point(|x| self.words[*x as usize] < *w);
            self.sorted.insert(at, id);
            let l = &self.loose[id as usize];
            let at = self
                .loose_sorted
                .partition_point(|x| self.loose[*x as usize] < *l);
            self.loose_sorted.insert(at, id);
        }
        let slot = (self.entries.len() - 1) as u32;
        if let Some(d) = &p.fields.document {
            let item = (Box::<str>::from(document_key(d)), slot);
            // `insert_unsorted` pushed it at the end; move it into place.
            self.documents.pop();
            let at = self.documents.partition_point(|x| *x < item);
            self.documents.insert(at, item);
        }
        if let Some(ph) = &p.fields.phone {
            let item = (Box::<str>::from(phone_digits(ph)), slot);
            self.phones.pop();
            let at = self.phones.partition_point(|x| *x < item);
            self.phones.insert(at, item);
        }
    }

    /// Forgets a person (merged into another, or replaced by `upsert`).
    pub fn remove(&mut self, id: Id) {
        let Some(slot) = self.slot_of.remove(&id) else {
            return;
        };
        let e = &mut self.entries[slot as usize];
        e.alive = false;
        for w in e.words.iter() {
            self.postings[*w as usize].retain(|s| *s != slot);
        }
        self.documents.retain(|(_, s)| *s != slot);
        self.phones.retain(|(_, s)| *s != slot);
        if let Some(b) = e.birth
            && let Some(v) = self.by_birth.get_mut(&b)
        {
            v.retain(|s| *s != slot);
        }
    }

    /// Word ids whose skeleton starts with `prefix`, as a range of `sorted`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let lo = self
            .sorted
            .partition_point(|x| &*self.words[*x as usize] < prefix);
        let hi =
            lo + self.sorted[lo..].partition_point(|x| self.words[*x as usize].starts_with(prefix));
        lo..hi
    }

    /// Word ids whose loose form is at or after `from` and `keeps`, as a range of
    /// `loose_sorted` (`keeps` holds for a run of them from there: a prefix, or equality).
    fn loose_range(&self, from: &str, keeps: impl Fn(&str) -> bool) -> std::ops::Range<usize> {
        let lo = self
            .loose_sorted
            .partition_point(|x| &*self.loose[*x as usize] < from);
        let hi = lo + self.loose_sorted[lo..].partition_point(|x| keeps(&self.loose[*x as usize]));
        lo..hi
    }

    /// The quality with which query word `q` matches each dictionary word (dense, by word
    /// id), and the words that match at all.
    fn match_word(&self, q: &str) -> (Vec<Quality>, Vec<u32>) {
        let mut quality = vec![Quality::None; self.words.len()];
        let mut matched = Vec::new();
        for &id in &self.sorted[self.prefix_range(q)] {
            let exact = self.words[id as usize].len() == q.len();
            quality[id as usize] = if exact {
                Quality::Exact
            } else {
                Quality::Prefix
            };
            matched.push(id);
        }
        let lq = loose_word(q);
        let loose_range = if lq.len() >= LOOSE_PREFIX_MIN_LEN {
            self.loose_range(&lq, |w| w.starts_with(lq.as_str()))
        } else {
            self.loose_range(&lq, |w| w == lq.as_str())
        };
        for &id in &self.loose_sorted[loose_range] {
            if quality[id as usize] == Quality::None {
                quality[id as usize] = Quality::Loose;
                matched.push(id);
            }
        }
        if q.len() >= TYPO_MIN_LEN {
            let qb = q.as_bytes();
            for (id, w) in self.words.iter().enumerate() {
                if quality[id] != Quality::None {
                    continue;
                }
                let wb = w.as_bytes();
                // The whole word with one typo, or its beginning (the query is half-typed).
                let hit = within_one_edit(qb, wb)
                    || [qb.len() - 1, qb.len(), qb.len() + 1]
                        .iter()
                        .any(|&n| n < wb.len() && within_one_edit(qb, &wb[..n]));
                if hit {
                    quality[id] = Quality::Typo;
                    matched.push(id as u32);
                }
            }
        }
        (quality, matched)
    }

    /// Persons matching `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_counted(query, limit).0
    }

    /// `search`, and how many persons match in all (more than `limit` when the list
    /// stops there: the screen says "first 50 of 1,234"). Counting costs nothing more:
    /// every match is scored to find the best ones.
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        self.search_counted_except(query, limit, None)
    }

    /// `search_counted` leaving `except` out of the list and of the count: the person a
    /// duplicate is chosen for is not one of the candidates, wherever they would rank.
    pub fn search_counted_except(
        &self,
        query: &str,
        limit: usize,
        except: Option<Id>,
    ) -> (Vec<Hit>, usize) {
        let query = query.trim();
        if query.is_empty() {
            return (vec![], 0);
        }
        let mut scores: HashMap<u32, u32> = HashMap::default();
        let has_digit = query.chars().any(|c| c.is_ascii_digit());
        if has_digit {
            for slot in self.by_document(query) {
                scores.insert(slot, 1000);
            }
            for slot in self.by_phone(query) {
                scores.entry(slot).or_insert(900);
            }
        }
        let words = skeleton_words(query);
        let letters = query.chars().any(char::is_alphabetic);
        if letters && !words.is_empty() && words.len() <= 6 {
            for (slot, s) in self.by_name(&words) {
                let e = scores.entry(slot).or_insert(0);
                *e = (*e).max(s);
            }
        }
        if let Some(slot) = except.and_then(|id| self.slot_of.get(&id)) {
            scores.remove(slot);
        }
        let total = scores.len();
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|(slot, score)| Hit {
                id: self.entries[slot as usize].id,
                score,
            })
            .collect();
        // Ties in a stable order (the id), so the same query gives the same list.
        let order = |a: &Hit, b: &Hit| b.score.cmp(&a.score).then(a.id.cmp(&b.id));
        if limit == 0 {
            return (vec![], total);
        }
        if hits.len() > limit {
            // The best `limit` only are sorted: a one-letter query matches most of the store.
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        (hits, total)
    }

    /// Document numbers beginning with the query, read by the rule documents are stored
    /// and compared by (`document_query_key`: `АН 12`, `ah-12` and `AN12` are `AN12`).
    fn by_document(&self, query: &str) -> Vec<u32> {
        let Some(doc) = document_query_key(query) else {
            return vec![];
        };
        if doc.chars().count() < DOCUMENT_PREFIX_MIN {
            return vec![];
        }
        starting_with(&self.documents, &doc)
    }

    /// Phone numbers beginning with the query: as an international number (`+7 912`, and
    /// `8 912` and `0555 12` with their trunk prefixes read as the country's code), and as
    /// a national number typed without any (`912 34`, `555 12`) under each country code on
    /// record.
    fn by_phone(&self, query: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some(digits) = phone_search_digits(query)
            && digits.len() >= PHONE_PREFIX_MIN
        {
            out = starting_with(&self.phones, &digits);
        }
        if let Some(national) = phone_national_digits(query) {
            for code in &self.phone_codes {
                let full = format!("{code}{national}");
                out.extend(starting_with(&self.phones, &full));
            }
        }
        // Digits from inside the number (its end, read off a paper): found when nothing
        // begins with them.
        let raw: String = query.chars().filter(char::is_ascii_digit).collect();
        if out.is_empty()
            && raw.len() >= 6
            && phone_search_digits(query).is_some()
            && !query.trim_start().starts_with(['+', '0', '8'])
        {
            out.extend(
                self.phones
                    .iter()
                    .filter(|(p, _)| p.contains(raw.as_str()))
                    .map(|(_, s)| *s),
            );
        }
        out
    }

    /// Slots whose name matches every query word (each a different name word), scored.
    fn by_name(&self, q: &[String]) -> Vec<(u32, u32)> {
        let matches: Vec<(Vec<Quality>, Vec<u32>)> = q.iter().map(|w| self.match_word(w)).collect();
        // Start from the query word with the fewest candidates.
        let Some((seed, _)) = matches.iter().enumerate().min_by_key(|(_, (_, ids))| {
            ids.iter()
                .map(|id| self.postings[*id as usize].len())
                .sum::<usize>()
        }) else {
            return vec![];
        };
        let mut candidates: Vec<u32> = matches[seed]
            .1
            .iter()
            .flat_map(|id| self.postings[*id as usize].iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut out = Vec::new();
        for slot in candidates {
            let e = &self.entries[slot as usize];
            if !e.alive {
                continue;
            }
            if let Some(score) = score_entry(e, &matches) {
                out.push((slot, score));
            }
        }
        out
    }
}

/// Each query word takes the best still-free name word; all must be taken. The score rewards
/// exact words over prefixes over typos, a surname matched by the first query word, and
/// names with no words left over.
fn score_entry(e: &Entry, matches: &[(Vec<Quality>, Vec<u32>)]) -> Option<u32> {
    let mut used = 0u32; // bit per name word (names have few words)
    let mut score = 0u32;
    for (qi, (quality, _)) in matches.iter().enumerate() {
        let mut best: Option<(usize, Quality)> = None;
        for (wi, w) in e.words.iter().enumerate().take(32) {
            if used & (1 << wi) != 0 {
                continue;
            }
            let q = quality[*w as usize];
            if q != Quality::None && best.is_none_or(|(_, b)| q > b) {
                best = Some((wi, q));
            }
        }
        let (wi, q) = best?;
        used |= 1 << wi;
        score += q.weight();
        if qi == 0 && wi < e.surname_words as usize {
            score += 5;
        }
    }
    let left = e.words.len().saturating_sub(matches.len()) as u32;
    Some(100 + score - left.min(score))
}
