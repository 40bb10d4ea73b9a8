//! PostgreSQL benchmark (not a test): `cargo run --release --example pg_explain`.
//!
//! Creates a scratch database on 127.0.0.1:5432, loads the demo seed with
//! 100,000 leads, prints EXPLAIN (ANALYZE) of the main list queries as a
//! partner, a distributor and an admin user, times the first pages and a
//! whole read, then drops the database.

use std::time::Instant;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::{ExplainList, PostgresBackend};
use tentabo::backend::*;
use tentabo::domain::LeadStatus;
use tokio_postgres::NoTls;

const ADMIN: &str = "host=127.0.0.1 port=5432 user=postgres dbname=postgres";

#[tokio::main]
async fn main() {
    let name = format!("tentabo_bench_{}", std::process::id());
    let (admin, conn) = tokio_postgres::connect(ADMIN, NoTls)
        .await
        .expect("PostgreSQL on 127.0.0.1:5432");
    tokio::spawn(conn);
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let result = run(&name).await;
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .unwrap();
    result.unwrap();
}

async fn run(name: &str) -> Result<(), BackendError> {
    let (client, conn) = tokio_postgres::connect(
        &format!("host=127.0.0.1 port=5432 user=postgres dbname={name}"),
        NoTls,
    )
    .await
    .unwrap();
    tokio::spawn(conn);
    client
        .batch_execute(include_str!("../tests/fixtures/tentabo_schema.sql"))
        .await
        .unwrap();
    let t = Instant::now();
    let data = seed(
        chrono::Utc::now(),
        SeedSize {
            leads: 100_000,
            orders: 120,
            contracts: 80,
        },
    );
    tentabo::backend::postgres::load::load_demo(&client, &data).await?;
    client.batch_execute("ANALYZE").await.unwrap();
    println!(
        "seed + COPY 100,000 leads: {:.0} ms\n",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
    for user in ["alice", "carol", "demo"] {
        let b = PostgresBackend::connect(&url, user).await?;
        let q = LeadQuery {
            status: Some(LeadStatus::Negotiation),
            ..Default::default()
        };
        println!("=== {user}: leads in negotiation, first page of 100");
        for line in b
            .explain(
                &ExplainList::Leads(q.clone()),
                PageRequest::first(100),
                true,
            )
            .await?
        {
            println!("  {line}");
        }
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            b.list_leads(&q, PageRequest::first(100)).await?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let t = Instant::now();
        let all = fetch_all_with(b.preferred_page_size(), b.page_concurrency(), |p| {
            let b = &b;
            async move { b.list_leads(&LeadQuery::default(), p).await }
        })
        .await?;
        println!(
            "  first page: median {:.2} ms, p95 {:.2} ms; all {} visible leads (keyset pages of {}): {:.0} ms\n",
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            all.len(),
            b.preferred_page_size(),
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    let b = PostgresBackend::connect(&url, "carol").await?;
    for (label, list) in [
        ("orders", ExplainList::Orders(OrderQuery::default())),
        (
            "contracts expiring ≤30d",
            ExplainList::Contracts(ContractQuery {
                expiring_within_days: Some(30),
                ..Default::default()
            }),
        ),
    ] {
        println!("=== carol: {label}");
        for line in b.explain(&list, PageRequest::first(100), false).await? {
            println!("  {line}");
        }
    }
    Ok(())
}
