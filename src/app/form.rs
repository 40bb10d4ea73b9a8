//! A small form: labelled text fields with per-field errors. Used for lead,
//! activity, note, reason and company input. Nothing typed is lost on an
//! error: the form stays open with its values until it is saved or dismissed.

use super::choice::{Choice, FieldValue};
use super::keymap::{self, Action};
use super::pick::{PickEvent, PickList};
use crate::domain::validation::FieldError;
use crate::domain::*;
use crossterm::event::{Event, KeyCode, KeyEvent};
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
    /// Filled from a list (its text is the chosen value's key).
    pub choice: Option<Choice>,
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
    /// The list of the focused list field, while it is open.
    pub pick: Option<PickList<FieldValue>>,
}

/// Said under a form whose fields are marked; cleared once they are fixed.
pub const FIX_FIELDS: &str = "Fix the marked fields";

pub enum FormEvent {
    /// Ctrl-E: edit the focused field in `$EDITOR`.
    Edit,
    None,
    Submit,
    Cancel,
}

pub(super) fn field(
    name: &'static str,
    label: &'static str,
    value: &str,
    hint: &'static str,
) -> Field {
    Field {
        name,
        label,
        input: Input::new(value.to_string()),
        error: None,
        hint,
        secret: false,
        choice: None,
    }
}

/// A field filled from `choice`, holding `value` to start with.
pub(super) fn listed(
    name: &'static str,
    label: &'static str,
    choice: Choice,
    value: Option<FieldValue>,
    hint: &'static str,
) -> Field {
    let key = value.map(|v| v.key()).unwrap_or_default();
    Field {
        choice: Some(choice),
        ..field(name, label, &key, hint)
    }
}

pub(super) fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

impl Form {
    pub(super) fn new(title: impl Into<String>, purpose: FormPurpose, fields: Vec<Field>) -> Self {
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
            pick: None,
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

    pub fn value(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.input.value())
            .unwrap_or("")
    }

    pub(super) fn optional(&self, name: &str) -> Option<String> {
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

    /// The value chosen in list field `name`, if it holds one of its items.
    pub fn chosen(&self, name: &str) -> Option<&FieldValue> {
        let f = self.fields.iter().find(|f| f.name == name)?;
        f.choice.as_ref()?.item(f.input.value()).map(|i| &i.value)
    }

    /// Gives list field `name` its items (kept: the value it holds).
    pub fn set_choice(&mut self, name: &str, choice: Choice) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.name == name) {
            f.choice = Some(choice);
        }
    }

    /// Puts `value` in list field `name`.
    pub fn choose(&mut self, name: &str, value: &FieldValue) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.name == name) {
            f.input = Input::new(value.key());
            f.error = None;
        }
    }

    /// What a field shows: a list field its chosen label, others their text.
    pub fn shown(&self, i: usize) -> String {
        let Some(f) = self.fields.get(i) else {
            return String::new();
        };
        match &f.choice {
            Some(c) => c
                .item(f.input.value())
                .map(|i| i.label.clone())
                .unwrap_or_default(),
            None => f.input.value().to_string(),
        }
    }

    /// Keys while a list field's list is open.
    fn pick_key(&mut self, keys: &keymap::Keymap, key: &KeyEvent) -> FormEvent {
        let Some(list) = self.pick.as_mut() else {
            return FormEvent::None;
        };
        match list.handle_key(keys, key) {
            PickEvent::None => {}
            PickEvent::Closed => self.pick = None,
            PickEvent::Refused(why) => {
                if let Some(f) = self.fields.get_mut(self.focus) {
                    f.error = Some(why);
                }
            }
            PickEvent::Chosen(_, value) => {
                self.pick = None;
                if let Some(f) = self.fields.get_mut(self.focus) {
                    f.input = Input::new(value.key());
                    f.error = None;
                }
                if self.focus + 1 < self.fields.len() {
                    self.focus += 1;
                }
            }
        }
        FormEvent::None
    }

    /// Opens the focused list field's list, narrowed by `typed` if given;
    /// a field that cannot change says why instead.
    fn open_pick(&mut self, keys: &keymap::Keymap, typed: Option<&KeyEvent>) {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        let Some(choice) = &f.choice else {
            return;
        };
        if let Some(why) = &choice.fixed {
            f.error = Some(why.clone());
            return;
        }
        let mut list = choice.list(f.label, f.input.value());
        if let Some(k) = typed {
            list.typing = true;
            list.handle_key(keys, k);
        }
        self.pick = Some(list);
    }

    /// Whether the focused field is a yes/no toggle.
    fn is_toggle(&self) -> bool {
        self.fields
            .get(self.focus)
            .and_then(|f| f.choice.as_ref())
            .is_some_and(|c| {
                c.items
                    .iter()
                    .all(|i| matches!(i.value, FieldValue::Flag(_)))
            })
    }

    /// Sets the focused toggle to `to`, or flips it.
    fn toggle(&mut self, to: Option<bool>) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            let now = f.input.value() == FieldValue::Flag(true).key();
            f.input = Input::new(FieldValue::Flag(to.unwrap_or(!now)).key());
            f.error = None;
        }
    }

    /// Keys resolve through the keymap's `Form` context; anything else
    /// is typed into the focused field (or opens its list).
    pub fn handle_key(&mut self, keys: &keymap::Keymap, key: &KeyEvent) -> FormEvent {
        let event = self.key(keys, key);
        // Once every marked field is fixed, the form stops saying to fix them.
        if self.error.as_deref() == Some(FIX_FIELDS)
            && self.fields.iter().all(|f| f.error.is_none())
        {
            self.error = None;
        }
        event
    }

    fn key(&mut self, keys: &keymap::Keymap, key: &KeyEvent) -> FormEvent {
        if self.pick.is_some() {
            return self.pick_key(keys, key);
        }
        let n = self.fields.len().max(1);
        let choice = self.fields.get(self.focus).and_then(|f| f.choice.as_ref());
        let (listed, fixed) = (choice.is_some(), choice.is_some_and(|c| c.fixed.is_some()));
        match keys.action_for(keymap::Context::Form, key) {
            Some(Action::EnterField) if listed && !fixed && !self.is_toggle() => {
                self.open_pick(keys, None)
            }
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
                if self
                    .fields
                    .get(self.focus)
                    .is_some_and(|f| !f.secret && f.choice.is_none())
                {
                    return FormEvent::Edit;
                }
            }
            Some(Action::NextField) => self.focus = (self.focus + 1) % n,
            Some(Action::PrevField) => self.focus = (self.focus + n - 1) % n,
            // A yes/no field is a toggle: Space flips it, y and n set it.
            _ if listed && !fixed && self.is_toggle() => match key.code {
                KeyCode::Char(' ') => self.toggle(None),
                KeyCode::Char('y') => self.toggle(Some(true)),
                KeyCode::Char('n') => self.toggle(Some(false)),
                _ => {}
            },
            // A letter narrows the list at once; Space just opens it.
            _ if listed => match key.code {
                KeyCode::Char(' ') => self.open_pick(keys, None),
                KeyCode::Char(_) => self.open_pick(keys, Some(key)),
                _ => {}
            },
            _ => {
                if let Some(f) = self.fields.get_mut(self.focus) {
                    f.input.handle_event(&Event::Key(*key));
                    f.error = None;
                }
            }
        }
        FormEvent::None
    }
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
        f.focus = 10; // probability
        type_into(&mut f, "150");
        let errors = f.lead_draft(&LeadDraft::default()).unwrap_err();
        let names: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert!(
            names.contains(&"organization") && names.contains(&"probability"),
            "{names:?}"
        );
        f.set_errors(&errors);
        assert_eq!(f.value("title"), "Big deal");
        assert!(f.fields[4].error.is_some());
        assert_eq!(f.focus, 4);
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
