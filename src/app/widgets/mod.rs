//! The parts screens are made of: a form of named fields, the person lookup shared by the
//! forms that start with a person, pickers, a multi-line editor, the consultation form,
//! and moving a list's selection.

pub mod consult;
pub mod form;
pub mod lookup;
pub mod picker;
pub mod textedit;
mod typeahead;

use super::keymap::Command;

/// Rows moved by PageUp/PageDown.
const PAGE: usize = 10;

/// Up, down, a page, first or last: what every list does with its selection.
pub fn move_selection(selected: &mut usize, len: usize, command: Command) {
    let last = len.saturating_sub(1);
    *selected = match command {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (*selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(PAGE),
        Command::PageDown => (*selected + PAGE).min(last),
        Command::Top => 0,
        Command::Bottom => last,
        _ => *selected,
    };
}
