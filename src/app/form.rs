//! A small form: labelled text fields with per-field errors. Used for lead,
//! activity, note, reason and company input. Nothing typed is lost on an
//! error: the form stays open with its values until it is saved or dismissed.

use super::keymap::{self, Action};
use crate::domain::validation::FieldError;
use crate::domain::*;
use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;
use tui_input::Input;

#[derive(Debug, Clone)]
pub struct Field {
    /// Matches the server's field name, so its errors land here.
    pub name: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub error: Option<String>,
    pub hint: &'static str,
    /// Drawn as bullets (passwords, API keys).
    pub secret: bool,
}

/// What the form is for, with the ids it acts on (kept in drafts files).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FormPurpose {
    NewLead,
    EditLead {
        id: Id,
        updated_at: Timestamp,
    },
    LeadNote {
        id: Id,
    },
    LeadActivity {
        id: Id,
    },
    MoveReason {
        ids: Vec<Id>,
        status: LeadStatus,
    },
    SignIn,
    NewCompany(CompanyKind),

    /// With the company as read when the form opened: only what is
    /// changed from it is saved, and a company changed since is a conflict.
    EditCompany(CompanyKind, Box<Company>),
    OrderNote {
        id: Id,
    },
    ContractNote {
        id: Id,
    },
    OrderStatus {
        id: Id,
        status: OrderStatus,
    },
    ContractStatus {
        ids: Vec<Id>,
        status: ContractStatus,
    },
    ActivateOrder {
        id: Id,
    },
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub purpose: FormPurpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub submitting: bool,
    /// The values as the form opened: anything else is unsaved work.
    pub pristine: Vec<String>,
    /// When the last save was sent.
    pub sent_at: Option<Timestamp>,
    /// Set when a save's answer never came: the next save looks first.
    pub doubt: Option<Timestamp>,
    /// The save in flight: its answer comes back to this form only.
    pub request: Option<crate::app::requests::ReqId>,
    pub error: Option<String>,
}

pub enum FormEvent {
    /// Ctrl-E: edit the focused field in `$EDITOR`.
    Edit,
    None,
    Submit,
    Cancel,
}

fn field(name: &'static str, label: &'static str, value: &str, hint: &'static str) -> Field {
    Field {
        name,
        label,
        input: Input::new(value.to_string()),
        error: None,
        hint,
        secret: false,
    }
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

impl Form {
    fn new(title: impl Into<String>, purpose: FormPurpose, fields: Vec<Field>) -> Self {
        let pristine = fields.iter().map(|f| f.input.value().to_string()).collect();
        Form {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            submitting: false,
            pristine,
            sent_at: None,
            doubt: None,
            request: None,
            error: None,
        }
    }

    /// Whether anything was typed since the form opened (secrets aside:
    /// they are never kept).
    pub fn is_dirty(&self) -> bool {
        self.purpose != FormPurpose::SignIn
            && self
                .fields
                .iter()
                .zip(&self.pristine)
                .any(|(f, p)| !f.secret && f.input.value() != p)
    }

    /// The fields' current values by name (for a draft).
    pub fn values(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter(|f| !f.secret)
            .map(|f| (f.name.to_string(), f.input.value().to_string()))
            .collect()
    }

    /// A form as it was when its draft was kept: the same fields for its
    /// purpose, with the values typed then. None for the sign-in form.
    pub fn restore(title: &str, purpose: FormPurpose, values: &[(String, String)]) -> Option<Self> {
        let mut form = match &purpose {
            FormPurpose::SignIn => return None,
            FormPurpose::NewLead | FormPurpose::EditLead { .. } => {
                Form::lead(purpose.clone(), &LeadDraft::default())
            }
            FormPurpose::LeadNote { .. }
            | FormPurpose::OrderNote { .. }
            | FormPurpose::ContractNote { .. } => {
                Form::text(title.to_string(), purpose.clone(), "Note", "content")
            }
            FormPurpose::MoveReason { .. }
            | FormPurpose::OrderStatus { .. }
            | FormPurpose::ContractStatus { .. } => {
                Form::text(title.to_string(), purpose.clone(), "Reason", "reason")
            }
            FormPurpose::LeadActivity { id } => Form::activity(*id),
            FormPurpose::NewCompany(_) | FormPurpose::EditCompany(..) => {
                Form::company(purpose.clone(), &CompanyDraft::default())
            }
            FormPurpose::ActivateOrder { id } => Form::activation(title.to_string(), *id, ""),
        };
        form.title = title.to_string();
        for f in form.fields.iter_mut() {
            if let Some((_, v)) = values.iter().find(|(n, _)| n == f.name) {
                f.input = Input::new(v.clone());
            }
        }
        Some(form)
    }

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
                field(
                    "activity_type",
                    "Type",
                    "call",
                    "call, email, meeting, task, note",
                ),
                field("subject", "Subject", "", ""),
                field("description", "Description", "", ""),
                field("due_date", "Due date", "", "YYYY-MM-DD"),
                field("done", "Done", "no", "yes / no"),
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

    pub fn value(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.input.value())
            .unwrap_or("")
    }

    fn optional(&self, name: &str) -> Option<String> {
        let v = self.value(name).trim();
        (!v.is_empty()).then(|| v.to_string())
    }

    pub fn set_errors(&mut self, errors: &[FieldError]) {
        for f in &mut self.fields {
            f.error = errors
                .iter()
                .find(|e| e.field == f.name)
                .map(|e| e.message.clone());
        }
        if let Some(first) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = first;
        }
    }

    /// Keys resolve through the keymap's `Form` context; anything else
    /// is typed into the focused field.
    pub fn handle_key(&mut self, keys: &keymap::Keymap, key: &KeyEvent) -> FormEvent {
        let n = self.fields.len().max(1);
        match keys.action_for(keymap::Context::Form, key) {
            Some(Action::Close) => return FormEvent::Cancel,
            Some(Action::Save) => return FormEvent::Submit,
            Some(Action::EnterField) => {
                if self.focus + 1 < self.fields.len() {
                    self.focus += 1;
                    return FormEvent::None;
                }
                return FormEvent::Submit;
            }
            Some(Action::ExternalEdit) => {
                // Never a secret: it would land in a file on disk.
                if self.fields.get(self.focus).is_some_and(|f| !f.secret) {
                    return FormEvent::Edit;
                }
            }
            Some(Action::NextField) => self.focus = (self.focus + 1) % n,
            Some(Action::PrevField) => self.focus = (self.focus + n - 1) % n,
            _ => {
                if let Some(f) = self.fields.get_mut(self.focus) {
                    f.input.handle_event(&Event::Key(*key));
                    f.error = None;
                }
            }
        }
        FormEvent::None
    }

    /// Parses the lead fields; parse problems are field errors.
    pub fn lead_draft(&self, base: &LeadDraft) -> Result<LeadDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut d = base.clone();
        d.title = self.value("title").trim().to_string();
        d.organization = self.value("organization").trim().to_string();
        d.contact_name = self.value("contact_name").trim().to_string();
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
                        message: "use YYYY-MM-DD".into(),
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
                        message: "use YYYY-MM-DD".into(),
                    });
                    None
                }
            },
        };
        let d = ActivityDraft {
            activity_type: self.value("activity_type").trim().to_string(),
            subject: self.optional("subject"),
            description: self.optional("description"),
            due_date,
            done: yes(self.value("done")),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn type_into(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.handle_key(
                &keymap::Keymap::default(),
                &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            );
        }
    }

    #[test]
    fn bad_input_keeps_values_and_flags_fields() {
        let mut f = Form::lead(
            FormPurpose::NewLead,
            &LeadDraft {
                currency: "EUR".into(),
                ..Default::default()
            },
        );
        type_into(&mut f, "Big deal");
        f.focus = 7; // probability
        type_into(&mut f, "150");
        let errors = f.lead_draft(&LeadDraft::default()).unwrap_err();
        let names: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert!(
            names.contains(&"organization") && names.contains(&"probability"),
            "{names:?}"
        );
        f.set_errors(&errors);
        assert_eq!(f.value("title"), "Big deal");
        assert!(f.fields[1].error.is_some());
        assert_eq!(f.focus, 1);
    }

    #[test]
    fn enter_walks_fields_then_submits() {
        let mut f = Form::text(
            "Note",
            FormPurpose::LeadNote { id: Id::nil() },
            "Note",
            "content",
        );
        type_into(&mut f, "hello");
        assert!(matches!(
            f.handle_key(
                &keymap::Keymap::default(),
                &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
            ),
            FormEvent::Submit
        ));
        assert_eq!(f.value("content"), "hello");
    }
}
