//! Contracts as CSV or JSON rows, for a spreadsheet or a ticket. Shared by
//! the TUI's `x` and `tentabo contracts list --csv/--json`.

use crate::domain::money::round_cents;
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
            total_value: round_cents(c.total_value),
            value_per_period: c.value_per_period,
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

pub fn to_csv(rows: &[ContractRow]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
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
    ])
    .map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record([
            r.contract_number.clone(),
            r.customer.clone(),
            r.partner.clone(),
            r.distributor.clone(),
            r.contract_type.as_str().to_string(),
            r.status.as_str().to_string(),
            r.total_value.to_string(),
            r.value_per_period
                .map(|v| v.to_string())
                .unwrap_or_default(),
            r.periodicity_months
                .map(|p| p.to_string())
                .unwrap_or_default(),
            r.currency.clone(),
            r.activation_date.clone(),
            r.expiration_date.clone(),
            r.days_left.map(|d| d.to_string()).unwrap_or_default(),
            r.manager.clone(),
            r.id.to_string(),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
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
            round_cents(d.contracts[0].total_value)
        );
        let json: serde_json::Value = serde_json::from_str(&to_json(&rows).unwrap()).unwrap();
        assert!(json[0]["total_value"].is_number());
    }
}
