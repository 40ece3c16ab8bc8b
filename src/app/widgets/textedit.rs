//! A multi-line text field (notes, advice): lines of chars and a cursor. Kept here rather
//! than using a textarea widget crate, whose state carries terminal styles: app state stays free of
//! terminal types. `ui` wraps it to the width it has.

use crate::app::keymap::Key;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    lines: Vec<String>,
    /// What Ctrl+U cleared last, for Ctrl+Y to put back: clearing a page of notes with
    /// one press must not lose it for good.
    cleared: String,
    /// Cursor line.
    row: usize,
    /// Cursor position in chars within the line.
    col: usize,
}

impl Default for TextEdit {
    fn default() -> Self {
        TextEdit::new("")
    }
}

impl TextEdit {
    pub fn new(text: &str) -> TextEdit {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        TextEdit {
            lines,
            row,
            col,
            cleared: String::new(),
        }
    }

    /// How many characters Ctrl+Y would put back (the form checks they fit first).
    pub fn cleared_len(&self) -> usize {
        self.cleared.chars().count()
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(String::is_empty)
    }

    /// (line, char column) of the cursor.
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines[row].chars().count()
    }

    fn byte_at(&self, row: usize, col: usize) -> usize {
        self.lines[row]
            .char_indices()
            .nth(col)
            .map(|(i, _)| i)
            .unwrap_or(self.lines[row].len())
    }

    pub fn insert_char(&mut self, c: char) {
        if c == '\n' {
            let at = self.byte_at(self.row, self.col);
            let rest = self.lines[self.row].split_off(at);
            self.lines.insert(self.row + 1, rest);
            self.row += 1;
            self.col = 0;
        } else if !c.is_control() {
            let at = self.byte_at(self.row, self.col);
            self.lines[self.row].insert(at, c);
            self.col += 1;
        }
    }

    /// Inserts pasted text with its line breaks, whichever the terminal sends (`\n`,
    /// `\r\n`, or a lone `\r` as most terminals do for a paste).
    pub fn insert_str(&mut self, s: &str) {
        for c in line_breaks(s).chars() {
            match c {
                '\t' => self.insert_char(' '),
                c => self.insert_char(c),
            }
        }
    }

    /// Applies an editing key; returns whether the text changed.
    pub fn edit(&mut self, key: Key) -> bool {
        match key {
            Key::Char(c) => {
                self.insert_char(c);
                true
            }
            Key::Enter => {
                self.insert_char('\n');
                true
            }
            Key::Backspace => self.backspace(),
            Key::Delete => self.delete(),
            Key::Ctrl('w') | Key::Ctrl('h') => {
                let mut changed = false;
                while self.col > 0 && self.char_before().is_some_and(char::is_whitespace) {
                    changed |= self.backspace();
                }
                while self.col > 0 && self.char_before().is_some_and(|c| !c.is_whitespace()) {
                    changed |= self.backspace();
                }
                changed
            }
            // Clears the whole field, as Ctrl+U does in a one-line field; Ctrl+Y puts it back.
            Key::Ctrl('u') => {
                if self.is_empty() {
                    return false;
                }
                self.cleared = self.text();
                self.lines = vec![String::new()];
                self.row = 0;
                self.col = 0;
                true
            }
            Key::Ctrl('y') => {
                if self.cleared.is_empty() {
                    return false;
                }
                let back = std::mem::take(&mut self.cleared);
                self.insert_str(&back);
                self.cleared = back;
                true
            }
            Key::Ctrl('k') => {
                let at = self.byte_at(self.row, self.col);
                let changed = at < self.lines[self.row].len();
                self.lines[self.row].truncate(at);
                changed
            }
            Key::Left => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = self.line_len(self.row);
                }
                false
            }
            Key::Right => {
                if self.col < self.line_len(self.row) {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
                false
            }
            Key::Up => {
                if self.row > 0 {
                    self.row -= 1;
                    self.col = self.col.min(self.line_len(self.row));
                }
                false
            }
            Key::Down => {
                if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = self.col.min(self.line_len(self.row));
                }
                false
            }
            Key::Home | Key::Ctrl('a') => {
                self.col = 0;
                false
            }
            Key::End | Key::Ctrl('e') => {
                self.col = self.line_len(self.row);
                false
            }
            _ => false,
        }
    }

    fn char_before(&self) -> Option<char> {
        self.lines[self.row].chars().nth(self.col.checked_sub(1)?)
    }

    fn backspace(&mut self) -> bool {
        if self.col > 0 {
            let at = self.byte_at(self.row, self.col - 1);
            self.lines[self.row].remove(at);
            self.col -= 1;
            true
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.line_len(self.row);
            self.lines[self.row].push_str(&line);
            true
        } else {
            false
        }
    }

    fn delete(&mut self) -> bool {
        if self.col < self.line_len(self.row) {
            let at = self.byte_at(self.row, self.col);
            self.lines[self.row].remove(at);
            true
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
            true
        } else {
            false
        }
    }
}

/// Line breaks as `\n`: a `\r\n` is one break, and so is a lone `\r`.
pub fn line_breaks(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(t: &mut TextEdit, s: &str) {
        for c in s.chars() {
            t.edit(if c == '\n' { Key::Enter } else { Key::Char(c) });
        }
    }

    #[test]
    fn typing_lines_and_moving() {
        let mut t = TextEdit::default();
        typed(&mut t, "Жумуш берүүчү\nакча төлөгөн жок");
        assert_eq!(t.text(), "Жумуш берүүчү\nакча төлөгөн жок");
        assert_eq!(t.cursor(), (1, 16));
        t.edit(Key::Up);
        assert_eq!(t.cursor(), (0, 13));
        t.edit(Key::Home);
        t.edit(Key::Char('«'));
        t.edit(Key::End);
        t.edit(Key::Char('»'));
        assert_eq!(t.lines()[0], "«Жумуш берүүчү»");
        t.edit(Key::Down);
        t.edit(Key::Home);
        assert!(t.edit(Key::Backspace), "joins the lines");
        assert_eq!(t.text(), "«Жумуш берүүчү»акча төлөгөн жок");
        t.edit(Key::Ctrl('w'));
        assert_eq!(t.text(), "«Жумуш акча төлөгөн жок");
        t.edit(Key::End);
        t.edit(Key::Ctrl('w'));
        assert_eq!(t.text(), "«Жумуш акча төлөгөн ");
        t.insert_str("1\r\n2\t3");
        assert_eq!(t.text(), "«Жумуш акча төлөгөн 1\n2 3");
        assert_eq!(TextEdit::new("a\nbc").cursor(), (1, 2));
        assert!(TextEdit::new("").is_empty());
    }

    #[test]
    fn deleting_at_the_edges_is_harmless() {
        let mut t = TextEdit::new("ab");
        assert!(!t.edit(Key::Delete));
        t.edit(Key::Home);
        assert!(!t.edit(Key::Backspace));
        t.edit(Key::Left);
        assert_eq!(t.cursor(), (0, 0));
        assert!(t.edit(Key::Delete));
        assert_eq!(t.text(), "b");
        assert!(t.edit(Key::Ctrl('k')));
        assert_eq!(t.text(), "");
    }

    #[test]
    fn pasted_line_breaks_stay_whatever_the_terminal_sends() {
        for (pasted, lines) in [
            ("один\rдва\rтри", 3),
            ("один\r\nдва\r\nтри", 3),
            ("один\nдва\nтри", 3),
            ("один\r\rтри", 3),
        ] {
            let mut t = TextEdit::default();
            t.insert_str(pasted);
            assert_eq!(t.lines().len(), lines, "{pasted:?}");
            assert_eq!(t.lines()[0], "один");
            assert_eq!(t.lines()[2], "три");
            assert!(!t.text().contains('\r'));
        }
    }

    #[test]
    fn ctrl_u_clears_the_whole_field_and_ctrl_y_puts_it_back() {
        let mut t = TextEdit::new("первая\nвторая");
        t.edit(Key::Up);
        assert!(t.edit(Key::Ctrl('u')));
        assert!(t.is_empty());
        assert_eq!(t.cleared_len(), 13);
        assert!(!t.edit(Key::Ctrl('u')), "nothing more to clear");
        assert!(t.edit(Key::Ctrl('y')));
        assert_eq!(t.text(), "первая\nвторая");
    }
}
