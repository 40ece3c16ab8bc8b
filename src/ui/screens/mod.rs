//! One file per screen: `render(frame, area, &page, …)` draws a page of `app::pages`.

pub mod appeal;
pub mod appeal_form;
pub mod appeals;
pub mod arrival;
pub mod backup;
pub mod card;
pub mod close;
pub mod conflicts;
pub mod consultation;
pub mod dashboard;
pub mod event_form;
pub mod events;
pub mod exchange;
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
use crate::domain::Event;
use crate::domain::clock::Zone;

/// What screens draw with besides their page: the desk's facts and the time.
pub struct Scene<'a> {
    pub ctx: &'a Context,
    pub now: DateTime<Utc>,
    /// The event whose queue is open under the top page, if one is (the arrival form's title).
    pub event: Option<&'a Event>,
}

impl Scene<'_> {
    /// The desk's day: the open venue's, else this machine's.
    pub fn today(&self) -> NaiveDate {
        self.desk_zone().date(self.now)
    }

    fn open_offset(&self) -> Option<i32> {
        self.event.map(|e| e.fields.utc_offset_min)
    }

    /// The zone of a record of an event at `offset_min` (`Zone::venue`).
    pub fn zone(&self, offset_min: i32) -> Zone {
        Zone::venue(offset_min, self.open_offset())
    }

    /// The zone of a record of an event at `offset_min` if it is known, else the desk's.
    pub fn zone_or_desk(&self, offset_min: Option<i32>) -> Zone {
        offset_min.map_or_else(|| self.desk_zone(), |o| self.zone(o))
    }

    /// The zone of what belongs to no event (`Zone::desk`).
    pub fn desk_zone(&self) -> Zone {
        Zone::desk(self.open_offset(), self.ctx.local_offset_min)
    }
}
