//! Writes that happen at most once. A write whose answer never came (a
//! timeout after the request left, a dropped connection, a gateway error,
//! an unreadable answer) may or may not have been carried out: it is said as
//! unknown, never as refused. The client then looks (reloads the record and
//! finds the change by what was sent, who sent it and when) and reports
//! done or not done; sending again after a doubt always looks first, so a
//! resubmit never makes a duplicate.

use crate::backend::{BackendError, BackendResult, SharedBackend};
use crate::domain::*;
use std::future::Future;
use std::time::Duration;

/// How far back a record counts as "ours" when looking for it (the
/// server's clock may differ from ours).
const SLACK_MINUTES: i64 = 10;

/// Whether a failed write may still have been carried out.
pub fn outcome_unknown(e: &BackendError) -> bool {
    match e {
        BackendError::Timeout(m) => {
            // Not even connected: nothing was sent.
            !(m.starts_with("could not connect") || m.contains("no database connection"))
        }
        BackendError::Network(m) => {
            !(m.contains("refused the connection")
                || m.starts_with("cannot find the host")
                || m.starts_with("secure (TLS) connection")
                || m.starts_with("cannot connect to"))
        }
        BackendError::Server {
            status: 502 | 504, ..
        } => true,
        BackendError::Decode(_) | BackendError::Unknown(_) => true,
        _ => false,
    }
}

/// Runs `act` at most once. After a doubt (`after_doubt`), `check` looks
/// first and `act` runs only when the earlier attempt left no trace; when
/// `act` itself ends in doubt, `check` tells what happened.
pub async fn write_once<T, C, CF, A, AF>(after_doubt: bool, check: C, act: A) -> BackendResult<T>
where
    C: Fn() -> CF,
    CF: Future<Output = BackendResult<Option<T>>>,
    A: FnOnce() -> AF,
    AF: Future<Output = BackendResult<T>>,
{
    if after_doubt {
        match check().await {
            Ok(Some(done)) => return Ok(done),
            Ok(None) => {}
            Err(e) => {
                return Err(BackendError::Unknown(format!(
                    "still cannot tell whether the earlier attempt went through ({e}); \
                     nothing was sent again — try again when the server answers"
                )))
            }
        }
    }
    match act().await {
        Err(e) if outcome_unknown(&e) => {
            // Give a slow server a moment to finish what it was doing.
            tokio::time::sleep(Duration::from_millis(300)).await;
            match check().await {
                Ok(Some(done)) => Ok(done),
                Ok(None) => Err(checked_not_done(e)),
                Err(check) => Err(BackendError::Unknown(format!(
                    "{e}; it may or may not have been saved, and looking failed too ({check}) — \
                     saving again looks first, so nothing is doubled"
                ))),
            }
        }
        other => other,
    }
}

/// The first error, now known not to have taken effect.
fn checked_not_done(e: BackendError) -> BackendError {
    let text = format!("{e} — checked: nothing was saved, it is safe to try again");
    match e {
        BackendError::Timeout(_) => BackendError::Timeout(text),
        BackendError::Server { status, .. } => BackendError::Server {
            status,
            message: text,
        },
        _ => BackendError::Network(text),
    }
}

fn recent(at: Timestamp, since: Timestamp) -> bool {
    at >= since - chrono::Duration::minutes(SLACK_MINUTES)
}

// ---- looking for a write's trace ------------------------------------------

/// A lead created from `draft` by `me` since `since`.
pub async fn find_created_lead(
    b: &SharedBackend,
    draft: &LeadDraft,
    me: Option<Id>,
    since: Timestamp,
) -> BackendResult<Option<Lead>> {
    let q = crate::backend::LeadQuery {
        status: draft.status,
        text: Some(draft.title.clone()),
        ..Default::default()
    };
    let (size, conc) = (b.preferred_page_size(), b.page_concurrency());
    let leads = crate::backend::fetch_all_with(size, conc, |p| {
        let (b, q) = (b.clone(), q.clone());
        async move { b.list_leads(&q, p).await }
    })
    .await?;
    Ok(leads.into_iter().find(|l| {
        l.title == draft.title
            && l.organization == draft.organization
            && l.contact_name == draft.contact_name
            && me.is_none_or(|m| l.owner_id == m)
            && recent(l.created_at, since)
    }))
}

/// The lead as edited, when it holds what was sent.
pub async fn find_edited_lead(
    b: &SharedBackend,
    id: Id,
    draft: &LeadDraft,
) -> BackendResult<Option<Lead>> {
    let lead = b.get_lead(id).await?.lead;
    let now = LeadDraft::from_lead(&lead);
    let same = now.title == draft.title
        && now.organization == draft.organization
        && now.contact_name == draft.contact_name
        && now.contact_email == draft.contact_email
        && now.contact_phone == draft.contact_phone
        && now.value == draft.value
        && now.probability == draft.probability
        && now.expected_close_date == draft.expected_close_date;
    Ok(same.then_some(lead))
}

/// A note with this text on the lead since `since`.
pub async fn find_lead_note(
    b: &SharedBackend,
    id: Id,
    content: &str,
    since: Timestamp,
) -> BackendResult<Option<()>> {
    let d = b.get_lead(id).await?;
    Ok(d.notes
        .iter()
        .any(|n| n.content == content && recent(n.created_at, since))
        .then_some(()))
}

/// A note with this text on the order (or contract) since `since`.
pub async fn find_record_note(
    b: &SharedBackend,
    order: Option<Id>,
    contract: Option<Id>,
    content: &str,
    since: Timestamp,
) -> BackendResult<Option<()>> {
    let notes = match (order, contract) {
        (Some(id), _) => b.get_order(id).await?.notes,
        (None, Some(id)) => b.get_contract(id).await?.notes,
        (None, None) => return Ok(None),
    };
    Ok(notes
        .iter()
        .any(|n| n.content == content && recent(n.created_at, since))
        .then_some(()))
}

/// An activity like `draft` on the lead since `since`.
pub async fn find_activity(
    b: &SharedBackend,
    id: Id,
    draft: &ActivityDraft,
    since: Timestamp,
) -> BackendResult<Option<()>> {
    let d = b.get_lead(id).await?;
    Ok(d.activities
        .iter()
        .any(|a| {
            a.activity_type == draft.activity_type
                && a.subject == draft.subject
                && a.description == draft.description
                && recent(a.created_at, since)
        })
        .then_some(()))
}

/// The lead, when it is in `status`.
pub async fn lead_in(b: &SharedBackend, id: Id, status: LeadStatus) -> BackendResult<Option<Lead>> {
    let lead = b.get_lead(id).await?.lead;
    Ok((lead.status == status).then_some(lead))
}

/// Whether the order is in `status`.
pub async fn order_in(b: &SharedBackend, id: Id, status: OrderStatus) -> BackendResult<Option<()>> {
    Ok((b.get_order(id).await?.order.status == status).then_some(()))
}

/// Whether the order has become a contract.
pub async fn order_activated(b: &SharedBackend, id: Id) -> BackendResult<Option<()>> {
    Ok(b.get_order(id).await?.contract.map(|_| ()))
}

/// Whether the contract is in `status`.
pub async fn contract_in(
    b: &SharedBackend,
    id: Id,
    status: ContractStatus,
) -> BackendResult<Option<()>> {
    Ok((b.get_contract(id).await?.contract.status == status).then_some(()))
}

/// An order like `draft` created by `me` since `since`.
pub async fn find_created_order(
    b: &SharedBackend,
    draft: &OrderDraft,
    me: Option<Id>,
    since: Timestamp,
) -> BackendResult<Option<OrderDetail>> {
    let q = crate::backend::OrderQuery {
        partner_id: draft.partner_id,
        ..Default::default()
    };
    let (size, conc) = (b.preferred_page_size(), b.page_concurrency());
    let orders = crate::backend::fetch_all_with(size, conc, |p| {
        let (b, q) = (b.clone(), q.clone());
        async move { b.list_orders(&q, p).await }
    })
    .await?;
    for o in orders.iter().filter(|o| {
        o.partner_id == draft.partner_id
            && o.lead_id == draft.lead_id
            && me.is_none_or(|m| o.created_by == m)
            && recent(o.created_at, since)
    }) {
        let d = b.get_order(o.id).await?;
        let mut sent: Vec<(Id, Option<Id>, i64)> = draft
            .items
            .iter()
            .map(|l| (l.product_id, Some(l.duration_id), l.quantity))
            .collect();
        let mut got: Vec<(Id, Option<Id>, i64)> = d
            .items
            .iter()
            .map(|i| (i.product_id, Some(i.duration_id), i.quantity))
            .collect();
        sent.sort();
        got.sort();
        if sent == got {
            return Ok(Some(d));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn only_failures_after_sending_are_unknown() {
        assert!(outcome_unknown(&BackendError::Timeout(
            "create lead: no complete answer from x within 30s".into()
        )));
        assert!(!outcome_unknown(&BackendError::Timeout(
            "could not connect to x within 10s".into()
        )));
        assert!(!outcome_unknown(&BackendError::Network(
            "x refused the connection (is the server running?)".into()
        )));
        assert!(outcome_unknown(&BackendError::Network(
            "the connection to x was cut".into()
        )));
        assert!(!outcome_unknown(&BackendError::Rule("no".into())));
        assert!(!outcome_unknown(&BackendError::Server {
            status: 500,
            message: "boom".into()
        }));
    }

    fn lost() -> BackendError {
        BackendError::Timeout("save: no complete answer within 1s".into())
    }

    #[tokio::test]
    async fn a_lost_answer_is_looked_up_and_never_sent_twice() {
        let sent = Arc::new(AtomicUsize::new(0));
        // The server did it, but the answer was lost: found by looking.
        let s = sent.clone();
        let r = write_once(
            false,
            || async { Ok(Some(7)) },
            || async move {
                s.fetch_add(1, Ordering::SeqCst);
                Err(lost())
            },
        )
        .await;
        assert_eq!(r, Ok(7));
        // After a doubt, a trace means nothing is sent again.
        let s = sent.clone();
        let r = write_once(
            true,
            || async { Ok(Some(8)) },
            || async move {
                s.fetch_add(1, Ordering::SeqCst);
                Ok(0)
            },
        )
        .await;
        assert_eq!(r, Ok(8));
        assert_eq!(sent.load(Ordering::SeqCst), 1);
        // Not done: said so, safe to try again.
        let r: BackendResult<i32> =
            write_once(false, || async { Ok(None) }, || async { Err(lost()) }).await;
        assert!(r.unwrap_err().to_string().contains("nothing was saved"));
        // Looking fails too: unknown, never "refused".
        let r: BackendResult<i32> = write_once(
            false,
            || async { Err(BackendError::Network("down".into())) },
            || async { Err(lost()) },
        )
        .await;
        assert!(matches!(r, Err(BackendError::Unknown(_))));
    }
}
