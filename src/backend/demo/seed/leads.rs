//! Leads with their history, notes and activities.

use super::channel::{channel, owner_for};
use super::names::{ascii, FIRST, LAST, ORGS, TOPICS};
use crate::backend::demo::data::DemoData;
use crate::backend::demo::rng::Rng;
use crate::domain::*;
use chrono::Duration as Span;
use rust_decimal::Decimal;

pub(super) fn seed_leads(r: &mut Rng, d: &mut DemoData, now: Timestamp, count: usize) {
    let weights = [22, 18, 16, 12, 10, 12, 10]; // new … lost, in percent
    for i in 0..count {
        let status = {
            let mut roll = r.range(0, 100);
            let mut s = LeadStatus::New;
            for (k, w) in weights.iter().enumerate() {
                if roll < *w {
                    s = LeadStatus::ALL[k];
                    break;
                }
                roll -= w;
            }
            s
        };
        let (partner_id, distributor_id) = channel(r, d);
        let owner_id = owner_for(r, d, partner_id, distributor_id);
        let org = *r.pick(ORGS);
        let (first, last) = (*r.pick(FIRST), *r.pick(LAST));
        let created = now - Span::days(r.range(1, 360)) - Span::minutes(r.range(0, 1440));
        let updated = created + Span::days(r.range(0, (now - created).num_days().max(1)));
        let value = Decimal::new(r.range(50, 5000) * 1000 + [0, 500, 990][i % 3], 2);
        let probability = match status {
            LeadStatus::Won => 100,
            LeadStatus::Lost => 0,
            s => (s.index() as i64 * 15 + r.range(0, 15)) as i32,
        };
        let close = now + Span::days(r.range(-45, 120));
        let slug: String = org
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let lead = Lead {
            id: r.uuid(),
            title: format!("{} – {}", r.pick(TOPICS), org),
            organization: org.into(),
            contact_name: format!("{first} {last}"),
            contact_email: Some(format!("{}.{}@{slug}.example", ascii(first), ascii(last))),
            contact_phone: r.chance(70).then(|| {
                format!(
                    "+33 6 {:02} {:02} {:02} {:02}",
                    r.range(10, 99),
                    r.range(10, 99),
                    r.range(10, 99),
                    r.range(10, 99)
                )
            }),
            value: (!r.chance(5)).then_some(value),
            currency: "EUR".into(),
            status,
            probability: (!r.chance(5)).then_some(probability),
            expected_close_date: (!r.chance(8)).then_some(close),
            partner_id,
            distributor_id,
            provider_name: if r.chance(70) {
                "manual".into()
            } else {
                "pipedrive".into()
            },
            provider_id: None,
            owner_id,
            last_sync_at: None,
            sync_status: "synced".into(),
            created_at: created,
            updated_at: updated,
        };
        // History: walk from new to the current status.
        if i < 2000 {
            let mut at = created;
            let mut prev: Option<LeadStatus> = None;
            let path: Vec<LeadStatus> = match status {
                LeadStatus::Lost => vec![LeadStatus::New, LeadStatus::Contacted, LeadStatus::Lost],
                s => LeadStatus::ALL[..=s.index()].to_vec(),
            };
            for s in path {
                d.history.push(LeadStatusChange {
                    id: r.uuid(),
                    lead_id: lead.id,
                    old_status: prev,
                    new_status: s,
                    changed_by_user_id: Some(owner_id),
                    reason: (s == LeadStatus::Lost).then(|| "Chose a competitor".to_string()),
                    changed_at: at,
                });
                prev = Some(s);
                // Never past the last update (nor, so, in the future), but
                // always after the previous step, so the order is unambiguous.
                let next = (at + Span::days(r.range(1, 10))).min(updated);
                at = if next > at {
                    next
                } else {
                    at + Span::seconds(1)
                };
            }
            if r.chance(40) {
                d.lead_notes.push(LeadNote {
                    id: r.uuid(),
                    lead_id: lead.id,
                    content: format!("{first} wants a quote before the end of the quarter."),
                    provider_name: None,
                    provider_id: None,
                    created_by_user_id: Some(owner_id),
                    created_at: updated,
                    updated_at: updated,
                });
            }
            if r.chance(50) {
                let done = r.chance(50);
                let due = now + Span::days(r.range(-10, 20));
                d.activities.push(LeadActivity {
                    id: r.uuid(),
                    lead_id: lead.id,
                    activity_type: r.pick(ACTIVITY_TYPES).to_string(),
                    subject: Some(format!("Follow up with {first}")),
                    description: None,
                    due_date: Some(due),
                    done,
                    provider_name: lead.provider_name.to_string(),
                    provider_id: None,
                    done_at: done.then_some(due),
                    user_id: Some(owner_id),
                    created_at: created,
                    updated_at: created,
                });
            }
        }
        d.leads.push(lead);
    }
}
