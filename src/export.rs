//! Contracts as CSV or JSON rows, for a spreadsheet or a ticket. Shared by
//! the TUI's `x` and `tentabo contracts list --csv/--json`; [`csv_table`]
//! writes every CLI list's `--csv` too, with formula-like cells neutralised.

use crate::domain::money::cents;
use crate::domain::serde_util::{decimal, decimal_opt};
use crate::domain::*;
use rust_decimal::Decimal;
use serde::Serialize;

/// One exported row: the contract with names resolved.
#[derive(Debug, Clone, Serialize)]
pub struct ContractRow {
    pub id: Id,
    pub contract_number: String,
    pub customer: String,
    pub partner: String,
    pub distributor: String,
    pub contract_type: ContractType,
    pub status: ContractStatus,
    #[serde(with = "decimal")]
    pub total_value: Decimal,
    #[serde(with = "decimal_opt")]
    pub value_per_period: Option<Decimal>,
    pub periodicity_months: Option<i32>,
    pub currency: String,
    pub activation_date: String,
    pub expiration_date: String,
    pub days_left: Option<i64>,
    pub manager: String,
}

impl ContractRow {
    pub fn new(
        c: &Contract,
        now: Timestamp,
        partner: String,
        distributor: String,
        manager: String,
    ) -> ContractRow {
        ContractRow {
            id: c.id,
            contract_number: c.contract_number.clone(),
            customer: c.customer_name.clone().unwrap_or_default(),
            partner,
            distributor,
            contract_type: c.contract_type,
            status: c.status,
            total_value: cents(c.total_value),
            value_per_period: c.value_per_period.map(cents),
            periodicity_months: c.periodicity_months,
            currency: c.currency.clone(),
            activation_date: c.activation_date.format("%Y-%m-%d").to_string(),
            expiration_date: c
                .expiration_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            days_left: c.days_left(now),
            manager,
        }
    }
}

/// The contracts export's columns, in order.
pub const CONTRACT_CSV_HEADERS: &[&str] = &[
    "contract_number",
    "customer",
    "partner",
    "distributor",
    "type",
    "status",
    "total_value",
    "value_per_period",
    "periodicity_months",
    "currency",
    "activation_date",
    "expiration_date",
    "days_left",
    "manager",
    "id",
];

impl ContractRow {
    /// The row's cells under [`CONTRACT_CSV_HEADERS`]: exact decimals, ISO dates.
    pub fn export_cells(&self) -> Vec<String> {
        vec![
            self.contract_number.clone(),
            self.customer.clone(),
            self.partner.clone(),
            self.distributor.clone(),
            self.contract_type.as_str().to_string(),
            self.status.as_str().to_string(),
            self.total_value.to_string(),
            self.value_per_period
                .map(|v| v.to_string())
                .unwrap_or_default(),
            self.periodicity_months
                .map(|p| p.to_string())
                .unwrap_or_default(),
            self.currency.clone(),
            self.activation_date.clone(),
            self.expiration_date.clone(),
            self.days_left.map(|d| d.to_string()).unwrap_or_default(),
            self.manager.clone(),
            self.id.to_string(),
        ]
    }
}

/// A header line and one line per row, each cell made safe to open in a
/// spreadsheet ([`crate::sanitize::csv_cell`]).
pub fn csv_table<I>(headers: &[&str], rows: I) -> Result<String, String>
where
    I: IntoIterator<Item = Vec<String>>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).map_err(|e| e.to_string())?;
    for row in rows {
        w.write_record(
            row.iter()
                .map(|c| crate::sanitize::csv_cell(c).into_owned()),
        )
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

pub fn to_csv(rows: &[ContractRow]) -> Result<String, String> {
    csv_table(
        CONTRACT_CSV_HEADERS,
        rows.iter().map(ContractRow::export_cells),
    )
}

pub fn to_json(rows: &[ContractRow]) -> Result<String, String> {
    serde_json::to_string_pretty(rows).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::demo::seed::{seed, SeedSize};
    use chrono::TimeZone;

    #[test]
    fn csv_has_a_header_and_one_line_per_contract_with_exact_money() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        let d = seed(now, SeedSize::default());
        let rows: Vec<ContractRow> = d
            .contracts
            .iter()
            .take(5)
            .map(|c| ContractRow::new(c, now, "P".into(), "D".into(), "M".into()))
            .collect();
        let csv = to_csv(&rows).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(records.len(), 5);
        assert_eq!(&records[0][0], d.contracts[0].contract_number);
        assert_eq!(
            records[0][6].parse::<Decimal>().unwrap(),
            crate::domain::money::round_cents(d.contracts[0].total_value)
        );
        // Two decimals always, whatever scale the backend read.
        let mut c = d.contracts[0].clone();
        c.total_value = Decimal::new(48000, 1); // 4800.0, as the API's JSON has it
        let row = ContractRow::new(&c, now, "P".into(), "D".into(), "M".into());
        let csv = to_csv(std::slice::from_ref(&row)).unwrap();
        assert!(csv.contains(",4800.00,"), "{csv}");
        let json = to_json(&[row]).unwrap();
        assert!(json.contains("\"total_value\": 4800.00"), "{json}");
        let json: serde_json::Value = serde_json::from_str(&to_json(&rows).unwrap()).unwrap();
        assert!(json[0]["total_value"].is_number());
    }

    #[test]
    fn hostile_cells_are_neutralised_and_negative_numbers_kept() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        let d = seed(now, SeedSize::default());
        let mut c = d.contracts[0].clone();
        c.customer_name = Some("=HYPERLINK(\"http://x\")".into());
        c.contract_number = "@SUM(A1)\x1b[2J".into();
        c.expiration_date = Some(now - chrono::Duration::days(3));
        let row = ContractRow::new(&c, now, "-2+3".into(), "+x".into(), "\u{202E}M".into());
        let csv = to_csv(&[row]).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let r = reader.records().next().unwrap().unwrap();
        assert_eq!(&r[0], "'@SUM(A1)[2J");
        assert_eq!(&r[1], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&r[2], "'-2+3");
        assert_eq!(&r[3], "'+x");
        assert_eq!(&r[12], "-3", "a negative day count stays a number");
        assert_eq!(&r[13], "M");
    }

    #[test]
    fn csv_table_quotes_separators_and_keeps_line_breaks() {
        let out = csv_table(&["a", "b"], [vec!["x, y".into(), "1\n2".into()]]).unwrap();
        assert_eq!(out, "a,b\n\"x, y\",\"1\n2\"\n");
    }
}
