//! Test-only generators of hostile JSON: numbers past what a decimal holds,
//! half-valid dates and decimals in strings, deep and odd shapes. Shared by
//! the property tests of the domain's serde and of the API decoders.

use proptest::prelude::*;
use serde_json::Value;

/// Number texts that stress exact decimals: edge values, huge, tiny, long,
/// small and large exponents.
pub fn number() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        2 => "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,2})?",
        1 => "-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,40})?([eE][+-]?[0-9]{1,5})?",
        1 => prop::sample::select(vec![
            "79228162514264337593543950335",
            "79228162514264337593543950336",
            "-79228162514264337593543950336",
            "7.9228162514264337593543950335e28",
            "1e28",
            "1e29",
            "1e-28",
            "1e-29",
            "0.0000000000000000000000000001",
            "0.00000000000000000000000000001",
            "18446744073709551616",
            "-9223372036854775809",
            "-0",
            "-0.0e-0",
        ])
        .prop_map(str::to_string),
    ];
    text.prop_filter_map("valid JSON number", |t| serde_json::from_str(&t).ok())
}

/// Strings a decoder might half-accept: dates, decimals, ids, enum names.
pub fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[+-]?[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}([T ][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}(\\.[0-9]{1,12})?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?",
        " ?[+-]?[0-9]{0,30}(\\.[0-9]{0,30})?([eE][+-]?[0-9]{1,3})? ?",
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        prop::sample::select(vec![
            "new", "won", "lost", "ACTIVE", "active", "user", "admin", "true", "TRUE", "",
            " ", "NaN", "inf", "-0", "1e28", "1e29", "79228162514264337593543950336",
            "262143-12-31T23:59:59Z", "-262144-01-01", "2026-02-30", "2026-13-01T00:00",
        ])
        .prop_map(str::to_string),
    ]
}

/// One hostile scalar.
pub fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        3 => number(),
        3 => tricky_string().prop_map(Value::String),
    ]
}

/// Any JSON value, a few levels deep.
pub fn any_json() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,12}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}
