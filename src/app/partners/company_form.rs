//! Saving the company form. An edit carries the company as read when the
//! form opened; the backend writes only what the form changes from it, and
//! refuses when the company has changed since. Then the form moves onto
//! the company as it is now: fields left alone take the current values,
//! typed ones are kept, and where someone else changed a field that was
//! typed too, the current value is shown on it. Saving again writes what
//! was typed over the current version.

use super::ChannelMsg;
use crate::app::form::{Form, FormPurpose};
use crate::app::msg::{Msg, Reload};
use crate::app::*;
use crate::domain::edits::fields_differing;
use crate::domain::validation::FieldError;

/// The server's uniqueness refusal names a field: show it there too.
pub(in crate::app) fn rule_on_field(form: &mut Form, e: &BackendError) {
    let company_form = matches!(
        form.purpose,
        FormPurpose::NewCompany(_) | FormPurpose::EditCompany(..)
    );
    if let (true, BackendError::Rule(text)) = (company_form, e) {
        if text.contains("registration number") {
            if let Some(i) = form
                .fields
                .iter()
                .position(|f| f.name == "registration_number")
            {
                form.fields[i].error = Some("already used by another company".into());
                form.focus = i;
            }
        }
    }
}

impl App {
    /// Validates, then starts the save; the form stays until it succeeds.
    pub(in crate::app) fn submit_company(&mut self, form: &mut Form) {
        let draft = match form.company_draft() {
            Ok(d) => d,
            Err(errors) => {
                form.set_errors(&errors);
                return;
            }
        };
        let b = self.session.backend.clone();
        let (kind, read) = match form.purpose.clone() {
            FormPurpose::NewCompany(kind) => (kind, None),
            FormPurpose::EditCompany(kind, read) => (kind, Some(read)),
            _ => return,
        };
        form.submitting = true;
        let what = format!("Saved {} {}", kind.label(), draft.name);
        let Some(read) = read else {
            form.request = Some(self.write(what, Reload::Companies, async move {
                b.create_company(kind, &draft).await.map(|_| ())
            }));
            return;
        };
        form.request = Some(self.call(async move {
            let result = b.update_company(kind, read.id, &draft, Some(&read)).await;
            // A conflict brings the company as it is now, to rebase onto.
            let current = match &result {
                Err(BackendError::Conflict { .. }) => b.get_company(kind, read.id).await.ok(),
                _ => None,
            };
            Msg::Channel(ChannelMsg::CompanySaved {
                id: read.id,
                what,
                result,
                current: current.map(Box::new),
            })
        }));
    }

    /// The answer to a company edit, applied to the form that sent it.
    pub(super) fn company_saved(
        &mut self,
        id: Id,
        what: String,
        result: Result<Company, BackendError>,
        current: Option<Box<Company>>,
    ) {
        let at = self.overlays.iter().position(|o| {
            matches!(o, Overlay::Form(f) if f.submitting
                && matches!(&f.purpose, FormPurpose::EditCompany(_, c) if c.id == id))
        });
        match result {
            Ok(_) => {
                if let Some(i) = at {
                    self.overlays.remove(i);
                }
                self.notice(what);
            }
            Err(e) if e.needs_login() => self.failed(&format!("{what}: failed"), e),
            Err(e) => {
                let text = e.to_string();
                match at.map(|i| &mut self.overlays[i]) {
                    Some(Overlay::Form(f)) => {
                        f.submitting = false;
                        f.request = None;
                        f.set_errors(e.field_errors());
                        rule_on_field(f, &e);
                        f.error = Some(text.clone());
                        if let (BackendError::Conflict { .. }, Some(now)) = (&e, current) {
                            if rebase(f, *now) {
                                f.error = Some(format!(
                                    "{text} The form now shows the current values; what you \
                                     typed is kept. Save again to apply it."
                                ));
                            }
                        }
                        self.error(text);
                    }
                    _ => self.error(format!("{what}: {text}")),
                }
            }
        }
        self.load_companies();
    }
}

/// Moves an edit form onto `now` (see the module doc). False when the form
/// could not be read back (then it stays on the old version, and saving
/// again is refused again rather than overwriting anything).
fn rebase(form: &mut Form, now: Company) -> bool {
    let FormPurpose::EditCompany(kind, read) = &form.purpose else {
        return false;
    };
    let Ok(typed) = form.company_draft() else {
        return false;
    };
    let kind = *kind;
    let was = CompanyDraft::from_company(read);
    let current = CompanyDraft::from_company(&now);
    // The current values as the form writes them ("yes"/"no", blank for none).
    let shown = Form::company(FormPurpose::NewCompany(kind), &current);
    let mine = fields_differing(&was, &typed);
    let mut clashes = Vec::new();
    for f in fields_differing(&was, &current) {
        let value = shown.value(f.name()).to_string();
        if !mine.contains(&f) {
            if let Some(field) = form.fields.iter_mut().find(|x| x.name == f.name()) {
                field.input = tui_input::Input::new(value);
            }
        } else if !fields_differing(&typed, &current).contains(&f) {
            // Both typed the same value: nothing to say.
        } else {
            let now = if value.is_empty() {
                "now empty".to_string()
            } else {
                format!("now “{value}”")
            };
            clashes.push(FieldError {
                field: f.name(),
                message: format!("{now}: changed by someone else too"),
            });
        }
    }
    form.purpose = FormPurpose::EditCompany(kind, Box::new(now));
    form.set_errors(&clashes);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Utc};

    fn company() -> Company {
        let now = Utc::now();
        Company::from_draft(
            uuid::Uuid::new_v4(),
            &CompanyDraft {
                name: "Alpine Systems".into(),
                city: Some("Grenoble".into()),
                phone: Some("+33 1".into()),
                notes: Some("old".into()),
                ..Default::default()
            },
            now,
            now,
        )
    }

    fn set(form: &mut Form, name: &str, value: &str) {
        let f = form
            .fields
            .iter_mut()
            .find(|f| f.name == name)
            .expect("field");
        f.input = tui_input::Input::new(value.to_string());
    }

    #[test]
    fn rebase_keeps_what_was_typed_and_takes_the_rest_from_now() {
        let read = company();
        let purpose = FormPurpose::EditCompany(CompanyKind::Partner, Box::new(read.clone()));
        let mut form = Form::company(purpose, &CompanyDraft::from_company(&read));
        set(&mut form, "city", "Lyon");
        set(&mut form, "notes", "mine");
        // Someone else changed the phone, the notes and deactivated it.
        let mut now = read.clone();
        now.phone = Some("+33 2".into());
        now.notes = Some("theirs".into());
        now.is_active = false;
        now.updated_at = read.updated_at + Duration::seconds(3);

        assert!(rebase(&mut form, now.clone()));
        assert_eq!(form.value("city"), "Lyon", "typed, kept");
        assert_eq!(form.value("notes"), "mine", "typed, kept");
        assert_eq!(form.value("phone"), "+33 2", "theirs, taken");
        assert_eq!(form.value("is_active"), "no", "theirs, taken");
        let notes = form
            .fields
            .iter()
            .find(|f| f.name == "notes")
            .expect("notes");
        assert_eq!(
            notes.error.as_deref(),
            Some("now “theirs”: changed by someone else too")
        );
        assert!(form
            .fields
            .iter()
            .filter(|f| f.name != "notes")
            .all(|f| f.error.is_none()));
        match &form.purpose {
            FormPurpose::EditCompany(_, base) => assert_eq!(**base, now),
            other => panic!("purpose {other:?}"),
        }
        // What a second save would send: only the typed fields, over `now`.
        let draft = form.company_draft().expect("valid");
        let changes = draft.changes_from(&now);
        let names: Vec<&str> = changes.iter().map(|f| f.name()).collect();
        assert_eq!(names, vec!["city", "notes"]);
    }
}
