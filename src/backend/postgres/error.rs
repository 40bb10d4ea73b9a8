//! Database errors turned into precise backend errors: constraint violations
//! become the rule or field they protect, lost connections become network
//! errors, serialization failures are marked for a retry.

use crate::backend::BackendError;
use crate::domain::validation::FieldError;
use tokio_postgres::error::{DbError, SqlState};

/// What an operation can fail with before it is reported: a database error
/// (still inspectable, e.g. for a retry) or a finished backend error.
#[derive(Debug)]
pub enum Fail {
    Pg(tokio_postgres::Error),
    App(BackendError),
}

pub type R<T> = Result<T, Fail>;

impl From<tokio_postgres::Error> for Fail {
    fn from(e: tokio_postgres::Error) -> Self {
        Fail::Pg(e)
    }
}

impl From<BackendError> for Fail {
    fn from(e: BackendError) -> Self {
        Fail::App(e)
    }
}

impl From<crate::domain::transitions::Refusal> for Fail {
    fn from(r: crate::domain::transitions::Refusal) -> Self {
        Fail::App(r.into())
    }
}

impl From<crate::domain::pricing::PricingError> for Fail {
    fn from(e: crate::domain::pricing::PricingError) -> Self {
        Fail::App(e.into())
    }
}

impl From<deadpool_postgres::PoolError> for Fail {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        Fail::App(pool_error(&e))
    }
}

/// Generated numbers (`ORD-…`, `CNT-…`) carry 24 random bits: a clash is
/// retried with a fresh number.
const GENERATED_NUMBERS: &[&str] = &["ix_orders_order_number", "ix_contracts_contract_number"];

impl Fail {
    /// Worth running the whole transaction again.
    pub fn retryable(&self) -> bool {
        let Fail::Pg(e) = self else { return false };
        let Some(db) = e.as_db_error() else {
            return false;
        };
        let code = db.code();
        *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || (*code == SqlState::UNIQUE_VIOLATION
                && db
                    .constraint()
                    .is_some_and(|c| GENERATED_NUMBERS.contains(&c)))
    }

    pub fn into_backend(self) -> BackendError {
        match self {
            Fail::Pg(e) => pg_error(&e),
            Fail::App(e) => e,
        }
    }
}

pub fn pool_error(e: &deadpool_postgres::PoolError) -> BackendError {
    use deadpool_postgres::PoolError;
    match e {
        PoolError::Backend(e) => pg_error(e),
        PoolError::Timeout(_) => {
            BackendError::Timeout("no database connection became available in time".into())
        }
        PoolError::Closed => BackendError::Network("the connection pool is closed".into()),
        other => BackendError::Database(other.to_string()),
    }
}

/// Maps any tokio-postgres error. Messages come from the server and never
/// contain the connection password.
pub fn pg_error(e: &tokio_postgres::Error) -> BackendError {
    if let Some(db) = e.as_db_error() {
        return db_error(db);
    }
    if e.is_closed() {
        return BackendError::Network("the connection to the database was lost".into());
    }
    let io = std::error::Error::source(e).and_then(|s| s.downcast_ref::<std::io::Error>());
    match io {
        Some(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            BackendError::Timeout(format!("database: {io}"))
        }
        Some(io) => BackendError::Network(format!("database: {io}")),
        None if e.to_string().contains("timeout") => BackendError::Timeout(e.to_string()),
        None => BackendError::Database(with_cause(e)),
    }
}

/// The error and its cause: the driver's own text is often only the step
/// ("error performing TLS handshake"), the cause says why.
fn with_cause(e: &tokio_postgres::Error) -> String {
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

fn db_error(db: &DbError) -> BackendError {
    let code = db.code();
    let msg = db.message().to_string();
    if *code == SqlState::UNIQUE_VIOLATION {
        unique_violation(db)
    } else if *code == SqlState::FOREIGN_KEY_VIOLATION {
        foreign_key_violation(db)
    } else if *code == SqlState::CHECK_VIOLATION {
        check_violation(db)
    } else if *code == SqlState::NOT_NULL_VIOLATION {
        let col = db.column().unwrap_or("value");
        let field = static_field(col);
        BackendError::invalid(vec![FieldError {
            field,
            message: "required".into(),
        }])
    } else if *code == SqlState::STRING_DATA_RIGHT_TRUNCATION
        || *code == SqlState::NUMERIC_VALUE_OUT_OF_RANGE
        || *code == SqlState::INVALID_TEXT_REPRESENTATION
        || *code == SqlState::DATETIME_FIELD_OVERFLOW
    {
        BackendError::Validation {
            message: msg,
            fields: Vec::new(),
        }
    } else if *code == SqlState::T_R_SERIALIZATION_FAILURE
        || *code == SqlState::T_R_DEADLOCK_DETECTED
    {
        BackendError::Conflict {
            message: "other changes to the same records kept getting in the way; try again".into(),
        }
    } else if *code == SqlState::UNDEFINED_TABLE
        || *code == SqlState::UNDEFINED_COLUMN
        || *code == SqlState::UNDEFINED_OBJECT
    {
        BackendError::Database(format!("{msg} (older schema version?)"))
    } else if *code == SqlState::QUERY_CANCELED {
        BackendError::Timeout(format!("the database cancelled the query: {msg}"))
    } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
        BackendError::Forbidden(format!("the database refused: {msg}"))
    } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
        BackendError::Forbidden(format!("the database is read-only: {msg}"))
    } else if *code == SqlState::INVALID_PASSWORD
        || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
    {
        BackendError::Unauthorized(msg)
    } else if *code == SqlState::ADMIN_SHUTDOWN
        || *code == SqlState::CANNOT_CONNECT_NOW
        || *code == SqlState::TOO_MANY_CONNECTIONS
        || *code == SqlState::CRASH_SHUTDOWN
    {
        BackendError::Network(msg)
    } else {
        BackendError::Database(format!("{} ({})", msg, code.code()))
    }
}

/// `Key (registration_number)=(FR123) already exists.` → `FR123`.
fn key_value(detail: Option<&str>) -> Option<&str> {
    let d = detail?;
    let start = d.find(")=(")? + 3;
    let rest = &d[start..];
    let end = rest.rfind(')')?;
    Some(&rest[..end])
}

/// `partners` → `Partner`.
fn record_name(table: &str) -> String {
    let singular = match table {
        "order_items" => "order line",
        "distributor_partners" => "distributor–partner link",
        "lead_status_history" => "lead status change",
        t => t.strip_suffix('s').unwrap_or(t),
    };
    let singular = singular.replace('_', " ");
    let mut c = singular.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn unique_violation(db: &DbError) -> BackendError {
    let value = key_value(db.detail()).unwrap_or("that value");
    match db.constraint().unwrap_or("") {
        "partners_registration_number_key" => BackendError::Rule(format!(
            "Partner with registration number '{value}' already exists"
        )),
        "distributors_registration_number_key" => BackendError::Rule(format!(
            "Distributor with registration number '{value}' already exists"
        )),
        "unique_distributor_partner" => {
            BackendError::Rule("That partner is already linked to that distributor".into())
        }
        c if GENERATED_NUMBERS.contains(&c) => BackendError::Conflict {
            message: format!("the generated number {value} was taken; try again"),
        },
        _ => BackendError::Rule(format!(
            "{} with {} already exists",
            record_name(db.table().unwrap_or("record")),
            db.detail()
                .and_then(|d| d.strip_prefix("Key "))
                .map(|d| d.trim_end_matches(" already exists."))
                .unwrap_or("that value")
        )),
    }
}

fn foreign_key_violation(db: &DbError) -> BackendError {
    let detail = db.detail().unwrap_or("");
    let table = db.table().unwrap_or("record");
    // Deleting or re-keying a row something still points at.
    if let Some(pos) = detail.find("is still referenced from table") {
        let referencing = detail[pos..].split('"').nth(1).unwrap_or("another table");
        return BackendError::Rule(format!(
            "Cannot delete this {}: {} still reference it. Deactivate it instead.",
            record_name(table).to_lowercase(),
            referencing.replace('_', " ")
        ));
    }
    // Inserting or updating a row that points at nothing.
    let missing_table = detail.split('"').nth(1).unwrap_or("referenced table");
    let value = key_value(Some(detail)).unwrap_or("?");
    BackendError::NotFound(format!("{} {value} not found", record_name(missing_table)))
}

fn check_violation(db: &DbError) -> BackendError {
    let (field, message): (&'static str, &str) = match db.constraint().unwrap_or("") {
        "check_probability_range" => ("probability", "must be between 0 and 100"),
        "check_quantity_positive" => ("quantity", "must be greater than 0"),
        "check_unit_price_positive" => ("unit_price", "must not be negative"),
        "check_discount_range" => ("discount_percentage", "must be between 0 and 100"),
        "check_min_quantity_positive" => ("min_quantity", "must not be negative"),
        "check_max_greater_than_min" => ("max_quantity", "must be above the minimum"),
        "check_price_positive" => ("price_per_unit", "must be greater than 0"),
        "check_valid_period" => ("period", "must be month or year"),
        "check_months_positive" => ("months", "must be greater than 0"),
        "check_note_has_parent" => {
            return BackendError::Rule("A note needs an order or a contract".into())
        }
        other => {
            return BackendError::Rule(format!(
                "{} breaks the rule {other}",
                record_name(db.table().unwrap_or("record"))
            ))
        }
    };
    BackendError::invalid(vec![FieldError {
        field,
        message: message.into(),
    }])
}

/// Field names must be `'static`; the columns a form can leave empty.
fn static_field(col: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "title",
        "organization",
        "contact_name",
        "name",
        "content",
        "activity_type",
        "customer_id",
        "owner_id",
        "created_by",
        "user_id",
        "total_value",
        "order_number",
        "contract_number",
        "quantity",
        "product_id",
        "duration_id",
    ];
    KNOWN.iter().copied().find(|k| *k == col).unwrap_or("value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_values_and_names() {
        assert_eq!(
            key_value(Some("Key (registration_number)=(FR 1) already exists.")),
            Some("FR 1")
        );
        assert_eq!(key_value(None), None);
        assert_eq!(record_name("partners"), "Partner");
        assert_eq!(record_name("order_items"), "Order line");
        assert_eq!(record_name("lead_notes"), "Lead note");
        assert_eq!(static_field("title"), "title");
        assert_eq!(static_field("whatever"), "value");
    }
}
