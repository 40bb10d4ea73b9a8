//! EXPLAIN (ANALYZE) of the list queries exactly as the backend builds them,
//! for the benchmark and for diagnosing a slow database.

use super::contracts::contract_list;
use super::error::R;
use super::leads::lead_list;
use super::orders::order_list;
use super::paging::{self, page_sql, ListSpec};
use super::sql::Sql;
use super::PostgresBackend;
use crate::backend::*;

/// A list whose page query to explain.
#[derive(Debug, Clone)]
pub enum ExplainList {
    Leads(LeadQuery),
    Orders(OrderQuery),
    Contracts(ContractQuery),
}

impl PostgresBackend {
    /// The plan of the page query this backend would run for `page` now
    /// (keyset when the previous page of the same read was just read), and
    /// of the count query when `with_count`.
    pub async fn explain(
        &self,
        list: &ExplainList,
        page: PageRequest,
        with_count: bool,
    ) -> BackendResult<Vec<String>> {
        let actor = self.actor();
        let r: R<Vec<String>> = async {
            match list {
                ExplainList::Leads(q) => {
                    let (spec, f) = lead_list(&actor, q);
                    self.explain_spec(&spec, &f, page, with_count).await
                }
                ExplainList::Orders(q) => {
                    let (spec, f) = order_list(&actor, q);
                    self.explain_spec(&spec, &f, page, with_count).await
                }
                ExplainList::Contracts(q) => {
                    let (spec, f) = contract_list(&actor, q);
                    self.explain_spec(&spec, &f, page, with_count).await
                }
            }
        }
        .await;
        super::done(r)
    }

    async fn explain_spec(
        &self,
        spec: &ListSpec,
        filter: &(dyn Fn() -> Sql + Sync),
        page: PageRequest,
        with_count: bool,
    ) -> R<Vec<String>> {
        let plan = self.lists.plan(&spec.key, page);
        let mut q = page_sql(spec, filter, page, plan.after);
        q.text = format!("EXPLAIN (ANALYZE, BUFFERS) {}", q.text);
        let c = self.conn().await?;
        let mut lines: Vec<String> = paging::rows(&c, &q)
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
        if with_count {
            let mut count = filter();
            count.text = format!("EXPLAIN (ANALYZE, BUFFERS) {} {}", spec.count, count.text);
            lines.push(String::new());
            lines.extend(paging::rows(&c, &count).await?.iter().map(|r| r.get(0)));
        }
        Ok(lines)
    }
}
