//! Form validation mirroring the server's pydantic schemas, so errors show
//! next to the field before anything is sent.

use super::{ActivityDraft, CompanyDraft, LeadDraft};

/// A problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn err(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

fn required(errors: &mut Vec<FieldError>, field: &'static str, v: &str, max: usize) {
    if v.trim().is_empty() {
        errors.push(err(field, "required"));
    } else if v.chars().count() > max {
        errors.push(err(field, format!("at most {max} characters")));
    }
}

fn optional(errors: &mut Vec<FieldError>, field: &'static str, v: &Option<String>, max: usize) {
    if let Some(v) = v {
        if v.chars().count() > max {
            errors.push(err(field, format!("at most {max} characters")));
        }
    }
}

/// A pragmatic version of pydantic's `EmailStr`.
pub fn is_valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn email(errors: &mut Vec<FieldError>, field: &'static str, v: &Option<String>) {
    if let Some(v) = v {
        if !is_valid_email(v) {
            errors.push(err(field, "not a valid email address"));
        }
    }
}

pub fn validate_lead(d: &LeadDraft) -> Vec<FieldError> {
    let mut e = Vec::new();
    required(&mut e, "title", &d.title, 255);
    required(&mut e, "organization", &d.organization, 255);
    required(&mut e, "contact_name", &d.contact_name, 255);
    email(&mut e, "contact_email", &d.contact_email);
    optional(&mut e, "contact_phone", &d.contact_phone, 50);
    if d.currency.chars().count() > 3 {
        e.push(err("currency", "at most 3 characters"));
    }
    if let Some(p) = d.probability {
        if !(0..=100).contains(&p) {
            e.push(err("probability", "must be between 0 and 100"));
        }
    }
    if let Some(v) = d.value {
        // numeric(12, 2)
        if v.abs() >= rust_decimal::Decimal::from(10_000_000_000i64) {
            e.push(err("value", "too large (at most 9,999,999,999.99)"));
        }
    }
    e
}

pub fn validate_company(d: &CompanyDraft) -> Vec<FieldError> {
    let mut e = Vec::new();
    required(&mut e, "name", &d.name, 255);
    optional(&mut e, "legal_name", &d.legal_name, 255);
    optional(&mut e, "registration_number", &d.registration_number, 100);
    email(&mut e, "email", &d.email);
    optional(&mut e, "phone", &d.phone, 50);
    optional(&mut e, "website", &d.website, 255);
    optional(&mut e, "address_line1", &d.address_line1, 255);
    optional(&mut e, "address_line2", &d.address_line2, 255);
    optional(&mut e, "city", &d.city, 100);
    optional(&mut e, "postal_code", &d.postal_code, 20);
    if d.country.chars().count() > 100 {
        e.push(err("country", "at most 100 characters"));
    }
    e
}

pub fn validate_activity(d: &ActivityDraft) -> Vec<FieldError> {
    let mut e = Vec::new();
    required(&mut e, "activity_type", &d.activity_type, 50);
    optional(&mut e, "subject", &d.subject, 255);
    e
}

/// Why `text` is not a date the forms take (`YYYY-MM-DD`): the month or day
/// that does not exist, or the shape expected.
pub fn date_problem(text: &str) -> String {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let ymd = match parts.as_slice() {
        [y, m, d] => (num(y, 4), num(m, 2), num(d, 2)),
        _ => (None, None, None),
    };
    let (Some(year), Some(month), Some(day)) = ymd else {
        return "use YYYY-MM-DD, e.g. 2027-03-31".into();
    };
    if !(1..=12).contains(&month) {
        return format!("no month {month}: months are 01 to 12");
    }
    let last = (28..=31)
        .rev()
        .find(|d| chrono::NaiveDate::from_ymd_opt(year as i32, month, *d).is_some())
        .unwrap_or(28);
    if day == 0 || day > last {
        let name = chrono::Month::try_from(month as u8)
            .map(|m| m.name())
            .unwrap_or("that month");
        return format!("no day {day} in {name} {year}: it has {last} days");
    }
    "use YYYY-MM-DD, e.g. 2027-03-31".into()
}

pub fn validate_note(content: &str) -> Vec<FieldError> {
    if content.trim().is_empty() {
        vec![err("content", "required")]
    } else {
        Vec::new()
    }
}

/// One message for a whole list (CLI and status bar).
pub fn summarize(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead() -> LeadDraft {
        LeadDraft {
            title: "Backup".into(),
            organization: "ACME".into(),
            contact_name: "Ann".into(),
            currency: "EUR".into(),
            ..Default::default()
        }
    }

    #[test]
    fn valid_lead_passes() {
        assert!(validate_lead(&lead()).is_empty());
    }

    #[test]
    fn lead_errors_name_their_fields() {
        let mut l = lead();
        l.title = "  ".into();
        l.contact_email = Some("not-an-email".into());
        l.probability = Some(101);
        l.contact_phone = Some("1".repeat(51));
        let fields: Vec<_> = validate_lead(&l).iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["title", "contact_email", "contact_phone", "probability"]
        );
        l = lead();
        l.organization = "x".repeat(256);
        assert_eq!(validate_lead(&l)[0].message, "at most 255 characters");
    }

    #[test]
    fn emails() {
        assert!(is_valid_email("ann@acme.fr"));
        assert!(!is_valid_email("ann@acme"));
        assert!(!is_valid_email("ann acme@x.fr"));
        assert!(!is_valid_email("@x.fr"));
        assert!(!is_valid_email("a@@x.fr"));
    }

    #[test]
    fn company_validation() {
        let mut c = CompanyDraft::default();
        assert_eq!(validate_company(&c)[0].field, "name");
        c.name = "Acme".into();
        c.postal_code = Some("123456789012345678901".into());
        assert_eq!(validate_company(&c)[0].field, "postal_code");
    }

    #[test]
    fn a_bad_date_says_what_is_wrong() {
        assert_eq!(
            date_problem("2027-13-01"),
            "no month 13: months are 01 to 12"
        );
        assert_eq!(
            date_problem("2027-02-29"),
            "no day 29 in February 2027: it has 28 days"
        );
        assert_eq!(
            date_problem("2027-04-31"),
            "no day 31 in April 2027: it has 30 days"
        );
        assert!(date_problem("31/12/2027").starts_with("use YYYY-MM-DD"));
        assert!(date_problem("2027-1-5").starts_with("use YYYY-MM-DD"));
    }
}
