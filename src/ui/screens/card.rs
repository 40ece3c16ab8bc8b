//! A person's card: who they are, their visits, consultations (one selected), appeals and
//! the duplicates merged into them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Scene;
use crate::app::pages::*;
use crate::domain::card::PersonCard;
use crate::domain::clock::Zone;
use crate::domain::{Consultation, Person};
use crate::i18n::{Arg, I18n};
use crate::ui::parts::version_lines;
use crate::ui::{money, text, theme};

type Lines = Vec<Line<'static>>;

pub fn render(frame: &mut Frame, area: Rect, cs: &CardPage, scene: &Scene, i18n: &I18n) {
    let Some(card) = &cs.card else {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", i18n.t("screen-person-card")));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    };
    let p = &card.person.fields;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {} — {} ", i18n.t("screen-person-card"), p.full_name()),
            area.width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(area);
    let w = inner.width as usize;
    let mut lines: Lines = Vec::new();
    person_details(&mut lines, &card.person, i18n, w);
    person_versions(&mut lines, card, scene, i18n, w);
    visits(&mut lines, card, scene, i18n, w);
    let selected_line = consultations(&mut lines, card, cs.selected, scene, i18n, w);
    appeals(&mut lines, card, scene, i18n, w);
    merged(&mut lines, card, scene, i18n, w);
    crate::ui::card_notes::unmerged(&mut lines, card, scene, i18n, w);
    let h = inner.height as usize;
    let max_top = lines.len().saturating_sub(h);
    // The officer's scroll, or else the selected consultation kept in view.
    let top = cs
        .scroll
        .unwrap_or_else(|| (selected_line + 3).saturating_sub(h))
        .min(max_top);
    cs.view.set(CardView {
        top,
        max_top,
        height: h,
    });
    // Only when it does not fit: where the officer is, and the keys that move.
    let block = if max_top > 0 {
        let at = i18n.t_args(
            "card-lines",
            &[
                ("from", (top + 1).into()),
                ("to", (top + h).min(lines.len()).into()),
                ("total", lines.len().into()),
            ],
        );
        block.title_bottom(Line::raw(text::fit(&format!(" {at} "), w)).right_aligned())
    } else {
        block
    };
    frame.render_widget(block, area);
    let top = u16::try_from(top).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((top, 0)), inner);
}

fn person_details(lines: &mut Lines, person: &Person, i18n: &I18n, w: usize) {
    let p = &person.fields;
    let details: Vec<String> = [
        p.birth_date.map(|d| i18n.date(d)),
        (p.sex != crate::domain::Sex::Unknown).then(|| i18n.t(p.sex.msg_id())),
        p.document.clone(),
        p.phone.clone(),
        p.region.map(|r| i18n.t(r.msg_id())),
        (!p.city.is_empty()).then(|| p.city.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        lines.push(Line::raw(text::fit(&details.join(" · "), w)));
        lines.push(Line::raw(""));
    }
}

/// What was corrected in the person's details, newest first, each with who and when.
fn person_versions(lines: &mut Lines, card: &PersonCard, scene: &Scene, i18n: &I18n, w: usize) {
    let edits: Vec<_> = card.versions.iter().filter(|v| !v.is_creation()).collect();
    if edits.is_empty() {
        return;
    }
    lines.push(Line::styled(
        i18n.t_args("card-person-versions", &[("count", edits.len().into())]),
        theme::title(),
    ));
    for v in edits {
        let tax = &scene.ctx.taxonomy;
        let zone = scene.desk_zone();
        lines.extend(version_lines(v, tax, scene.ctx.language, zone, i18n, w));
    }
    lines.push(Line::raw(""));
}

fn visits(lines: &mut Lines, card: &PersonCard, scene: &Scene, i18n: &I18n, w: usize) {
    lines.push(Line::styled(
        i18n.t_args("card-visits", &[("count", card.visits.len().into())]),
        theme::title(),
    ));
    for (v, e) in &card.visits {
        let zone = scene.zone_or_desk(e.as_ref().map(|e| e.fields.utc_offset_min));
        let place = e
            .as_ref()
            .map(|e| e.fields.city.clone())
            .unwrap_or_default();
        let parts = [
            zone.date_time(v.arrived, i18n.language()),
            place,
            i18n.t_args(
                "queue-number",
                &[("number", scene.ctx.queue_label(v).into())],
            ),
            v.purpose.clone(),
            i18n.t(v.status.msg_id()),
        ];
        // A visit without a purpose (or an event gone) leaves no empty ` ·  · ` slot.
        let kept: Vec<&str> = parts
            .iter()
            .map(String::as_str)
            .filter(|p| !p.is_empty())
            .collect();
        let s = format!("  {}", kept.join(" · "));
        lines.push(Line::raw(text::fit(&s, w)));
        crate::ui::card_notes::undone(lines, card, v, zone, i18n, w);
    }
    lines.push(Line::raw(""));
}

/// The consultations, the selected one marked; returns the line it starts on.
fn consultations(
    lines: &mut Lines,
    card: &PersonCard,
    selected: usize,
    scene: &Scene,
    i18n: &I18n,
    w: usize,
) -> usize {
    lines.push(Line::styled(
        i18n.t_args(
            "card-consultations",
            &[("count", card.consultations.len().into())],
        ),
        theme::title(),
    ));
    let mut selected_line = lines.len();
    for (i, c) in card.consultations.iter().enumerate() {
        let selected = i == selected;
        if selected {
            selected_line = lines.len();
        }
        let zone = scene.zone_or_desk(offset_of(card, c));
        consultation(lines, c, zone, selected, scene, i18n, w);
    }
    selected_line
}

/// A consultation: when, outcome and topics; then amounts, follow-up and version; the advice.
fn consultation(
    lines: &mut Lines,
    c: &Consultation,
    zone: Zone,
    selected: bool,
    scene: &Scene,
    i18n: &I18n,
    w: usize,
) {
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    let f = &c.fields;
    let topics = f
        .topics
        .iter()
        .map(|t| tax.topic_label(t, lang))
        .collect::<Vec<_>>()
        .join("; ");
    let head = [
        i18n.date(zone.date(c.meta.created)),
        tax.outcome_label(&f.outcome, lang).to_string(),
        topics,
    ];
    let parts = consultation_parts(c, scene, i18n);
    let style = if selected {
        theme::selected()
    } else {
        Style::new()
    };
    let mark = if selected { "▶ " } else { "  " };
    lines.push(Line::styled(
        text::pad(&format!("{mark}{}", head.join(" · ")), w),
        style,
    ));
    if !parts.is_empty() {
        lines.push(Line::raw(text::fit(
            &format!("    {}", parts.join(" · ")),
            w,
        )));
    }
    if !f.advice.is_empty() {
        let advice = f.advice.replace('\n', " ");
        lines.push(Line::styled(
            text::fit(&format!("    {advice}"), w),
            theme::dim(),
        ));
    }
}

/// The offset of the event a consultation was given at, from the card's own visits (the
/// card carries their events: nothing is read while drawing).
pub fn offset_of(card: &PersonCard, c: &Consultation) -> Option<i32> {
    card.visits
        .iter()
        .find_map(|(_, e)| e.as_ref().filter(|e| e.meta.id == c.event))
        .map(|e| e.fields.utc_offset_min)
}

fn consultation_parts(c: &Consultation, scene: &Scene, i18n: &I18n) -> Vec<String> {
    let lang = scene.ctx.language;
    let f = &c.fields;
    let mut parts = Vec::new();
    if let Some(m) = f.claimed {
        parts.push(i18n.t_args("card-claimed", &[("amount", money(m, lang).into())]));
    }
    if let Some(m) = f.recovered {
        parts.push(i18n.t_args("card-recovered", &[("amount", money(m, lang).into())]));
    }
    if let Some(d) = f.follow_up {
        let id = if f.follow_up_open() {
            "card-follow-up-open"
        } else {
            "card-follow-up-closed"
        };
        parts.push(i18n.t_args(id, &[("date", i18n.date(d).into())]));
    }
    if c.meta.rev > 1 {
        parts.push(i18n.t_args(
            "card-version",
            &[
                ("version", c.meta.rev.into()),
                ("officer", Arg::Str(c.officer.clone())),
            ],
        ));
    }
    parts
}

fn appeals(lines: &mut Lines, card: &PersonCard, scene: &Scene, i18n: &I18n, w: usize) {
    let lang = scene.ctx.language;
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        i18n.t_args("card-appeals", &[("count", card.memberships.len().into())]),
        theme::title(),
    ));
    for (m, a) in &card.memberships {
        let mut parts = vec![
            a.as_ref()
                .map(|a| a.fields.title.clone())
                .unwrap_or_default(),
            i18n.t(m.status.msg_id()),
        ];
        if let Some(x) = m.claimed {
            parts.push(i18n.t_args("card-claimed", &[("amount", money(x, lang).into())]));
        }
        if let Some(x) = m.recovered {
            parts.push(i18n.t_args("card-recovered", &[("amount", money(x, lang).into())]));
        }
        lines.push(Line::raw(text::fit(&format!("  {}", parts.join(" · ")), w)));
    }
}

fn merged(lines: &mut Lines, card: &PersonCard, scene: &Scene, i18n: &I18n, w: usize) {
    for m in &card.merged {
        let f = &m.gone.fields;
        let details: Vec<String> = [
            f.birth_date.map(|d| i18n.date(d)),
            f.document.clone(),
            f.phone.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let s = i18n.t_args(
            "card-merged",
            &[
                ("name", Arg::Str(f.full_name())),
                ("details", Arg::Str(details.join(" · "))),
                ("date", Arg::Str(i18n.date(scene.desk_zone().date(m.at)))),
                ("officer", Arg::Str(m.officer.clone())),
            ],
        );
        lines.push(Line::raw(""));
        // Wrapped, not cut: when and by whom come last, and an unmerge needs them.
        for l in text::wrap(&s, w) {
            lines.push(Line::styled(l, theme::dim()));
        }
    }
}
