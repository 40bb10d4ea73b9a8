//! Pricing, exactly as the server's `PricingService` computes it:
//!
//! * the first tier (by `min_quantity`) whose `min..=max` range holds the
//!   quantity gives the unit price;
//! * subtotal = unit price × quantity, rounded half-up to cents;
//! * duration discount = subtotal × discount% / 100, rounded half-up;
//! * total = subtotal − discount;
//! * no matching tier, an inactive product or a non-positive quantity is an error.
//!
//! Every step is checked: prices and quantities come from servers and
//! databases we do not control, and an amount past `Decimal::MAX` (~7.9e28)
//! is a [`PricingError::Overflow`] on that line or order, never a panic.

use super::money::round_cents;
use super::product::{Duration, PriceCalculation, PriceTier, Product};
use rust_decimal::Decimal;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PricingError {
    InactiveProduct(String),
    NoTier {
        quantity: i64,
    },
    BadQuantity(i64),
    MissingDuration,
    /// An amount does not fit in a decimal (absurd prices or quantities).
    Overflow,
}

impl fmt::Display for PricingError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            // Same wording as the server's messages.
            PricingError::InactiveProduct(name) => write!(f, "Product {name} is not active"),
            PricingError::NoTier { quantity } => {
                write!(f, "No price tier found for quantity {quantity}")
            }
            PricingError::BadQuantity(q) => write!(f, "Quantity must be greater than 0 (got {q})"),
            PricingError::MissingDuration => write!(f, "Choose a duration"),
            PricingError::Overflow => write!(f, "Amount too large to compute"),
        }
    }
}

impl std::error::Error for PricingError {}

/// The tier that applies to `quantity`, in `min_quantity` order as the server
/// loads them.
pub fn matching_tier(tiers: &[PriceTier], quantity: i64) -> Option<&PriceTier> {
    let mut sorted: Vec<&PriceTier> = tiers.iter().collect();
    sorted.sort_by_key(|t| t.min_quantity);
    sorted.into_iter().find(|t| t.contains(quantity))
}

/// Prices one line. `duration` is optional as on the server's endpoint; an
/// order line requires one (see [`price_order_line`]).
pub fn price_line(
    product: &Product,
    quantity: i64,
    duration: Option<&Duration>,
) -> Result<PriceCalculation, PricingError> {
    if quantity <= 0 {
        return Err(PricingError::BadQuantity(quantity));
    }
    if !product.is_active {
        return Err(PricingError::InactiveProduct(product.name.clone()));
    }
    let tier =
        matching_tier(&product.price_tiers, quantity).ok_or(PricingError::NoTier { quantity })?;
    let unit_price = tier.price_per_unit;
    let subtotal = unit_price
        .checked_mul(Decimal::from(quantity))
        .map(round_cents)
        .ok_or(PricingError::Overflow)?;
    let discount_percentage = duration
        .map(|d| d.discount_percentage)
        .unwrap_or(Decimal::ZERO);
    let discount_amount = if discount_percentage > Decimal::ZERO {
        discount_percentage
            .checked_div(Decimal::ONE_HUNDRED)
            .and_then(|share| subtotal.checked_mul(share))
            .map(round_cents)
            .ok_or(PricingError::Overflow)?
    } else {
        Decimal::ZERO
    };
    let total = subtotal
        .checked_sub(discount_amount)
        .map(round_cents)
        .ok_or(PricingError::Overflow)?;
    Ok(PriceCalculation {
        product_id: product.id,
        product_name: product.name.clone(),
        quantity,
        unit_price,
        subtotal,
        duration_months: duration.map(|d| d.months),
        discount_percentage,
        discount_amount,
        total,
        currency: "EUR".into(),
    })
}

/// An order line must name a duration.
pub fn price_order_line(
    product: &Product,
    quantity: i64,
    duration: Option<&Duration>,
) -> Result<PriceCalculation, PricingError> {
    let duration = duration.ok_or(PricingError::MissingDuration)?;
    price_line(product, quantity, Some(duration))
}

/// Order totals as the server sums them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OrderTotals {
    pub subtotal: Decimal,
    pub discount_amount: Decimal,
    pub tax_amount: Decimal,
    pub total_amount: Decimal,
    /// The lines' sum does not fit in a decimal: the amounts above are zero
    /// and mean nothing; show "overflow" instead.
    pub overflow: bool,
}

/// The sum of an order's lines, or [`PricingError::Overflow`] (what the
/// backends use: such an order is refused).
pub fn checked_order_totals<'a>(
    lines: impl IntoIterator<Item = &'a PriceCalculation>,
) -> Result<OrderTotals, PricingError> {
    let mut t = OrderTotals::default();
    for line in lines {
        t.subtotal = t
            .subtotal
            .checked_add(line.subtotal)
            .ok_or(PricingError::Overflow)?;
        t.discount_amount = t
            .discount_amount
            .checked_add(line.discount_amount)
            .ok_or(PricingError::Overflow)?;
    }
    t.total_amount = t
        .subtotal
        .checked_sub(t.discount_amount)
        .and_then(|v| v.checked_add(t.tax_amount))
        .map(round_cents)
        .ok_or(PricingError::Overflow)?;
    Ok(t)
}

/// The sum of an order's lines for display (the builder's running totals):
/// never fails; an overflow comes back as zero amounts with `overflow` set.
pub fn order_totals<'a>(lines: impl IntoIterator<Item = &'a PriceCalculation>) -> OrderTotals {
    checked_order_totals(lines).unwrap_or(OrderTotals {
        overflow: true,
        ..OrderTotals::default()
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::Utc;
    use std::str::FromStr;
    use uuid::Uuid;

    pub fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    pub fn tier(min: i64, max: Option<i64>, price: &str) -> PriceTier {
        PriceTier {
            id: Uuid::new_v4(),
            product_id: Uuid::nil(),
            min_quantity: min,
            max_quantity: max,
            price_per_unit: d(price),
            period: "month".into(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    pub fn product(tiers: Vec<PriceTier>) -> Product {
        Product {
            id: Uuid::new_v4(),
            name: "Backup".into(),
            type_id: Uuid::nil(),
            unit: "TB".into(),
            description: None,
            is_active: true,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            price_tiers: tiers,
        }
    }

    pub fn duration(months: i32, pct: &str) -> Duration {
        Duration {
            id: Uuid::new_v4(),
            months,
            discount_percentage: d(pct),
            name: format!("{months} months"),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn tier_boundaries_pick_the_right_price() {
        let p = product(vec![
            tier(11, Some(50), "9.0000"),
            tier(1, Some(10), "10.0000"),
            tier(51, None, "8.5"),
        ]);
        assert_eq!(price_line(&p, 1, None).unwrap().unit_price, d("10"));
        assert_eq!(price_line(&p, 10, None).unwrap().unit_price, d("10"));
        assert_eq!(price_line(&p, 11, None).unwrap().unit_price, d("9"));
        assert_eq!(price_line(&p, 50, None).unwrap().unit_price, d("9"));
        assert_eq!(price_line(&p, 51, None).unwrap().unit_price, d("8.5"));
        assert_eq!(
            price_line(&p, 1_000_000, None).unwrap().unit_price,
            d("8.5")
        );
    }

    #[test]
    fn rounding_is_half_up_at_each_step() {
        // 3 × 0.3350 = 1.005 → 1.01 (half-up), discount 15% of 1.01 = 0.1515 → 0.15
        let p = product(vec![tier(1, None, "0.3350")]);
        let dur = duration(12, "15");
        let c = price_line(&p, 3, Some(&dur)).unwrap();
        assert_eq!(c.subtotal, d("1.01"));
        assert_eq!(c.discount_amount, d("0.15"));
        assert_eq!(c.total, d("0.86"));
        // 7 × 12.3456 = 86.4192 → 86.42; 12.5% → 10.8025 → 10.80
        let p = product(vec![tier(1, None, "12.3456")]);
        let c = price_line(&p, 7, Some(&duration(24, "12.5"))).unwrap();
        assert_eq!(
            (c.subtotal, c.discount_amount, c.total),
            (d("86.42"), d("10.80"), d("75.62"))
        );
        // A tie on the discount: 10.10 × 5% = 0.505 → 0.51
        let p = product(vec![tier(1, None, "10.10")]);
        let c = price_line(&p, 1, Some(&duration(6, "5"))).unwrap();
        assert_eq!(c.discount_amount, d("0.51"));
        assert_eq!(c.total, d("9.59"));
    }

    #[test]
    fn zero_discount_and_no_duration() {
        let p = product(vec![tier(1, None, "2.5")]);
        let c = price_line(&p, 4, Some(&duration(1, "0"))).unwrap();
        assert_eq!(
            (c.subtotal, c.discount_amount, c.total),
            (d("10.00"), d("0"), d("10.00"))
        );
        assert_eq!(c.duration_months, Some(1));
        let c = price_line(&p, 4, None).unwrap();
        assert_eq!(c.duration_months, None);
    }

    #[test]
    fn errors_match_the_server() {
        let p = product(vec![tier(5, Some(10), "1")]);
        assert_eq!(
            price_line(&p, 4, None).unwrap_err(),
            PricingError::NoTier { quantity: 4 }
        );
        assert_eq!(
            price_line(&p, 11, None).unwrap_err().to_string(),
            "No price tier found for quantity 11"
        );
        assert!(matches!(
            price_line(&p, 0, None),
            Err(PricingError::BadQuantity(0))
        ));
        let mut inactive = product(vec![tier(1, None, "1")]);
        inactive.is_active = false;
        assert_eq!(
            price_line(&inactive, 1, None).unwrap_err().to_string(),
            "Product Backup is not active"
        );
        assert_eq!(
            price_order_line(&p, 6, None).unwrap_err(),
            PricingError::MissingDuration
        );
    }

    #[test]
    fn order_totals_sum_lines() {
        let p = product(vec![tier(1, None, "0.3350")]);
        let dur = duration(12, "15");
        let a = price_line(&p, 3, Some(&dur)).unwrap();
        let b = price_line(&p, 7, Some(&dur)).unwrap();
        let t = order_totals([&a, &b]);
        assert_eq!(t.subtotal, a.subtotal + b.subtotal);
        assert_eq!(t.discount_amount, a.discount_amount + b.discount_amount);
        assert_eq!(t.total_amount, t.subtotal - t.discount_amount);
        assert_eq!(t.tax_amount, Decimal::ZERO);
    }

    #[test]
    fn huge_prices_and_quantities_are_an_overflow_not_a_panic() {
        let p = product(vec![tier(1, None, "1e25")]);
        assert_eq!(
            price_line(&p, 10_000, None).unwrap_err(),
            PricingError::Overflow
        );
        assert_eq!(
            price_line(&p, 1, None).unwrap().total,
            d("10000000000000000000000000")
        );
        let p = product(vec![tier(1, None, "10000000000")]);
        assert_eq!(
            price_line(&p, i64::MAX, None).unwrap_err(),
            PricingError::Overflow
        );
        let mut max = product(vec![tier(1, None, "1")]);
        max.price_tiers[0].price_per_unit = Decimal::MAX;
        assert_eq!(price_line(&max, 1, None).unwrap().subtotal, Decimal::MAX);
        assert_eq!(price_line(&max, 2, None), Err(PricingError::Overflow));
        // A discount percentage no server would send.
        let p = product(vec![tier(1, None, "1000")]);
        let mut dur = duration(12, "0");
        dur.discount_percentage = Decimal::MAX;
        assert_eq!(price_line(&p, 1, Some(&dur)), Err(PricingError::Overflow));
        assert_eq!(
            PricingError::Overflow.to_string(),
            "Amount too large to compute"
        );
    }

    #[test]
    fn order_totals_past_the_decimal_range_are_flagged() {
        let mut max = product(vec![tier(1, None, "1")]);
        max.price_tiers[0].price_per_unit = Decimal::MAX;
        let line = price_line(&max, 1, None).unwrap();
        assert_eq!(
            checked_order_totals([&line, &line]),
            Err(PricingError::Overflow)
        );
        let shown = order_totals([&line, &line]);
        assert!(shown.overflow);
        assert_eq!(shown.total_amount, Decimal::ZERO);
        let one = order_totals([&line]);
        assert!(!one.overflow);
        assert_eq!(one.total_amount, Decimal::MAX);
    }

    mod property {
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

        /// A line carrying arbitrary (non-negative, cent) amounts.
        fn line_with(subtotal_cents: i128, discount_cents: i128) -> PriceCalculation {
            let p = product(vec![tier(1, None, "1")]);
            let mut c = price_line(&p, 1, None).unwrap();
            c.subtotal = Decimal::from_i128_with_scale(subtotal_cents, 2);
            c.discount_amount = Decimal::from_i128_with_scale(discount_cents, 2);
            c
        }

        const MAX_MANTISSA: i128 = (1 << 96) - 1;

        proptest! {
            /// Any price, quantity and discount: a priced line or an
            /// overflow, never a panic; a priced line is self-consistent.
            #[test]
            fn any_price_quantity_and_discount_never_panics(
                price in any_decimal(),
                quantity in prop_oneof![1i64..1_000, 1i64..=i64::MAX],
                pct in any_decimal(),
            ) {
                let mut p = product(vec![tier(1, None, "1")]);
                p.price_tiers[0].price_per_unit = price;
                let mut dur = duration(12, "0");
                dur.discount_percentage = pct;
                match price_line(&p, quantity, Some(&dur)) {
                    Ok(c) => {
                        prop_assert_eq!(c.unit_price, price);
                        prop_assert_eq!(c.total, round_cents(c.subtotal - c.discount_amount));
                    }
                    Err(e) => prop_assert_eq!(e, PricingError::Overflow),
                }
            }

            /// Order sums up to and past `Decimal::MAX`: exact while the
            /// sums fit, and never a panic.
            #[test]
            fn order_sums_are_exact_or_flagged(
                lines in proptest::collection::vec(
                    (0i128..=MAX_MANTISSA, 0i128..=MAX_MANTISSA), 1..8),
            ) {
                let calcs: Vec<PriceCalculation> =
                    lines.iter().map(|(s, d)| line_with(*s, *d)).collect();
                let sub: i128 = lines.iter().map(|(s, _)| s).sum();
                let disc: i128 = lines.iter().map(|(_, d)| d).sum();
                let got = checked_order_totals(&calcs);
                let shown = order_totals(&calcs);
                prop_assert_eq!(shown.overflow, got.is_err());
                if sub <= MAX_MANTISSA && disc <= MAX_MANTISSA {
                    let t = got.unwrap();
                    prop_assert_eq!(t.subtotal, Decimal::from_i128_with_scale(sub, 2));
                    prop_assert_eq!(t.discount_amount, Decimal::from_i128_with_scale(disc, 2));
                    prop_assert_eq!(t.total_amount, Decimal::from_i128_with_scale(sub - disc, 2));
                }
            }
        }

        proptest! {
            /// For random tiers, quantities and discounts the total always
            /// equals the formula computed independently in integer cents.
            #[test]
            fn total_equals_the_formula(
                price_ten_thousandths in 1i64..10_000_000,
                quantity in 1i64..100_000,
                discount_hundredths in 0i64..=10_000,
            ) {
                let price = Decimal::new(price_ten_thousandths, 4);
                let pct = Decimal::new(discount_hundredths, 2);
                let p = product(vec![tier(1, None, &price.to_string())]);
                let mut dur = duration(12, "0");
                dur.discount_percentage = pct;
                let c = price_line(&p, quantity, Some(&dur)).unwrap();

                // Independent integer arithmetic: amounts in 1e-4 units.
                let raw = price_ten_thousandths as i128 * quantity as i128; // 1e-4
                let sub_cents = (raw + 50) / 100; // half-up to cents (positive)
                let disc_raw = sub_cents * discount_hundredths as i128; // 1e-6 of a unit... cents*1e-4
                let disc_cents = (disc_raw + 5_000) / 10_000;
                prop_assert_eq!(c.subtotal, Decimal::from_i128_with_scale(sub_cents, 2));
                prop_assert_eq!(c.discount_amount, Decimal::from_i128_with_scale(disc_cents, 2));
                prop_assert_eq!(c.total, Decimal::from_i128_with_scale(sub_cents - disc_cents, 2));
            }

            /// Random contiguous tier ladders (shuffled, the last one open or
            /// capped): the tier holding the quantity prices it, a quantity
            /// above a capped ladder has no tier, and every order total is
            /// the sum of its lines' formula totals, to the cent.
            #[test]
            fn random_tiers_pick_the_right_price_and_orders_sum_exactly(
                bounds in proptest::collection::vec(1i64..500, 1..6),
                prices in proptest::collection::vec(1i64..5_000_000, 6),
                open_ended in any::<bool>(),
                lines in proptest::collection::vec((1i64..3_000, 0i64..=5_000), 1..6),
                rotate in 0usize..6,
            ) {
                // Ladder: [1..=b1], [b1+1..=b1+b2], …
                let mut tiers = Vec::new();
                let mut min = 1;
                for (i, width) in bounds.iter().enumerate() {
                    let last = i + 1 == bounds.len();
                    let max = if last && open_ended { None } else { Some(min + width - 1) };
                    tiers.push((min, max, prices[i]));
                    min += width;
                }
                let top = min - 1; // the last capped quantity
                let mut shuffled: Vec<PriceTier> = tiers
                    .iter()
                    .map(|(lo, hi, p)| tier(*lo, *hi, &Decimal::new(*p, 4).to_string()))
                    .collect();
                let n = shuffled.len();
                shuffled.rotate_left(rotate % n);
                let p = product(shuffled);
                let mut want_total: i128 = 0;
                let mut calcs = Vec::new();
                for (quantity, discount_hundredths) in &lines {
                    let mut dur = duration(12, "0");
                    dur.discount_percentage = Decimal::new(*discount_hundredths, 2);
                    let got = price_order_line(&p, *quantity, Some(&dur));
                    let holding = tiers.iter().find(|(lo, hi, _)| {
                        lo <= quantity && hi.is_none_or(|h| *quantity <= h)
                    });
                    match holding {
                        None => {
                            prop_assert!(!open_ended && *quantity > top);
                            prop_assert_eq!(got, Err(PricingError::NoTier { quantity: *quantity }));
                        }
                        Some((_, _, price)) => {
                            let c = got.unwrap();
                            let raw = *price as i128 * *quantity as i128;
                            let sub = (raw + 50) / 100;
                            let disc = (sub * *discount_hundredths as i128 + 5_000) / 10_000;
                            prop_assert_eq!(c.unit_price, Decimal::new(*price, 4));
                            prop_assert_eq!(c.total, Decimal::from_i128_with_scale(sub - disc, 2));
                            want_total += sub - disc;
                            calcs.push(c);
                        }
                    }
                }
                let totals = order_totals(&calcs);
                prop_assert_eq!(totals.total_amount, Decimal::from_i128_with_scale(want_total, 2));
            }
        }
    }
}
