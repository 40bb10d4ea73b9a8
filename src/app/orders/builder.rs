//! The order being built in the Orders tab: its partner, distributor and
//! lead, and its lines, each priced live with the domain's exact formula.
//! Plain state with no I/O: the app spawns the server cross-checks and the
//! submit, and feeds their answers back here.

use crate::app::pick::PickList;
use crate::domain::pricing::{order_totals, price_order_line, OrderTotals};
use crate::domain::*;
use std::collections::HashMap;
use tui_input::Input;

/// Products and durations, loaded once when the builder first opens.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub products: Vec<Product>,
    pub durations: Vec<Duration>,
}

impl Catalogue {
    pub fn product(&self, id: Id) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }
    pub fn duration(&self, id: Id) -> Option<&Duration> {
        self.durations.iter().find(|d| d.id == id)
    }
}

/// One line as typed: the quantity stays text so nothing typed is lost,
/// even when it is not a number yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub product_id: Id,
    pub duration_id: Option<Id>,
    pub quantity: String,
}

/// The key the server's price for a line is stored under.
pub type PriceKey = (Id, i64, Option<Id>);

/// What the server said about a line's price (`/products/{id}/calculate-price`).
#[derive(Debug, Clone, PartialEq)]
pub enum ServerPrice {
    Pending,
    Agrees,
    /// The server answered with other numbers: an error on the line.
    Differs(String),
    /// The server could not price it (its known 500): our figure stands,
    /// marked as not confirmed.
    Unconfirmed(String),
}

/// A line's computed state, for the view and the submit check.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub product: Option<String>,
    pub unit: String,
    pub duration: Option<String>,
    pub tier: Option<String>,
    pub price: Option<PriceCalculation>,
    /// Blocks submit.
    pub error: Option<String>,
    pub server: Option<ServerPrice>,
}

/// What a choice popup is choosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceKind {
    /// A product for a new line.
    NewLine,
    /// A new product for the selected line.
    Product,
    Duration,
    Partner,
    Distributor,
    Lead,
}

impl ChoiceKind {
    pub fn title(self) -> &'static str {
        match self {
            ChoiceKind::NewLine | ChoiceKind::Product => "Product (type to search)",
            ChoiceKind::Duration => "Duration (type to search)",
            ChoiceKind::Partner => "Partner (type to search)",
            ChoiceKind::Distributor => "Distributor (type to search)",
            ChoiceKind::Lead => "From lead (type to search)",
        }
    }
}

/// A choice popup: what it chooses, and the shared list widget over
/// (label, id; `None` = "none").
#[derive(Debug, Clone)]
pub struct Choice {
    pub kind: ChoiceKind,
    pub list: PickList<Option<Id>>,
}

impl Choice {
    /// Opens narrowing as you type (product and lead searches).
    pub fn new(kind: ChoiceKind, options: Vec<(String, Option<Id>)>) -> Self {
        Choice {
            kind,
            list: PickList::new(kind.title(), options).typing(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    partner_id: Option<Id>,
    distributor_id: Option<Id>,
    lead_id: Option<Id>,
    lines: Vec<Line>,
    cursor: usize,
}

#[derive(Debug, Clone, Default)]
pub struct OrderBuilder {
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
    pub lead_id: Option<Id>,
    pub lines: Vec<Line>,
    pub cursor: usize,
    /// The quantity being typed on the selected line.
    pub editing: Option<Input>,
    pub choice: Option<Choice>,
    pub submitting: bool,
    /// The last submit's failure, shown until the next change.
    pub error: Option<String>,
    /// When the last submit was sent.
    pub sent_at: Option<Timestamp>,
    /// Set when a submit's answer never came: the next one looks first.
    pub doubt: Option<Timestamp>,
    /// Server prices by line key.
    pub server: HashMap<PriceKey, Result<PriceCalculation, String>>,
    undo: Vec<Snapshot>,
}

impl OrderBuilder {
    pub fn new(partner_id: Option<Id>, distributor_id: Option<Id>, lead_id: Option<Id>) -> Self {
        OrderBuilder {
            partner_id,
            distributor_id,
            lead_id,
            ..Default::default()
        }
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            partner_id: self.partner_id,
            distributor_id: self.distributor_id,
            lead_id: self.lead_id,
            lines: self.lines.clone(),
            cursor: self.cursor,
        }
    }

    /// Call before every change, so `u` can take it back.
    pub fn remember(&mut self) {
        let s = self.snapshot();
        if self.undo.last() != Some(&s) {
            self.undo.push(s);
        }
        self.error = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Takes back the last change; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(s) = self.undo.pop() else {
            return false;
        };
        self.partner_id = s.partner_id;
        self.distributor_id = s.distributor_id;
        self.lead_id = s.lead_id;
        self.lines = s.lines;
        self.cursor = s.cursor.min(self.lines.len().saturating_sub(1));
        self.editing = None;
        true
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn add_line(&mut self, product_id: Id, duration_id: Option<Id>) {
        self.remember();
        self.lines.push(Line {
            product_id,
            duration_id,
            quantity: "1".into(),
        });
        self.cursor = self.lines.len() - 1;
    }

    pub fn remove_line(&mut self) -> bool {
        if self.cursor >= self.lines.len() {
            return false;
        }
        self.remember();
        self.lines.remove(self.cursor);
        self.cursor = self.cursor.min(self.lines.len().saturating_sub(1));
        true
    }

    pub fn set_product(&mut self, product_id: Id) {
        if let Some(line) = self.lines.get(self.cursor).cloned() {
            self.remember();
            self.lines[self.cursor] = Line { product_id, ..line };
        }
    }

    pub fn set_duration(&mut self, duration_id: Option<Id>) {
        if self.cursor < self.lines.len() {
            self.remember();
            self.lines[self.cursor].duration_id = duration_id;
        }
    }

    /// Starts typing the selected line's quantity.
    pub fn start_editing(&mut self) {
        if let Some(quantity) = self.lines.get(self.cursor).map(|l| l.quantity.clone()) {
            self.remember();
            self.editing = Some(Input::new(quantity));
        }
    }

    /// Mirrors the typed text into the line at every keystroke, so prices
    /// follow the typing.
    pub fn sync_editing(&mut self) {
        if let (Some(input), Some(line)) = (&self.editing, self.lines.get_mut(self.cursor)) {
            line.quantity = input.value().trim().to_string();
        }
    }

    pub fn step(&mut self, delta: isize) {
        let n = self.lines.len() as isize;
        if n > 0 {
            self.cursor = (self.cursor as isize + delta).clamp(0, n - 1) as usize;
        }
    }

    /// The line's key for the server's price, when it is complete.
    pub fn price_key(line: &Line) -> Option<PriceKey> {
        let q = line.quantity.parse::<i64>().ok()?;
        Some((line.product_id, q, line.duration_id))
    }

    pub fn price(&self, cat: &Catalogue, line: &Line) -> Priced {
        let product = cat.product(line.product_id);
        let duration = line.duration_id.and_then(|d| cat.duration(d));
        let mut p = Priced {
            product: product.map(|p| p.name.clone()),
            unit: product.map(|p| p.unit.clone()).unwrap_or_default(),
            duration: duration.map(|d| d.name.clone()),
            tier: None,
            price: None,
            error: None,
            server: None,
        };
        let Some(product) = product else {
            p.error = Some("This product is no longer in the catalogue".into());
            return p;
        };
        if line.duration_id.is_some() && duration.is_none() {
            p.error = Some("This duration is no longer offered".into());
            return p;
        }
        let quantity = match line.quantity.parse::<i64>() {
            Ok(q) => q,
            Err(_) if line.quantity.is_empty() => {
                p.error = Some("Type a quantity".into());
                return p;
            }
            Err(_) => {
                p.error = Some(format!("“{}” is not a whole number", line.quantity));
                return p;
            }
        };
        p.tier = pricing::matching_tier(&product.price_tiers, quantity).map(|t| t.range_label());
        match price_order_line(product, quantity, duration) {
            Err(e) => p.error = Some(e.to_string()),
            Ok(calc) => {
                p.server = Some(
                    match self.server.get(&(product.id, quantity, line.duration_id)) {
                        None => ServerPrice::Pending,
                        Some(Err(e)) => ServerPrice::Unconfirmed(e.clone()),
                        Some(Ok(s)) if same_price(s, &calc) => ServerPrice::Agrees,
                        Some(Ok(s)) => ServerPrice::Differs(format!(
                            "The server prices this line at {} (here: {}): not submitted",
                            money::format_amount(s.total),
                            money::format_amount(calc.total)
                        )),
                    },
                );
                if let Some(ServerPrice::Differs(msg)) = &p.server {
                    p.error = Some(msg.clone());
                }
                p.price = Some(calc);
            }
        }
        p
    }

    pub fn priced(&self, cat: &Catalogue) -> Vec<Priced> {
        self.lines.iter().map(|l| self.price(cat, l)).collect()
    }

    pub fn totals(&self, cat: &Catalogue) -> OrderTotals {
        totals_of(&self.priced(cat))
    }

    /// Why the order cannot be submitted yet, if anything stops it.
    pub fn blocker(&self, cat: &Catalogue, needs_distributor: bool) -> Option<String> {
        self.blocker_of(&self.priced(cat), needs_distributor)
    }

    /// [`Self::blocker`] for lines already priced (the view prices once per frame).
    pub fn blocker_of(&self, priced: &[Priced], needs_distributor: bool) -> Option<String> {
        if self.partner_id.is_none() {
            return Some("Choose the partner (p)".into());
        }
        if needs_distributor && self.distributor_id.is_none() {
            return Some("Choose the distributor (d)".into());
        }
        if self.lines.is_empty() {
            return Some("Add at least one line (a)".into());
        }
        priced
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.error.as_ref().map(|e| format!("Line {}: {e}", i + 1)))
            .or_else(|| {
                totals_of(priced)
                    .overflow
                    .then(|| "The total is too large to compute: lower a quantity".to_string())
            })
    }

    /// The order to send, once nothing blocks it.
    pub fn draft(&self, cat: &Catalogue, needs_distributor: bool) -> Result<OrderDraft, String> {
        if let Some(b) = self.blocker(cat, needs_distributor) {
            return Err(b);
        }
        let items = self
            .lines
            .iter()
            .map(|l| {
                Ok(OrderLineDraft {
                    product_id: l.product_id,
                    duration_id: l.duration_id.ok_or("Choose a duration")?,
                    quantity: l.quantity.parse().map_err(|_| "Bad quantity")?,
                })
            })
            .collect::<Result<Vec<_>, &str>>()?;
        Ok(OrderDraft {
            partner_id: self.partner_id,
            distributor_id: self.distributor_id,
            lead_id: self.lead_id,
            notes_internal: None,
            items,
        })
    }
}

/// The order's totals from its priced lines (lines in error count nothing).
pub fn totals_of(priced: &[Priced]) -> OrderTotals {
    order_totals(priced.iter().filter_map(|p| p.price.as_ref()))
}

fn same_price(a: &PriceCalculation, b: &PriceCalculation) -> bool {
    a.unit_price == b.unit_price
        && a.subtotal == b.subtotal
        && a.discount_amount == b.discount_amount
        && a.total == b.total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pricing::tests::{d, product, tier};
    use chrono::Utc;
    use uuid::Uuid;

    fn duration(months: i32, pct: &str) -> Duration {
        Duration {
            id: Uuid::new_v4(),
            months,
            discount_percentage: d(pct),
            name: format!("{months} months"),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn catalogue() -> Catalogue {
        Catalogue {
            products: vec![product(vec![
                tier(1, Some(9), "10.005"),
                tier(10, Some(99), "8.50"),
            ])],
            durations: vec![duration(12, "0"), duration(36, "12.5")],
        }
    }

    fn builder(cat: &Catalogue) -> OrderBuilder {
        let mut b = OrderBuilder::new(Some(Uuid::new_v4()), None, None);
        b.add_line(cat.products[0].id, Some(cat.durations[1].id));
        b
    }

    #[test]
    fn a_line_follows_the_typed_quantity_exactly() {
        let cat = catalogue();
        let mut b = builder(&cat);
        b.start_editing();
        b.editing = Some(Input::new("3".into()));
        b.sync_editing();
        let p = b.price(&cat, &b.lines[0]);
        let calc = p.price.unwrap();
        // 10.005 × 3 = 30.015 → 30.02 (half-up); 12.5% of it = 3.7525 → 3.75.
        assert_eq!(calc.subtotal, d("30.02"));
        assert_eq!(calc.discount_amount, d("3.75"));
        assert_eq!(calc.total, d("26.27"));
        assert_eq!(p.tier.as_deref(), Some("1–9"));
        b.editing = Some(Input::new("12".into()));
        b.sync_editing();
        assert_eq!(b.totals(&cat).total_amount, d("89.25"));
    }

    #[test]
    fn bad_lines_are_flagged_and_block_submit() {
        let cat = catalogue();
        let mut b = builder(&cat);
        b.lines[0].quantity = "150".into();
        let p = b.price(&cat, &b.lines[0]);
        assert_eq!(
            p.error.as_deref(),
            Some("No price tier found for quantity 150")
        );
        assert_eq!(
            b.blocker(&cat, false).as_deref(),
            Some("Line 1: No price tier found for quantity 150")
        );
        b.lines[0].quantity = "2x".into();
        assert!(b
            .draft(&cat, false)
            .unwrap_err()
            .contains("not a whole number"));
        b.lines[0].quantity = "2".into();
        b.lines[0].duration_id = None;
        assert_eq!(
            b.blocker(&cat, false).as_deref(),
            Some("Line 1: Choose a duration")
        );
        b.lines[0].duration_id = Some(cat.durations[0].id);
        assert!(b.draft(&cat, false).is_ok());
        assert_eq!(
            b.blocker(&cat, true).as_deref(),
            Some("Choose the distributor (d)")
        );
        b.partner_id = None;
        assert_eq!(
            b.blocker(&cat, false).as_deref(),
            Some("Choose the partner (p)")
        );
    }

    #[test]
    fn inactive_products_are_flagged() {
        let mut cat = catalogue();
        let b = builder(&cat);
        cat.products[0].is_active = false;
        assert_eq!(
            b.price(&cat, &b.lines[0]).error.as_deref(),
            Some("Product Backup is not active")
        );
    }

    #[test]
    fn a_server_price_that_differs_is_an_error_and_a_failed_one_is_unconfirmed() {
        let cat = catalogue();
        let mut b = builder(&cat);
        let key = OrderBuilder::price_key(&b.lines[0]).unwrap();
        assert_eq!(
            b.price(&cat, &b.lines[0]).server,
            Some(ServerPrice::Pending)
        );
        let mut calc = b.price(&cat, &b.lines[0]).price.unwrap();
        b.server.insert(key, Ok(calc.clone()));
        assert_eq!(b.price(&cat, &b.lines[0]).server, Some(ServerPrice::Agrees));
        assert!(b.blocker(&cat, false).is_none());
        calc.total += d("0.01");
        b.server.insert(key, Ok(calc));
        let p = b.price(&cat, &b.lines[0]);
        assert!(matches!(p.server, Some(ServerPrice::Differs(_))));
        assert!(b.blocker(&cat, false).unwrap().contains("server prices"));
        b.server
            .insert(key, Err("'Product' object has no attribute 'type'".into()));
        let p = b.price(&cat, &b.lines[0]);
        assert!(matches!(p.server, Some(ServerPrice::Unconfirmed(_))));
        assert!(p.error.is_none() && p.price.is_some());
    }

    #[test]
    fn undo_takes_back_each_change_in_turn() {
        let cat = catalogue();
        let mut b = builder(&cat);
        b.add_line(cat.products[0].id, Some(cat.durations[0].id));
        b.start_editing();
        b.editing = Some(Input::new("7".into()));
        b.sync_editing();
        b.editing = None;
        assert_eq!(b.lines[1].quantity, "7");
        assert!(b.remove_line());
        assert_eq!(b.lines.len(), 1);
        assert!(b.undo());
        assert_eq!(b.lines[1].quantity, "7");
        assert!(b.undo());
        assert_eq!(b.lines[1].quantity, "1");
        assert!(b.undo());
        assert_eq!(b.lines.len(), 1);
        assert!(b.undo());
        assert!(b.lines.is_empty());
        assert!(!b.undo());
    }

    #[test]
    fn choices_filter_as_you_type() {
        let mut c = Choice::new(
            ChoiceKind::Product,
            vec![
                ("Backup 1TB".into(), Some(Uuid::new_v4())),
                ("Sync Pro".into(), Some(Uuid::new_v4())),
            ],
        );
        for ch in "sync".chars() {
            c.list.handle_key(
                &crate::app::keymap::Keymap::default(),
                &crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(ch)),
            );
        }
        assert_eq!(c.list.len(), 1);
        assert_eq!(c.list.selected().unwrap().label, "Sync Pro");
    }
}
