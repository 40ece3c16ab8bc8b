//! Name folding for look-ups. The full cross-script search is a later capability; this is
//! the one rule the store's prefix index and the arrival form agree on.

/// Lower case, `ё` read as `е`, whitespace collapsed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(if l == 'ё' { 'е' } else { l });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_yo_and_spaces() {
        assert_eq!(fold("  АСАНОВ "), "асанов");
        assert_eq!(fold("Семёнов"), "семенов");
        assert_eq!(fold("Асан   уулу"), "асан уулу");
        assert_eq!(fold("Өмүрбек"), "өмүрбек");
        assert_eq!(fold("ASANOV"), "asanov");
    }
}
