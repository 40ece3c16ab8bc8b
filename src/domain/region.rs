use serde::{Deserialize, Serialize};

/// Region of origin in Kyrgyzstan: the seven regions and the two cities of republican status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    Batken,
    Chuy,
    IssykKul,
    JalalAbad,
    Naryn,
    Osh,
    Talas,
    BishkekCity,
    OshCity,
}

impl Region {
    pub const ALL: [Region; 9] = [
        Region::Batken,
        Region::Chuy,
        Region::IssykKul,
        Region::JalalAbad,
        Region::Naryn,
        Region::Osh,
        Region::Talas,
        Region::BishkekCity,
        Region::OshCity,
    ];

    /// Stable code: what exports and imports use, independent of the interface language.
    pub fn code(self) -> &'static str {
        match self {
            Region::Batken => "batken",
            Region::Chuy => "chuy",
            Region::IssykKul => "issyk-kul",
            Region::JalalAbad => "jalal-abad",
            Region::Naryn => "naryn",
            Region::Osh => "osh",
            Region::Talas => "talas",
            Region::BishkekCity => "bishkek-city",
            Region::OshCity => "osh-city",
        }
    }

    pub fn from_code(code: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.code() == code)
    }

    /// i18n message id of the label.
    pub fn msg_id(self) -> &'static str {
        match self {
            Region::Batken => "region-batken",
            Region::Chuy => "region-chuy",
            Region::IssykKul => "region-issyk-kul",
            Region::JalalAbad => "region-jalal-abad",
            Region::Naryn => "region-naryn",
            Region::Osh => "region-osh",
            Region::Talas => "region-talas",
            Region::BishkekCity => "region-bishkek-city",
            Region::OshCity => "region-osh-city",
        }
    }
}

/// Whether `name` is how registers write `r`: Russian or Kyrgyz names with or without
/// "область"/"облусу", in any case, or the English name.
pub fn matches_name(r: Region, name: &str) -> bool {
    let n = super::name::fold(name);
    let n = n
        .trim_end_matches(" область")
        .trim_end_matches(" облусу")
        .trim_end_matches(" region")
        .trim_start_matches("г. ")
        .trim_start_matches("город ")
        .trim_start_matches("шаары ")
        .trim();
    let names: &[&str] = match r {
        Region::Batken => &["баткенская", "баткен", "batken"],
        Region::Chuy => &["чуйская", "чүй", "чуй", "chuy", "chui"],
        Region::IssykKul => &["иссык-кульская", "ысык-көл", "иссык-куль", "issyk-kul"],
        Region::JalalAbad => &["джалал-абадская", "жалал-абад", "джалал-абад", "jalal-abad"],
        Region::Naryn => &["нарынская", "нарын", "naryn"],
        Region::Osh => &["ошская", "ош облусу", "osh"],
        Region::Talas => &["таласская", "талас", "talas"],
        Region::BishkekCity => &["бишкек", "bishkek", "bishkek city"],
        Region::OshCity => &["ош", "osh city", "ош шаары"],
    };
    names.contains(&n)
}

#[cfg(test)]
mod tests {
    use super::Region;

    #[test]
    fn names_as_registers_write_them() {
        use super::matches_name;
        assert!(matches_name(Region::Osh, "Ошская область"));
        assert!(matches_name(Region::OshCity, "г. Ош"));
        assert!(matches_name(Region::IssykKul, "Ысык-Көл облусу"));
        assert!(matches_name(Region::BishkekCity, "БИШКЕК"));
        assert!(!matches_name(Region::Osh, "Москва"));
    }

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for r in Region::ALL {
            assert_eq!(Region::from_code(r.code()), Some(r));
            assert!(seen.insert(r.code()));
        }
        assert_eq!(Region::from_code("moscow"), None);
    }
}
