//! Money helpers. All amounts are `Decimal`; rounding is half-up to cents,
//! as the server's `ROUND_HALF_UP` quantize does.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half-up (away from zero on a tie) to two places.
pub fn round_cents(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounded to the cent with two decimals always (`4800.00`, never `4800.0`
/// or `4800`): what an export writes, whichever backend read it.
pub fn cents(v: Decimal) -> Decimal {
    let mut v = round_cents(v);
    v.rescale(2);
    v
}

/// Formats an amount with thousands separators and two decimals: `12,345.60`.
pub fn format_amount(v: Decimal) -> String {
    let rounded = round_cents(v);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{}{grouped}.{frac}", if negative { "-" } else { "" })
}

/// A unit price, never rounded for display: at least two decimals, more
/// when the tier has them (`3.335`, `19.99`).
pub fn format_unit_price(v: Decimal) -> String {
    let n = v.normalize();
    if n.scale() <= 2 {
        return format_amount(v);
    }
    let cents = format_amount(n.trunc_with_scale(2));
    let extra = n.to_string();
    let tail = extra.split_once('.').map(|(_, f)| &f[2..]).unwrap_or("");
    format!("{cents}{tail}")
}

/// An amount in exact units of 1/10,000 (rounded half-up), for integer sums
/// in hot loops. `None` when it does not fit an `i64` (beyond ±922 trillion):
/// the caller shows an overflow rather than a wrong total. (Scaling with `*`
/// panics for values past ~7.9e24.)
pub fn ten_thousandths(v: Decimal) -> Option<i64> {
    let r = v.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    // r = mantissa / 10^scale with scale <= 4 after the rounding.
    let scaled = r
        .mantissa()
        .checked_mul(10i128.checked_pow(4u32.checked_sub(r.scale())?)?)?;
    i64::try_from(scaled).ok()
}

/// A sum of [`ten_thousandths`] back to an amount; `None` past what a
/// decimal holds.
pub fn from_ten_thousandths(sum: i128) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(sum, 4)
        .ok()
        .map(|d| d.normalize())
}

/// `12,345.60 EUR`
pub fn format_money(v: Decimal, currency: &str) -> String {
    format!("{} {}", format_amount(v), currency)
}

/// Compact form for narrow cells: `12.3k`, `1.2M`.
pub fn format_compact(v: Decimal) -> String {
    let abs = v.abs();
    let (div, suffix) = if abs >= Decimal::from(1_000_000) {
        (Decimal::from(1_000_000), "M")
    } else if abs >= Decimal::from(10_000) {
        (Decimal::from(1_000), "k")
    } else {
        return format_amount(v);
    };
    let scaled = (v / div).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    format!("{scaled}{suffix}")
}

#[cfg(test)]
mod unit_price_tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn unit_prices_keep_their_digits() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(format_unit_price(d("3.3350")), "3.335");
        assert_eq!(format_unit_price(d("19.9900")), "19.99");
        assert_eq!(format_unit_price(d("1234.5")), "1,234.50");
        assert_eq!(format_unit_price(d("10.005")), "10.005");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_up_to_cents() {
        assert_eq!(round_cents(d("1.005")), d("1.01"));
        assert_eq!(round_cents(d("1.004")), d("1.00"));
        assert_eq!(round_cents(d("2.675")), d("2.68"));
        assert_eq!(round_cents(d("-1.005")), d("-1.01"));
    }

    #[test]
    fn formats_amounts() {
        assert_eq!(format_amount(d("1234567.5")), "1,234,567.50");
        assert_eq!(format_amount(d("0")), "0.00");
        assert_eq!(format_amount(d("-999.999")), "-1,000.00");
        assert_eq!(format_money(d("12.3"), "EUR"), "12.30 EUR");
        assert_eq!(format_compact(d("12345")), "12.3k");
        assert_eq!(format_compact(d("2500000")), "2.5M");
        assert_eq!(format_compact(d("950")), "950.00");
    }

    #[test]
    fn fixed_point_units_refuse_what_does_not_fit() {
        assert_eq!(ten_thousandths(d("12.5")), Some(125_000));
        assert_eq!(ten_thousandths(d("-0.00005")), Some(-1));
        assert_eq!(ten_thousandths(d("0.00004")), Some(0));
        assert_eq!(ten_thousandths(d("922337203685477.5807")), Some(i64::MAX));
        assert_eq!(ten_thousandths(d("922337203685477.5808")), None);
        assert_eq!(ten_thousandths(d("1e25")), None);
        assert_eq!(ten_thousandths(Decimal::MAX), None);
        assert_eq!(ten_thousandths(Decimal::MIN), None);
        assert_eq!(from_ten_thousandths(125_000), Some(d("12.5")));
        assert_eq!(from_ten_thousandths(i128::MAX), None);
        let max = Decimal::MAX.mantissa();
        assert_eq!(from_ten_thousandths(max), Some(Decimal::MAX / d("10000")));
    }

    mod huge {
        use super::*;
        use proptest::prelude::*;

        fn any_decimal() -> impl Strategy<Value = Decimal> {
            (
                any::<u32>(),
                any::<u32>(),
                any::<u32>(),
                any::<bool>(),
                0u32..=28,
            )
                .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
        }

        proptest! {
            /// Every formatter and converter takes any decimal, up to
            /// `Decimal::MAX`, without panicking.
            #[test]
            fn money_helpers_take_any_decimal(v in any_decimal()) {
                round_cents(v);
                cents(v);
                prop_assert!(format_amount(v).ends_with(|c: char| c.is_ascii_digit()));
                format_unit_price(v);
                format_money(v, "EUR");
                format_compact(v);
                if let Some(units) = ten_thousandths(v) {
                    let back = from_ten_thousandths(units as i128).unwrap();
                    let want = v.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
                    prop_assert_eq!(back, want.normalize());
                }
            }
        }
    }

    #[test]
    fn cents_always_have_two_decimals() {
        use std::str::FromStr;
        for (raw, want) in [
            ("4800.0", "4800.00"),
            ("4800", "4800.00"),
            ("326.815", "326.82"),
        ] {
            assert_eq!(cents(Decimal::from_str(raw).unwrap()).to_string(), want);
        }
        // No panic at the edge of the type.
        let _ = cents(Decimal::MAX);
    }
}
