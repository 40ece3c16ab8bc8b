//! A deterministic, realistic synthetic population for demonstrations and benchmarks:
//! Kyrgyz names in Cyrillic and in the Latin spellings of documents, birth dates,
//! documents, phones, regions, reception events with queues, consultations across the
//! topics with plausible amounts, collective appeals with many members, and planted
//! duplicates (the same person typed differently). The same seed gives the same store.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::taxonomy::Taxonomy;
use crate::domain::translit::to_latin;
use crate::domain::visit::StatusChange;
use crate::domain::{
    Appeal, AppealFields, AppealMember, Consultation, ConsultationFields, Currency, DeskId, Event,
    EventFields, Id, Lang, MemberStatus, Meta, Money, Person, PersonFields, Region, Sex, Visit,
    VisitStatus,
};
use crate::store::{Change, Store, StoreError};

#[derive(Clone, Debug)]
pub struct DemoOptions {
    pub persons: usize,
    pub events: usize,
    pub seed: u64,
    /// Visits per person on average (the ministry's tables count both).
    pub visits_per_person: f64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            persons: 2_000,
            events: 12,
            seed: 1,
            visits_per_person: 3.0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub persons: usize,
    /// Of `persons`, records planted as duplicates of another (typed differently).
    pub planted_duplicates: usize,
    pub events: usize,
    pub visits: usize,
    pub consultations: usize,
    pub appeals: usize,
    pub members: usize,
}

/// What the generator is doing, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Persons,
    Events,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the store in {dir} already holds records; the demo fills only an empty store \
         (use another --data-dir), so that made-up people never mix with real ones"
    )]
    NotEmpty { dir: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

const MALE: &[&str] = &[
    "Бакыт",
    "Айбек",
    "Нурлан",
    "Эрлан",
    "Азамат",
    "Чыңгыз",
    "Өмүрбек",
    "Улан",
    "Талант",
    "Мирлан",
    "Жыргалбек",
    "Бектур",
    "Адилет",
    "Нурбек",
    "Тилек",
    "Эрмек",
    "Канат",
    "Самат",
    "Руслан",
    "Жоомарт",
    "Үсөн",
    "Максат",
    "Данияр",
    "Бакай",
    "Асан",
    "Кубат",
    "Эркин",
    "Нуржан",
    "Айдар",
    "Жаныбек",
    "Медер",
    "Темирлан",
    "Исмаил",
    "Алмаз",
    "Курманбек",
];

const FEMALE: &[&str] = &[
    "Айгүл",
    "Жылдыз",
    "Гүлнара",
    "Бүбүсара",
    "Айпери",
    "Нургүл",
    "Чолпон",
    "Айнура",
    "Мээрим",
    "Асел",
    "Бегимай",
    "Жазгүл",
    "Динара",
    "Элмира",
    "Назгүл",
    "Үмүт",
    "Салтанат",
    "Айжан",
    "Гүлзат",
    "Толгонай",
    "Каныкей",
    "Зарина",
    "Аида",
    "Нуриза",
    "Бермет",
];

/// Male surnames; the female form adds `а`.
const SURNAMES: &[&str] = &[
    "Асанов",
    "Жээнбеков",
    "Токтосунов",
    "Бакытов",
    "Осмонов",
    "Садыков",
    "Мамытов",
    "Абдыкалыков",
    "Кыдыралиев",
    "Эркинбаев",
    "Ысмайылов",
    "Керимкулов",
    "Турдубаев",
    "Сыдыков",
    "Жумабаев",
    "Акматов",
    "Шаршенбеков",
    "Исаков",
    "Алымкулов",
    "Үсөнбаев",
    "Өмүрзаков",
    "Маматкулов",
    "Токтогулов",
    "Бейшеналиев",
    "Карыпбеков",
    "Сатыбалдиев",
    "Байышев",
    "Дөөлөтбеков",
    "Кадыров",
    "Орозбаев",
    "Молдокматов",
    "Ниязбеков",
    "Сагынбаев",
    "Чыныбаев",
    "Жолдошев",
    "Максатбеков",
    "Ташиев",
    "Эсенгулов",
    "Аманкулов",
    "Тыныстанов",
];

const EMPLOYERS: &[&str] = &[
    "ООО «СтройИнвест»",
    "ООО «ГлавМонтаж»",
    "АО «ТрансЛогистик»",
    "ООО «Агрофирма Заря»",
    "ИП Кузнецов",
    "ООО «ЧистыйГород»",
    "ООО «СеверСтрой»",
    "ООО «ТоргСервис»",
    "ООО «Швейная фабрика Восток»",
    "ООО «Дорожник»",
    "ТОО «АлматыКурылыс»",
    "ООО «Теплица Урал»",
];

/// Cities with their offset from UTC in minutes.
const CITIES: &[(&str, i32)] = &[
    ("Москва", 180),
    ("Санкт-Петербург", 180),
    ("Екатеринбург", 300),
    ("Новосибирск", 420),
    ("Казань", 180),
    ("Краснодар", 180),
    ("Самара", 240),
    ("Алматы", 300),
    ("Сургут", 300),
    ("Якутск", 540),
];

const VENUES: &[&str] = &[
    "Посольство Кыргызской Республики",
    "Генеральное консульство КР",
    "Дом дружбы народов",
    "Центр «Кыргызстан»",
];

const PURPOSES: &[&str] = &[
    "Зарплата не выплачена",
    "Миграционный учёт",
    "Трудовой договор",
    "Запрет на въезд",
    "ОМС для детей",
    "Школа для ребенка",
    "Паспорт утерян",
    "Гражданство",
    "Консультация",
];

const ADVICE: &[&str] = &[
    "Письменная претензия работодателю, копию сохранить.",
    "Обратиться в трудовую инспекцию с договором и расчетными листами.",
    "Проверить запрет на въезд на сайте МВД; при ошибке — заявление в ГУВМ.",
    "Гражданину ЕАЭС патент не нужен: заключить трудовой договор; работодатель уведомляет МВД в течение 3 рабочих дней.",
    "Оформить полис ОМС по ЕАЭС, приложить трудовой договор.",
    "Справка для школы: договор аренды и миграционный учёт ребёнка.",
];

/// A seeded generator of ids and choices.
struct Gen {
    rng: ChaCha8Rng,
    desk: DeskId,
}

impl Gen {
    fn id(&mut self, at: DateTime<Utc>) -> Id {
        Id::from_parts(
            at.timestamp_millis().max(0) as u64,
            self.rng.random::<u128>(),
        )
    }

    fn meta(&mut self, at: DateTime<Utc>) -> Meta {
        let id = self.id(at);
        Meta::new(id, self.desk, at)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.rng.random_range(0..10u8)))
            .collect()
    }
}

/// A slightly mistyped copy: two neighbouring letters swapped, or one doubled.
fn typo(g: &mut Gen, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.len() < 5 {
        return s.to_string();
    }
    let i = g.rng.random_range(1..chars.len() - 1);
    if g.chance(0.5) {
        chars.swap(i, i + 1);
    } else {
        let c = chars[i];
        chars.insert(i, c);
    }
    chars.into_iter().collect()
}

/// The minimal facts later stages need about a generated person.
#[derive(Clone, Copy)]
struct Someone {
    id: Id,
    sex: Sex,
}

fn person(g: &mut Gen, at: DateTime<Utc>) -> Person {
    let sex = if g.chance(0.62) {
        Sex::Male
    } else {
        Sex::Female
    };
    let father = *g.pick(MALE);
    let (given, surname, patronymic) = if sex == Sex::Male {
        let given = *g.pick(MALE);
        if g.chance(0.15) {
            (given, format!("{father} уулу"), String::new())
        } else {
            let p = if g.chance(0.5) {
                format!("{father}ович")
            } else {
                String::new()
            };
            (given, g.pick(SURNAMES).to_string(), p)
        }
    } else {
        let given = *g.pick(FEMALE);
        if g.chance(0.12) {
            (given, format!("{father} кызы"), String::new())
        } else {
            let p = if g.chance(0.5) {
                format!("{father}овна")
            } else {
                String::new()
            };
            (given, format!("{}а", g.pick(SURNAMES)), p)
        }
    };
    let year = g.rng.random_range(1962..=2006);
    let birth = NaiveDate::from_yo_opt(year, g.rng.random_range(1..=365));
    let document = if g.chance(0.85) {
        let series = *g.pick(&["AN", "AC", "ID"]);
        Some(format!("{series}{}", g.digits(7)))
    } else {
        None
    };
    let phone = if g.chance(0.8) {
        if g.chance(0.7) {
            Some(format!("+79{}", g.digits(9)))
        } else {
            let op = *g.pick(&["555", "700", "770", "999", "505"]);
            Some(format!("+996{op}{}", g.digits(6)))
        }
    } else {
        None
    };
    let region = if g.chance(0.9) {
        Some(*g.pick(&Region::ALL))
    } else {
        None
    };
    let mut fields = PersonFields {
        surname,
        given_name: given.to_string(),
        patronymic,
        birth_date: birth,
        sex,
        document,
        phone,
        region,
        city: g.pick(CITIES).0.to_string(),
    };
    // Some records were typed from a Latin-script document.
    if g.chance(0.12) {
        fields.surname = to_latin(&fields.surname);
        fields.given_name = to_latin(&fields.given_name);
        fields.patronymic = to_latin(&fields.patronymic);
        if g.chance(0.5) {
            fields.surname = fields.surname.to_uppercase();
            fields.given_name = fields.given_name.to_uppercase();
        }
    }
    Person {
        meta: g.meta(at),
        fields,
    }
}

/// The same citizen typed again at another desk: another script, a typo, or the document
/// left off.
fn duplicate_of(g: &mut Gen, p: &Person, at: DateTime<Utc>) -> Person {
    let mut f = p.fields.clone();
    match g.rng.random_range(0..3) {
        0 => {
            f.surname = to_latin(&f.surname);
            f.given_name = to_latin(&f.given_name);
            f.patronymic = String::new();
        }
        1 => f.surname = typo(g, &f.surname),
        _ => {
            f.document = None;
            f.given_name = f.given_name.to_uppercase();
        }
    }
    if g.chance(0.5) {
        f.phone = None;
    }
    Person {
        meta: g.meta(at),
        fields: f,
    }
}

fn rub(g: &mut Gen, lo: i64, hi: i64) -> Money {
    let thousands = g.rng.random_range(lo / 1000..=hi / 1000);
    Money::new(Currency::Rub, thousands * 1000 * 100)
}

/// Where a fill is built before it takes the place of the store (`fill_new`).
pub const STAGING_DIR: &str = "demo-staging";

/// Fills a new store all at once: the records are generated into a staging store inside
/// its directory (same desk id), which then takes the new store's place
/// (`Store::adopt_staged`). Stopped at any moment (a kill, a power cut), the store is
/// either still new or wholly filled; a staging directory left by a stopped fill was
/// never visible and is removed by the next fill.
pub fn fill_new(
    store: Store,
    tax: &Taxonomy,
    opts: &DemoOptions,
    store_opts: &crate::store::StoreOptions,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<DemoReport, DemoError> {
    let dir = store.dir().to_path_buf();
    if !store.is_new() {
        return Err(DemoError::NotEmpty {
            dir: dir.display().to_string(),
        });
    }
    let staged = dir.join(STAGING_DIR);
    let io = |e: std::io::Error| {
        DemoError::Store(StoreError::Io {
            path: staged.clone(),
            source: e,
        })
    };
    if staged.exists() {
        tracing::info!("removing the staging directory of a fill that was stopped");
        std::fs::remove_dir_all(&staged).map_err(io)?;
    }
    crate::privacy::create_private_dir(&staged).map_err(io)?;
    let desk = dir.join(crate::store::DESK_ID_FILE);
    if desk.exists() {
        std::fs::copy(&desk, staged.join(crate::store::DESK_ID_FILE)).map_err(io)?;
    }
    let report = {
        let (fill, _) = Store::open(&staged, store_opts)?;
        let report = generate(&fill, tax, opts, progress)?;
        fill.flush()?;
        report
    };
    store.adopt_staged(&staged)?;
    Ok(report)
}

/// Fills an empty store. `progress(stage, done, total)` is called as work proceeds.
pub fn generate(
    store: &Store,
    tax: &Taxonomy,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<DemoReport, DemoError> {
    let counts = store.counts();
    if counts.events + counts.persons + counts.visits > 0 {
        return Err(DemoError::NotEmpty {
            dir: store.dir().display().to_string(),
        });
    }
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(opts.seed),
        desk: store.desk(),
    };
    let officer = "demo";
    let mut report = DemoReport::default();
    // Fixed dates: the same seed gives the same store whenever it is generated.
    let last_event = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap_or_default();
    let start = Utc
        .with_ymd_and_hms(2024, 12, 1, 6, 0, 0)
        .single()
        .unwrap_or_default();

    // Persons, with planted duplicates.
    let mut people: Vec<Someone> = Vec::with_capacity(opts.persons);
    let mut batch = Vec::new();
    let mut batches = Vec::new();
    let dup_share = 0.03;
    while people.len() < opts.persons {
        let at = start + Duration::seconds(people.len() as i64);
        let p = person(&mut g, at);
        people.push(Someone {
            id: p.meta.id,
            sex: p.fields.sex,
        });
        let dup = (people.len() < opts.persons && g.chance(dup_share))
            .then(|| duplicate_of(&mut g, &p, at + Duration::milliseconds(500)));
        batch.push(Change::PutPerson(p));
        if let Some(d) = dup {
            people.push(Someone {
                id: d.meta.id,
                sex: d.fields.sex,
            });
            report.planted_duplicates += 1;
            batch.push(Change::PutPerson(d));
        }
        if batch.len() >= 200 {
            batches.push(std::mem::take(&mut batch));
        }
        if batches.len() >= 20 {
            store.commit_bulk(officer, std::mem::take(&mut batches))?;
            progress(Stage::Persons, people.len(), opts.persons);
        }
    }
    if !batch.is_empty() {
        batches.push(batch);
    }
    store.commit_bulk(officer, batches)?;
    report.persons = people.len();
    progress(Stage::Persons, people.len(), opts.persons);

    // Events with their queues, consultations and appeals.
    let events = opts.events.max(1);
    let total_visits = (opts.persons as f64 * opts.visits_per_person).round() as usize;
    let per_event = total_visits.div_ceil(events);
    let topics: Vec<&str> = tax.topics.iter().map(|t| t.code.as_str()).collect();
    // Unpaid wages, registration and documents dominate, as at real reception days.
    let weight = |code: &str| match code {
        "wages.unpaid" => 30,
        "registration" | "documents" => 12,
        "work-permit" | "entry-ban" => 9,
        "medical.insurance" | "children.school" | "citizenship" | "contract" => 5,
        _ => 2,
    };
    let weighted: Vec<&str> = topics
        .iter()
        .flat_map(|t| std::iter::repeat_n(*t, weight(t)))
        .collect();
    for e in 0..events {
        let weeks_back = (events - 1 - e) as i64 * 3;
        let date = last_event - Duration::weeks(weeks_back);
        let (city, offset) = *g.pick(CITIES);
        let opens = Utc.from_utc_datetime(&date.and_hms_opt(9, 0, 0).unwrap_or_default())
            - Duration::minutes(i64::from(offset));
        let event = Event {
            meta: g.meta(opens - Duration::days(7)),
            fields: EventFields {
                date,
                city: city.to_string(),
                venue: g.pick(VENUES).to_string(),
                hosts: vec![
                    "Посольство КР".into(),
                    "Акыйкатчы (Омбудсмен)".into(),
                    "Диаспора «Мекендеш»".into(),
                ],
                utc_offset_min: offset,
            },
        };
        let ev = event.meta.id;
        let mut changes = vec![Change::PutEvent(event)];
        let mut ops = Vec::new();
        let mut wage_cases: Vec<Consultation> = Vec::new();
        let visits_here = per_event.min(total_visits.saturating_sub(report.visits));
        for n in 0..visits_here {
            // Some people come again and again; most once or twice.
            let i = if g.chance(0.3) {
                g.rng.random_range(0..people.len().div_ceil(10).max(1))
            } else {
                g.rng.random_range(0..people.len())
            };
            let who = people[i];
            let arrived =
                opens + Duration::seconds((n as i64 * 28_800) / visits_here.max(1) as i64);
            let status = if g.chance(0.9) {
                VisitStatus::Done
            } else {
                VisitStatus::LeftWithoutService
            };
            let desk_name = format!("Desk {}", 1 + n % 4);
            let called = arrived + Duration::minutes(g.rng.random_range(5..120));
            let history = match status {
                VisitStatus::Done => vec![
                    StatusChange {
                        status: VisitStatus::WithOfficer,
                        at: called,
                        officer: officer.into(),
                    },
                    StatusChange {
                        status: VisitStatus::Done,
                        at: called + Duration::minutes(g.rng.random_range(5..40)),
                        officer: officer.into(),
                    },
                ],
                _ => vec![StatusChange {
                    status,
                    at: called,
                    officer: officer.into(),
                }],
            };
            let language = if g.chance(0.6) { Lang::Ky } else { Lang::Ru };
            let visit = Visit {
                meta: g.meta(arrived),
                event: ev,
                person: who.id,
                queue_no: n as u32 + 1,
                desk_name,
                purpose: g.pick(PURPOSES).to_string(),
                language,
                arrived,
                status,
                history,
            };
            let vid = visit.meta.id;
            changes.push(Change::PutVisit(visit));
            report.visits += 1;
            if status == VisitStatus::Done && g.chance(0.9) {
                let topic = *g.pick(&weighted);
                let t = tax.topic(topic);
                let wage = topic == "wages.unpaid";
                let referral = t
                    .filter(|t| !t.referrals.is_empty() && g.chance(0.5))
                    .map(|t| t.referrals[g.rng.random_range(0..t.referrals.len())].clone());
                let legal_bases = t
                    .map(|t| t.bases.iter().take(1).cloned().collect())
                    .unwrap_or_default();
                let outcome = if wage && g.chance(0.5) {
                    "appeal-filed"
                } else if referral.is_some() {
                    "referred"
                } else {
                    *g.pick(&["advised", "advised", "resolved", "no-action"])
                };
                let claimed = wage.then(|| rub(&mut g, 20_000, 600_000));
                let recovered = claimed
                    .filter(|_| g.chance(0.35))
                    .map(|c| Money::new(c.currency, c.minor / 100 * g.rng.random_range(40..=100)));
                let follow_up = g
                    .chance(0.3)
                    .then(|| date + Duration::days(g.rng.random_range(14..75)));
                let closed = follow_up
                    .filter(|d| *d < last_event && g.chance(0.6))
                    .map(|d| d + Duration::days(g.rng.random_range(0..10)));
                let c = Consultation {
                    meta: g.meta(called + Duration::minutes(3)),
                    visit: vid,
                    person: who.id,
                    event: ev,
                    officer: officer.into(),
                    fields: ConsultationFields {
                        topics: vec![topic.to_string()],
                        notes: format!(
                            "{} ({})",
                            g.pick(PURPOSES),
                            if who.sex == Sex::Female {
                                "она"
                            } else {
                                "он"
                            }
                        ),
                        advice: g.pick(ADVICE).to_string(),
                        legal_bases,
                        referral,
                        outcome: outcome.to_string(),
                        follow_up,
                        follow_up_closed: closed,
                        claimed,
                        recovered,
                        appeal: None,
                    },
                };
                report.consultations += 1;
                if wage && outcome == "appeal-filed" {
                    wage_cases.push(c);
                } else {
                    changes.push(Change::PutConsultation(c));
                }
            }
            if changes.len() >= 100 {
                ops.push(std::mem::take(&mut changes));
            }
        }
        // Brigades: the wage cases of this event grouped by employer into appeals.
        while !wage_cases.is_empty() {
            let size = g.rng.random_range(5..=40).min(wage_cases.len());
            let group: Vec<Consultation> = wage_cases.drain(..size).collect();
            let employer = *g.pick(EMPLOYERS);
            let follow_up = Some(date + Duration::days(g.rng.random_range(20..90)));
            let appeal = Appeal {
                meta: g.meta(opens + Duration::hours(9)),
                officer: officer.into(),
                fields: AppealFields {
                    title: format!("Невыплата зарплаты — {employer}"),
                    respondent: employer.to_string(),
                    topic: "wages.unpaid".into(),
                    host_city: city.to_string(),
                    follow_up,
                    follow_up_closed: None,
                    outcome: None,
                },
            };
            let aid = appeal.meta.id;
            changes.push(Change::PutAppeal(appeal));
            report.appeals += 1;
            let mut seen = std::collections::HashSet::new();
            for mut c in group {
                c.fields.appeal = Some(aid);
                if seen.insert(c.person) {
                    let status = if c.fields.recovered.is_some() {
                        MemberStatus::Recovered
                    } else if g.chance(0.05) {
                        MemberStatus::Withdrawn
                    } else {
                        MemberStatus::Active
                    };
                    changes.push(Change::PutAppealMember(AppealMember {
                        meta: g.meta(c.meta.created + Duration::minutes(1)),
                        officer: officer.into(),
                        appeal: aid,
                        person: c.person,
                        claimed: c.fields.claimed,
                        recovered: c.fields.recovered,
                        status,
                    }));
                    report.members += 1;
                }
                changes.push(Change::PutConsultation(c));
                if changes.len() >= 100 {
                    ops.push(std::mem::take(&mut changes));
                }
            }
        }
        if !changes.is_empty() {
            ops.push(changes);
        }
        store.commit_bulk(officer, ops)?;
        report.events += 1;
        progress(Stage::Events, e + 1, events);
    }
    store.flush()?;
    Ok(report)
}
