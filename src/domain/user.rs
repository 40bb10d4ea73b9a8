//! Users: regular accounts with roles, and the signed-in identity.

use super::serde_util::{utc, utc_opt};
use super::{Id, Timestamp, UserRole, UserType};
use serde::{Deserialize, Serialize};

/// `UserResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: Id,
    pub provider: String,
    pub provider_id: String,
    pub email: String,
    pub full_name: Option<String>,
    pub username: Option<String>,
    pub role: UserRole,
    pub is_enabled: bool,
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
    pub enabled_by: Option<Id>,
    #[serde(with = "utc_opt", default)]
    pub enabled_at: Option<Timestamp>,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc")]
    pub updated_at: Timestamp,
    #[serde(with = "utc_opt", default)]
    pub last_login: Option<Timestamp>,
}

impl User {
    pub fn display_name(&self) -> &str {
        self.full_name
            .as_deref()
            .or(self.username.as_deref())
            .unwrap_or(&self.email)
    }
}

/// `UserInfoResponse` from `/auth/me`, plus the company links where the
/// backend knows them (the API does not return them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub id: Id,
    pub user_type: UserType,
    pub username: Option<String>,
    pub email: String,
    pub full_name: Option<String>,
    pub role: Option<UserRole>,
    pub is_enabled: bool,
    #[serde(with = "utc")]
    pub created_at: Timestamp,
    #[serde(with = "utc_opt", default)]
    pub last_login: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distributor_id: Option<Id>,
}

impl Me {
    pub fn display_name(&self) -> &str {
        self.full_name
            .as_deref()
            .or(self.username.as_deref())
            .unwrap_or(&self.email)
    }

    /// The role label shown in the header.
    pub fn role_label(&self) -> &'static str {
        match (self.user_type, self.role) {
            (UserType::Admin, _) => "admin account",
            (_, Some(r)) => r.label(),
            (_, None) => "user",
        }
    }
}

/// Moving a user to a company: at most one of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CompanyAssignment {
    pub partner_id: Option<Id>,
    pub distributor_id: Option<Id>,
}
