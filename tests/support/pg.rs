//! A uniquely named PostgreSQL database per test, created from the schema
//! SQL (and the demo seed), dropped when the test ends — even on failure.
//! Without a reachable server the tests say so loudly and skip; with `CI`
//! set they fail instead.

use std::sync::atomic::{AtomicU32, Ordering};
use tentabo::backend::demo::data::DemoData;
use tokio_postgres::NoTls;

pub const ADMIN: &str = "host=127.0.0.1 port=5432 user=postgres dbname=postgres";
pub const SCHEMA: &str = include_str!("../fixtures/tentabo_schema.sql");

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub struct PgDb {
    pub name: String,
    pub url: String,
}

async fn admin() -> Option<tokio_postgres::Client> {
    match tokio_postgres::connect(ADMIN, NoTls).await {
        Ok((client, conn)) => {
            tokio::spawn(conn);
            Some(client)
        }
        Err(e) => {
            if std::env::var_os("CI").is_some() {
                panic!("PostgreSQL on 127.0.0.1:5432 is required in CI: {e}");
            }
            eprintln!("\n*** SKIPPING PostgreSQL test: no server on 127.0.0.1:5432 ({e}) ***\n");
            None
        }
    }
}

impl PgDb {
    /// An empty database (no schema).
    pub async fn empty() -> Option<PgDb> {
        let admin = admin().await?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "tentabo_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create database");
        let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
        Some(PgDb { name, url })
    }

    /// A database with the Tentabo schema and `data` loaded.
    pub async fn seeded(data: &DemoData) -> Option<PgDb> {
        let db = PgDb::empty().await?;
        let (client, conn) = tokio_postgres::connect(
            &format!("host=127.0.0.1 port=5432 user=postgres dbname={}", db.name),
            NoTls,
        )
        .await
        .expect("connect to the test database");
        tokio::spawn(conn);
        client
            .batch_execute(SCHEMA)
            .await
            .expect("apply the schema");
        tentabo::backend::postgres::load::load_demo(&client, data)
            .await
            .expect("load the seed");
        Some(db)
    }

    pub async fn client(&self) -> tokio_postgres::Client {
        let (client, conn) = tokio_postgres::connect(
            &format!(
                "host=127.0.0.1 port=5432 user=postgres dbname={}",
                self.name
            ),
            NoTls,
        )
        .await
        .expect("connect");
        tokio::spawn(conn);
        client
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs outside async: use a short-lived runtime on its own thread.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                if let Ok((client, conn)) = tokio_postgres::connect(ADMIN, NoTls).await {
                    tokio::spawn(conn);
                    let _ = client
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                }
            });
        })
        .join();
    }
}
