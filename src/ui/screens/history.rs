//! A record's history, newest first (appeals and consultations).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::Scene;
use crate::app::pages::*;
use crate::i18n::I18n;
use crate::ui::parts::{boxed, version_lines};

pub fn render(frame: &mut Frame, area: Rect, h: &HistoryPage, scene: &Scene, i18n: &I18n) {
    let inner = boxed(
        frame,
        area,
        &format!("{} — {}", i18n.t("screen-history"), h.title),
    );
    if h.loading {
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    }
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for v in &h.versions {
        lines.extend(version_lines(
            v,
            &scene.ctx.taxonomy,
            scene.ctx.language,
            scene.zone_or_desk(h.offset_min),
            i18n,
            w,
        ));
    }
    let max = lines.len().saturating_sub(inner.height as usize);
    let scroll = h.scroll.min(max);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
