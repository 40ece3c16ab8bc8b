//! Form fields: text inputs (tui-input's editing model) and fixed-choice pickers.

use tui_input::{Input, InputRequest};

use crate::app::keymap::Key;
use crate::domain::ValidationError;
use crate::domain::validate::Limit;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Stable code stored in records.
    pub code: String,
    pub label: ChoiceLabel,
}

/// A label to translate (fixed lists) or already in the interface language (taxonomy).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChoiceLabel {
    Msg(&'static str),
    Text(String),
}

impl Choice {
    pub fn msg(code: &str, label: &'static str) -> Choice {
        Choice {
            code: code.to_string(),
            label: ChoiceLabel::Msg(label),
        }
    }

    pub fn text(code: &str, label: &str) -> Choice {
        Choice {
            code: code.to_string(),
            label: ChoiceLabel::Text(label.to_string()),
        }
    }
}

#[derive(Clone, Debug)]
pub enum FieldKind {
    Text(Input),
    Choice {
        options: Vec<Choice>,
        selected: usize,
    },
}

#[derive(Clone, Debug)]
pub struct Field {
    /// i18n id of the label.
    pub label: &'static str,
    /// i18n id of a hint shown in the empty field.
    pub hint: Option<&'static str>,
    pub kind: FieldKind,
    initial: String,
    pub error: Option<ValidationError>,
    /// An error that is not a `ValidationError` (e.g. an amount), as an i18n id.
    pub error_msg: Option<&'static str>,
    /// Shown but not editable (e.g. the fields of an existing person picked from the list).
    pub locked: bool,
    /// The most a text field takes (by its label, `Limit::of_field`): typing or pasting
    /// beyond it is refused with the message naming it, as the record would be.
    pub limit: Option<Limit>,
}

impl Field {
    pub fn text(label: &'static str, value: &str) -> Field {
        Field {
            label,
            hint: None,
            kind: FieldKind::Text(Input::new(value.to_string())),
            initial: value.to_string(),
            error: None,
            error_msg: None,
            locked: false,
            limit: Limit::of_field(label),
        }
    }

    pub fn with_hint(mut self, hint: &'static str) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn choice(label: &'static str, options: Vec<Choice>, selected: usize) -> Field {
        let initial = options
            .get(selected)
            .map(|c| c.code.clone())
            .unwrap_or_default();
        Field {
            label,
            hint: None,
            kind: FieldKind::Choice { options, selected },
            initial,
            error: None,
            error_msg: None,
            locked: false,
            limit: None,
        }
    }

    /// Text as typed, or the code of the selected choice.
    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Text(input) => input.value(),
            FieldKind::Choice { options, selected } => options
                .get(*selected)
                .map(|c| c.code.as_str())
                .unwrap_or(""),
        }
    }

    pub fn set_value(&mut self, value: &str) {
        match &mut self.kind {
            FieldKind::Text(input) => *input = Input::new(value.to_string()),
            FieldKind::Choice { options, selected } => {
                if let Some(i) = options.iter().position(|c| c.code == value) {
                    *selected = i;
                }
            }
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.value() != self.initial
    }

    /// The i18n id of this field's error, if it has one.
    pub fn error_id(&self) -> Option<&'static str> {
        self.error.map(ValidationError::msg_id).or(self.error_msg)
    }

    /// Applies an editing key. Returns whether the value changed.
    pub fn edit(&mut self, key: Key) -> bool {
        if self.locked {
            return false;
        }
        match &mut self.kind {
            FieldKind::Text(input) => {
                let Some(req) = input_request(key) else {
                    return false;
                };
                if let (InputRequest::InsertChar(_), Some(limit)) = (req, self.limit)
                    && !room_for(limit, input.value(), 1)
                {
                    self.error = Some(ValidationError::TooLong(limit));
                    return false;
                }
                let before = input.value().len();
                let changed = input.handle(req).is_some_and(|r| r.value);
                let changed = changed || before != input.value().len();
                if changed && matches!(self.error, Some(ValidationError::TooLong(_))) {
                    self.error = None;
                }
                changed
            }
            FieldKind::Choice { options, selected } => {
                let n = options.len().max(1);
                match key {
                    Key::Right | Key::Char(' ') => *selected = (*selected + 1) % n,
                    Key::Left => *selected = (*selected + n - 1) % n,
                    _ => return false,
                }
                self.error = None;
                true
            }
        }
    }

    /// Inserts pasted text (one line: newlines become spaces).
    pub fn paste(&mut self, text: &str) -> bool {
        if self.locked {
            return false;
        }
        let FieldKind::Text(input) = &mut self.kind else {
            return false;
        };
        let chars: Vec<char> = text
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control())
            .collect();
        // All of it or nothing: a name cut at the limit would be saved without a word.
        if let Some(limit) = self.limit
            && !room_for(limit, input.value(), chars.len())
        {
            self.error = Some(ValidationError::TooLong(limit));
            return false;
        }
        for c in &chars {
            input.handle(InputRequest::InsertChar(*c));
        }
        !chars.is_empty()
    }
}

/// Whether `more` characters still fit in a field holding `value`.
pub fn room_for(limit: Limit, value: &str, more: usize) -> bool {
    value.chars().count().saturating_add(more) <= limit.max()
}

/// The single-line editing a key asks for, shared by every text input.
pub fn input_request(key: Key) -> Option<InputRequest> {
    Some(match key {
        Key::Char(c) if !c.is_control() => InputRequest::InsertChar(c),
        Key::Backspace => InputRequest::DeletePrevChar,
        Key::Delete => InputRequest::DeleteNextChar,
        Key::Left => InputRequest::GoToPrevChar,
        Key::Right => InputRequest::GoToNextChar,
        Key::Home | Key::Ctrl('a') => InputRequest::GoToStart,
        Key::End | Key::Ctrl('e') => InputRequest::GoToEnd,
        Key::Ctrl('w') | Key::Ctrl('h') => InputRequest::DeletePrevWord,
        Key::Ctrl('u') => InputRequest::DeleteLine,
        Key::Ctrl('k') => InputRequest::DeleteTillEnd,
        _ => return None,
    })
}

#[derive(Clone, Debug)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl Form {
    /// Choice labels that came from the taxonomy, again from `label(code)` (the interface
    /// language changed); fixed lists are translated when drawn and need nothing.
    pub fn relabel(&mut self, label: &dyn Fn(&str) -> Option<String>) {
        for f in &mut self.fields {
            if let FieldKind::Choice { options, .. } = &mut f.kind {
                for c in options.iter_mut() {
                    if let (ChoiceLabel::Text(t), Some(new)) = (&mut c.label, label(&c.code)) {
                        *t = new;
                    }
                }
            }
        }
    }

    pub fn new(fields: Vec<Field>) -> Form {
        Form { fields, focus: 0 }
    }

    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map(Field::value).unwrap_or("")
    }

    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(Field::is_dirty)
    }

    /// Every field's value by its name; `names` are the form's fields in order (the
    /// page's `NAMES`), so a draft does not depend on where a field sits.
    pub fn named_values(&self, names: &[&str]) -> Vec<(String, String)> {
        names
            .iter()
            .zip(&self.fields)
            .map(|(n, f)| (n.to_string(), f.value().to_string()))
            .collect()
    }

    /// Puts back values by name (`names` as for `named_values`); a name the form does not
    /// have is skipped, and a locked field (a person picked from the record) keeps what
    /// it shows.
    pub fn restore_named(&mut self, names: &[&str], values: &[(String, String)]) {
        for (name, v) in values {
            let Some(i) = names.iter().position(|n| n == name) else {
                continue;
            };
            if let Some(f) = self.fields.get_mut(i).filter(|f| !f.locked) {
                f.set_value(v);
            }
        }
    }

    pub fn focused(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    pub fn is_last_focused(&self) -> bool {
        !self.fields[self.focus + 1..].iter().any(|f| !f.locked)
    }

    pub fn focus_next(&mut self) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = (self.focus + step) % n;
            if !self.fields[i].locked {
                self.focus = i;
                return;
            }
        }
    }

    pub fn focus_prev(&mut self) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = (self.focus + n - step) % n;
            if !self.fields[i].locked {
                self.focus = i;
                return;
            }
        }
    }

    /// Shows `errors` by their fields and moves focus to the first one.
    pub fn set_errors(&mut self, errors: &[(usize, ValidationError)]) {
        for f in &mut self.fields {
            f.error = None;
            f.error_msg = None;
        }
        for (i, e) in errors {
            if let Some(f) = self.fields.get_mut(*i) {
                f.error = Some(*e);
            }
        }
        if let Some((first, _)) = errors.iter().min_by_key(|(i, _)| *i) {
            self.focus = *first;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_editing_and_dirty_tracking() {
        let mut f = Field::text("label", "");
        assert!(!f.is_dirty());
        for c in "Өмүрбек".chars() {
            assert!(f.edit(Key::Char(c)));
        }
        assert_eq!(f.value(), "Өмүрбек");
        assert!(f.edit(Key::Backspace));
        assert_eq!(f.value(), "Өмүрбе");
        assert!(!f.edit(Key::Left), "moving the cursor is not a change");
        assert!(f.edit(Key::Ctrl('u')));
        assert_eq!(f.value(), "");
        assert!(f.paste("Асан\nуулу"));
        assert_eq!(f.value(), "Асан уулу");
        assert!(f.is_dirty());
    }

    #[test]
    fn typing_and_pasting_stop_at_the_fields_limit_with_its_message() {
        let mut f = Field::text("field-surname", &"ж".repeat(199));
        assert!(f.edit(Key::Char('а')));
        assert!(!f.edit(Key::Char('б')), "the 201st character is refused");
        assert_eq!(f.value().chars().count(), 200);
        assert_eq!(f.error_id(), Some("err-too-long"));
        // Deleting one makes room again, and the message goes.
        assert!(f.edit(Key::Backspace));
        assert_eq!(f.error_id(), None);
        assert!(!f.paste("аб"), "a paste that does not fit is refused whole");
        assert_eq!(f.value().chars().count(), 199);
        assert_eq!(f.error_id(), Some("err-too-long"));
        assert!(f.paste("а"));

        let mut doc = Field::text("field-document", "");
        assert!(!doc.paste(&"1".repeat(31)));
        assert_eq!(doc.error_id(), Some("err-too-long-document"));
        assert!(doc.paste(&"1".repeat(30)));
        let mut phone = Field::text("field-phone", "");
        assert!(!phone.paste(&"5".repeat(25)));
        assert_eq!(phone.error_id(), Some("err-too-long-phone"));
        let mut hosts = Field::text("field-event-hosts", "");
        assert!(hosts.paste(&"h".repeat(1000)));
        assert!(!hosts.edit(Key::Char('h')));
        assert_eq!(hosts.error_id(), Some("err-too-long-hosts"));
        let mut date = Field::text("field-follow-up", "");
        assert!(!date.paste(&"9".repeat(33)));
        assert_eq!(date.error_id(), Some("err-too-long-short"));
        // A path is not a record's field: no limit of these.
        let mut path = Field::text("field-import-path", "");
        assert!(path.paste(&"p".repeat(5000)));
    }

    #[test]
    fn choices_cycle_and_focus_skips_locked_fields() {
        let opts = vec![Choice::msg("a", "a"), Choice::msg("b", "b")];
        let mut form = Form::new(vec![
            Field::text("x", ""),
            Field::choice("c", opts, 0),
            Field::text("y", ""),
        ]);
        form.focus = 1;
        assert!(form.focused().unwrap().edit(Key::Left));
        assert_eq!(form.value(1), "b");
        assert!(form.is_dirty());
        form.fields[2].locked = true;
        form.focus_next();
        assert_eq!(form.focus, 0);
        form.focus_prev();
        assert_eq!(form.focus, 1);
        assert!(form.is_last_focused());
    }
}
