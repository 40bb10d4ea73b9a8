//! The status, role and type enums. On the wire they are lowercase
//! (`in_fulfillment`); in the database they are native enums whose labels are
//! the UPPERCASE names (`IN_FULFILLMENT`).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Declares a wire enum with its lowercase wire names, uppercase database
/// labels, human labels and the list of all values, in declaration order.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal, $db:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The lowercase value used by the API and the CLI.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }

            /// The UPPERCASE label of the PostgreSQL enum.
            pub fn db_label(self) -> &'static str {
                match self { $($name::$variant => $db,)+ }
            }

            /// A short human label for the UI.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            pub fn from_db_label(s: &str) -> Option<Self> {
                match s { $($db => Some($name::$variant),)+ _ => None }
            }

            pub fn index(self) -> usize {
                Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                let lower = s.trim().to_ascii_lowercase();
                match lower.as_str() {
                    $($wire => Ok($name::$variant),)+
                    _ => Err(UnknownValue {
                        kind: stringify!($name),
                        value: s.to_string(),
                        expected: vec![$($wire,)+],
                    }),
                }
            }
        }
    };
}

/// A value that is not one of an enum's known values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
    pub expected: Vec<&'static str>,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}` (expected one of: {})",
            self.kind,
            self.value,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

wire_enum!(
    /// Where a lead stands in the pipeline; the kanban has one column each.
    LeadStatus {
        New = "new", "NEW", "New";
        Contacted = "contacted", "CONTACTED", "Contacted";
        Qualified = "qualified", "QUALIFIED", "Qualified";
        Proposal = "proposal", "PROPOSAL", "Proposal";
        Negotiation = "negotiation", "NEGOTIATION", "Negotiation";
        Won = "won", "WON", "Won";
        Lost = "lost", "LOST", "Lost";
    }
);

wire_enum!(
    /// Order lifecycle (declaration order as in the server's model).
    OrderStatus {
        Created = "created", "CREATED", "Created";
        Cancelled = "cancelled", "CANCELLED", "Cancelled";
        Sent = "sent", "SENT", "Sent";
        InFulfillment = "in_fulfillment", "IN_FULFILLMENT", "In fulfillment";
        Fulfilled = "fulfilled", "FULFILLED", "Fulfilled";
    }
);

wire_enum!(
    /// Contract lifecycle.
    ContractStatus {
        Active = "active", "ACTIVE", "Active";
        Lost = "lost", "LOST", "Lost";
        Upgraded = "upgraded", "UPGRADED", "Upgraded";
        Downgraded = "downgraded", "DOWNGRADED", "Downgraded";
        Expired = "expired", "EXPIRED", "Expired";
        Cancelled = "cancelled", "CANCELLED", "Cancelled";
    }
);

wire_enum!(
    /// How a contract is classified.
    ContractType {
        Msp = "msp", "MSP", "MSP";
        Reseller = "reseller", "RESELLER", "Reseller";
        EndCustomer = "end_customer", "END_CUSTOMER", "End customer";
        Other = "other", "OTHER", "Other";
    }
);

wire_enum!(
    /// Roles of regular (`users` table) accounts.
    UserRole {
        Admin = "admin", "ADMIN", "Admin";
        RestrictedAdmin = "restricted_admin", "RESTRICTED_ADMIN", "Restricted admin";
        Partner = "partner", "PARTNER", "Partner";
        Distributor = "distributor", "DISTRIBUTOR", "Distributor";
        Fulfiller = "fulfiller", "FULFILLER", "Fulfiller";
    }
);

wire_enum!(
    /// The two kinds of account: database admins (`admin_users`) and regular users.
    UserType {
        Admin = "admin", "ADMIN", "Admin account";
        User = "user", "USER", "User";
    }
);

impl OrderStatus {
    /// The pipeline order used for display (not the declaration order).
    pub const FLOW: &'static [OrderStatus] = &[
        OrderStatus::Created,
        OrderStatus::Sent,
        OrderStatus::InFulfillment,
        OrderStatus::Fulfilled,
        OrderStatus::Cancelled,
    ];

    /// Position in [`Self::FLOW`], for cycling and sorting in pipeline order.
    pub fn flow_index(self) -> usize {
        Self::FLOW.iter().position(|s| *s == self).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_and_db_names_round_trip() {
        for s in LeadStatus::ALL {
            assert_eq!(s.as_str().parse::<LeadStatus>().unwrap(), *s);
            assert_eq!(LeadStatus::from_db_label(s.db_label()), Some(*s));
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        assert_eq!(OrderStatus::InFulfillment.as_str(), "in_fulfillment");
        assert_eq!(OrderStatus::InFulfillment.db_label(), "IN_FULFILLMENT");
        assert_eq!(ContractType::EndCustomer.db_label(), "END_CUSTOMER");
        assert_eq!(UserRole::RestrictedAdmin.as_str(), "restricted_admin");
    }

    #[test]
    fn unknown_values_say_what_was_expected() {
        let err = "archived".parse::<ContractStatus>().unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("archived") && msg.contains("active, lost"),
            "{msg}"
        );
        assert!(serde_json::from_str::<LeadStatus>("\"zombie\"").is_err());
    }
}
