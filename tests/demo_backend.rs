//! The shared backend suite on the demo backend: one seeded in-memory data
//! set per test, reached as any of its users.

mod suite;

use async_trait::async_trait;
use std::sync::{Arc, RwLock};
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::demo::{DemoBackend, SharedData};
use tentabo::backend::Backend;

struct DemoFixture {
    shared: SharedData,
}

#[async_trait]
impl suite::Fixture for DemoFixture {
    async fn backend_as(&self, username: &str) -> Arc<dyn Backend> {
        Arc::new(
            DemoBackend::with_data(self.shared.clone(), username)
                .unwrap_or_else(|e| panic!("sign in as {username}: {e}")),
        )
    }
}

async fn make_fixture() -> Option<DemoFixture> {
    let data = seed(chrono::Utc::now(), SeedSize::default());
    Some(DemoFixture {
        shared: Arc::new(RwLock::new(data)),
    })
}

backend_suite!(make_fixture);
