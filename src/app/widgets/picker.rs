//! A list to choose from (topics, legal bases, referral target): type to filter, arrows to
//! move, Space to choose. Holds codes; labels come from the taxonomy when drawn.

use crate::app::keymap::Key;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// (code, label in the interface language) in taxonomy order.
    pub options: Vec<(String, String)>,
    pub chosen: Vec<String>,
    pub multi: bool,
    /// Position of the highlight within `visible()`.
    pub cursor: usize,
    pub filter: String,
    /// Each option's labels in every language, lower-cased (by `options`' order): the
    /// filter matches any of them, not only the one on screen.
    pub names: Vec<String>,
}

impl Picker {
    /// Labels again from `label(code)` (the interface language changed).
    pub fn relabel(&mut self, label: &dyn Fn(&str) -> Option<String>) {
        for (code, l) in &mut self.options {
            if let Some(new) = label(code) {
                *l = new;
            }
        }
    }

    pub fn new(options: Vec<(String, String)>, multi: bool) -> Picker {
        Picker {
            options,
            chosen: Vec::new(),
            multi,
            cursor: 0,
            filter: String::new(),
            names: vec![],
        }
    }

    /// The labels `filter` also matches, one string per option.
    pub fn with_names(mut self, names: Vec<String>) -> Picker {
        self.names = names.iter().map(|n| n.to_lowercase()).collect();
        self
    }

    /// Indexes into `options` matching the filter (case-insensitive, anywhere in the label
    /// or code).
    pub fn visible(&self) -> Vec<usize> {
        let f = self.filter.to_lowercase();
        self.options
            .iter()
            .enumerate()
            .filter(|(i, (code, label))| {
                f.is_empty()
                    || label.to_lowercase().contains(&f)
                    || code.contains(&f)
                    || self.names.get(*i).is_some_and(|n| n.contains(&f))
            })
            .map(|(i, _)| i)
            .collect()
    }

    pub fn is_chosen(&self, code: &str) -> bool {
        self.chosen.iter().any(|c| c == code)
    }

    /// Chooses or un-chooses the highlighted option. Single pickers hold at most one.
    pub fn toggle(&mut self) -> bool {
        let Some(&i) = self.visible().get(self.cursor) else {
            return false;
        };
        let code = self.options[i].0.clone();
        if self.is_chosen(&code) {
            self.chosen.retain(|c| *c != code);
        } else if self.multi {
            self.chosen.push(code);
        } else {
            self.chosen = vec![code];
        }
        true
    }

    /// Handles a key meant for the list. Returns (handled, chosen set changed).
    pub fn key(&mut self, key: Key) -> (bool, bool) {
        let n = self.visible().len();
        match key {
            Key::Up => self.cursor = self.cursor.saturating_sub(1),
            Key::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Key::PageUp => self.cursor = self.cursor.saturating_sub(8),
            Key::PageDown => self.cursor = (self.cursor + 8).min(n.saturating_sub(1)),
            Key::Char(' ') => return (true, self.toggle()),
            Key::Char(c) => {
                self.filter.push(c);
                self.cursor = 0;
            }
            Key::Ctrl('u') if !self.filter.is_empty() => {
                self.filter.clear();
                self.cursor = 0;
            }
            Key::Backspace if !self.filter.is_empty() => {
                self.filter.pop();
                self.cursor = 0;
            }
            _ => return (false, false),
        }
        (true, false)
    }

    pub fn labels(&self) -> Vec<&str> {
        self.chosen
            .iter()
            .map(|c| {
                self.options
                    .iter()
                    .find(|(code, _)| code == c)
                    .map(|(_, l)| l.as_str())
                    .unwrap_or(c.as_str())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker(multi: bool) -> Picker {
        Picker::new(
            vec![
                ("wages.unpaid".into(), "Unpaid wages".into()),
                ("registration".into(), "Migration registration".into()),
                ("entry-ban".into(), "Entry ban".into()),
            ],
            multi,
        )
    }

    #[test]
    fn filter_move_and_choose() {
        let mut p = picker(true);
        assert_eq!(p.key(Key::Char(' ')), (true, true));
        assert_eq!(p.chosen, vec!["wages.unpaid"]);
        for c in "REG".chars() {
            p.key(Key::Char(c));
        }
        assert_eq!(p.visible(), vec![1]);
        p.key(Key::Char(' '));
        assert_eq!(p.chosen, vec!["wages.unpaid", "registration"]);
        p.key(Key::Backspace);
        p.key(Key::Backspace);
        p.key(Key::Backspace);
        assert_eq!(p.visible().len(), 3);
        p.key(Key::Down);
        p.key(Key::Down);
        p.key(Key::Down);
        assert_eq!(p.cursor, 2);
        assert_eq!(p.key(Key::Tab), (false, false));
        assert_eq!(p.labels(), vec!["Unpaid wages", "Migration registration"]);
    }

    #[test]
    fn single_choice_replaces_and_unchooses() {
        let mut p = picker(false);
        p.toggle();
        p.key(Key::Down);
        p.toggle();
        assert_eq!(p.chosen, vec!["registration"]);
        p.toggle();
        assert!(p.chosen.is_empty());
        p.filter = "zzz".into();
        assert!(!p.toggle());
    }
}
