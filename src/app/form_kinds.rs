//! The forms the app opens: their fields, labels and hints.

use super::choice::{Choice, FieldValue};
use super::form::{field, listed, opt, Form, FormPurpose};
use crate::domain::*;

impl Form {
    /// Activating an order into a contract: its dates and notes.
    pub fn activation(title: String, id: Id, today: &str) -> Self {
        Form::new(
            title,
            FormPurpose::ActivateOrder { id },
            vec![
                field("activation_date", "Starts", today, "YYYY-MM-DD"),
                field(
                    "expiration_date",
                    "Expires",
                    "",
                    "YYYY-MM-DD (empty: from the durations)",
                ),
                field("notes_internal", "Internal notes", "", "optional"),
            ],
        )
    }

    pub fn lead(purpose: FormPurpose, d: &LeadDraft) -> Self {
        let title = if matches!(purpose, FormPurpose::NewLead) {
            "New lead"
        } else {
            "Edit lead"
        };
        Form::new(
            title,
            purpose,
            vec![
                field("title", "Title", &d.title, "required"),
                listed(
                    "status",
                    "Status",
                    Choice::lead_statuses(),
                    d.status.map(FieldValue::LeadStatus),
                    "Enter to choose",
                ),
                listed(
                    "partner_id",
                    "Partner",
                    Choice::default(),
                    Some(FieldValue::Company(d.partner_id)),
                    "none",
                ),
                listed(
                    "distributor_id",
                    "Distributor",
                    Choice::default(),
                    Some(FieldValue::Company(d.distributor_id)),
                    "none",
                ),
                field("organization", "Organization", &d.organization, "required"),
                field("contact_name", "Contact", &d.contact_name, "required"),
                field("contact_email", "Email", &opt(&d.contact_email), ""),
                field("contact_phone", "Phone", &opt(&d.contact_phone), ""),
                field(
                    "value",
                    "Value",
                    &d.value.map(|v| v.to_string()).unwrap_or_default(),
                    "e.g. 12500.00",
                ),
                field("currency", "Currency", &d.currency, "EUR"),
                field(
                    "probability",
                    "Probability %",
                    &d.probability.map(|p| p.to_string()).unwrap_or_default(),
                    "0–100",
                ),
                field(
                    "expected_close_date",
                    "Close date",
                    &d.expected_close_date
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    "YYYY-MM-DD",
                ),
            ],
        )
    }

    pub fn text(
        title: impl Into<String>,
        purpose: FormPurpose,
        label: &'static str,
        name: &'static str,
    ) -> Self {
        Form::new(
            title,
            purpose,
            vec![field(name, label, "", "Enter to save")],
        )
    }

    pub fn sign_in(server: &str, username: Option<&str>) -> Self {
        let mut secret = field(
            "password",
            "Password",
            "",
            "or an API key tnt_… with no username",
        );
        secret.secret = true;
        let mut f = Form::new(
            format!("Sign in to {server}"),
            FormPurpose::SignIn,
            vec![
                field("username", "Username", username.unwrap_or(""), ""),
                secret,
            ],
        );
        if username.is_some() {
            f.focus = 1;
        }
        f
    }

    pub fn activity(id: Id) -> Self {
        Form::new(
            "Log activity",
            FormPurpose::LeadActivity { id },
            vec![
                listed(
                    "activity_type",
                    "Type",
                    Choice::words(ACTIVITY_TYPES),
                    Some(FieldValue::Word("call")),
                    "Enter to choose",
                ),
                field("subject", "Subject", "", ""),
                field("description", "Description", "", ""),
                field("due_date", "Due date", "", "YYYY-MM-DD"),
                listed(
                    "done",
                    "Done",
                    Choice::yes_no(),
                    Some(FieldValue::Flag(false)),
                    "Space toggles",
                ),
            ],
        )
    }

    pub fn company(purpose: FormPurpose, d: &CompanyDraft) -> Self {
        let title = match &purpose {
            FormPurpose::NewCompany(k) => format!("New {}", k.label()),
            FormPurpose::EditCompany(k, _) => format!("Edit {}", k.label()),
            _ => "Company".into(),
        };
        Form::new(
            title,
            purpose,
            vec![
                field("name", "Name", &d.name, "required"),
                field("legal_name", "Legal name", &opt(&d.legal_name), ""),
                field(
                    "registration_number",
                    "Registration",
                    &opt(&d.registration_number),
                    "SIRET, VAT…",
                ),
                field("email", "Email", &opt(&d.email), ""),
                field("phone", "Phone", &opt(&d.phone), ""),
                field("website", "Website", &opt(&d.website), ""),
                field("address_line1", "Address", &opt(&d.address_line1), ""),
                field("address_line2", "Address 2", &opt(&d.address_line2), ""),
                field("city", "City", &opt(&d.city), ""),
                field("postal_code", "Postal code", &opt(&d.postal_code), ""),
                field("country", "Country", &d.country, ""),
                field(
                    "is_active",
                    "Active",
                    if d.is_active { "yes" } else { "no" },
                    "yes / no",
                ),
                field("notes", "Notes", &opt(&d.notes), ""),
            ],
        )
    }
}
