//! The shared backend suite on the PostgreSQL backend: per test, a fresh
//! database from the schema SQL with the demo seed, reached as any user.

mod suite;
mod support;

use async_trait::async_trait;
use std::sync::Arc;
use support::pg::PgDb;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::Backend;

struct PgFixture {
    db: PgDb,
}

#[async_trait]
impl suite::Fixture for PgFixture {
    async fn backend_as(&self, username: &str) -> Arc<dyn Backend> {
        Arc::new(
            PostgresBackend::connect(&self.db.url, username)
                .await
                .unwrap_or_else(|e| panic!("connect as {username}: {e}")),
        )
    }
}

/// `None` skips the check (no server, outside CI).
async fn make_fixture() -> Option<PgFixture> {
    let data = seed(chrono::Utc::now(), SeedSize::default());
    PgDb::seeded(&data).await.map(|db| PgFixture { db })
}

backend_suite!(make_fixture);
