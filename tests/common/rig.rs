//! The app state machine on a real store: keys go through `deliver`, and every effect is
//! performed by the same `perform` the terminal app uses, its result going back to the
//! page that asked (as in the terminal app), so screens show what was saved.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use kezek::app::keymap::Key;
use kezek::app::{Action, ReplyTo, Request, State, deliver};
use kezek::domain::taxonomy::Taxonomy;
use kezek::domain::{ConsultationFields, Lang, Money, PersonPick};
use kezek::i18n::I18n;
use kezek::store::Store;

use super::{arrival, context, event_fields, open_store, person_fields, rub, t0};
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

    /// On the search screen: moves down to the first result named `surname` and opens it.
    pub fn open_found(&mut self, surname: &str) -> &mut Self {
        let i = self
            .s
            .page::<kezek::app::pages::SearchPage>()
            .expect("the search screen")
            .results
            .iter()
            .position(|p| p.fields.surname == surname)
            .expect("a result with that surname");
        for _ in 0..i {
            self.key(Key::Down);
        }
        self.key(Key::Enter)
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
    let store = open_store(dir);
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
    app_on(store, Lang::En, t0() + chrono::Duration::hours(2))
}

/// The app opened on `store` by Жылдыз at Desk 3 at `now`, its first effects performed.
pub fn app_on(store: Store, language: Lang, now: DateTime<Utc>) -> Rig {
    let ctx = context("Жылдыз", language, 0);
    let tax = ctx.taxonomy.clone();
    let s = State::new(ctx, now);
    let mut r = Rig { store, tax, s };
    let init = r.s.init_requests();
    r.pump(init);
    r
}
