//! A kept version's field value as people read it (the history on the card, the conflicts
//! a merge found): taxonomy codes as their labels, amounts and dates as the language
//! writes them.

use super::I18n;
use crate::domain::history::Value;
use crate::domain::taxonomy::Taxonomy;
use crate::domain::{Lang, money::NumberLocale};

impl I18n {
    pub fn history_value(&self, v: &Value, tax: &Taxonomy, lang: Lang) -> String {
        match v {
            Value::Empty => "—".into(),
            Value::Text(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
            Value::Topics(c) => c
                .iter()
                .map(|c| tax.topic_label(c, lang))
                .collect::<Vec<_>>()
                .join("; "),
            Value::Bases(c) => c
                .iter()
                .map(|c| tax.basis_label(c, lang))
                .collect::<Vec<_>>()
                .join("; "),
            Value::Referral(c) => tax.referral_label(c, lang).to_string(),
            Value::Outcome(c) => tax.outcome_label(c, lang).to_string(),
            Value::Money(m) => m.format(NumberLocale::of(lang)),
            Value::Date(d) => self.date(*d),
            Value::Member(s) => self.t(s.msg_id()),
            Value::Appeal(_) => self.t("history-linked"),
            Value::Msg(id) => self.t(id),
        }
    }
}
