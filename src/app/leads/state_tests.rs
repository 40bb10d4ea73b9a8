//! Tests of the leads board state (columns, filters, sorts, totals).

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::backend::demo::seed::{seed, SeedSize};
    use chrono::TimeZone;

    fn state() -> LeadsState {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        let mut s = LeadsState::default();
        s.set_leads(seed(now, SeedSize::default()).leads, None);
        s
    }

    #[test]
    fn columns_hold_every_lead_by_status() {
        let s = state();
        assert_eq!(s.visible_count(), 300);
        for (k, col) in s.columns.iter().enumerate() {
            assert!(col.iter().all(|i| s.all[*i as usize].status.index() == k));
        }
    }

    #[test]
    fn filter_narrows_and_widens() {
        let mut s = state();
        s.set_filter("acme", None);
        let n = s.visible_count();
        assert!(n > 0 && n < 300);
        for col in &s.columns {
            for i in col {
                assert!(s.hay_of(*i as usize).contains("acme"));
            }
        }
        s.set_filter("acme ind", None);
        assert!(s.visible_count() <= n);
        s.set_filter("", None);
        assert_eq!(s.visible_count(), 300);
    }

    #[test]
    fn backspace_restores_exactly_what_a_fresh_filter_gives() {
        let mut s = state();
        let mut typed = String::new();
        let mut counts = Vec::new();
        for c in "acme ind".chars() {
            typed.push(c);
            s.set_filter(&typed, None);
            counts.push(s.visible_count());
        }
        for n in (0..typed.len()).rev() {
            typed.truncate(n);
            s.set_filter(&typed, None);
            let mut fresh = state();
            fresh.set_filter(&typed, None);
            assert_eq!(
                s.visible_count(),
                fresh.visible_count(),
                "after backspace to `{typed}`"
            );
            if n > 0 {
                assert_eq!(s.visible_count(), counts[n - 1]);
            }
        }
        s.set_filter("globex", None);
        let mut fresh = state();
        fresh.set_filter("globex", None);
        assert_eq!(s.visible_count(), fresh.visible_count());
    }

    #[test]
    fn selection_survives_a_resort_after_the_backend_confirms() {
        let mut s = state();
        s.col = 1;
        s.cursors[1].selected = 3;
        let mut lead = s.selected().unwrap().clone();
        lead.updated_at += chrono::Duration::days(400); // now the newest: sorts first
        s.upsert(lead.clone(), None);
        assert_eq!(s.selected().unwrap().id, lead.id);
        assert_eq!(s.cursors[1].selected, 0);
    }

    #[test]
    fn optimistic_move_and_revert_keep_the_lead() {
        let mut s = state();
        let id = s.selected().unwrap().id;
        let old = s.set_status(id, LeadStatus::Won, None).unwrap();
        assert_eq!(
            s.all.iter().find(|l| l.id == id).unwrap().status,
            LeadStatus::Won
        );
        s.set_status(id, old, None);
        assert_eq!(s.all.iter().find(|l| l.id == id).unwrap().status, old);
    }
}

#[cfg(test)]
mod order_tests {
    use super::super::*;
    use crate::backend::demo::seed::{seed, SeedSize};
    use chrono::TimeZone;

    #[test]
    fn columns_are_sorted_for_every_sort_and_stay_sorted_after_upserts() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        let mut s = LeadsState::default();
        s.set_leads(seed(now, SeedSize::default()).leads, None);
        for sort in [LeadSort::Value, LeadSort::CloseDate, LeadSort::Updated] {
            s.set_sort(sort, None);
            let mut lead = s.all[17].clone();
            lead.value = Some(Decimal::from(999_999_999));
            lead.updated_at = now;
            s.upsert(lead, None);
            for col in &s.columns {
                for w in col.windows(2) {
                    let (a, b) = (&s.all[w[0] as usize], &s.all[w[1] as usize]);
                    assert_ne!(
                        compare(sort, a, b),
                        Ordering::Greater,
                        "{sort:?} out of order"
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod totals_tests {
    use super::super::*;
    use crate::backend::demo::seed::{seed, SeedSize};
    use chrono::TimeZone;

    #[test]
    fn column_totals_are_the_exact_sums() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        let mut s = LeadsState::default();
        let mut leads = seed(now, SeedSize::default()).leads;
        leads[0].value = Some("0.0001".parse().unwrap());
        leads[1].value = Some("12345678.99".parse().unwrap());
        s.set_leads(leads, None);
        for (k, col) in s.columns.iter().enumerate() {
            let exact: Decimal = col.iter().filter_map(|i| s.all[*i as usize].value).sum();
            assert_eq!(s.totals[k], Some(exact.normalize()), "column {k}");
        }
    }

    #[test]
    fn a_value_too_large_to_add_up_says_so_and_never_panics() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        let mut leads = seed(now, SeedSize::default()).leads;
        leads[0].value = Some(Decimal::from_scientific("1e25").unwrap());
        leads[1].value = Some(Decimal::MAX);
        let (a, b) = (leads[0].status, leads[1].status);
        let mut s = LeadsState::default();
        s.set_leads(leads.clone(), None);
        assert_eq!(s.totals[a.index()], None);
        assert_eq!(s.totals[b.index()], None);
        // Moving the huge card keeps every total honest, without a panic.
        let to = LeadStatus::ALL[(a.index() + 1) % 7];
        s.set_status(leads[0].id, to, None);
        s.set_filter("zzz-nothing", None);
        assert!(s.totals.iter().all(|t| *t == Some(Decimal::ZERO)));
    }
}
