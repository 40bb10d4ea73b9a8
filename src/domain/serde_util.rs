//! Serde helpers for the wire encodings the real server uses.
//!
//! * Decimals arrive as JSON numbers (`17000.0`) or strings (`"17000.00"`);
//!   both parse into `Decimal` exactly, never through `f64` (serde_json's
//!   `arbitrary_precision` keeps the number's digits). We write them back as
//!   JSON numbers, like the server.
//! * Datetimes are ISO 8601; one without a zone is taken as UTC.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};
use std::str::FromStr;

/// Parses an ISO 8601 datetime, accepting a missing zone (UTC) or a bare date.
pub fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(naive.and_utc());
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return date.and_hms_opt(0, 0, 0).map(|n| n.and_utc());
    }
    // Python's isoformat with an offset but a space separator.
    if let Ok(dt) = DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f%:z") {
        return Some(dt.with_timezone(&Utc));
    }
    // What `format_utc` writes for years past 9999 (`+10000-01-01T00:00:00Z`),
    // which RFC 3339 parsing refuses.
    if let Some(naive) = s.strip_suffix('Z') {
        if let Ok(n) = NaiveDateTime::parse_from_str(naive, "%Y-%m-%dT%H:%M:%S%.f") {
            return Some(n.and_utc());
        }
    }
    None
}

/// Formats like the server: RFC 3339 with `Z`, microseconds when present.
pub fn format_utc(dt: &DateTime<Utc>) -> String {
    dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

pub mod utc {
    use super::*;
    pub fn serialize<S: Serializer>(dt: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_utc(dt))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let raw = String::deserialize(d)?;
        parse_utc(&raw).ok_or_else(|| serde::de::Error::custom(format!("invalid datetime `{raw}`")))
    }
}

pub mod utc_opt {
    use super::*;
    pub fn serialize<S: Serializer>(dt: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match dt {
            Some(dt) => s.serialize_str(&format_utc(dt)),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        let raw: Option<String> = Option::deserialize(d)?;
        match raw {
            None => Ok(None),
            Some(r) if r.trim().is_empty() => Ok(None),
            Some(r) => parse_utc(&r)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("invalid datetime `{r}`"))),
        }
    }
}

/// A decimal as a JSON number on output; number or string on input.
pub mod decimal {
    use super::*;
    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision::serialize(v, s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(DecimalVisitor)
    }
}

pub mod decimal_opt {
    use super::*;
    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => rust_decimal::serde::arbitrary_precision::serialize(v, s),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        d.deserialize_any(OptDecimalVisitor)
    }
}

struct DecimalVisitor;

impl<'de> serde::de::Visitor<'de> for DecimalVisitor {
    type Value = Decimal;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a decimal number or a string holding one")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).ok_or_else(|| E::custom(format!("invalid decimal `{v}`")))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
        // Only reached by formats that lack exact numbers; go through the
        // shortest round-trip text so 0.1 stays 0.1.
        parse_decimal(&v.to_string()).ok_or_else(|| E::custom(format!("invalid decimal `{v}`")))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        // serde_json's arbitrary_precision hands numbers over as a one-entry map.
        let Some((_, raw)) = map.next_entry::<String, String>()? else {
            return Err(serde::de::Error::custom("empty number"));
        };
        parse_decimal(&raw)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid decimal `{raw}`")))
    }
}

struct OptDecimalVisitor;

impl<'de> serde::de::Visitor<'de> for OptDecimalVisitor {
    type Value = Option<Decimal>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a decimal number, a string holding one, or null")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(DecimalVisitor).map(Some)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        DecimalVisitor.visit_str(v).map(Some)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Decimal::from(v)))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Decimal::from(v)))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        DecimalVisitor.visit_f64(v).map(Some)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        DecimalVisitor.visit_map(map).map(Some)
    }
}

/// Parses "12.50", "1e3", "-0.5" exactly.
pub fn parse_decimal(raw: &str) -> Option<Decimal> {
    let raw = raw.trim();
    Decimal::from_str(raw)
        .ok()
        .or_else(|| Decimal::from_scientific(raw).ok())
}

/// `"true"`/`"false"` strings (as some columns store them) or real booleans.
pub mod loose_bool {
    use super::*;
    pub fn serialize<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*v)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum B {
            Bool(bool),
            Str(String),
        }
        match B::deserialize(d)? {
            B::Bool(b) => Ok(b),
            B::Str(s) => Ok(s.eq_ignore_ascii_case("true")),
        }
    }
}

/// Writes `base`'s fields and `extras`' fields as one flat JSON object.
pub fn serialize_flat<S, A, B>(base: &A, extras: &B, s: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    A: serde::Serialize,
    B: serde::Serialize,
{
    use serde::ser::Error;
    let mut value = serde_json::to_value(base).map_err(S::Error::custom)?;
    let extra = serde_json::to_value(extras).map_err(S::Error::custom)?;
    if let (Some(obj), serde_json::Value::Object(more)) = (value.as_object_mut(), extra) {
        obj.extend(more);
    }
    serde::Serialize::serialize(&value, s)
}

/// Reads one flat JSON object as two structs (unknown fields are ignored).
pub fn deserialize_flat<'de, D, A, B>(d: D) -> Result<(A, B), D::Error>
where
    D: Deserializer<'de>,
    A: serde::de::DeserializeOwned,
    B: serde::de::DeserializeOwned,
{
    use serde::de::Error;
    let value = serde_json::Value::deserialize(d)?;
    let a = A::deserialize(&value).map_err(D::Error::custom)?;
    let b = B::deserialize(&value).map_err(D::Error::custom)?;
    Ok((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug)]
    struct Row {
        #[serde(with = "decimal")]
        value: Decimal,
        #[serde(with = "decimal_opt", default)]
        maybe: Option<Decimal>,
        #[serde(with = "utc")]
        at: DateTime<Utc>,
    }

    #[test]
    fn decimals_from_numbers_and_strings_are_exact() {
        let a: Row = serde_json::from_str(
            r#"{"value": 326.81, "maybe": "0.1", "at": "2026-11-25T04:17:21.989912Z"}"#,
        )
        .unwrap();
        assert_eq!(a.value.to_string(), "326.81");
        assert_eq!(a.maybe.unwrap().to_string(), "0.1");
        let b: Row = serde_json::from_str(
            r#"{"value": "17000.00", "maybe": null, "at": "2026-11-25T04:17:21"}"#,
        )
        .unwrap();
        assert_eq!(b.value.to_string(), "17000.00");
        assert!(b.maybe.is_none());
        assert_eq!(format_utc(&b.at), "2026-11-25T04:17:21Z");
        // A long decimal that f64 would mangle survives.
        let c: Row =
            serde_json::from_str(r#"{"value": 12345678901234.5678, "at": "2026-01-01"}"#).unwrap();
        assert_eq!(c.value.to_string(), "12345678901234.5678");
    }

    #[test]
    fn decimals_serialize_as_json_numbers() {
        let row = Row {
            value: Decimal::from_str("17000.00").unwrap(),
            maybe: None,
            at: parse_utc("2026-11-25T04:17:21.989912Z").unwrap(),
        };
        let json = serde_json::to_string(&row).unwrap();
        assert_eq!(
            json,
            r#"{"value":17000.00,"maybe":null,"at":"2026-11-25T04:17:21.989912Z"}"#
        );
    }

    #[test]
    fn dates_past_year_9999_read_back_as_written() {
        let t = parse_utc("+10000-1-1").unwrap();
        assert_eq!(format_utc(&t), "+10000-01-01T00:00:00Z");
        assert_eq!(parse_utc(&format_utc(&t)), Some(t));
    }

    #[test]
    fn bad_values_are_errors_not_panics() {
        assert!(serde_json::from_str::<Row>(r#"{"value": "abc", "at": "2026-01-01"}"#).is_err());
        assert!(serde_json::from_str::<Row>(r#"{"value": 1, "at": "yesterday"}"#).is_err());
    }

    /// Each custom decoder alone, so every hostile value reaches it.
    mod hostile {
        use super::*;
        use crate::domain::hostile_json::{any_json, tricky_string};
        use proptest::prelude::*;
        use serde_json::Value;

        #[derive(Deserialize, Serialize)]
        struct Exact(#[serde(with = "decimal")] Decimal);
        #[derive(Deserialize, Serialize)]
        struct MaybeExact(#[serde(with = "decimal_opt")] Option<Decimal>);
        #[derive(Deserialize, Serialize)]
        struct At(#[serde(with = "utc")] DateTime<Utc>);
        #[derive(Deserialize, Serialize)]
        struct MaybeAt(#[serde(with = "utc_opt")] Option<DateTime<Utc>>);
        #[derive(Deserialize, Serialize)]
        struct Flag(#[serde(with = "loose_bool")] bool);

        /// Decodes `v` with every helper; what decodes is written back too.
        fn every_helper(v: &Value) {
            let bytes = serde_json::to_vec(v).unwrap();
            macro_rules! both_ways {
                ($($t:ty),+) => {$(
                    if let Ok(x) = serde_json::from_slice::<$t>(&bytes) {
                        serde_json::to_vec(&x).unwrap();
                    }
                    if let Ok(x) = <$t>::deserialize(v) {
                        serde_json::to_vec(&x).unwrap();
                    }
                )+};
            }
            both_ways!(Exact, MaybeExact, At, MaybeAt, Flag);
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1024))]

            #[test]
            fn the_custom_decoders_take_any_value(v in any_json()) {
                every_helper(&v);
            }

            #[test]
            fn the_parsers_take_any_text(s in tricky_string()) {
                if let Some(d) = parse_decimal(&s) {
                    // Exact: what parses prints back to the same number.
                    prop_assert_eq!(parse_decimal(&d.to_string()), Some(d));
                }
                if let Some(t) = parse_utc(&s) {
                    prop_assert_eq!(parse_utc(&format_utc(&t)), Some(t));
                }
            }
        }
    }
}
