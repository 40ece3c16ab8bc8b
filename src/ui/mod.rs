//! Drawing only: `render(frame, &State, &I18n)`. No I/O, no mutation.

mod card_notes;
mod form;
mod merge;
mod overlay;
pub(crate) use overlay::job_gauge;
mod parts;
pub mod screens;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::keymap::{bindings, key_label};
use crate::app::pages::QueuePage;
use crate::app::{FlashKind, Page, State};
use crate::i18n::I18n;

pub use crate::app::state::{MIN_HEIGHT, MIN_WIDTH};

pub fn render(frame: &mut Frame, state: &State, i18n: &I18n) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, i18n);
        return;
    }
    if state.locked {
        overlay::locked(frame, area, state, i18n);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    render_header(frame, header, state, i18n);
    render_page(frame, body, state, i18n);
    render_footer(frame, footer, state, i18n);
    overlay::render(frame, area, state, i18n);
}

/// The page on top, by its own screen's `render`.
fn render_page(frame: &mut Frame, body: Rect, state: &State, i18n: &I18n) {
    use screens::*;
    let scene = Scene {
        ctx: &state.ctx,
        now: state.now,
        event: state.page::<QueuePage>().map(|q| &q.event),
    };
    let s = &scene;
    match state.top() {
        Page::Events(p) => events::render(frame, body, p, s, i18n),
        Page::Queue(p) => queue::render(frame, body, p, s, i18n),
        Page::EventForm(p) => event_form::render(frame, body, p, s, i18n),
        Page::Arrival(p) => arrival::render(frame, body, p, s, i18n),
        Page::Consultation(p) => consultation::render(frame, body, p, s, i18n),
        Page::FollowUps(p) => follow_ups::render(frame, body, p, s, i18n),
        Page::Card(p) => card::render(frame, body, p, s, i18n),
        Page::Close(p) => close::render(frame, body, p, s, i18n),
        Page::Appeals(p) => appeals::render(frame, body, p, s, i18n),
        Page::Appeal(p) => appeal::render(frame, body, p, s, i18n),
        Page::AppealForm(p) => appeal_form::render(frame, body, p, s, i18n),
        Page::Member(p) => member::render(frame, body, p, s, i18n),
        Page::History(p) => history::render(frame, body, p, s, i18n),
        Page::Search(p) => search::render(frame, body, p, s, i18n),
        Page::Dashboard(p) => dashboard::render(frame, body, p, s, i18n),
        Page::Export(p) => export::render(frame, body, p, s, i18n),
        Page::Import(p) => import::render(frame, body, p, s, i18n),
        Page::Backup(p) => backup::render(frame, body, p, s, i18n),
        Page::Exchange(p) => exchange::render(frame, body, p, s, i18n),
        Page::Conflicts(p) => conflicts::render(frame, body, p, s, i18n),
        Page::Settings(p) => settings::render(frame, body, p, s, i18n),
        Page::PersonForm(p) => person_form::render(frame, body, p, s, i18n),
    }
}

/// An amount as the interface language writes numbers.
pub fn money(m: crate::domain::Money, lang: crate::domain::Lang) -> String {
    m.format(crate::domain::money::NumberLocale::of(lang))
}

fn too_small(frame: &mut Frame, area: Rect, i18n: &I18n) {
    let msg = i18n.t_args(
        "too-small",
        &[
            ("width", u32::from(area.width).into()),
            ("height", u32::from(area.height).into()),
            ("need_width", u32::from(MIN_WIDTH).into()),
            ("need_height", u32::from(MIN_HEIGHT).into()),
        ],
    );
    frame.render_widget(
        Paragraph::new(msg)
            .style(theme::error())
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn render_header(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    if state.store_damaged {
        // Over the header, on every screen: nothing more is saved, and what to do.
        let text = text::fit(
            &format!(" {}", i18n.t("banner-store-damaged")),
            area.width as usize,
        );
        frame.render_widget(
            ratatui::widgets::Paragraph::new(text).style(
                ratatui::style::Style::default()
                    .fg(ratatui::style::Color::White)
                    .bg(ratatui::style::Color::Red)
                    .add_modifier(ratatui::style::Modifier::BOLD),
            ),
            area,
        );
        return;
    }
    // The open venue's time, else this machine's marked with its offset (`Zone::desk`).
    let clock = state.zone().date_time(state.now, i18n.language());
    let left = format!(
        " {} │ {} │ {}",
        i18n.t("app-name"),
        i18n.t_args(
            "header-desk",
            &[("desk", state.ctx.desk_name.as_str().into())]
        ),
        i18n.t_args(
            "header-officer",
            &[("officer", state.ctx.officer.as_str().into())]
        ),
    );
    let width = area.width as usize;
    let right = format!("{clock} ");
    let left = text::fit(&left, width.saturating_sub(text::width(&right) + 1));
    let pad = width.saturating_sub(text::width(&left) + text::width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme::header()), area);
}

/// A language's name in that language.
fn endonym(lang: crate::domain::Lang) -> &'static str {
    match lang {
        crate::domain::Lang::Ky => "Кыргызча",
        crate::domain::Lang::Ru => "Русский",
        crate::domain::Lang::En => "English",
    }
}

fn render_footer(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    let [flash_area, hint_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    if let Some(flash) = &state.flash {
        let style = match flash.kind {
            FlashKind::Info => theme::ok(),
            FlashKind::Error => theme::error(),
        };
        let msg = text::fit(
            &format!(" {}", i18n.t_args(flash.id, &flash.args)),
            area.width as usize,
        );
        frame.render_widget(Paragraph::new(msg).style(style), flash_area);
    } else if state.overlay.is_none() {
        // The language key on the free line above the hints, naming the next language in
        // itself: whoever cannot read this one can find theirs.
        let next = state.ctx.language.next();
        let label = format!("F9 {} ", endonym(next));
        let line = Line::from(vec![
            Span::styled("F9", theme::key()),
            Span::raw(format!(" {} ", endonym(next))),
        ]);
        if text::width(&label) < area.width as usize {
            frame.render_widget(Paragraph::new(line).right_aligned(), flash_area);
        }
    }
    let mut spans = Vec::new();
    if state.overlay.is_some_and(|o| o.is_question()) {
        // Under a question only its answers act: the screen's keys would be a lie here.
        spans.push(Span::styled(
            format!(" {}", overlay::confirm_legend(state, i18n)),
            theme::key(),
        ));
    } else {
        for b in bindings(state.help_mode()) {
            if let Some(hint) = b.hint {
                spans.push(Span::styled(
                    format!(" {}", key_label(b.keys[0])),
                    theme::key(),
                ));
                spans.push(Span::raw(format!(" {} ", i18n.t(hint))));
            }
        }
    }
    let line = text::fit_line(spans, area.width as usize);
    frame.render_widget(Paragraph::new(line).style(theme::footer()), hint_area);
}
