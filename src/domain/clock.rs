//! One clock for the screens, slips and exports: which offset a stored UTC time is shown at,
//! and whether it must say so (see README, Design: "One clock").

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::Lang;

/// The offset a time is shown at, and whether it is marked with it (`14:05 UTC+3`).
///
/// A time is plain only when it is the venue time the officer is looking at: the time of
/// the record's own event, with no other venue's queue open or the open one at the same
/// offset. Everything else (the laptop's clock, a record from another time zone, a record of
/// no event while no queue is open) carries its offset, so two plain times on one screen are
/// always in the same zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    pub offset_min: i32,
    pub marked: bool,
}

impl Zone {
    /// A record of an event at `offset_min`, while the queue of a venue at `open` is open
    /// (`None`: no queue is open).
    pub fn venue(offset_min: i32, open: Option<i32>) -> Zone {
        Zone {
            offset_min,
            marked: open.is_some_and(|o| o != offset_min),
        }
    }

    /// What belongs to no event (the header's clock, person edits, merges, appeals, the
    /// draft's time, "today"): the open venue's time, else this machine's, marked.
    pub fn desk(open: Option<i32>, machine_offset_min: i32) -> Zone {
        match open {
            Some(o) => Zone {
                offset_min: o,
                marked: false,
            },
            None => Zone {
                offset_min: machine_offset_min,
                marked: true,
            },
        }
    }

    pub fn local(self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        super::validate::to_local(t, self.offset_min)
    }

    /// The day `t` falls on at this offset.
    pub fn date(self, t: DateTime<Utc>) -> NaiveDate {
        self.local(t).date_naive()
    }

    /// `07.12.2026 14:05`, with ` UTC+3` when marked.
    pub fn date_time(self, t: DateTime<Utc>, lang: Lang) -> String {
        let s = super::format_date_time(self.local(t).naive_local(), lang);
        self.mark(s)
    }

    /// `s` followed by this zone's label when it is marked.
    pub fn mark(self, s: String) -> String {
        match self.marked {
            true => format!("{s} {}", label(self.offset_min)),
            false => s,
        }
    }
}

/// An offset as a clock label: `UTC`, `UTC+3`, `UTC-5`, `UTC+5:30`.
pub fn label(offset_min: i32) -> String {
    let sign = if offset_min < 0 { '-' } else { '+' };
    let m = offset_min.unsigned_abs();
    match (m / 60, m % 60) {
        (0, 0) => "UTC".to_string(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, min) => format!("UTC{sign}{h}:{min:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_consultation_late_in_utc_is_the_next_day_at_a_venue_east() {
        // Saved at 22:30 UTC at an event at UTC+6: 04:30 on the 8th there.
        let t = at("2026-12-07T22:30:00Z");
        let z = Zone::venue(360, None);
        assert_eq!(z.date(t), NaiveDate::from_ymd_opt(2026, 12, 8).unwrap());
        assert_eq!(
            z.date_time(t, Lang::En),
            format!("{} 04:30", crate::domain::format_date(z.date(t), Lang::En))
        );
        assert!(!z.marked);
    }

    #[test]
    fn a_record_of_another_zone_than_the_open_queue_is_marked() {
        assert!(!Zone::venue(180, Some(180)).marked);
        let z = Zone::venue(360, Some(180));
        assert!(z.marked);
        assert!(
            z.date_time(at("2026-12-07T22:30:00Z"), Lang::Ru)
                .ends_with("04:30 UTC+6")
        );
    }

    #[test]
    fn the_desk_is_the_open_venue_else_this_machine_marked() {
        assert_eq!(
            Zone::desk(Some(180), -300),
            Zone {
                offset_min: 180,
                marked: false
            }
        );
        let z = Zone::desk(None, -300);
        assert!(z.marked);
        assert!(
            z.date_time(at("2026-12-07T22:30:00Z"), Lang::Ru)
                .ends_with("17:30 UTC-5")
        );
    }

    #[test]
    fn labels() {
        assert_eq!(label(0), "UTC");
        assert_eq!(label(180), "UTC+3");
        assert_eq!(label(-300), "UTC-5");
        assert_eq!(label(330), "UTC+5:30");
        assert_eq!(label(-570), "UTC-9:30");
    }
}
