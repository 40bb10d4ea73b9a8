//! Every way a request can fail gives the right error variant and a message
//! that names what went wrong; reads retry transient failures, writes never.

use crate::common::*;
use crate::support::{FakeServer, PASSWORD};
use serde_json::json;
use std::time::Duration;
use tentabo::backend::api::*;
use tentabo::backend::*;
use tentabo::domain::*;

async fn leads(b: &SharedBackend) -> BackendResult<Page<Lead>> {
    b.list_leads(&LeadQuery::default(), PageRequest::first(10))
        .await
}

#[tokio::test]
async fn connection_refused() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let server = Server::new(&format!("http://127.0.0.1:{port}")).unwrap();
    let e = login_password(&server, "alice", PASSWORD, None, "p")
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Network(_)), "{e:?}");
    assert_msg(&e, &["refused the connection", &port.to_string()]);
}

#[tokio::test]
async fn unknown_host() {
    let server = Server::with_config(
        "https://no-such-host.invalid",
        ApiConfig {
            connect_timeout: Duration::from_secs(3),
            ..ApiConfig::default()
        },
    )
    .unwrap();
    let e = login_password(&server, "alice", PASSWORD, None, "p")
        .await
        .unwrap_err();
    match &e {
        BackendError::Network(m) => assert!(m.contains("DNS"), "{m}"),
        // A resolver that never answers (no network at all) times out.
        BackendError::Timeout(m) => assert!(m.contains("no-such-host.invalid"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn tls_handshake_failure() {
    let fake = FakeServer::start().await;
    // HTTPS to a plain-HTTP port: the handshake cannot succeed.
    let url = fake.url.replace("http://", "https://");
    let server = Server::new(&url).unwrap();
    let e = login_password(&server, "alice", PASSWORD, None, "p")
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Network(_)), "{e:?}");
    assert_msg(&e, &["TLS"]);
}

#[tokio::test]
async fn slow_answers_time_out_after_bounded_retries() {
    let fake = FakeServer::start().await;
    let server = server_with(&fake, |c| {
        c.timeout = Duration::from_millis(300);
        c.read_attempts = 2;
    });
    let s = login_password(&server, "alice", PASSWORD, None, "p")
        .await
        .unwrap();
    let b = backend(&server, s, None);
    fake.slow_next(5, Duration::from_secs(2));
    fake.clear_requests();
    let e = leads(&b).await.unwrap_err();
    assert!(matches!(e, BackendError::Timeout(_)), "{e:?}");
    assert_msg(&e, &["GET /leads", "within 0.3s"]);
    assert_eq!(fake.count("GET", "/leads"), 2, "tried twice, then gave up");

    // One slow answer is survived by the retry.
    fake.slow_next(1, Duration::from_secs(2));
    assert!(leads(&b).await.is_ok());
}

#[tokio::test]
async fn garbage_and_truncated_bodies_are_decode_errors() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("alice").await;

    fake.garbage_next(1);
    let e = leads(&b).await.unwrap_err();
    assert!(matches!(e, BackendError::Decode(_)), "{e:?}");
    assert_msg(&e, &["GET /leads", "not JSON", "<html>"]);

    fake.truncate_next(1);
    let e = leads(&b).await.unwrap_err();
    assert!(matches!(e, BackendError::Decode(_)), "{e:?}");
    assert_msg(&e, &["cut short", "truncated"]);
}

#[tokio::test]
async fn unknown_enum_values_are_named() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("demo").await;
    fake.rewrite_next(1, "\"status\":\"", "\"status\":\"archived_");
    let e = b
        .list_orders(&OrderQuery::default(), PageRequest::first(5))
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Decode(_)), "{e:?}");
    assert_msg(&e, &["GET /orders", "does not know", "archived_"]);
}

#[tokio::test]
async fn connections_dropped_mid_answer_or_before() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("alice").await;

    fake.cut_next(5);
    let e = leads(&b).await.unwrap_err();
    assert!(matches!(e, BackendError::Network(_)), "{e:?}");
    assert_msg(
        &e,
        &["dropped the connection", "while the answer was being read"],
    );

    fake.drop_next(5);
    let e = leads(&b).await.unwrap_err();
    assert!(matches!(e, BackendError::Network(_)), "{e:?}");
    assert_msg(&e, &["GET /leads", "dropped the connection"]);
    fake.drop_next(0);

    // Once is survived by the retry.
    fake.cut_next(1);
    assert!(leads(&b).await.is_ok());
    fake.drop_next(1);
    assert!(leads(&b).await.is_ok());
}

#[tokio::test]
async fn reads_retry_transient_gateway_errors() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("alice").await;
    for status in [502, 503, 504] {
        fake.clear_requests();
        fake.fail_next(2, status);
        let page = leads(&b).await.expect("third try succeeds");
        assert!(!page.items.is_empty());
        assert_eq!(
            fake.count("GET", "/leads"),
            3,
            "{status}: two failures, one success"
        );
    }
    // Bounded: three tries, then the server's message.
    fake.clear_requests();
    fake.fail_next(10, 503);
    let e = leads(&b).await.unwrap_err();
    assert_eq!(fake.count("GET", "/leads"), 3);
    match e {
        BackendError::Server { status, message } => {
            assert_eq!(status, 503);
            assert!(message.contains("Service Unavailable"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    fake.fail_next(0, 503);
    // A 500 is not transient: one try.
    fake.clear_requests();
    fake.fail_next(1, 500);
    assert!(matches!(
        leads(&b).await,
        Err(BackendError::Server { status: 500, .. })
    ));
    assert_eq!(fake.count("GET", "/leads"), 1);
}

#[tokio::test]
async fn writes_are_never_retried() {
    let fake = FakeServer::start().await;
    let b = fake.backend_as("alice").await;
    let alpine = partner_named(&b, "Alpine Systems").await;
    b.whoami().await.unwrap(); // the admin-account check reads it once
    let before = fake.data.read().unwrap().leads.len();
    fake.clear_requests();
    fake.fail_next(1, 503);
    let e = b
        .create_lead(&lead_draft("Retry me not", Some(alpine.id)))
        .await
        .unwrap_err();
    assert!(
        matches!(e, BackendError::Server { status: 503, .. }),
        "{e:?}"
    );
    assert_eq!(fake.count("POST", "/leads"), 1, "sent once");
    assert_eq!(fake.data.read().unwrap().leads.len(), before);

    fake.clear_requests();
    fake.cut_next(1);
    let e = b
        .create_lead(&lead_draft("Cut once", Some(alpine.id)))
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Network(_)), "{e:?}");
    assert_eq!(fake.count("POST", "/leads"), 1, "not sent again");
}

#[tokio::test]
async fn error_statuses_map_to_variants_with_the_servers_message() {
    let fake = FakeServer::start().await;
    let alice = fake.backend_as("alice").await;
    let demo = fake.backend_as("demo").await;

    // 404
    let e = alice.get_lead(uuid::Uuid::new_v4()).await.unwrap_err();
    assert_eq!(e, BackendError::NotFound("Lead not found".into()));
    // 403: a lead of another partner.
    let brume = partner_named(&demo, "Brume Informatique").await;
    let theirs = all_leads(
        &demo,
        &LeadQuery {
            partner_id: Some(brume.id),
            ..Default::default()
        },
    )
    .await
    .remove(0);
    let e = alice.get_lead(theirs.id).await.unwrap_err();
    assert!(matches!(e, BackendError::Forbidden(_)), "{e:?}");
    assert_msg(&e, &["Access denied"]);
    // 400: an order transition the state machine refuses.
    let order = demo
        .list_orders(
            &OrderQuery {
                status: Some(OrderStatus::Created),
                ..Default::default()
            },
            PageRequest::first(1),
        )
        .await
        .unwrap()
        .items
        .remove(0);
    let e = demo
        .change_order_status(order.id, OrderStatus::Fulfilled, None)
        .await
        .unwrap_err();
    assert_eq!(
        e,
        BackendError::Rule("Cannot transition from created to fulfilled".into())
    );
    // 403 from a role check: only admins list users.
    let e = alice
        .list_users(&UserQuery::default(), PageRequest::first(5))
        .await
        .unwrap_err();
    assert_eq!(
        e,
        BackendError::Forbidden("Admin privileges required".into())
    );
    // 422 with details: field names from `loc`.
    fake.answer_next(
        1,
        422,
        json!({"error": "Validation error", "status_code": 422, "details": [
            {"loc": ["body", "contact_email"], "msg": "value is not a valid email address", "type": "value_error.email"},
            {"loc": ["body", "items", 0, "quantity"], "msg": "ensure this value is greater than 0", "type": "value_error"}
        ]}),
    );
    let e = demo
        .create_company(
            CompanyKind::Partner,
            &CompanyDraft {
                name: "Valid locally".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    let fields: Vec<_> = e.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(fields, vec!["contact_email", "quantity"]);
    // 409
    fake.answer_next(
        1,
        409,
        json!({"error": "Contract number already exists", "status_code": 409}),
    );
    let e = leads(&alice).await.unwrap_err();
    assert_eq!(
        e,
        BackendError::Conflict {
            message: "Contract number already exists".into()
        }
    );
    // 500 with the exception type, as the server's debug handler writes it.
    fake.answer_next(
        1,
        500,
        json!({"error": "'Product' object has no attribute 'type'", "status_code": 500, "type": "AttributeError"}),
    );
    let e = leads(&alice).await.unwrap_err();
    assert_msg(
        &e,
        &[
            "'Product' object has no attribute 'type'",
            "AttributeError",
            "GET /leads",
        ],
    );
}

#[tokio::test]
async fn the_real_servers_500_bugs_surface_its_message() {
    let fake = FakeServer::start().await;
    let alice = fake.backend_as("alice").await;
    let fiona = fake.backend_as("fiona").await;
    let demo = fake.backend_as("demo").await;
    let products = alice.list_products(false).await.unwrap();
    let durations = alice.list_durations().await.unwrap();
    let alpine = partner_named(&alice, "Alpine Systems").await;
    let draft = OrderDraft {
        partner_id: Some(alpine.id),
        items: vec![OrderLineDraft {
            product_id: products[0].id,
            duration_id: durations[0].id,
            quantity: 3,
        }],
        ..Default::default()
    };
    let fulfilled = demo
        .list_orders(
            &OrderQuery {
                status: Some(OrderStatus::Fulfilled),
                ..Default::default()
            },
            PageRequest::first(100),
        )
        .await
        .unwrap()
        .items;

    fake.bug_pricing(true);
    let e = alice.create_order(&draft).await.unwrap_err();
    assert!(
        matches!(e, BackendError::Server { status: 500, .. }),
        "{e:?}"
    );
    assert_msg(&e, &["Error creating order", "POST /orders"]);
    let e = alice
        .calculate_price(products[0].id, 3, None)
        .await
        .unwrap_err();
    assert_msg(&e, &["Error calculating price"]);
    let e = fiona
        .activate_order(fulfilled[0].id, &ActivationDraft::default())
        .await
        .unwrap_err();
    assert!(
        matches!(e, BackendError::Server { status: 500, .. }),
        "{e:?}"
    );
    assert_msg(&e, &["Error activating contract"]);
    fake.bug_pricing(false);
    assert!(alice.create_order(&draft).await.is_ok());

    fake.bug_null_invoices(true);
    let e = demo
        .list_contracts(&ContractQuery::default(), PageRequest::first(10))
        .await
        .unwrap_err();
    assert!(
        matches!(e, BackendError::Server { status: 500, .. }),
        "{e:?}"
    );
    assert_msg(&e, &["billing_invoices", "could not list contracts"]);
}

#[tokio::test]
async fn admin_accounts_are_refused_lead_and_order_work_before_sending() {
    let fake = FakeServer::start().await;
    let admin = fake.backend_as("admin").await;
    let lead = first_lead(&admin).await;
    fake.clear_requests();
    let expected = tentabo::domain::scope::Actor {
        id: uuid::Uuid::nil(),
        user_type: UserType::Admin,
        role: None,
        partner_id: None,
        distributor_id: None,
    }
    .can_record_work()
    .unwrap_err();
    let results = [
        admin.create_lead(&lead_draft("Nope", None)).await.map(drop),
        admin
            .change_lead_status(lead.id, LeadStatus::Lost, None)
            .await
            .map(drop),
        admin.add_lead_note(lead.id, "note").await.map(drop),
        admin
            .add_lead_activity(
                lead.id,
                &ActivityDraft {
                    activity_type: "call".into(),
                    ..Default::default()
                },
            )
            .await
            .map(drop),
        admin.create_order(&OrderDraft::default()).await.map(drop),
    ];
    for r in results {
        assert_eq!(r, Err(BackendError::Forbidden(expected.clone())));
    }
    let writes: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|s| s.method != "GET")
        .collect();
    assert!(writes.is_empty(), "nothing was sent: {writes:?}");
}

#[tokio::test]
async fn operations_the_api_lacks_say_so() {
    let fake = FakeServer::start().await;
    let demo = fake.backend_as("demo").await;
    let lead = first_lead(&demo).await;
    let e = demo
        .reassign_lead(lead.id, lead.owner_id)
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Unsupported(_)));
    assert_msg(&e, &["the Tentabo API has no endpoint for"]);
    let e = demo
        .unlink_partner(uuid::Uuid::new_v4(), uuid::Uuid::new_v4())
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Unsupported(_)));
    assert_msg(&e, &["the Tentabo API has no endpoint for"]);
    let detail = demo.get_lead(lead.id).await.unwrap();
    assert_eq!(detail.status_history, None, "the API has no lead history");
}

#[tokio::test]
async fn stale_lead_edits_are_conflicts() {
    let fake = FakeServer::start().await;
    let alice = fake.backend_as("alice").await;
    let bob_view = fake.backend_as("alice").await;
    let lead = first_lead(&alice).await;
    let mut draft = LeadDraft::from_lead(&lead);
    draft.title = "First edit".into();
    let updated = alice
        .update_lead(lead.id, &draft, Some(lead.updated_at))
        .await
        .unwrap();
    assert_eq!(updated.title, "First edit");
    draft.title = "Second edit from an old copy".into();
    let e = bob_view
        .update_lead(lead.id, &draft, Some(lead.updated_at))
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Conflict { .. }), "{e:?}");
    assert_msg(&e, &["First edit", "changed by someone else"]);
}
