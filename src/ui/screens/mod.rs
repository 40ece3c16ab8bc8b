//! One file per screen: `render(frame, area, &page, …)` draws a page of `app::pages`.

pub mod appeal;
pub mod appeal_form;
pub mod appeals;
pub mod arrival;
pub mod backup;
pub mod card;
pub mod close;
pub mod consultation;
pub mod dashboard;
pub mod event_form;
pub mod events;
pub mod export;
pub mod follow_ups;
pub mod history;
pub mod import;
pub mod member;
pub mod person_form;
pub mod queue;
pub mod search;
pub mod settings;

use chrono::{DateTime, NaiveDate, Utc};

use crate::app::Context;
use crate::app::state::local;
use crate::domain::Event;

/// What screens draw with besides their page: the desk's facts and the time.
pub struct Scene<'a> {
    pub ctx: &'a Context,
    pub now: DateTime<Utc>,
    /// The event whose queue is open under the top page, if one is (the arrival form's title).
    pub event: Option<&'a Event>,
}

impl Scene<'_> {
    pub fn today(&self) -> NaiveDate {
        local(self.now, self.ctx.local_offset_min).date_naive()
    }
}
