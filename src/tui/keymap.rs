//! The one place terminal key events are read: crossterm -> our layout-independent `Key`.
//! Which command a key means is decided by `app::keymap`, per screen.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::Action;
use crate::app::keymap::Key;

pub fn key(ev: KeyEvent) -> Option<Key> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    Some(match ev.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_lowercase().next().unwrap_or(c)),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => Key::BackTab,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Backspace if ctrl => Key::Ctrl('w'),
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}

/// Terminal event -> app action; `None` for events the app ignores. A resize is told to
/// the app (which ignores keys while the terminal is too small) and redrawn, as the loop
/// redraws for every event.
pub fn action(ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) => key(k).map(Action::Key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resized { width, height }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_keys() {
        let k = |code, m| key(KeyEvent::new(code, m));
        assert_eq!(
            k(KeyCode::Char('й'), KeyModifiers::NONE),
            Some(Key::Char('й'))
        );
        assert_eq!(
            k(KeyCode::Char('S'), KeyModifiers::CONTROL),
            Some(Key::Ctrl('s'))
        );
        assert_eq!(k(KeyCode::Tab, KeyModifiers::SHIFT), Some(Key::BackTab));
        assert_eq!(k(KeyCode::F(2), KeyModifiers::NONE), Some(Key::F(2)));
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(key(release), None);
    }

    #[test]
    fn a_resize_is_told_to_the_app() {
        assert!(matches!(
            action(Event::Resize(20, 5)),
            Some(Action::Resized {
                width: 20,
                height: 5
            })
        ));
    }
}
