//! Saving forms: local validation first, then the write, whose answer
//! comes back to this form only (see `requests`).

use super::form::{Form, FormPurpose};
use super::msg::{Msg, Reload};
use super::once;
use super::*;

impl App {
    /// Validates locally, then starts the save; the form stays until it
    /// succeeds. True when the form is done at once (no save to wait for).
    pub(super) fn submit_form(&mut self, form: &mut Form) -> bool {
        let purpose = form.purpose.clone();
        let b = self.session.backend.clone();
        // A save that follows one whose answer never came looks first, so
        // it is never done twice (see `once`).
        let doubt = form.doubt;
        let since = doubt.unwrap_or_else(chrono::Utc::now);
        form.sent_at = Some(since);
        let me = self.me_id();
        match purpose {
            FormPurpose::NewLead | FormPurpose::EditLead { .. } => {
                let base = match &purpose {
                    FormPurpose::EditLead { id, .. } => self
                        .leads
                        .all
                        .iter()
                        .find(|l| l.id == *id)
                        .map(LeadDraft::from_lead)
                        .unwrap_or_default(),
                    // Status, partner and distributor come from the form.
                    _ => LeadDraft::default(),
                };
                match form.lead_draft(&base) {
                    Err(errors) => {
                        form.set_errors(&errors);
                        form.error = Some(super::form::FIX_FIELDS.into());
                    }
                    Ok(draft) => {
                        form.submitting = true;
                        form.error = None;
                        form.request = Some(self.call(async move {
                            let (b, d) = (&b, &draft);
                            let result = match purpose {
                                FormPurpose::EditLead { id, updated_at } => {
                                    once::write_once(
                                        doubt.is_some(),
                                        || once::find_edited_lead(b, id, d),
                                        || b.update_lead(id, d, Some(updated_at)),
                                    )
                                    .await
                                }
                                _ => {
                                    once::write_once(
                                        doubt.is_some(),
                                        || once::find_created_lead(b, d, me, since),
                                        || b.create_lead(d),
                                    )
                                    .await
                                }
                            };
                            Msg::LeadSaved(result)
                        }));
                    }
                }
            }
            FormPurpose::LeadNote { id } => {
                let content = form.value("content").to_string();
                if self.require_text(form, "content", &content) {
                    form.request =
                        Some(
                            self.write("Note added", Reload::LeadDetail(id), async move {
                                let (b, c) = (&b, &content);
                                once::write_once(
                                    doubt.is_some(),
                                    || once::find_lead_note(b, id, c, since),
                                    || async move { b.add_lead_note(id, c).await.map(|_| ()) },
                                )
                                .await
                            }),
                        );
                }
            }
            FormPurpose::OrderNote { id } => {
                let note = NoteDraft {
                    content: form.value("content").to_string(),
                    ..Default::default()
                };
                if self.require_text(form, "content", &note.content) {
                    form.request =
                        Some(
                            self.write("Note added", Reload::OrderDetail(id), async move {
                                let (b, n) = (&b, &note);
                                once::write_once(
                                    doubt.is_some(),
                                    || once::find_record_note(b, Some(id), None, &n.content, since),
                                    || async move { b.add_order_note(id, n).await.map(|_| ()) },
                                )
                                .await
                            }),
                        );
                }
            }
            FormPurpose::ContractNote { id } => {
                let note = NoteDraft {
                    content: form.value("content").to_string(),
                    ..Default::default()
                };
                if self.require_text(form, "content", &note.content) {
                    form.request = Some(self.write("Note added", Reload::Contracts, async move {
                        let (b, n) = (&b, &note);
                        once::write_once(
                            doubt.is_some(),
                            || once::find_record_note(b, None, Some(id), &n.content, since),
                            || async move { b.add_contract_note(id, n).await.map(|_| ()) },
                        )
                        .await
                    }));
                    self.load_contract_detail(id);
                }
            }
            FormPurpose::LeadActivity { id } => match form.activity_draft() {
                Err(errors) => {
                    form.set_errors(&errors);
                    form.error = Some(super::form::FIX_FIELDS.into());
                }
                Ok(draft) => {
                    form.submitting = true;
                    form.request =
                        Some(
                            self.write("Activity logged", Reload::LeadDetail(id), async move {
                                let (b, d) = (&b, &draft);
                                once::write_once(
                                    doubt.is_some(),
                                    || once::find_activity(b, id, d, since),
                                    || async move { b.add_lead_activity(id, d).await.map(|_| ()) },
                                )
                                .await
                            }),
                        );
                }
            },
            FormPurpose::MoveReason { ids, status } => {
                let reason =
                    Some(form.value("reason").trim().to_string()).filter(|r| !r.is_empty());
                self.move_leads(ids, status, reason);
                return true;
            }
            FormPurpose::OrderStatus { id, status } => {
                let reason =
                    Some(form.value("reason").trim().to_string()).filter(|r| !r.is_empty());
                form.submitting = true;
                form.request = Some(self.write(
                    format!("Order is now {}", status.label()),
                    Reload::OrderDetail(id),
                    async move {
                        let (b, r) = (&b, reason.as_deref());
                        once::write_once(
                                    doubt.is_some(),
                                    || once::order_in(b, id, status),
                                    || async move {
                                        b.change_order_status(id, status, r).await.map(|_| ())
                                    },
                                )
                                .await
                    },
                ));
            }
            FormPurpose::ActivateOrder { id } => self.submit_activation(form, id),
            FormPurpose::ContractStatus { ids, status } => {
                let reason =
                    Some(form.value("reason").trim().to_string()).filter(|r| !r.is_empty());
                // The result (per contract) goes to the status bar, not the form.
                self.change_contract_statuses(ids, status, reason);
                return true;
            }
            FormPurpose::SignIn => {
                let Some(sign_in) = self.session.sign_in.clone() else {
                    return false;
                };
                let (user, secret) = (
                    form.value("username").to_string(),
                    form.value("password").to_string(),
                );
                if secret.is_empty() {
                    form.set_errors(&[crate::domain::validation::FieldError {
                        field: "password",
                        message: "required".into(),
                    }]);
                    return false;
                }
                form.submitting = true;
                form.error = None;
                form.request = Some(
                    self.read(async move { Msg::SignedIn(sign_in.sign_in(&user, &secret).await) }),
                );
            }
            FormPurpose::NewCompany(_) | FormPurpose::EditCompany(..) => self.submit_company(form),
        }
        false
    }

    pub(super) fn require_text(
        &mut self,
        form: &mut Form,
        field: &'static str,
        text: &str,
    ) -> bool {
        let errors = crate::domain::validation::validate_note(text);
        if errors.is_empty() {
            form.submitting = true;
            true
        } else {
            form.set_errors(&[crate::domain::validation::FieldError {
                field,
                message: "required".into(),
            }]);
            false
        }
    }
}
