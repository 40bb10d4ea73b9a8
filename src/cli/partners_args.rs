//! clap definitions for `tentabo partners|distributors|users …`.

use super::args::{ListOutputArgs, OutputArgs};
use clap::{Args, Subcommand};

/// The same verbs for partners and distributors. A company is named by its
/// id or its exact name (case-insensitive).
#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// List them (by name).
    List {
        /// Case-insensitive name search.
        #[arg(long)]
        search: Option<String>,
        /// Only active (true) or inactive (false) ones.
        #[arg(long, value_name = "true|false")]
        active: Option<bool>,
        #[command(flatten)]
        out: ListOutputArgs,
    },
    /// Show one with its links and (admins) its users.
    Show {
        company: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Create one (admins only).
    Create {
        #[command(flatten)]
        fields: CompanyFields,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Change fields of one (admins only); `--active false` deactivates.
    Update {
        company: String,
        #[command(flatten)]
        fields: CompanyFields,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Delete one (admins only; refused while orders, contracts, leads or users refer to it).
    Delete {
        company: String,
        #[command(flatten)]
        out: OutputArgs,
    },
}

#[derive(Debug, Clone, Args, Default)]
pub struct CompanyFields {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub legal_name: Option<String>,
    /// Registration (SIRET) or VAT number.
    #[arg(long)]
    pub registration: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub website: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub address2: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    #[arg(long)]
    pub postal_code: Option<String>,
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long, value_name = "true|false")]
    pub active: Option<bool>,
}

// Parsed once per process: boxing the big variant would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum DistributorsCommand {
    #[command(flatten)]
    Company(CompanyCommand),
    /// Link a partner to a distributor (admins only).
    Link {
        distributor: String,
        partner: String,
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// End the link between a distributor and a partner (admins only).
    Unlink {
        distributor: String,
        partner: String,
        #[command(flatten)]
        out: OutputArgs,
    },
}

/// Users are named by id, username or email.
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List users (admins only).
    List {
        /// Only this role (admin, restricted_admin, partner, distributor, fulfiller).
        #[arg(long)]
        role: Option<String>,
        /// Only users of this partner (id or name).
        #[arg(long, conflicts_with = "distributor")]
        partner: Option<String>,
        /// Only users of this distributor (id or name).
        #[arg(long)]
        distributor: Option<String>,
        /// Only enabled (true) or disabled (false) users.
        #[arg(long, value_name = "true|false")]
        enabled: Option<bool>,
        #[command(flatten)]
        out: ListOutputArgs,
    },
    /// Enable a user.
    Enable {
        user: String,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Disable a user.
    Disable {
        user: String,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Change a user's role.
    Role {
        user: String,
        role: String,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Move a user to another partner or distributor.
    Move {
        user: String,
        #[arg(
            long,
            conflicts_with = "distributor",
            required_unless_present = "distributor"
        )]
        partner: Option<String>,
        #[arg(long)]
        distributor: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
}
