//! Edits made against what was read, so none loses another's update: which
//! fields an edit changes (only those are written), whether the record has
//! moved on since it was read (then the edit is refused), and the words of
//! that refusal, which name the current values.

use super::{Company, CompanyDraft, CompanyKind, User};
use std::fmt::Write as _;

/// A field of a company form, named as on the wire and in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompanyField {
    Name,
    LegalName,
    RegistrationNumber,
    Email,
    Phone,
    Website,
    AddressLine1,
    AddressLine2,
    City,
    PostalCode,
    Country,
    IsActive,
    Notes,
}

/// One field's value, for comparing and for saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    Text(Option<&'a str>),
    Flag(bool),
}

impl CompanyField {
    pub const ALL: [CompanyField; 13] = [
        CompanyField::Name,
        CompanyField::LegalName,
        CompanyField::RegistrationNumber,
        CompanyField::Email,
        CompanyField::Phone,
        CompanyField::Website,
        CompanyField::AddressLine1,
        CompanyField::AddressLine2,
        CompanyField::City,
        CompanyField::PostalCode,
        CompanyField::Country,
        CompanyField::IsActive,
        CompanyField::Notes,
    ];

    /// The wire and column name.
    pub fn name(self) -> &'static str {
        match self {
            CompanyField::Name => "name",
            CompanyField::LegalName => "legal_name",
            CompanyField::RegistrationNumber => "registration_number",
            CompanyField::Email => "email",
            CompanyField::Phone => "phone",
            CompanyField::Website => "website",
            CompanyField::AddressLine1 => "address_line1",
            CompanyField::AddressLine2 => "address_line2",
            CompanyField::City => "city",
            CompanyField::PostalCode => "postal_code",
            CompanyField::Country => "country",
            CompanyField::IsActive => "is_active",
            CompanyField::Notes => "notes",
        }
    }

    /// In words, for messages.
    pub fn label(self) -> &'static str {
        match self {
            CompanyField::Name => "name",
            CompanyField::LegalName => "legal name",
            CompanyField::RegistrationNumber => "registration number",
            CompanyField::Email => "email",
            CompanyField::Phone => "phone",
            CompanyField::Website => "website",
            CompanyField::AddressLine1 => "address",
            CompanyField::AddressLine2 => "address line 2",
            CompanyField::City => "city",
            CompanyField::PostalCode => "postal code",
            CompanyField::Country => "country",
            CompanyField::IsActive => "active",
            CompanyField::Notes => "notes",
        }
    }

    pub fn value(self, d: &CompanyDraft) -> FieldValue<'_> {
        use FieldValue::Text;
        match self {
            CompanyField::Name => Text(Some(&d.name)),
            CompanyField::LegalName => Text(d.legal_name.as_deref()),
            CompanyField::RegistrationNumber => Text(d.registration_number.as_deref()),
            CompanyField::Email => Text(d.email.as_deref()),
            CompanyField::Phone => Text(d.phone.as_deref()),
            CompanyField::Website => Text(d.website.as_deref()),
            CompanyField::AddressLine1 => Text(d.address_line1.as_deref()),
            CompanyField::AddressLine2 => Text(d.address_line2.as_deref()),
            CompanyField::City => Text(d.city.as_deref()),
            CompanyField::PostalCode => Text(d.postal_code.as_deref()),
            CompanyField::Country => Text(Some(&d.country)),
            CompanyField::IsActive => FieldValue::Flag(d.is_active),
            CompanyField::Notes => Text(d.notes.as_deref()),
        }
    }

    /// Copies this field from `from` into `into`.
    pub fn copy(self, from: &CompanyDraft, into: &mut CompanyDraft) {
        match self {
            CompanyField::Name => into.name = from.name.clone(),
            CompanyField::LegalName => into.legal_name = from.legal_name.clone(),
            CompanyField::RegistrationNumber => {
                into.registration_number = from.registration_number.clone()
            }
            CompanyField::Email => into.email = from.email.clone(),
            CompanyField::Phone => into.phone = from.phone.clone(),
            CompanyField::Website => into.website = from.website.clone(),
            CompanyField::AddressLine1 => into.address_line1 = from.address_line1.clone(),
            CompanyField::AddressLine2 => into.address_line2 = from.address_line2.clone(),
            CompanyField::City => into.city = from.city.clone(),
            CompanyField::PostalCode => into.postal_code = from.postal_code.clone(),
            CompanyField::Country => into.country = from.country.clone(),
            CompanyField::IsActive => into.is_active = from.is_active,
            CompanyField::Notes => into.notes = from.notes.clone(),
        }
    }

    /// “city “Lyon””, “no legal name”, “inactive”.
    pub fn describe(self, d: &CompanyDraft) -> String {
        match self.value(d) {
            FieldValue::Flag(true) => "active".into(),
            FieldValue::Flag(false) => "inactive".into(),
            FieldValue::Text(Some(v)) => format!("{} “{v}”", self.label()),
            FieldValue::Text(None) => format!("no {}", self.label()),
        }
    }
}

impl CompanyDraft {
    /// As a save stores it: the name trimmed, blank optional fields none,
    /// a blank country the default.
    pub fn normalized(&self) -> CompanyDraft {
        let clean = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        CompanyDraft {
            name: self.name.trim().to_string(),
            legal_name: clean(&self.legal_name),
            registration_number: clean(&self.registration_number),
            email: clean(&self.email),
            phone: clean(&self.phone),
            website: clean(&self.website),
            address_line1: clean(&self.address_line1),
            address_line2: clean(&self.address_line2),
            city: clean(&self.city),
            postal_code: clean(&self.postal_code),
            country: if self.country.trim().is_empty() {
                CompanyDraft::default().country
            } else {
                self.country.clone()
            },
            is_active: self.is_active,
            notes: clean(&self.notes),
        }
    }

    /// The fields this draft would change in `base`, as stored.
    pub fn changes_from(&self, base: &Company) -> Vec<CompanyField> {
        fields_differing(&CompanyDraft::from_company(base), self)
    }

    /// `self` with `fields` taken from `from`.
    pub fn with_fields(&self, from: &CompanyDraft, fields: &[CompanyField]) -> CompanyDraft {
        let mut out = self.clone();
        for f in fields {
            f.copy(from, &mut out);
        }
        out
    }
}

/// The fields whose stored values differ between two drafts.
pub fn fields_differing(a: &CompanyDraft, b: &CompanyDraft) -> Vec<CompanyField> {
    let (a, b) = (a.normalized(), b.normalized());
    CompanyField::ALL
        .into_iter()
        .filter(|f| f.value(&a) != f.value(&b))
        .collect()
}

/// Whether a company is still as it was read (same version, same values).
pub fn company_unchanged(read: &Company, current: &Company) -> bool {
    read.updated_at == current.updated_at
        && fields_differing(
            &CompanyDraft::from_company(read),
            &CompanyDraft::from_company(current),
        )
        .is_empty()
}

/// The refusal of an edit of `read` now that the company is `current`:
/// who changed it when, and its values now where they differ.
pub fn company_conflict(read: &Company, current: &Company) -> String {
    let (was, now) = (
        CompanyDraft::from_company(read),
        CompanyDraft::from_company(current),
    );
    let changed = fields_differing(&was, &now);
    let mut text = format!(
        "“{}” was changed by someone else at {} UTC",
        current.name,
        current.updated_at.format("%Y-%m-%d %H:%M:%S")
    );
    if changed.is_empty() {
        text.push_str(" (its values are the ones you read)");
    } else {
        let now_values: Vec<String> = changed.iter().map(|f| f.describe(&now)).collect();
        let _ = write!(text, ": it now has {}", now_values.join(", "));
    }
    text.push_str(". Nothing was saved.");
    text
}

/// Whether what an administrator manages about a user (enabled, role,
/// company) is still as it was read. Sign-ins move `updated_at` and
/// `last_login` on; they are not a conflict.
pub fn user_unchanged(read: &User, current: &User) -> bool {
    (
        read.is_enabled,
        read.role,
        read.partner_id,
        read.distributor_id,
    ) == (
        current.is_enabled,
        current.role,
        current.partner_id,
        current.distributor_id,
    )
}

/// The refusal of a change to a user read as something else: what it is
/// now. `company` is its company's kind and name, where it has one.
pub fn user_conflict(current: &User, company: Option<(CompanyKind, &str)>) -> String {
    let company = match company {
        Some((kind, name)) => format!("at {} “{name}”", kind.label()),
        None => "with no company".into(),
    };
    format!(
        "{} was changed by someone else at {} UTC: now {}, role {}, {company}. Nothing was changed.",
        current.display_name(),
        current.updated_at.format("%Y-%m-%d %H:%M:%S"),
        if current.is_enabled {
            "enabled"
        } else {
            "disabled"
        },
        current.role.label()
    )
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
                legal_name: Some("Alpine Systems SAS".into()),
                city: Some("Grenoble".into()),
                ..Default::default()
            },
            now,
            now,
        )
    }

    #[test]
    fn only_the_fields_typed_differently_change() {
        let c = company();
        let mut d = CompanyDraft::from_company(&c);
        assert!(d.changes_from(&c).is_empty());
        d.is_active = false;
        d.city = Some("Lyon".into());
        // Blank and absent are the same stored value; so are padded names.
        d.legal_name = Some("Alpine Systems SAS".into());
        d.notes = Some("  ".into());
        d.name = " Alpine Systems ".into();
        assert_eq!(
            d.changes_from(&c),
            vec![CompanyField::City, CompanyField::IsActive]
        );
        let applied = CompanyDraft::from_company(&c).with_fields(&d, &d.changes_from(&c));
        assert_eq!(applied.city.as_deref(), Some("Lyon"));
        assert!(!applied.is_active);
        assert_eq!(applied.name, "Alpine Systems");
    }

    #[test]
    fn a_newer_version_or_other_values_are_a_change() {
        let c = company();
        assert!(company_unchanged(&c, &c.clone()));
        let mut later = c.clone();
        later.updated_at = c.updated_at + Duration::microseconds(1);
        assert!(!company_unchanged(&c, &later));
        let mut edited = c.clone();
        edited.city = Some("Lyon".into());
        assert!(!company_unchanged(&c, &edited));
    }

    #[test]
    fn the_conflict_names_the_current_values() {
        let c = company();
        let mut now = c.clone();
        now.city = None;
        now.is_active = false;
        now.updated_at = c.updated_at + Duration::seconds(5);
        let text = company_conflict(&c, &now);
        assert!(text.contains("no city"), "{text}");
        assert!(text.contains("inactive"), "{text}");
        assert!(!text.contains("legal name"), "{text}");
        assert!(text.contains("Nothing was saved"), "{text}");
        let mut renamed = c.clone();
        renamed.name = "Alpine Group".into();
        assert!(company_conflict(&c, &renamed).contains("name “Alpine Group”"));
    }
}
