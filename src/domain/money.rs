//! Money helpers. All amounts are `Decimal`; rounding is half-up to cents,
//! as the server's `ROUND_HALF_UP` quantize does.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half-up (away from zero on a tie) to two places.
pub fn round_cents(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
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
}
