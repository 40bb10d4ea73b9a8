//! `/products`, `/durations` and `/orders`: the catalogue, pricing, and the
//! order lifecycle up to activation.

use super::leads::check_fields;
use super::server::Call;
use super::wire::{PriceBody, StatusBody};
use super::{filters, reason, ApiBackend};
use crate::backend::{BackendError, BackendResult, OrderQuery, Page, PageRequest};
use crate::domain::validation::validate_note;
use crate::domain::*;
use std::collections::HashMap;

impl ApiBackend {
    /// `GET /products` filters on `is_active` (true unless told otherwise);
    /// all products take both lists.
    pub(super) async fn products(&self, include_inactive: bool) -> BackendResult<Vec<Product>> {
        let mut all: Vec<Product> = self
            .all_rows(Call::get("/products").query("is_active", true))
            .await?;
        if include_inactive {
            let inactive: Vec<Product> = self
                .all_rows(Call::get("/products").query("is_active", false))
                .await?;
            all.extend(inactive);
        }
        Ok(all)
    }

    pub(super) async fn durations(&self) -> BackendResult<Vec<Duration>> {
        self.call(Call::get("/durations")).await
    }

    /// A POST that changes nothing, so it is retried like a read. The real
    /// server answers 500 here (a pricing bug): the error carries its
    /// message and the UI shows its own computation as unconfirmed.
    pub(super) async fn price(
        &self,
        product_id: Id,
        quantity: i64,
        duration_id: Option<Id>,
    ) -> BackendResult<PriceCalculation> {
        let body = PriceBody {
            quantity,
            duration_id,
        };
        let call = Call::post(format!("/products/{product_id}/calculate-price"))
            .json(&body)?
            .idempotent();
        self.call(call).await
    }

    pub(super) async fn orders_page(
        &self,
        q: &OrderQuery,
        req: PageRequest,
    ) -> BackendResult<Page<Order>> {
        let list =
            Call::get("/orders").query_opt("status_filter", q.status.map(OrderStatus::as_str));
        if !filters::order_needs_client(q) {
            return self.page(list, req).await;
        }
        let names = if filters::order_needs_partner_names(q) {
            self.partner_names().await?
        } else {
            HashMap::new()
        };
        self.filtered_page(list, req, format!("{q:?}"), |o| {
            filters::order_matches(q, o, &names)
        })
        .await
    }

    async fn partner_names(&self) -> BackendResult<HashMap<Id, String>> {
        let list = Call::get("/partners");
        let partners: Vec<Company> = self.all_rows(list).await?;
        Ok(partners.into_iter().map(|p| (p.id, p.name)).collect())
    }

    /// The API's detail has no contract: `contract` stays `None`.
    pub(super) async fn order_detail(&self, id: Id) -> BackendResult<OrderDetail> {
        self.call(Call::get(format!("/orders/{id}"))).await
    }

    /// `POST /orders` answers the bare order; its lines come from a second
    /// read. The real server answers 500 here ("Error creating order"): that
    /// comes back as `Server` with its message.
    pub(super) async fn post_order(&self, draft: &OrderDraft) -> BackendResult<OrderDetail> {
        self.require_work().await?;
        if draft.items.is_empty() {
            return Err(BackendError::Rule(
                "Order must have at least one item".into(),
            ));
        }
        let order: Order = self.call(Call::post("/orders").json(draft)?).await?;
        match self.order_detail(order.id).await {
            Ok(detail) => Ok(detail),
            // The order exists; do not report the write as failed.
            Err(e) => {
                tracing::warn!(error = %e, "order created but its detail could not be read");
                Ok(OrderDetail {
                    order,
                    items: Vec::new(),
                    notes: Vec::new(),
                    contract: None,
                })
            }
        }
    }

    pub(super) async fn put_order_status(
        &self,
        id: Id,
        status: OrderStatus,
        why: Option<&str>,
    ) -> BackendResult<Order> {
        if reason(why).is_some() {
            self.require_work().await?;
        }
        let body = StatusBody {
            status: status.as_str(),
            reason: reason(why),
        };
        self.call(Call::put(format!("/orders/{id}/status")).json(&body)?)
            .await
    }

    pub(super) async fn post_order_note(
        &self,
        id: Id,
        note: &NoteDraft,
    ) -> BackendResult<RecordNote> {
        self.require_work().await?;
        check_fields(validate_note(&note.content))?;
        self.call(Call::post(format!("/orders/{id}/notes")).json(note)?)
            .await
    }

    pub(super) async fn quote(&self, id: Id) -> BackendResult<OrderQuote> {
        self.call(Call::get(format!("/orders/{id}/quote"))).await
    }

    /// The real server answers 500 here ("Error activating contract").
    pub(super) async fn post_activation(
        &self,
        id: Id,
        req: &ActivationDraft,
    ) -> BackendResult<Contract> {
        self.call(Call::post(format!("/orders/{id}/activate")).json(req)?)
            .await
    }
}
