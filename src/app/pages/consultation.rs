//! A consultation as a page: the form (`widgets::consult`) with what its keys do and what
//! happens once it is saved. It opens over the queue or over the person card.

use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::Outcome;
use crate::app::state::{Cx, FlashKind, Overlay};
pub use crate::app::widgets::consult::ConsultationForm as ConsultationPage;
use crate::domain::taxonomy::Taxonomy;
use crate::domain::{Id, Lang};

/// A blank form for a visit.
pub fn blank(
    tax: &Taxonomy,
    lang: Lang,
    event: Id,
    visit: Id,
    person_name: String,
    queue_no: u32,
) -> ConsultationPage {
    ConsultationPage::blank(tax, lang, event, visit, person_name, queue_no)
}

impl ConsultationPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        let tax = cx.taxonomy();
        match command {
            Command::NextField => self.focus_next(),
            Command::PrevField => self.focus_prev(),
            Command::Enter if !self.is_last_focused() => self.focus_next(),
            Command::Enter | Command::Save => {
                if self.saving {
                    return Outcome::none();
                }
                match self.input().validate(&tax) {
                    Ok(mut fields) => {
                        fields.appeal = self.appeal;
                        self.errors.clear();
                        self.saving = true;
                        return Outcome::effects(vec![Effect::SaveConsultation {
                            visit: self.visit,
                            existing: self.existing,
                            fields: Box::new(fields),
                        }]);
                    }
                    Err(errors) => {
                        self.set_errors(errors);
                        cx.flash("flash-fix-fields", vec![], FlashKind::Error);
                    }
                }
            }
            // What the text and list tables bind: the key goes on to the field in focus.
            Command::NewLine => return self.on_text(cx, Key::Enter),
            Command::Up => return self.on_text(cx, Key::Up),
            Command::Down => return self.on_text(cx, Key::Down),
            Command::PageUp => return self.on_text(cx, Key::PageUp),
            Command::PageDown => return self.on_text(cx, Key::PageDown),
            Command::Back => {
                if self.is_dirty() {
                    *cx.overlay = Some(Overlay::ConfirmDiscard);
                } else {
                    return leave();
                }
            }
            _ => {}
        }
        Outcome::none()
    }

    /// A key for the focused field (text, a list, a choice).
    pub fn on_text(&mut self, cx: &mut Cx, key: Key) -> Outcome {
        let tax = cx.taxonomy();
        *cx.draft_dirty |= self.key(key, &tax);
        Outcome::none()
    }

    pub fn on_paste(&mut self, cx: &mut Cx, text: &str) -> Outcome {
        *cx.draft_dirty |= self.paste(text);
        Outcome::none()
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::ConsultationSaved(_) => {
                cx.flash(
                    "flash-consultation-saved",
                    vec![("name", self.person_name.clone().into())],
                    FlashKind::Info,
                );
                Ok(leave())
            }
            other => Err(other),
        }
    }

    /// Taxonomy labels again in the interface language.
    pub fn relabel(&mut self, label: &dyn Fn(&str) -> Option<String>) {
        self.topics.relabel(label);
        self.referral.relabel(label);
        self.bases.relabel(label);
        self.line.relabel(label);
    }
}

/// Back to the queue or the person card (read again: it lists the consultation).
fn leave() -> Outcome {
    Outcome::back(vec![Effect::ClearDraft])
}
