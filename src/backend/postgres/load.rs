//! Loads seeded demo data into an empty Tentabo database with binary COPY,
//! one table at a time in one transaction (tests, the benchmark, demos on a
//! real database).

use super::error::{pg_error, Fail, R};
use super::types::{text_bool, Pg};
use crate::backend::demo::data::DemoData;
use crate::backend::BackendError;
use crate::domain::*;
use std::collections::HashMap;
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::ToSql;
use tokio_postgres::Client;

type Value = Box<dyn ToSql + Sync + Send>;

/// One row of values, boxed so columns of different types sit together.
macro_rules! row {
    ($($v:expr),+ $(,)?) => { vec![$(Box::new($v) as Value),+] };
}

/// The Pennylane connection the demo customers hang off.
const DEMO_CONNECTION: Id = uuid::uuid!("00000000-0000-4000-8000-00000000d3e0");

/// Names for the seed's product type ids, in order of first use.
const TYPE_NAMES: &[&str] = &["Storage", "Protection", "Hardware"];

fn narrow(v: i64, what: &str) -> R<i32> {
    i32::try_from(v).map_err(|_| Fail::App(BackendError::Rule(format!("{what} {v} is too large"))))
}

/// COPYs rows into `table`. The column types come from preparing the
/// equivalent INSERT, so native enums and numerics bind exactly.
async fn copy(client: &Client, table: &str, cols: &[&str], rows: Vec<Vec<Value>>) -> R<u64> {
    let list = cols.join(", ");
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    let insert = client
        .prepare(&format!(
            "INSERT INTO {table} ({list}) VALUES ({})",
            marks.join(", ")
        ))
        .await?;
    let sink = client
        .copy_in(&format!("COPY {table} ({list}) FROM STDIN (FORMAT binary)"))
        .await?;
    let writer = BinaryCopyInWriter::new(sink, insert.params());
    let mut writer = std::pin::pin!(writer);
    for r in &rows {
        let refs: Vec<&(dyn ToSql + Sync)> = r
            .iter()
            .map(|v| v.as_ref() as &(dyn ToSql + Sync))
            .collect();
        writer.as_mut().write(&refs).await?;
    }
    Ok(writer.finish().await?)
}

fn empty_json() -> serde_json::Value {
    serde_json::json!({})
}

/// Every table of the demo data, in foreign-key order.
async fn load_all(client: &Client, d: &DemoData) -> R<()> {
    copy(
        client,
        "admin_users",
        &[
            "id",
            "username",
            "password_hash",
            "email",
            "full_name",
            "is_active",
            "created_at",
            "updated_at",
        ],
        d.admins
            .iter()
            // No usable password: demo admins sign in through this client only.
            .map(|a| {
                row![
                    a.id,
                    a.username.clone(),
                    "!",
                    a.email.clone(),
                    a.full_name.clone(),
                    a.is_active,
                    a.created_at,
                    a.created_at
                ]
            })
            .collect(),
    )
    .await?;
    for (table, list) in [("partners", &d.partners), ("distributors", &d.distributors)] {
        copy(
            client,
            table,
            &[
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
            ],
            list.iter()
                .map(|c| {
                    row![
                        c.id,
                        c.name.clone(),
                        c.legal_name.clone(),
                        c.registration_number.clone(),
                        c.email.clone(),
                        c.phone.clone(),
                        c.website.clone(),
                        c.address_line1.clone(),
                        c.address_line2.clone(),
                        c.city.clone(),
                        c.postal_code.clone(),
                        c.country.clone(),
                        c.is_active,
                        c.notes.clone(),
                        c.created_at,
                        c.updated_at
                    ]
                })
                .collect(),
        )
        .await?;
    }
    copy(
        client,
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
        d.links
            .iter()
            .map(|l| {
                row![
                    l.id,
                    l.distributor_id,
                    l.partner_id,
                    l.assigned_at,
                    l.assigned_by,
                    l.is_active,
                    l.notes.clone(),
                    l.created_at,
                    l.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    copy(
        client,
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
        d.users
            .iter()
            .map(|u| {
                row![
                    u.id,
                    u.provider.clone(),
                    u.provider_id.clone(),
                    u.email.clone(),
                    u.full_name.clone(),
                    u.username.clone(),
                    Pg(u.role),
                    u.is_enabled,
                    u.enabled_by,
                    u.enabled_at,
                    u.partner_id,
                    u.distributor_id,
                    u.created_at,
                    u.updated_at,
                    u.last_login
                ]
            })
            .collect(),
    )
    .await?;
    let type_names = load_catalogue(client, d).await?;
    load_customers(client, d).await?;
    load_leads(client, d).await?;
    load_orders(client, d, &type_names).await?;
    load_contracts_and_notes(client, d).await
}

/// Product types, products, tiers, durations. Returns the type names.
async fn load_catalogue(client: &Client, d: &DemoData) -> R<HashMap<Id, String>> {
    let mut names: HashMap<Id, String> = HashMap::new();
    let mut types = Vec::new();
    for p in &d.products {
        if !names.contains_key(&p.type_id) {
            let n = names.len();
            let name = TYPE_NAMES
                .get(n)
                .map_or_else(|| format!("Type {}", n + 1), |s| s.to_string());
            names.insert(p.type_id, name.clone());
            types.push(row![p.type_id, name, true]);
        }
    }
    copy(client, "product_types", &["id", "name", "is_active"], types).await?;
    copy(
        client,
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
        d.products
            .iter()
            .map(|p| {
                row![
                    p.id,
                    p.name.clone(),
                    p.type_id,
                    p.unit.clone(),
                    p.description.clone(),
                    text_bool(p.is_active),
                    p.created_at,
                    p.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    let mut tiers = Vec::new();
    for t in d.products.iter().flat_map(|p| &p.price_tiers) {
        let max = t
            .max_quantity
            .map(|m| narrow(m, "max_quantity"))
            .transpose()?;
        tiers.push(row![
            t.id,
            t.product_id,
            narrow(t.min_quantity, "min_quantity")?,
            max,
            t.price_per_unit,
            t.period.clone(),
            t.created_at,
            t.updated_at
        ]);
    }
    copy(
        client,
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
        tiers,
    )
    .await?;
    copy(
        client,
        "durations",
        &[
            "id",
            "months",
            "discount_percentage",
            "name",
            "created_at",
            "updated_at",
        ],
        d.durations
            .iter()
            .map(|x| {
                row![
                    x.id,
                    x.months,
                    x.discount_percentage,
                    x.name.clone(),
                    x.created_at,
                    x.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    Ok(names)
}

async fn load_customers(client: &Client, d: &DemoData) -> R<()> {
    copy(
        client,
        "pennylane_connections",
        &[
            "id",
            "name",
            "api_token",
            "company_name",
            "is_active",
            "sync_invoices",
            "sync_quotes",
            "sync_subscriptions",
            "sync_customers",
        ],
        vec![row![
            DEMO_CONNECTION,
            "Demo Pennylane",
            "demo-token-not-a-secret",
            "Tentabo Demo",
            true,
            true,
            true,
            true,
            true
        ]],
    )
    .await?;
    copy(
        client,
        "pennylane_customers",
        &["id", "connection_id", "pennylane_id", "name", "raw_data"],
        d.customers
            .iter()
            .enumerate()
            .map(|(i, (id, name))| {
                row![
                    *id,
                    DEMO_CONNECTION,
                    format!("demo-{}", i + 1),
                    name.clone(),
                    empty_json()
                ]
            })
            .collect(),
    )
    .await?;
    Ok(())
}

async fn load_leads(client: &Client, d: &DemoData) -> R<()> {
    copy(
        client,
        "leads",
        &[
            "id",
            "provider_name",
            "provider_id",
            "provider_metadata",
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
        d.leads
            .iter()
            .map(|l| {
                row![
                    l.id,
                    l.provider_name.clone(),
                    l.provider_id.clone(),
                    empty_json(),
                    l.title.clone(),
                    l.organization.clone(),
                    l.contact_name.clone(),
                    l.contact_email.clone(),
                    l.contact_phone.clone(),
                    l.value,
                    l.currency.clone(),
                    Pg(l.status),
                    l.probability,
                    l.expected_close_date,
                    l.owner_id,
                    l.partner_id,
                    l.distributor_id,
                    l.last_sync_at,
                    l.sync_status.clone(),
                    l.created_at,
                    l.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    copy(
        client,
        "lead_activities",
        &[
            "id",
            "lead_id",
            "provider_name",
            "provider_id",
            "provider_metadata",
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
        d.activities
            .iter()
            .map(|a| {
                row![
                    a.id,
                    a.lead_id,
                    a.provider_name.clone(),
                    a.provider_id.clone(),
                    empty_json(),
                    a.activity_type.clone(),
                    a.subject.clone(),
                    a.description.clone(),
                    a.due_date,
                    text_bool(a.done),
                    a.done_at,
                    a.user_id,
                    a.created_at,
                    a.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    copy(
        client,
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
        d.lead_notes
            .iter()
            .map(|n| {
                row![
                    n.id,
                    n.lead_id,
                    n.provider_name.clone(),
                    n.provider_id.clone(),
                    n.content.clone(),
                    n.created_by_user_id,
                    n.created_at,
                    n.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    copy(
        client,
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
        d.history
            .iter()
            .map(|h| {
                row![
                    h.id,
                    h.lead_id,
                    h.old_status.map(Pg),
                    Pg(h.new_status),
                    h.changed_by_user_id,
                    h.reason.clone(),
                    h.changed_at
                ]
            })
            .collect(),
    )
    .await?;
    Ok(())
}

async fn load_orders(client: &Client, d: &DemoData, types: &HashMap<Id, String>) -> R<()> {
    copy(
        client,
        "orders",
        &[
            "id",
            "order_number",
            "status",
            "billing_provider",
            "billing_quote_id",
            "billing_metadata",
            "crm_provider",
            "crm_deal_id",
            "crm_metadata",
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
        d.orders
            .iter()
            .map(|o| {
                row![
                    o.id,
                    o.order_number.clone(),
                    Pg(o.status),
                    o.billing_provider.clone(),
                    o.billing_quote_id.clone(),
                    empty_json(),
                    o.crm_provider.clone(),
                    o.crm_deal_id.clone(),
                    empty_json(),
                    o.created_by,
                    o.partner_id,
                    o.distributor_id,
                    o.lead_id,
                    o.subtotal,
                    o.discount_amount,
                    o.tax_amount,
                    o.total_amount,
                    o.notes_internal.clone(),
                    o.created_at,
                    o.updated_at,
                    o.sent_at,
                    o.fulfilled_at,
                    o.cancelled_at
                ]
            })
            .collect(),
    )
    .await?;
    let type_of: HashMap<Id, &str> = d
        .products
        .iter()
        .filter_map(|p| types.get(&p.type_id).map(|n| (p.id, n.as_str())))
        .collect();
    let mut items = Vec::with_capacity(d.items.len());
    for i in &d.items {
        // The seed's lines say "storage"; use the product's real type name.
        let ty = type_of
            .get(&i.product_id)
            .copied()
            .unwrap_or(i.product_type.as_str());
        items.push(row![
            i.id,
            i.order_id,
            i.product_id,
            i.duration_id,
            narrow(i.quantity, "quantity")?,
            i.unit_price,
            i.discount_percentage,
            i.subtotal,
            i.discount_amount,
            i.total,
            i.product_name.clone(),
            ty.to_string(),
            i.product_unit.clone(),
            i.duration_months,
            i.created_at,
            i.updated_at
        ]);
    }
    copy(
        client,
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
        items,
    )
    .await?;
    Ok(())
}

async fn load_contracts_and_notes(client: &Client, d: &DemoData) -> R<()> {
    copy(
        client,
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
            "billing_metadata",
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
        d.contracts
            .iter()
            .map(|c| {
                row![
                    c.id,
                    c.contract_number.clone(),
                    c.order_id,
                    Pg(c.status),
                    Pg(c.contract_type),
                    c.billing_provider.clone(),
                    c.billing_customer_id.clone(),
                    serde_json::json!(c.billing_invoices),
                    empty_json(),
                    c.user_id,
                    c.customer_id,
                    c.partner_id,
                    c.distributor_id,
                    c.activation_date,
                    c.expiration_date,
                    c.renewed_from_id,
                    c.periodicity_months,
                    c.value_per_period,
                    c.total_value,
                    c.currency.clone(),
                    c.notes_internal.clone(),
                    c.created_at,
                    c.updated_at,
                    c.cancelled_at
                ]
            })
            .collect(),
    )
    .await?;
    copy(
        client,
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
        d.notes
            .iter()
            .map(|n| {
                row![
                    n.id,
                    n.order_id,
                    n.contract_id,
                    n.content.clone(),
                    n.is_internal,
                    n.is_pinned,
                    n.created_by,
                    n.created_at,
                    n.updated_at
                ]
            })
            .collect(),
    )
    .await?;
    Ok(())
}

/// Inserts all of `data` into an empty database with the Tentabo schema,
/// all or nothing.
pub async fn load_demo(client: &Client, data: &DemoData) -> Result<(), BackendError> {
    client
        .batch_execute("BEGIN")
        .await
        .map_err(|e| pg_error(&e))?;
    match load_all(client, data).await {
        Ok(()) => client
            .batch_execute("COMMIT")
            .await
            .map_err(|e| pg_error(&e)),
        Err(e) => {
            let _ = client.batch_execute("ROLLBACK").await;
            Err(e.into_backend())
        }
    }
}
