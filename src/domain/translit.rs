//! Names across scripts. A name typed in Cyrillic (Russian or Kyrgyz letters) or in any of
//! the usual Latin spellings is reduced to one *skeleton*: lower-case Latin letters in
//! which the letters people spell differently coincide (`ж`, `zh`, `j` → `j`; `х`, `kh`,
//! `h` → `h`; `ү`, `ü`, `u` → `u`; `й`, `ы`, `y`, `i` → `i`; doubled letters once), so
//! `Жээнбеков`, `Zheenbekov` and `JEENBEKOV` are the same word to the search.
//!
//! No crate covers Kyrgyz letters (ң ө ү) in both directions with the spellings seen on
//! passports and in registers, so the table is ours, and tested.

/// A Cyrillic letter's skeleton. Letters with several Latin spellings map to the form the
/// Latin rules below produce, so both scripts meet.
fn cyr(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' | 'ё' => "e",
        'ж' => "j",
        'з' => "z",
        'и' | 'й' | 'ы' | 'і' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'ң' => "ng",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ү' | 'ұ' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// Latin letters with diacritics, and look-alikes, as plain Latin.
fn latin_plain(c: char) -> Option<&'static str> {
    Some(match c {
        'ü' | 'ù' | 'ú' | 'û' => "u",
        'ö' | 'ò' | 'ó' | 'ô' => "o",
        'ä' | 'à' | 'á' | 'â' => "a",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'ï' | 'í' | 'ì' | 'î' | 'ı' => "i",
        'ñ' | 'ń' => "n",
        'ŋ' => "ng",
        'ş' | 'š' => "sh",
        'ç' | 'č' => "ch",
        'ž' => "j",
        'ğ' => "g",
        _ => return None,
    })
}

/// Latin spellings that differ, rewritten in place in one left-to-right pass (never
/// longer than the input).
fn latin_rules(buf: &mut Vec<u8>, from: usize) {
    let mut r = from;
    let mut w = from;
    while r < buf.len() {
        let next = buf.get(r + 1).copied();
        let (c, used) = match (buf[r], next) {
            (b'z', Some(b'h')) => (b'j', 2),
            (b'k', Some(b'h')) => (b'h', 2),
            (b'p', Some(b'h')) => (b'f', 2),
            (b'y', _) => (b'i', 1),
            (b'w', _) => (b'v', 1),
            (b'q', _) => (b'k', 1),
            (b'x', _) => (b'h', 1),
            (c, _) => (c, 1),
        };
        buf[w] = c;
        w += 1;
        r += used;
    }
    buf.truncate(w);
}

/// Lower case, quickly for the letters names are made of.
fn lower(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'a'..='z' | 'а'..='я' => c,
        // А..Я
        '\u{410}'..='\u{42F}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// One word as a skeleton: letters only (digits kept), scripts and spellings folded.
/// Always ASCII.
pub fn skeleton_word(word: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(word.len());
    // Latin letters go through the spelling rules; Cyrillic ones are already in the
    // rules' output form and must not be rewritten again (`зх` is `zh`, not `ж`).
    let mut latin_from = 0;
    for ch in word.chars().map(lower) {
        if let Some(s) = cyr(ch) {
            latin_rules(&mut out, latin_from);
            out.extend_from_slice(s.as_bytes());
            latin_from = out.len();
        } else if let Some(s) = latin_plain(ch) {
            out.extend_from_slice(s.as_bytes());
        } else if ch.is_ascii_alphanumeric() {
            out.push(ch as u8);
        }
    }
    latin_rules(&mut out, latin_from);
    // `Ye`/`Е` at the start of a word is written both ways.
    if out.starts_with(b"ie") {
        out.remove(0);
    }
    // Doubled letters once: `Жээнбеков` = `Jeenbekov` = `Jenbekov`.
    out.dedup();
    // `е` after a vowel, whose sound is `ye`, is written both ways too: `Бакаев` is
    // `Bakaev` and `Bakayev` (after the doubled `i` of `-aiyev` is one).
    glide(&mut out);
    out.dedup();
    // Only ASCII bytes were pushed.
    String::from_utf8(out).unwrap_or_default()
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Drops the `i` (`y`, `й`) between a vowel and `e`: `-baiev` → `-baev`, `-aiyev` → `-aev`.
fn glide(out: &mut Vec<u8>) {
    let mut w = 0;
    for r in 0..out.len() {
        let b = out[r];
        let between = b == b'i' && w > 0 && is_vowel(out[w - 1]) && out.get(r + 1) == Some(&b'e');
        if !between {
            out[w] = b;
            w += 1;
        }
    }
    out.truncate(w);
}

/// A looser form of a skeleton, for the passport spellings that drop a letter the
/// skeleton keeps (`ң` written `n`: `Кеңеш` is `Kenesh`; `ш` written `s`: `Kenesbaeva`):
/// `ng` is `n` and `sh` is `s`, doubled letters once. The search finds a name by it only
/// after the skeleton's own matches, so `Саршенбек` stays another name than `Шаршенбек`
/// and ranks below it.
pub fn loose_word(skeleton: &str) -> String {
    let b = skeleton.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let pair = matches!(
            (b[i], b.get(i + 1)),
            (b'n', Some(b'g')) | (b's', Some(b'h'))
        );
        out.push(b[i]);
        i += if pair { 2 } else { 1 };
    }
    out.dedup();
    // Bytes of an ASCII skeleton, so still ASCII (and otherwise no match, not a panic).
    String::from_utf8(out).unwrap_or_default()
}

/// Words of a name (or a query) as skeletons, in order; empty words dropped.
pub fn skeleton_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '.')
        .map(skeleton_word)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A usual Latin spelling of a Cyrillic name (passport style): `Жээнбеков Өмүрбек` →
/// `Zheenbekov Omurbek`. Used by the demo data and the tests; search does not need it.
pub fn to_latin(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &ch) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let upper = ch.is_uppercase();
        let lower = ch.to_lowercase().next().unwrap_or(ch);
        let s = match lower {
            'а' | 'ә' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' => "g",
            'д' => "d",
            // ICAO 9303, as in passports.
            'е' | 'э' | 'ё' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'і' => "i",
            'й' => "i",
            'ы' => "y",
            'к' | 'қ' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            // `Чыңгыз` is `Chyngyz`, not `Chynggyz`.
            'ң' if next.is_some_and(|n| matches!(n, 'г' | 'Г')) => "n",
            'ң' => "ng",
            'о' | 'ө' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ү' | 'ұ' => "u",
            'ф' => "f",
            'х' | 'һ' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                out.push(ch);
                continue;
            }
        };
        let shout = upper && next.is_some_and(char::is_uppercase);
        if shout {
            out.push_str(&s.to_uppercase());
        } else if upper {
            let mut cs = s.chars();
            if let Some(first) = cs.next() {
                out.extend(first.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(s);
        }
    }
    out
}

/// Whether `a` and `b` differ by at most one edit (insert, delete, substitute, or swap of
/// two neighbours).
pub fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if p == la && p == lb {
        return true;
    }
    let (ra, rb) = (&a[p..], &b[p..]);
    match la.cmp(&lb) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit() {
        assert!(within_one_edit(b"asanov", b"asanov"));
        assert!(within_one_edit(b"asanov", b"asaniv"));
        assert!(within_one_edit(b"asanov", b"asnaov"));
        assert!(within_one_edit(b"asanov", b"asano"));
        assert!(within_one_edit(b"asanov", b"assanov"));
        assert!(!within_one_edit(b"asanov", b"asanvo1"));
        assert!(!within_one_edit(b"asanov", b"osaniv"));
        assert!(!within_one_edit(b"ab", b"ba1"));
    }
}
