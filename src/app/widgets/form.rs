//! Form fields: text inputs (tui-input's editing model) and fixed-choice pickers.

use tui_input::{Input, InputRequest};

use crate::app::keymap::Key;
use crate::domain::ValidationError;
use crate::domain::validate::Limit;

use super::typeahead::type_ahead;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Stable code stored in records.
    pub code: String,
    pub label: ChoiceLabel,
    /// Other words it is picked by when typed (a currency's `руб.`, `тенге`).
    pub also: Vec<String>,
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
            also: vec![],
        }
    }

    pub fn text(code: &str, label: &str) -> Choice {
        Choice {
            code: code.to_string(),
            label: ChoiceLabel::Text(label.to_string()),
            also: vec![],
        }
    }

    pub fn also(mut self, words: impl IntoIterator<Item = impl Into<String>>) -> Choice {
        self.also.extend(words.into_iter().map(Into::into));
        self
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
    /// The letters typed into a choice so far (type-ahead); any other key starts anew.
    typed: String,
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
            typed: String::new(),
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
            typed: String::new(),
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

    /// The text of a text field.
    pub fn input(&self) -> Option<&Input> {
        match &self.kind {
            FieldKind::Text(input) => Some(input),
            FieldKind::Choice { .. } => None,
        }
    }

    /// The label of a choice's selected option, when it is text already (the taxonomy's).
    pub fn choice_text(&self) -> Option<String> {
        match &self.kind {
            FieldKind::Choice { options, selected } => match &options.get(*selected)?.label {
                ChoiceLabel::Text(t) => Some(t.clone()),
                ChoiceLabel::Msg(_) => None,
            },
            FieldKind::Text(_) => None,
        }
    }

    /// The value the field starts with (it counts as given, not as a change); a code
    /// not among a choice's options leaves the choice as it is.
    pub fn preset(&mut self, value: &str) {
        self.set_value(value);
        self.initial = self.value().to_string();
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
                let kept = matches!(req, InputRequest::Yank).then(|| input.clone());
                let changed = input.handle(req).is_some_and(|r| r.value);
                // What Ctrl+Y puts back must fit too, or it is refused whole.
                if let (Some(kept), Some(limit)) = (kept, self.limit)
                    && !limit.allows(input.value())
                {
                    *input = kept;
                    self.error = Some(ValidationError::TooLong(limit));
                    return false;
                }
                let changed = changed || before != input.value().len();
                if changed && matches!(self.error, Some(ValidationError::TooLong(_))) {
                    self.error = None;
                }
                changed
            }
            FieldKind::Choice { options, selected } => {
                let n = options.len().max(1);
                if let Key::Char(c) = key
                    && c != ' '
                {
                    let changed = type_ahead(options, selected, &mut self.typed, c);
                    if changed {
                        self.error = None;
                    }
                    return changed;
                }
                self.typed.clear();
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

    /// Inserts pasted text. A one-line field takes line breaks as spaces: a name or an
    /// address copied from a document or a spreadsheet cell often carries a wrapped line
    /// or a trailing break, and the officer expects its words, not a refusal to retype
    /// them. Breaks at either end go; a `\r\n` is one space, not two.
    pub fn paste(&mut self, text: &str) -> bool {
        if self.locked {
            return false;
        }
        let FieldKind::Text(input) = &mut self.kind else {
            return false;
        };
        let text = super::textedit::line_breaks(text);
        let chars: Vec<char> = text
            .trim_matches('\n')
            .chars()
            .map(|c| if matches!(c, '\n' | '\t') { ' ' } else { c })
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
        Key::Ctrl('y') => InputRequest::Yank,
        Key::Ctrl('k') => InputRequest::DeleteTillEnd,
        _ => return None,
    })
}

/// A form's fields named by an enum: `ALL` lists them in form order and `name` is each
/// one's name in drafts, so code says which field it means, never where it sits.
/// Declare one with `field_names!`.
pub trait FieldName: Copy + Eq + std::fmt::Debug + 'static {
    const ALL: &'static [Self];
    /// The field's name in drafts (stable: drafts on disk are read by it).
    fn name(self) -> &'static str;
    /// Where the field sits in the form.
    fn index(self) -> usize;
}

/// Declares a form's field enum and its `FieldName`: `Variant => "draft name"`, in form
/// order.
macro_rules! field_names {
    ($(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $v:ident => $s:expr),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$vm])* $v),* }
        impl $crate::app::widgets::form::FieldName for $name {
            const ALL: &'static [Self] = &[$($name::$v),*];
            fn name(self) -> &'static str {
                match self { $($name::$v => $s),* }
            }
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}
pub(crate) use field_names;

/// The fields of a form, in order, and the one with focus: what is drawn, whatever the
/// form's field names (the renderer reads these; pages go through `Form`).
#[derive(Clone, Debug)]
pub struct Fields {
    pub fields: Vec<Field>,
    pub focus: usize,
}

/// The one form engine: single-line fields named by `F`.
#[derive(Clone, Debug)]
pub struct Form<F: FieldName> {
    inner: Fields,
    names: std::marker::PhantomData<F>,
}

impl<F: FieldName> std::ops::Deref for Form<F> {
    type Target = Fields;
    fn deref(&self) -> &Fields {
        &self.inner
    }
}

impl<F: FieldName> std::ops::Index<F> for Form<F> {
    type Output = Field;
    fn index(&self, f: F) -> &Field {
        &self.inner.fields[f.index()]
    }
}

impl<F: FieldName> std::ops::IndexMut<F> for Form<F> {
    fn index_mut(&mut self, f: F) -> &mut Field {
        &mut self.inner.fields[f.index()]
    }
}

impl<F: FieldName> Form<F> {
    /// `fields` in `F::ALL` order; a form may stop short of the last names (a field
    /// shown only when editing).
    pub fn new(fields: Vec<Field>) -> Form<F> {
        debug_assert!(fields.len() <= F::ALL.len(), "more fields than names");
        Form {
            inner: Fields { fields, focus: 0 },
            names: std::marker::PhantomData,
        }
    }

    /// Choice labels that came from the taxonomy, again from `label(code)` (the interface
    /// language changed); fixed lists are translated when drawn and need nothing.
    pub fn relabel(&mut self, label: &dyn Fn(&str) -> Option<String>) {
        for f in &mut self.inner.fields {
            if let FieldKind::Choice { options, .. } = &mut f.kind {
                for c in options.iter_mut() {
                    if let (ChoiceLabel::Text(t), Some(new)) = (&mut c.label, label(&c.code)) {
                        *t = new;
                    }
                }
            }
        }
    }

    /// The field, if this form has it.
    pub fn get(&self, f: F) -> Option<&Field> {
        self.inner.fields.get(f.index())
    }

    pub fn get_mut(&mut self, f: F) -> Option<&mut Field> {
        self.inner.fields.get_mut(f.index())
    }

    pub fn value(&self, f: F) -> &str {
        self.get(f).map(Field::value).unwrap_or("")
    }

    pub fn is_dirty(&self) -> bool {
        self.inner.fields.iter().any(Field::is_dirty)
    }

    /// Every field's value by its name, so a draft does not depend on where a field sits.
    pub fn named_values(&self) -> Vec<(String, String)> {
        F::ALL
            .iter()
            .zip(&self.inner.fields)
            .map(|(n, f)| (n.name().to_string(), f.value().to_string()))
            .collect()
    }

    /// Puts back values by name; a name the form does not have is skipped, and a locked
    /// field (a person picked from the record) keeps what it shows.
    pub fn restore_named(&mut self, values: &[(String, String)]) {
        for (name, v) in values {
            let Some(f) = F::ALL.iter().find(|f| f.name() == name) else {
                continue;
            };
            if let Some(field) = self.get_mut(*f).filter(|f| !f.locked) {
                field.set_value(v);
            }
        }
    }

    /// The field with focus, by name.
    pub fn focus(&self) -> Option<F> {
        F::ALL.get(self.inner.focus).copied()
    }

    pub fn set_focus(&mut self, f: F) {
        self.inner.focus = f.index();
    }

    pub fn focused(&mut self) -> Option<&mut Field> {
        self.inner.fields.get_mut(self.inner.focus)
    }

    /// An editing key for the focused field; a value it changed drops the field's errors.
    pub fn edit_focused(&mut self, key: Key) -> bool {
        self.focused().is_some_and(|f| {
            let changed = f.edit(key);
            if changed {
                (f.error, f.error_msg) = (None, None);
            }
            changed
        })
    }

    /// A paste into the focused field; whether its value changed.
    pub fn paste_focused(&mut self, text: &str) -> bool {
        self.focused().is_some_and(|f| f.paste(text))
    }

    pub fn is_last_focused(&self) -> bool {
        let rest = self.inner.fields.get(self.inner.focus + 1..).unwrap_or(&[]);
        !rest.iter().any(|f| !f.locked)
    }

    pub fn focus_next(&mut self) {
        let n = self.inner.fields.len();
        for step in 1..=n {
            let i = (self.inner.focus + step) % n;
            if !self.inner.fields[i].locked {
                self.inner.focus = i;
                return;
            }
        }
    }

    pub fn focus_prev(&mut self) {
        let n = self.inner.fields.len();
        for step in 1..=n {
            let i = (self.inner.focus + n - step) % n;
            if !self.inner.fields[i].locked {
                self.inner.focus = i;
                return;
            }
        }
    }

    /// Every field, to change (by kind, not by name).
    pub fn fields_mut(&mut self) -> impl Iterator<Item = &mut Field> {
        self.inner.fields.iter_mut()
    }

    /// No field shows an error.
    pub fn clear_errors(&mut self) {
        for f in &mut self.inner.fields {
            f.error = None;
            f.error_msg = None;
        }
    }

    /// Shows `errors` by their fields and moves focus to the first one.
    pub fn set_errors(&mut self, errors: &[(F, ValidationError)]) {
        self.clear_errors();
        for (f, e) in errors {
            if let Some(field) = self.get_mut(*f) {
                field.error = Some(*e);
            }
        }
        if let Some((first, _)) = errors.iter().min_by_key(|(f, _)| f.index()) {
            self.set_focus(*first);
        }
    }

    /// Shows errors given as message ids (not `ValidationError`s) and moves focus to the
    /// first one.
    pub fn set_error_msgs(&mut self, errors: &[(F, &'static str)]) {
        self.clear_errors();
        for (f, e) in errors {
            if let Some(field) = self.get_mut(*f) {
                field.error_msg = Some(e);
            }
        }
        if let Some((first, _)) = errors.iter().min_by_key(|(f, _)| f.index()) {
            self.set_focus(*first);
        }
    }
}

/// Typing, focus and dirty tracking; pastes' line breaks, Ctrl+U/Ctrl+Y and choosing by
/// typing.
#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
