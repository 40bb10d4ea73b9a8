//! Column lists and row → domain conversions, one pair per record type.
//! Every SELECT of a record uses its list, so the mappers can read by name.

use super::error::{Fail, R};
use super::types::{parse_text_bool, DbEnum, Pg};
use crate::backend::BackendError;
use crate::domain::*;
use rust_decimal::Decimal;
use tokio_postgres::types::FromSql;
use tokio_postgres::Row;

/// Reads a column, reporting a type mismatch as a decode error.
pub fn get<'a, T: FromSql<'a>>(row: &'a Row, col: &str) -> R<T> {
    row.try_get(col)
        .map_err(|e| Fail::App(BackendError::Decode(format!("column {col}: {e}"))))
}

fn enum_col<T: DbEnum>(row: &Row, col: &str) -> R<T> {
    Ok(get::<Pg<T>>(row, col)?.0)
}

fn money(row: &Row, col: &str) -> R<Decimal> {
    Ok(get::<Option<Decimal>>(row, col)?.unwrap_or(Decimal::ZERO))
}

pub const LEAD: &str = "l.id, l.title, l.organization, l.contact_name, l.contact_email, \
    l.contact_phone, l.value, l.currency, l.status, l.probability, l.expected_close_date, \
    l.partner_id, l.distributor_id, l.provider_name, l.provider_id, l.owner_id, \
    l.last_sync_at, l.sync_status, l.created_at, l.updated_at";

pub fn lead(r: &Row) -> R<Lead> {
    Ok(Lead {
        id: get(r, "id")?,
        title: get(r, "title")?,
        organization: get(r, "organization")?,
        contact_name: get(r, "contact_name")?,
        contact_email: get(r, "contact_email")?,
        contact_phone: get(r, "contact_phone")?,
        value: get(r, "value")?,
        currency: intern(get::<Option<String>>(r, "currency")?.unwrap_or_else(default_currency)),
        status: enum_col(r, "status")?,
        probability: get(r, "probability")?,
        expected_close_date: get(r, "expected_close_date")?,
        partner_id: get(r, "partner_id")?,
        distributor_id: get(r, "distributor_id")?,
        provider_name: intern(get::<String>(r, "provider_name")?),
        provider_id: get(r, "provider_id")?,
        owner_id: get(r, "owner_id")?,
        last_sync_at: get(r, "last_sync_at")?,
        sync_status: intern(
            get::<Option<String>>(r, "sync_status")?.unwrap_or_else(|| "synced".into()),
        ),
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
    })
}

pub const ACTIVITY: &str = "a.id, a.lead_id, a.activity_type, a.subject, a.description, \
    a.due_date, a.done, a.provider_name, a.provider_id, a.done_at, a.user_id, a.created_at, \
    a.updated_at";

pub fn activity(r: &Row) -> R<LeadActivity> {
    Ok(LeadActivity {
        id: get(r, "id")?,
        lead_id: get(r, "lead_id")?,
        activity_type: get(r, "activity_type")?,
        subject: get(r, "subject")?,
        description: get(r, "description")?,
        due_date: get(r, "due_date")?,
        done: parse_text_bool(get::<Option<&str>>(r, "done")?),
        provider_name: get(r, "provider_name")?,
        provider_id: get(r, "provider_id")?,
        done_at: get(r, "done_at")?,
        user_id: get(r, "user_id")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
    })
}

pub const LEAD_NOTE: &str = "n.id, n.lead_id, n.content, n.provider_name, n.provider_id, \
    n.created_by_user_id, n.created_at, n.updated_at";

pub fn lead_note(r: &Row) -> R<LeadNote> {
    Ok(LeadNote {
        id: get(r, "id")?,
        lead_id: get(r, "lead_id")?,
        content: get(r, "content")?,
        provider_name: get(r, "provider_name")?,
        provider_id: get(r, "provider_id")?,
        created_by_user_id: get(r, "created_by_user_id")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
    })
}

pub const HISTORY: &str =
    "h.id, h.lead_id, h.old_status, h.new_status, h.changed_by_user_id, h.reason, h.changed_at";

pub fn history(r: &Row) -> R<LeadStatusChange> {
    Ok(LeadStatusChange {
        id: get(r, "id")?,
        lead_id: get(r, "lead_id")?,
        old_status: get::<Option<Pg<LeadStatus>>>(r, "old_status")?.map(|p| p.0),
        new_status: enum_col(r, "new_status")?,
        changed_by_user_id: get(r, "changed_by_user_id")?,
        reason: get(r, "reason")?,
        changed_at: get(r, "changed_at")?,
    })
}

pub const PRODUCT: &str =
    "p.id, p.name, p.type_id, p.unit, p.description, p.is_active, p.created_at, p.updated_at";

/// A product without its tiers (read separately).
pub fn product(r: &Row) -> R<Product> {
    Ok(Product {
        id: get(r, "id")?,
        name: get(r, "name")?,
        type_id: get(r, "type_id")?,
        unit: get(r, "unit")?,
        description: get(r, "description")?,
        is_active: parse_text_bool(Some(get::<&str>(r, "is_active")?)),
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
        price_tiers: Vec::new(),
    })
}

pub const TIER: &str = "t.id, t.product_id, t.min_quantity, t.max_quantity, t.price_per_unit, \
    t.period, t.created_at, t.updated_at";

pub fn tier(r: &Row) -> R<PriceTier> {
    Ok(PriceTier {
        id: get(r, "id")?,
        product_id: get(r, "product_id")?,
        min_quantity: get::<i32>(r, "min_quantity")?.into(),
        max_quantity: get::<Option<i32>>(r, "max_quantity")?.map(i64::from),
        price_per_unit: get(r, "price_per_unit")?,
        period: get(r, "period")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
    })
}

/// Hangs tiers (in `min_quantity` order) under their products.
pub fn attach_tiers(products: &mut [Product], tiers: Vec<PriceTier>) {
    for t in tiers {
        if let Some(p) = products.iter_mut().find(|p| p.id == t.product_id) {
            p.price_tiers.push(t);
        }
    }
}

pub const DURATION: &str =
    "d.id, d.months, d.discount_percentage, d.name, d.created_at, d.updated_at";

pub fn duration(r: &Row) -> R<Duration> {
    Ok(Duration {
        id: get(r, "id")?,
        months: get(r, "months")?,
        discount_percentage: get(r, "discount_percentage")?,
        name: get(r, "name")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
    })
}

pub const ORDER: &str = "o.id, o.order_number, o.status, o.created_by, o.partner_id, \
    o.distributor_id, o.lead_id, o.subtotal, o.discount_amount, o.tax_amount, o.total_amount, \
    o.notes_internal, o.created_at, o.updated_at, o.sent_at, o.fulfilled_at, o.cancelled_at, \
    o.billing_provider, o.billing_quote_id, o.crm_provider, o.crm_deal_id";

pub fn order(r: &Row) -> R<Order> {
    Ok(Order {
        id: get(r, "id")?,
        order_number: get(r, "order_number")?,
        status: enum_col(r, "status")?,
        created_by: get(r, "created_by")?,
        partner_id: get(r, "partner_id")?,
        distributor_id: get(r, "distributor_id")?,
        lead_id: get(r, "lead_id")?,
        subtotal: money(r, "subtotal")?,
        discount_amount: money(r, "discount_amount")?,
        tax_amount: money(r, "tax_amount")?,
        total_amount: money(r, "total_amount")?,
        notes_internal: get(r, "notes_internal")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
        sent_at: get(r, "sent_at")?,
        fulfilled_at: get(r, "fulfilled_at")?,
        cancelled_at: get(r, "cancelled_at")?,
        billing_provider: get(r, "billing_provider")?,
        billing_quote_id: get(r, "billing_quote_id")?,
        crm_provider: get(r, "crm_provider")?,
        crm_deal_id: get(r, "crm_deal_id")?,
    })
}

pub const ITEM: &str = "i.id, i.order_id, i.product_id, i.duration_id, i.quantity, \
    i.unit_price, i.discount_percentage, i.subtotal, i.discount_amount, i.total, \
    i.product_name, i.product_type, i.product_unit, i.duration_months, i.created_at, \
    i.updated_at";

pub fn item(r: &Row) -> R<OrderItem> {
    Ok(OrderItem {
        id: get(r, "id")?,
        order_id: get(r, "order_id")?,
        product_id: get(r, "product_id")?,
        duration_id: get(r, "duration_id")?,
        quantity: get::<i32>(r, "quantity")?.into(),
        unit_price: get(r, "unit_price")?,
        discount_percentage: money(r, "discount_percentage")?,
        subtotal: get(r, "subtotal")?,
        discount_amount: money(r, "discount_amount")?,
        total: get(r, "total")?,
        product_name: get(r, "product_name")?,
        product_type: get(r, "product_type")?,
        product_unit: get(r, "product_unit")?,
        duration_months: get(r, "duration_months")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
    })
}

pub const NOTE: &str = "n.id, n.order_id, n.contract_id, n.content, n.is_internal, \
    n.is_pinned, n.created_by, n.created_at, n.updated_at";

pub fn note(r: &Row) -> R<RecordNote> {
    Ok(RecordNote {
        id: get(r, "id")?,
        order_id: get(r, "order_id")?,
        contract_id: get(r, "contract_id")?,
        content: get(r, "content")?,
        is_internal: get(r, "is_internal")?,
        is_pinned: get::<Option<bool>>(r, "is_pinned")?.unwrap_or(false),
        created_by: get(r, "created_by")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
    })
}

/// Contracts carry their billing customer's name (a join on
/// `pennylane_customers pc`).
pub const CONTRACT: &str = "c.id, c.contract_number, c.order_id, c.status, c.contract_type, \
    c.user_id, c.customer_id, pc.name AS customer_name, c.partner_id, c.distributor_id, \
    c.activation_date, c.expiration_date, c.renewed_from_id, c.periodicity_months, \
    c.value_per_period, c.total_value, c.currency, c.notes_internal, c.billing_provider, \
    c.billing_customer_id, c.billing_invoices, c.created_at, c.updated_at, c.cancelled_at";

pub const CONTRACT_FROM: &str =
    "contracts c LEFT JOIN pennylane_customers pc ON pc.id = c.customer_id";

/// `billing_invoices` is a JSON array of ids; NULL (which breaks the real
/// server) reads as empty.
fn invoices(v: Option<serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::Array(items)) => items
            .into_iter()
            .map(|i| match i {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub fn contract(r: &Row) -> R<Contract> {
    Ok(Contract {
        id: get(r, "id")?,
        contract_number: get(r, "contract_number")?,
        order_id: get(r, "order_id")?,
        status: enum_col(r, "status")?,
        contract_type: enum_col(r, "contract_type")?,
        user_id: get(r, "user_id")?,
        customer_id: get(r, "customer_id")?,
        customer_name: get(r, "customer_name")?,
        partner_id: get(r, "partner_id")?,
        distributor_id: get(r, "distributor_id")?,
        activation_date: get(r, "activation_date")?,
        expiration_date: get(r, "expiration_date")?,
        renewed_from_id: get(r, "renewed_from_id")?,
        periodicity_months: get(r, "periodicity_months")?,
        value_per_period: get(r, "value_per_period")?,
        total_value: get(r, "total_value")?,
        currency: get::<Option<String>>(r, "currency")?.unwrap_or_else(default_currency),
        notes_internal: get(r, "notes_internal")?,
        billing_provider: get(r, "billing_provider")?,
        billing_customer_id: get(r, "billing_customer_id")?,
        billing_invoices: invoices(get(r, "billing_invoices")?),
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
        cancelled_at: get(r, "cancelled_at")?,
    })
}

/// The same columns in `partners` and `distributors` (alias `co`).
pub const COMPANY: &str = "co.id, co.name, co.legal_name, co.registration_number, co.email, \
    co.phone, co.website, co.address_line1, co.address_line2, co.city, co.postal_code, \
    co.country, co.is_active, co.notes, co.created_at, co.updated_at";

pub fn company(r: &Row) -> R<Company> {
    company_prefixed(r, "")
}

/// A company whose columns were selected with a prefix (`p_name`), as in a
/// join.
pub fn company_prefixed(r: &Row, prefix: &str) -> R<Company> {
    let c = |name: &str| format!("{prefix}{name}");
    Ok(Company {
        id: get(r, &c("id"))?,
        name: get(r, &c("name"))?,
        legal_name: get(r, &c("legal_name"))?,
        registration_number: get(r, &c("registration_number"))?,
        email: get(r, &c("email"))?,
        phone: get(r, &c("phone"))?,
        website: get(r, &c("website"))?,
        address_line1: get(r, &c("address_line1"))?,
        address_line2: get(r, &c("address_line2"))?,
        city: get(r, &c("city"))?,
        postal_code: get(r, &c("postal_code"))?,
        country: get::<Option<String>>(r, &c("country"))?.unwrap_or_else(|| "France".into()),
        is_active: get(r, &c("is_active"))?,
        notes: get(r, &c("notes"))?,
        created_at: get(r, &c("created_at"))?,
        updated_at: get(r, &c("updated_at"))?,
    })
}

pub const USER: &str = "u.id, u.provider, u.provider_id, u.email, u.full_name, u.username, \
    u.role, u.is_enabled, u.partner_id, u.distributor_id, u.enabled_by, u.enabled_at, \
    u.created_at, u.updated_at, u.last_login";

pub fn user(r: &Row) -> R<User> {
    Ok(User {
        id: get(r, "id")?,
        provider: get(r, "provider")?,
        provider_id: get(r, "provider_id")?,
        email: get(r, "email")?,
        full_name: get(r, "full_name")?,
        username: get(r, "username")?,
        role: enum_col(r, "role")?,
        is_enabled: get(r, "is_enabled")?,
        partner_id: get(r, "partner_id")?,
        distributor_id: get(r, "distributor_id")?,
        enabled_by: get(r, "enabled_by")?,
        enabled_at: get(r, "enabled_at")?,
        created_at: get(r, "created_at")?,
        updated_at: get(r, "updated_at")?,
        last_login: get(r, "last_login")?,
    })
}

/// Maps every row, stopping at the first that does not fit.
pub fn all<T>(rows: &[Row], f: impl Fn(&Row) -> R<T>) -> R<Vec<T>> {
    rows.iter().map(f).collect()
}
