//! The shared backend suite on the API backend: a fake Tentabo server (the
//! demo seed behind the real wire format) per test, each user signed in
//! with the password `secret`.

mod suite;
mod support;

use async_trait::async_trait;
use std::sync::Arc;
use support::FakeServer;
use tentabo::backend::Backend;

struct ApiFixture {
    server: FakeServer,
}

#[async_trait]
impl suite::Fixture for ApiFixture {
    async fn backend_as(&self, username: &str) -> Arc<dyn Backend> {
        self.server.backend_as(username).await
    }
}

async fn make_fixture() -> Option<ApiFixture> {
    Some(ApiFixture {
        server: FakeServer::start().await,
    })
}

backend_suite!(make_fixture);
