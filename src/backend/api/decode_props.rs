//! Property tests: every decoder the API backend applies to an answer takes
//! any JSON value and any bytes without panicking. Inputs are real answers
//! (from the demo store) with random parts replaced, removed or garbled, so
//! each field's decoder (exact decimals, loose dates, enums, flattened
//! details) sees hostile values, not just a wrong top-level shape.

use super::errors::from_status;
use super::server::decode;
use super::wire::{Envelope, TokenResponse};
use crate::backend::demo::seed::{seed, SeedSize};
use crate::domain::hostile_json::{any_json, scalar};
use crate::domain::*;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

/// Decodes `body` as every answer type; a value that decodes is encoded
/// again (the CLI's `--json` output does that).
fn decode_everything(body: &[u8]) {
    macro_rules! both_ways {
        ($($t:ty),+ $(,)?) => {$(
            if let Ok(v) = decode::<$t>(body, "GET /x") {
                let _ = serde_json::to_vec(&v);
            }
        )+};
    }
    both_ways!(
        Lead,
        LeadDetail,
        LeadNote,
        LeadActivity,
        Me,
        Vec<Duration>,
        Vec<Product>,
        PriceCalculation,
        Order,
        OrderDetail,
        RecordNote,
        OrderQuote,
        Contract,
        ContractDetail,
        ContractInvoices,
        Company,
        DistributorPartnerLink,
        Vec<DistributorPartnerLink>,
        User,
    );
    let _ = decode::<Envelope<Lead>>(body, "GET /leads");
    let _ = decode::<Envelope<Order>>(body, "GET /orders");
    let _ = decode::<Envelope<Contract>>(body, "GET /contracts");
    let _ = decode::<Envelope<Company>>(body, "GET /partners");
    let _ = decode::<Envelope<User>>(body, "GET /users");
    let _ = decode::<TokenResponse>(body, "POST /auth/login");
    for status in [400, 401, 403, 404, 409, 418, 422, 500, 502] {
        let _ = from_status(status, body, "GET /x").to_string();
    }
}

/// Real answers of every kind, as the server would send them.
fn samples() -> Vec<Value> {
    let d = seed(
        chrono::Utc::now(),
        SeedSize {
            leads: 6,
            orders: 6,
            contracts: 6,
        },
    );
    let actor = d.actor_for("demo").expect("demo user");
    let lead = &d.leads[0];
    let order = &d.orders[0];
    let contract = &d.contracts[0];
    let envelope = |items: Value| {
        json!({"items": items, "pagination": {"page": 1, "page_size": 100,
               "total_items": 6, "total_pages": 1, "has_next": false, "has_prev": false}})
    };
    let mut out = vec![
        v(lead),
        v(&d.get_lead(&actor, lead.id).expect("lead detail")),
        v(&d.me_for(&actor).expect("me")),
        v(&d.durations),
        v(&d.products),
        v(
            &d.calculate_price(d.products[0].id, 3, Some(d.durations[1].id))
                .expect("price"),
        ),
        v(order),
        v(&d.get_order(&actor, order.id).expect("order detail")),
        v(&d.order_quote(&actor, order.id).expect("quote")),
        v(contract),
        v(&d.get_contract(&actor, contract.id)
            .expect("contract detail")),
        v(&d.contract_invoices(&actor, contract.id).expect("invoices")),
        v(&d.partners[0]),
        v(&d.users[0]),
        v(&d.distributor_partners(&actor, d.distributors[0].id, false)
            .expect("links")),
        envelope(v(&d.leads)),
        envelope(v(&d.orders)),
        envelope(v(&d.contracts)),
        envelope(v(&d.users)),
        json!({"access_token": "eyJ.x.y", "token_type": "Bearer", "expires_in": 3600,
               "user_type": "user"}),
        json!({"error": "Validation error", "status_code": 422,
               "details": [{"loc": ["body", "title"], "msg": "field required", "type": "x"}]}),
    ];
    if let Some(note) = d.lead_notes.first() {
        out.push(v(note));
    }
    if let Some(activity) = d.activities.first() {
        out.push(v(activity));
    }
    if let Some(note) = d.notes.first() {
        out.push(v(note));
    }
    out
}

fn v(x: &impl serde::Serialize) -> Value {
    serde_json::to_value(x).expect("a domain value serializes")
}

/// Every place in a value, as JSON pointers (the root is "").
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

/// Every key name in a value, once each, in a stable order.
fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                keys(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

/// Sets every field named `name`, at any depth, to `new`.
fn set_field(v: &mut Value, name: &str, new: &Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == name {
                    *x = new.clone();
                } else {
                    set_field(x, name, new);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| set_field(x, name, new)),
        _ => {}
    }
}

/// One change to a real answer.
#[derive(Debug, Clone)]
enum Edit {
    /// The value at one place (any depth, containers too).
    Replace(Index, Value),
    /// Every field of one name (e.g. all the lines' `total`).
    Field(Index, Value),
    Remove(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<Index>(), scalar()).prop_map(|(i, v)| Edit::Replace(i, v)),
        1 => (any::<Index>(), any_json()).prop_map(|(i, v)| Edit::Replace(i, v)),
        3 => (any::<Index>(), scalar()).prop_map(|(i, v)| Edit::Field(i, v)),
        1 => any::<Index>().prop_map(Edit::Remove),
    ]
}

fn apply(v: &mut Value, e: &Edit) {
    let mut all = Vec::new();
    pointers(v, String::new(), &mut all);
    match e {
        Edit::Replace(i, new) => {
            if let Some(slot) = v.pointer_mut(i.get(&all).as_str()) {
                *slot = new.clone();
            }
        }
        Edit::Field(i, new) => {
            let mut names = std::collections::BTreeSet::new();
            keys(v, &mut names);
            let names: Vec<String> = names.into_iter().collect();
            if !names.is_empty() {
                let name = i.get(&names).clone();
                set_field(v, &name, new);
            }
        }
        Edit::Remove(i) => {
            let p = i.get(&all).as_str();
            if let Some((parent, key)) = p.rsplit_once('/') {
                match v.pointer_mut(parent) {
                    Some(Value::Object(m)) => {
                        m.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = key.parse::<usize>() {
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Real answers with parts replaced by anything or removed.
    #[test]
    fn edited_answers_never_panic(which in any::<Index>(), edits in prop::collection::vec(edit(), 1..6)) {
        let all = samples();
        let mut v = which.get(&all).clone();
        for e in &edits {
            apply(&mut v, e);
        }
        decode_everything(&serde_json::to_vec(&v).expect("a JSON value serializes"));
    }

    /// Any JSON value at all.
    #[test]
    fn any_json_value_never_panics(v in any_json()) {
        decode_everything(&serde_json::to_vec(&v).expect("a JSON value serializes"));
    }

    /// Any bytes, and real answers cut short or with bytes overwritten.
    #[test]
    fn any_bytes_never_panic(
        raw in prop::collection::vec(any::<u8>(), 0..512),
        which in any::<Index>(),
        cut in any::<Index>(),
        noise in prop::collection::vec((any::<Index>(), any::<u8>()), 0..8),
    ) {
        decode_everything(&raw);
        let all = samples();
        let mut body = serde_json::to_vec(which.get(&all)).expect("serializes");
        for (at, byte) in &noise {
            let i = at.index(body.len());
            body[i] = *byte;
        }
        decode_everything(&body);
        body.truncate(cut.index(body.len() + 1));
        decode_everything(&body);
    }
}

/// The decoders are not all failures: the unedited samples decode, so the
/// properties above do reach the field decoders.
#[test]
fn the_samples_decode_as_themselves() {
    let all = samples();
    let bytes = |i: usize| serde_json::to_vec(&all[i]).expect("serializes");
    assert!(decode::<Lead>(&bytes(0), "t").is_ok());
    assert!(decode::<LeadDetail>(&bytes(1), "t").is_ok());
    assert!(decode::<Me>(&bytes(2), "t").is_ok());
    assert!(decode::<PriceCalculation>(&bytes(5), "t").is_ok());
    assert!(decode::<OrderDetail>(&bytes(7), "t").is_ok());
    assert!(decode::<ContractDetail>(&bytes(10), "t").is_ok());
    assert!(decode::<Vec<DistributorPartnerLink>>(&bytes(14), "t").is_ok());
    assert!(decode::<Envelope<Lead>>(&bytes(15), "t").is_ok());
    assert!(decode::<TokenResponse>(&bytes(19), "t").is_ok());
}
