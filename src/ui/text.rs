//! Text measured in terminal cells (unicode-width), never bytes: names are Cyrillic.

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` cells; a cut is marked with `…` so nothing is silently lost.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` fitted and padded with spaces to exactly `cells` cells.
pub fn pad(s: &str, cells: usize) -> String {
    let f = fit(s, cells);
    let w = width(&f);
    format!("{f}{}", " ".repeat(cells.saturating_sub(w)))
}

/// Keeps whole spans while they fit, then ends with `…`.
pub fn fit_line(spans: Vec<Span<'static>>, max: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for s in spans {
        let w = width(&s.content);
        if used + w > max {
            if used < max {
                out.push(Span::raw("…"));
            }
            break;
        }
        used += w;
        out.push(s);
    }
    Line::from(out)
}

/// `s` fitted and padded on the left to exactly `cells` cells (numbers in a column).
pub fn pad_left(s: &str, cells: usize) -> String {
    let f = fit(s, cells);
    let w = width(&f);
    format!("{}{f}", " ".repeat(cells.saturating_sub(w)))
}

/// Whether a line may break at `c`: whitespace, except the no-break spaces that group
/// digits (`68 903` stays one word).
fn breaks(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// `s` broken into lines of at most `max` cells at spaces; a word longer than a line is cut
/// with `…`.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(breaks).filter(|w| !w.is_empty()) {
        let word = fit(word, max);
        let need = if line.is_empty() {
            width(&word)
        } else {
            width(&line) + 1 + width(&word)
        };
        if need > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_cells_not_bytes() {
        assert_eq!(fit("Асанов", 6), "Асанов");
        assert_eq!(fit("Асанов Бакыт", 8), "Асанов …");
        assert_eq!(width(&fit("Жээнбеков Өмүрбек", 10)), 10);
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("漢字漢字", 5), "漢字…");
        assert_eq!(pad("Үмөт", 6), "Үмөт  ");
        assert_eq!(
            wrap("Ctrl+L бул адам · Ctrl+S жаңы", 12),
            ["Ctrl+L бул", "адам ·", "Ctrl+S жаңы"]
        );
        assert_eq!(wrap("Жээнбековдордун", 6), ["Жээнб…"]);
        assert!(wrap("   ", 5).is_empty());
        assert_eq!(
            wrap("Визиты 68\u{a0}903 · посетители 7\u{a0}500", 12),
            ["Визиты", "68\u{a0}903 ·", "посетители", "7\u{a0}500"],
            "grouped digits are never split"
        );
        assert_eq!(pad_left("7,500", 7), "  7,500");
    }
}
