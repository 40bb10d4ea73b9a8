//! Column types the domain does not map by itself: the native enums (whose
//! labels are the UPPERCASE names) and the `'true'`/`'false'` text booleans.

use crate::domain::{ContractStatus, ContractType, LeadStatus, OrderStatus, UserRole};
use bytes::BytesMut;
use std::error::Error;
use tokio_postgres::types::{to_sql_checked, FromSql, IsNull, Kind, ToSql, Type};

type BoxError = Box<dyn Error + Sync + Send>;

/// A domain enum stored as a PostgreSQL enum type.
pub trait DbEnum: Copy + Send + Sync + std::fmt::Debug + 'static {
    /// The PostgreSQL type name (`leadstatus`).
    const TYPE: &'static str;
    fn label(self) -> &'static str;
    fn parse(label: &str) -> Option<Self>;
}

macro_rules! db_enum {
    ($($t:ty => $name:literal),+ $(,)?) => {
        $(impl DbEnum for $t {
            const TYPE: &'static str = $name;
            fn label(self) -> &'static str {
                self.db_label()
            }
            fn parse(label: &str) -> Option<Self> {
                <$t>::from_db_label(label)
            }
        })+
    };
}

db_enum!(
    LeadStatus => "leadstatus",
    OrderStatus => "orderstatus",
    ContractStatus => "contractstatus",
    ContractType => "contracttype",
    UserRole => "userrole",
);

/// Wraps a domain enum for binding and reading (`Pg(LeadStatus::New)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pg<T>(pub T);

fn is_enum_named(ty: &Type, name: &str) -> bool {
    matches!(ty.kind(), Kind::Enum(_)) && ty.name() == name
}

impl<T: DbEnum> ToSql for Pg<T> {
    fn to_sql(&self, _ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        // Enums travel as their label, in text and binary formats alike.
        out.extend_from_slice(self.0.label().as_bytes());
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        is_enum_named(ty, T::TYPE)
    }

    to_sql_checked!();
}

impl<'a, T: DbEnum> FromSql<'a> for Pg<T> {
    fn from_sql(_ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let s = std::str::from_utf8(raw)?;
        T::parse(s)
            .map(Pg)
            .ok_or_else(|| format!("unknown {} label `{s}`", T::TYPE).into())
    }

    fn accepts(ty: &Type) -> bool {
        is_enum_named(ty, T::TYPE)
    }
}

/// `'true'`/`'false'` as the server stores them in varchar columns.
pub fn text_bool(v: bool) -> &'static str {
    if v {
        "true"
    } else {
        "false"
    }
}

/// Reads a text boolean the way Python's truthiness of the strings would:
/// anything but `true` (any case), `1`, `yes` or `t` is false.
pub fn parse_text_bool(s: Option<&str>) -> bool {
    s.map(str::trim).is_some_and(|s| {
        s.eq_ignore_ascii_case("true")
            || s == "1"
            || s.eq_ignore_ascii_case("yes")
            || s.eq_ignore_ascii_case("t")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_bools() {
        assert!(parse_text_bool(Some("true")));
        assert!(parse_text_bool(Some("True")));
        assert!(!parse_text_bool(Some("false")));
        assert!(!parse_text_bool(None));
        assert_eq!(text_bool(true), "true");
    }

    #[test]
    fn enum_labels() {
        assert_eq!(
            <OrderStatus as DbEnum>::label(OrderStatus::InFulfillment),
            "IN_FULFILLMENT"
        );
        assert_eq!(
            <LeadStatus as DbEnum>::parse("NEGOTIATION"),
            Some(LeadStatus::Negotiation)
        );
        assert_eq!(<UserRole as DbEnum>::TYPE, "userrole");
    }
}
