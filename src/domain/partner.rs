//! Partners and distributors (the same shape on the wire) and their links.

use super::serde_util::utc;
use super::{Id, Timestamp};
use serde::{Deserialize, Serialize};

/// `PartnerResponse` / `DistributorResponse`: the two share every field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: Id,
    pub name: String,
    pub legal_name: Option<String>,
    pub registration_number: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
    #[serde(default = "default_country")]
    pub country: String,
    pub is_active: bool,
    pub notes: Option<String>,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}

pub type Partner = Company;
pub type Distributor = Company;

fn default_country() -> String {
    "France".into()
}

/// Which of the two company tables a record lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompanyKind {
    Partner,
    Distributor,
}

impl CompanyKind {
    pub fn label(self) -> &'static str {
        match self {
            CompanyKind::Partner => "partner",
            CompanyKind::Distributor => "distributor",
        }
    }
    pub fn plural(self) -> &'static str {
        match self {
            CompanyKind::Partner => "partners",
            CompanyKind::Distributor => "distributors",
        }
    }
}

/// `PartnerCreate` / `DistributorCreate` (and the full update body).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyDraft {
    pub name: String,
    pub legal_name: Option<String>,
    pub registration_number: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub country: String,
    pub is_active: bool,
    pub notes: Option<String>,
}

impl Default for CompanyDraft {
    fn default() -> Self {
        CompanyDraft {
            name: String::new(),
            legal_name: None,
            registration_number: None,
            email: None,
            phone: None,
            website: None,
            address_line1: None,
            address_line2: None,
            city: None,
            postal_code: None,
            country: default_country(),
            is_active: true,
            notes: None,
        }
    }
}

impl CompanyDraft {
    pub fn from_company(c: &Company) -> Self {
        CompanyDraft {
            name: c.name.clone(),
            legal_name: c.legal_name.clone(),
            registration_number: c.registration_number.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            website: c.website.clone(),
            address_line1: c.address_line1.clone(),
            address_line2: c.address_line2.clone(),
            city: c.city.clone(),
            postal_code: c.postal_code.clone(),
            country: c.country.clone(),
            is_active: c.is_active,
            notes: c.notes.clone(),
        }
    }
}

impl Company {
    /// The company a save of `d` stores ([`CompanyDraft::normalized`]).
    pub fn from_draft(
        id: Id,
        d: &CompanyDraft,
        created_at: Timestamp,
        updated_at: Timestamp,
    ) -> Company {
        let d = d.normalized();
        Company {
            id,
            name: d.name,
            legal_name: d.legal_name,
            registration_number: d.registration_number,
            email: d.email,
            phone: d.phone,
            website: d.website,
            address_line1: d.address_line1,
            address_line2: d.address_line2,
            city: d.city,
            postal_code: d.postal_code,
            country: d.country,
            is_active: d.is_active,
            notes: d.notes,
            created_at,
            updated_at,
        }
    }
}

/// `DistributorPartnerResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistributorPartnerLink {
    pub id: Id,
    pub distributor_id: Id,
    pub partner_id: Id,
    pub partner: Company,
    #[serde(with = "utc")]
    pub assigned_at: Timestamp,
    /// Not in the API's response; known on the demo and PostgreSQL backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_by: Option<Id>,
    pub is_active: bool,
    pub notes: Option<String>,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
}
