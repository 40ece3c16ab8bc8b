//! The app state machine on a real store: keys go through `deliver`, and every effect is
//! performed by the same `perform` the terminal app uses, its result going back to the
//! page that asked (as in the terminal app), so screens show what was saved.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use kezek::app::keymap::Key;
use kezek::app::{Action, Context, ReplyTo, Request, State, deliver};
use kezek::domain::taxonomy::Taxonomy;
use kezek::domain::{ConsultationFields, Currency, Lang, Money, PersonPick};
use kezek::i18n::I18n;
use kezek::store::{Store, StoreOptions};

use super::{arrival, event_fields, person_fields, t0};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Rig {
    pub store: Store,
    pub tax: Arc<Taxonomy>,
    pub s: State,
}

impl Rig {
    /// Performs effects (and the effects their results ask for) until none are left.
    /// Effects from `update` (no page named: results go to the nearest page that takes
    /// them) or requests from `deliver` (results go back to the page that asked).
    pub fn pump<R: Into<Request>>(&mut self, requests: Vec<R>) {
        let mut requests: Vec<Request> = requests.into_iter().map(Into::into).collect();
        while !requests.is_empty() {
            let mut next = Vec::new();
            for r in requests {
                let a = kezek::tui::effects::perform(&self.store, "Жылдыз", &self.tax, r.effect);
                if let Action::Failed { what, reason, .. } = &a {
                    panic!("{what}: {reason}");
                }
                next.extend(deliver(&mut self.s, r.reply_to, a));
            }
            requests = next;
        }
    }

    pub fn key(&mut self, k: Key) -> &mut Self {
        let e = deliver(&mut self.s, ReplyTo::App, Action::Key(k));
        self.pump(e);
        self
    }

    pub fn keys(&mut self, ks: &[Key]) -> &mut Self {
        for k in ks {
            self.key(*k);
        }
        self
    }

    pub fn text(&mut self, t: &str) -> &mut Self {
        for c in t.chars() {
            self.key(Key::Char(c));
        }
        self
    }

    pub fn screen(&self) -> String {
        self.screen_sized(80, 24)
    }

    pub fn screen_sized(&self, w: u16, h: u16) -> String {
        let i18n = I18n::of(self.s.ctx.language);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| kezek::ui::render(f, &self.s, &i18n)).unwrap();
        super::screen_text(&t)
    }
}

pub fn rub(units: i64) -> Option<Money> {
    Some(Money::new(Currency::Rub, units * 100))
}

pub fn wages(claimed: Option<Money>) -> ConsultationFields {
    ConsultationFields {
        topics: vec!["wages.unpaid".into()],
        advice: "Claim in writing.".into(),
        outcome: "appeal-filed".into(),
        claimed,
        ..Default::default()
    }
}

/// A store with one event, three arrivals and wage consultations for the first two, and
/// the app opened on it.
pub fn rig(dir: &Path) -> Rig {
    let (mut store, _) = Store::open(dir, &StoreOptions::default()).unwrap();
    let minutes = Arc::new(AtomicI64::new(0));
    store.set_clock(move || {
        t0() + chrono::Duration::minutes(minutes.fetch_add(1, Ordering::SeqCst))
    });
    let ev = store
        .create_event(event_fields("Москва"), "Айбек")
        .unwrap()
        .meta
        .id;
    for (i, (s, g)) in [
        ("Асанов", "Бакыт"),
        ("Жээнбеков", "Өмүрбек"),
        ("Токтосунова", "Айгүл"),
    ]
    .iter()
    .enumerate()
    {
        let v = store
            .add_arrival(
                arrival(ev, PersonPick::New(person_fields(s, g)), "wages"),
                "Айбек",
            )
            .unwrap()
            .visit;
        if i < 2 {
            let amount = [80_000, 60_000][i];
            store
                .save_consultation(v.meta.id, None, wages(rub(amount)), "Айбек")
                .unwrap();
        }
    }
    let tax = Arc::new(kezek::taxonomy::builtin());
    let ctx = Context {
        desk_name: "Desk 3".into(),
        officer: "Жылдыз".into(),
        language: Lang::En,
        local_offset_min: 180,
        idle_lock_minutes: 0,
        taxonomy: tax.clone(),
    };
    let s = State::new(ctx, t0() + chrono::Duration::hours(2));
    let mut r = Rig { store, tax, s };
    let init = r.s.init_requests();
    r.pump(init);
    r
}
