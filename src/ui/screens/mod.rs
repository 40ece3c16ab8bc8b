//! One file per screen: `render(frame, area, &page, …)` draws a page of `app::pages`.

pub mod appeal;
pub mod backup;
pub mod card;
pub mod consult;
pub mod dashboard;
pub mod events;
pub mod export;
pub mod followups;
pub mod form;
pub mod import;
pub mod queue;
pub mod search;

use chrono::{DateTime, NaiveDate, Utc};

use crate::app::Context;
use crate::app::state::local;

/// What screens draw with besides their page: the desk's facts and the time.
pub struct Scene<'a> {
    pub ctx: &'a Context,
    pub now: DateTime<Utc>,
}

impl Scene<'_> {
    pub fn today(&self) -> NaiveDate {
        local(self.now, self.ctx.local_offset_min).date_naive()
    }
}
