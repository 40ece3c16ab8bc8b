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

#[cfg(test)]
mod tests {
    use super::Region;

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
