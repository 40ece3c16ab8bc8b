//! Choosing by typing: the first letters of an option, in any of the interface's
//! languages, pick it (Osh by `О`, `Ош`, `O` or `Osh`, not six arrow presses).

use super::form::{Choice, ChoiceLabel};

/// Every name the option is picked by, lower-cased: its label in each interface
/// language (an officer on a Russian layout types Cyrillic whatever the interface
/// says; one on a Latin layout types Latin), its code and its other words.
fn names(choice: &Choice) -> Vec<String> {
    let mut names = match &choice.label {
        ChoiceLabel::Msg(id) => ALL_LANGS.with(|all| all.iter().map(|i| i.t(id)).collect()),
        ChoiceLabel::Text(t) => vec![t.clone()],
    };
    names.push(choice.code.clone());
    names.extend(choice.also.iter().cloned());
    names.iter().map(|n| n.to_lowercase()).collect()
}

thread_local! {
    /// The three interfaces' messages, read once per thread: type-ahead in a choice
    /// matches labels in every language.
    static ALL_LANGS: Vec<crate::i18n::I18n> =
        crate::domain::Lang::ALL.iter().map(|l| crate::i18n::I18n::of(*l)).collect();
}

/// Whether `name` begins with `typed` (`whole`), or one of its words does (`г. Ош` is
/// reached by `Ош`).
fn begins(name: &str, typed: &str, whole: bool) -> bool {
    if whole {
        return name.starts_with(typed);
    }
    name.split(|c: char| c.is_whitespace() || ".-()/,".contains(c))
        .any(|w| w.starts_with(typed))
}

/// The first option from `from` on (round the list) that `typed` picks: whole names
/// first, then words.
fn pick(options: &[Choice], typed: &str, from: usize) -> Option<usize> {
    let n = options.len();
    [true, false].into_iter().find_map(|whole| {
        (0..n).map(|k| (from + k) % n).find(|&i| {
            names(&options[i])
                .iter()
                .any(|name| begins(name, typed, whole))
        })
    })
}

/// A letter typed into a choice. The letters so far with it pick the first option they
/// begin, from the top when they are the first (`О`, `Ош`: Ошская область, wherever the
/// choice stood). The same letter again goes on to the next option it begins (`ОО`: г.
/// Ош); another letter that begins nothing with the ones before starts anew. A letter
/// that begins no option changes nothing.
pub(super) fn type_ahead(
    options: &[Choice],
    selected: &mut usize,
    typed: &mut String,
    c: char,
) -> bool {
    let more: String = typed.chars().chain(c.to_lowercase()).collect();
    let alone: String = c.to_lowercase().collect();
    let again = more.chars().all(|l| alone.starts_with(l)) && more.chars().count() > 1;
    let found = if typed.is_empty() {
        pick(options, &more, 0).map(|i| (i, more))
    } else if let Some(i) = pick(options, &more, *selected) {
        Some((i, more))
    } else if again {
        pick(options, &alone, *selected + 1).map(|i| (i, alone))
    } else {
        pick(options, &alone, 0).map(|i| (i, alone))
    };
    let Some((i, now)) = found else {
        return false;
    };
    *typed = now;
    let changed = *selected != i;
    *selected = i;
    changed
}
