//! The schema this backend reads and writes, checked once on connect so an
//! older or foreign database fails with a message naming what is missing
//! instead of a confusing error on the first screen.

use super::error::{Fail, R};
use super::types::DbEnum;
use crate::backend::BackendError;
use crate::domain::{ContractStatus, ContractType, LeadStatus, OrderStatus, UserRole};
use std::collections::{HashMap, HashSet};
use tokio_postgres::Client;

/// Every table and column the backend touches.
pub const REQUIRED: &[(&str, &[&str])] = &[
    (
        "admin_users",
        &[
            "id",
            "username",
            "email",
            "full_name",
            "is_active",
            "created_at",
            "last_login",
        ],
    ),
    (
        "users",
        &[
            "id",
            "provider",
            "provider_id",
            "email",
            "full_name",
            "username",
            "role",
            "is_enabled",
            "enabled_by",
            "enabled_at",
            "partner_id",
            "distributor_id",
            "created_at",
            "updated_at",
            "last_login",
        ],
    ),
    ("partners", COMPANY_COLUMNS),
    ("distributors", COMPANY_COLUMNS),
    (
        "distributor_partners",
        &[
            "id",
            "distributor_id",
            "partner_id",
            "assigned_at",
            "assigned_by",
            "is_active",
            "notes",
            "created_at",
            "updated_at",
        ],
    ),
    ("product_types", &["id", "name"]),
    (
        "products",
        &[
            "id",
            "name",
            "type_id",
            "unit",
            "description",
            "is_active",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "price_tiers",
        &[
            "id",
            "product_id",
            "min_quantity",
            "max_quantity",
            "price_per_unit",
            "period",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "durations",
        &[
            "id",
            "months",
            "discount_percentage",
            "name",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "leads",
        &[
            "id",
            "provider_name",
            "provider_id",
            "title",
            "organization",
            "contact_name",
            "contact_email",
            "contact_phone",
            "value",
            "currency",
            "status",
            "probability",
            "expected_close_date",
            "owner_id",
            "partner_id",
            "distributor_id",
            "last_sync_at",
            "sync_status",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "lead_activities",
        &[
            "id",
            "lead_id",
            "provider_name",
            "provider_id",
            "activity_type",
            "subject",
            "description",
            "due_date",
            "done",
            "done_at",
            "user_id",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "lead_notes",
        &[
            "id",
            "lead_id",
            "provider_name",
            "provider_id",
            "content",
            "created_by_user_id",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "lead_status_history",
        &[
            "id",
            "lead_id",
            "old_status",
            "new_status",
            "changed_by_user_id",
            "reason",
            "changed_at",
        ],
    ),
    (
        "orders",
        &[
            "id",
            "order_number",
            "status",
            "billing_provider",
            "billing_quote_id",
            "crm_provider",
            "crm_deal_id",
            "created_by",
            "partner_id",
            "distributor_id",
            "lead_id",
            "subtotal",
            "discount_amount",
            "tax_amount",
            "total_amount",
            "notes_internal",
            "created_at",
            "updated_at",
            "sent_at",
            "fulfilled_at",
            "cancelled_at",
        ],
    ),
    (
        "order_items",
        &[
            "id",
            "order_id",
            "product_id",
            "duration_id",
            "quantity",
            "unit_price",
            "discount_percentage",
            "subtotal",
            "discount_amount",
            "total",
            "product_name",
            "product_type",
            "product_unit",
            "duration_months",
            "created_at",
            "updated_at",
        ],
    ),
    ("pennylane_customers", &["id", "name"]),
    (
        "contracts",
        &[
            "id",
            "contract_number",
            "order_id",
            "status",
            "contract_type",
            "billing_provider",
            "billing_customer_id",
            "billing_invoices",
            "user_id",
            "customer_id",
            "partner_id",
            "distributor_id",
            "activation_date",
            "expiration_date",
            "renewed_from_id",
            "periodicity_months",
            "value_per_period",
            "total_value",
            "currency",
            "notes_internal",
            "created_at",
            "updated_at",
            "cancelled_at",
        ],
    ),
    (
        "notes",
        &[
            "id",
            "order_id",
            "contract_id",
            "content",
            "is_internal",
            "is_pinned",
            "created_by",
            "created_at",
            "updated_at",
        ],
    ),
];

const COMPANY_COLUMNS: &[&str] = &[
    "id",
    "name",
    "legal_name",
    "registration_number",
    "email",
    "phone",
    "website",
    "address_line1",
    "address_line2",
    "city",
    "postal_code",
    "country",
    "is_active",
    "notes",
    "created_at",
    "updated_at",
];

fn enum_labels() -> Vec<(&'static str, Vec<&'static str>)> {
    fn labels<T: DbEnum>(all: &[T]) -> (&'static str, Vec<&'static str>) {
        (T::TYPE, all.iter().map(|v| v.label()).collect())
    }
    vec![
        labels(LeadStatus::ALL),
        labels(OrderStatus::ALL),
        labels(ContractStatus::ALL),
        labels(ContractType::ALL),
        labels(UserRole::ALL),
    ]
}

/// Checks tables, columns and enum labels in one round trip.
pub async fn check(client: &Client, database: &str) -> R<()> {
    let tables: Vec<&str> = REQUIRED.iter().map(|(t, _)| *t).collect();
    let types: Vec<&str> = enum_labels().iter().map(|(t, _)| *t).collect();
    let params_1: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&tables];
    let params_2: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&types];
    let (cols, labels) = tokio::try_join!(
        client.query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = ANY($1)",
            &params_1,
        ),
        client.query(
            "SELECT t.typname::text, e.enumlabel::text FROM pg_type t \
             JOIN pg_enum e ON e.enumtypid = t.oid \
             WHERE t.typname = ANY($1) AND pg_type_is_visible(t.oid)",
            &params_2,
        ),
    )?;
    let mut present: HashMap<String, HashSet<String>> = HashMap::new();
    for r in &cols {
        present.entry(r.get(0)).or_default().insert(r.get(1));
    }
    let missing = |what: String| -> Fail {
        BackendError::Database(format!(
            "{what} is missing from database `{database}` (older schema version?)"
        ))
        .into()
    };
    for (table, columns) in REQUIRED {
        let Some(have) = present.get(*table) else {
            return Err(missing(format!("table `{table}`")));
        };
        if let Some(col) = columns.iter().find(|c| !have.contains(**c)) {
            return Err(missing(format!("column `{table}.{col}`")));
        }
    }
    let mut have_labels: HashMap<String, HashSet<String>> = HashMap::new();
    for r in &labels {
        have_labels.entry(r.get(0)).or_default().insert(r.get(1));
    }
    for (ty, wanted) in enum_labels() {
        let have = have_labels.get(ty);
        if let Some(l) = wanted
            .iter()
            .find(|l| !have.is_some_and(|h| h.contains(**l)))
        {
            return Err(missing(format!("value `{l}` of enum type `{ty}`")));
        }
    }
    Ok(())
}
