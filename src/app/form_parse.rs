//! Reading a form's fields into what the backends take; a value that
//! cannot be read is an error on its field.

use super::choice::FieldValue;
use super::form::Form;
use crate::domain::validation::FieldError;
use crate::domain::*;

impl Form {
    /// Parses the lead fields; parse problems are field errors.
    pub fn lead_draft(&self, base: &LeadDraft) -> Result<LeadDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut d = base.clone();
        d.title = self.value("title").trim().to_string();
        d.organization = self.value("organization").trim().to_string();
        d.contact_name = self.value("contact_name").trim().to_string();
        if let Some(FieldValue::LeadStatus(s)) = self.chosen("status") {
            d.status = Some(*s);
        }
        if let Some(FieldValue::Company(p)) = self.chosen("partner_id") {
            d.partner_id = *p;
        }
        if let Some(FieldValue::Company(x)) = self.chosen("distributor_id") {
            d.distributor_id = *x;
        }
        d.contact_email = self.optional("contact_email");
        d.contact_phone = self.optional("contact_phone");
        d.currency = self
            .optional("currency")
            .unwrap_or_else(|| "EUR".into())
            .to_uppercase();
        d.value = match self.optional("value") {
            None => None,
            Some(v) => match crate::domain::serde_util::parse_decimal(&v.replace([',', ' '], "")) {
                Some(v) => Some(v),
                None => {
                    errors.push(FieldError {
                        field: "value",
                        message: "not a number".into(),
                    });
                    None
                }
            },
        };
        d.probability = match self.optional("probability") {
            None => None,
            Some(v) => match v.trim_end_matches('%').parse::<i32>() {
                Ok(p) => Some(p),
                Err(_) => {
                    errors.push(FieldError {
                        field: "probability",
                        message: "a whole number 0–100".into(),
                    });
                    None
                }
            },
        };
        d.expected_close_date = match self.optional("expected_close_date") {
            None => None,
            Some(v) => match crate::domain::serde_util::parse_utc(&v) {
                Some(t) => Some(t),
                None => {
                    errors.push(FieldError {
                        field: "expected_close_date",
                        message: crate::domain::validation::date_problem(&v),
                    });
                    None
                }
            },
        };
        errors.extend(crate::domain::validation::validate_lead(&d));
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }

    pub fn activity_draft(&self) -> Result<ActivityDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let due_date = match self.optional("due_date") {
            None => None,
            Some(v) => match crate::domain::serde_util::parse_utc(&v) {
                Some(t) => Some(t),
                None => {
                    errors.push(FieldError {
                        field: "due_date",
                        message: crate::domain::validation::date_problem(&v),
                    });
                    None
                }
            },
        };
        // Both come from their lists: nothing typed is taken for a type.
        let activity_type = match self.chosen("activity_type") {
            Some(FieldValue::Word(w)) => w.to_string(),
            _ => {
                errors.push(FieldError {
                    field: "activity_type",
                    message: format!("choose one of {}", ACTIVITY_TYPES.join(", ")),
                });
                String::new()
            }
        };
        let d = ActivityDraft {
            activity_type,
            subject: self.optional("subject"),
            description: self.optional("description"),
            due_date,
            done: matches!(self.chosen("done"), Some(FieldValue::Flag(true))),
        };
        errors.extend(crate::domain::validation::validate_activity(&d));
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }

    pub fn company_draft(&self) -> Result<CompanyDraft, Vec<FieldError>> {
        let d = CompanyDraft {
            name: self.value("name").trim().to_string(),
            legal_name: self.optional("legal_name"),
            registration_number: self.optional("registration_number"),
            email: self.optional("email"),
            phone: self.optional("phone"),
            website: self.optional("website"),
            address_line1: self.optional("address_line1"),
            address_line2: self.optional("address_line2"),
            city: self.optional("city"),
            postal_code: self.optional("postal_code"),
            country: self.optional("country").unwrap_or_else(|| "France".into()),
            is_active: yes(self.value("is_active")),
            notes: self.optional("notes"),
        };
        let errors = crate::domain::validation::validate_company(&d);
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }
}

fn yes(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "y" | "yes" | "true" | "1" | "x" | "done"
    )
}
