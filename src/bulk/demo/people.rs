//! The made-up people: names as Kyrgyz citizens write them, documents, phones, and the
//! seeded generator of ids and choices.

use super::*;

pub(super) const MALE: &[&str] = &[
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

pub(super) const FEMALE: &[&str] = &[
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
pub(super) const SURNAMES: &[&str] = &[
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

pub(super) const EMPLOYERS: &[&str] = &[
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
pub(super) const CITIES: &[(&str, i32)] = &[
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

pub(super) const VENUES: &[&str] = &[
    "Посольство Кыргызской Республики",
    "Генеральное консульство КР",
    "Дом дружбы народов",
    "Центр «Кыргызстан»",
];

pub(super) const PURPOSES: &[&str] = &[
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

pub(super) const ADVICE: &[&str] = &[
    "Письменная претензия работодателю, копию сохранить.",
    "Обратиться в трудовую инспекцию с договором и расчетными листами.",
    "Проверить запрет на въезд на сайте МВД; при ошибке — заявление в ГУВМ.",
    "Гражданину ЕАЭС патент не нужен: заключить трудовой договор; работодатель уведомляет МВД в течение 3 рабочих дней.",
    "Оформить полис ОМС по ЕАЭС, приложить трудовой договор.",
    "Справка для школы: договор аренды и миграционный учёт ребёнка.",
];

/// A seeded generator of ids and choices.
pub(super) struct Gen {
    pub(super) rng: ChaCha8Rng,
    pub(super) desk: DeskId,
}

impl Gen {
    pub(super) fn id(&mut self, at: DateTime<Utc>) -> Id {
        Id::from_parts(
            at.timestamp_millis().max(0) as u64,
            self.rng.random::<u128>(),
        )
    }

    pub(super) fn meta(&mut self, at: DateTime<Utc>) -> Meta {
        let id = self.id(at);
        Meta::new(id, self.desk, at)
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    pub(super) fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.rng.random_range(0..10u8)))
            .collect()
    }
}

/// A slightly mistyped copy: two neighbouring letters swapped, or one doubled.
pub(super) fn typo(g: &mut Gen, s: &str) -> String {
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
pub(super) struct Someone {
    pub(super) id: Id,
    pub(super) sex: Sex,
}

pub(super) fn person(g: &mut Gen, at: DateTime<Utc>) -> Person {
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
pub(super) fn duplicate_of(g: &mut Gen, p: &Person, at: DateTime<Utc>) -> Person {
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

pub(super) fn rub(g: &mut Gen, lo: i64, hi: i64) -> Money {
    let thousands = g.rng.random_range(lo / 1000..=hi / 1000);
    Money::new(Currency::Rub, thousands * 1000 * 100)
}
