//! clap definitions.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tentabo",
    version,
    about = "A fast, keyboard-driven terminal client for the Tentabo PRM"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args, Default)]
pub struct GlobalArgs {
    /// Use the built-in demo data (no server needed).
    #[arg(long, global = true)]
    pub demo: bool,
    /// Number of demo leads to seed (performance work).
    #[arg(long, global = true, value_name = "N")]
    pub demo_leads: Option<usize>,
    /// Number of demo contracts to seed (performance work).
    #[arg(long, global = true, value_name = "N")]
    pub demo_contracts: Option<usize>,
    /// Tentabo server base URL (API mode).
    #[arg(long, global = true, env = "TENTABO_SERVER", value_name = "URL")]
    pub server: Option<String>,
    /// Tentabo PostgreSQL database URL (database mode).
    #[arg(
        long,
        global = true,
        env = "TENTABO_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: Option<String>,
    /// Act as this Tentabo user (database mode, or a seeded demo user).
    #[arg(long = "as", global = true, value_name = "USERNAME")]
    pub as_user: Option<String>,
    /// Profile from the config file.
    #[arg(long, global = true, env = "TENTABO_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Config file (default: the platform config dir's tentabo/config.toml).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in to a Tentabo server and cache the session (API mode).
    Login(LoginArgs),
    /// Forget the cached session for this server and profile.
    Logout,
    /// Show the signed-in user and role.
    Whoami(OutputArgs),
    /// Work with leads.
    #[command(subcommand)]
    Leads(LeadsCommand),
    /// Triage contracts.
    #[command(subcommand)]
    Contracts(ContractsCommand),
    /// List, price, place and move orders.
    #[command(subcommand)]
    Orders(OrdersCommand),
    // Partners
    /// Partners: list, show (with links and users), create, update, delete.
    #[command(subcommand)]
    Partners(super::partners_args::CompanyCommand),
    /// Distributors: as partners, plus link/unlink a partner.
    #[command(subcommand)]
    Distributors(super::partners_args::DistributorsCommand),
    /// Users: list, enable, disable, change role, move to another company.
    #[command(subcommand)]
    Users(super::partners_args::UsersCommand),
    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum OrdersCommand {
    /// List orders (newest first).
    List {
        /// Only this status (created, sent, in_fulfillment, fulfilled, cancelled).
        #[arg(long)]
        status: Option<String>,
        /// Only this partner's orders (id or exact name).
        #[arg(long)]
        partner: Option<String>,
        /// Case-insensitive text over the order number.
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        out: ListOutputArgs,
    },
    /// Show one order with its items, notes and contract.
    Show {
        id: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Get the order's quote.
    Quote {
        id: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Create an order. Lines as `--line PRODUCT:QUANTITY:MONTHS` (product
    /// by id or exact name; duration by months or id), or the whole order as
    /// `OrderCreate` JSON on stdin with `--stdin`.
    Create {
        /// Partner id or exact name (partner users: their own by default).
        #[arg(long)]
        partner: Option<String>,
        /// Distributor id or exact name (distributor users: their own by default).
        #[arg(long)]
        distributor: Option<String>,
        /// The lead the order comes from (id).
        #[arg(long)]
        lead: Option<String>,
        /// A line: PRODUCT:QUANTITY:MONTHS (repeat for more lines).
        #[arg(long = "line", value_name = "PRODUCT:QTY:MONTHS")]
        lines: Vec<String>,
        /// Read the order as JSON from standard input.
        #[arg(long, conflicts_with = "lines")]
        stdin: bool,
        /// Internal notes.
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Change an order's status along the server's state machine.
    Status {
        id: String,
        status: String,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Activate a fulfilled order into a contract.
    Activate {
        id: String,
        /// Start date, YYYY-MM-DD (default: today).
        #[arg(long)]
        start: Option<String>,
        /// Expiry date, YYYY-MM-DD (default: from the line durations).
        #[arg(long)]
        expires: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Add a note to an order.
    Note {
        id: String,
        text: String,
        /// Mark the note internal.
        #[arg(long)]
        internal: bool,
        #[command(flatten)]
        out: OutputArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContractsCommand {
    /// List contracts (newest first).
    List {
        /// Only this status (active, lost, upgraded, downgraded, expired, cancelled).
        #[arg(long)]
        status: Option<String>,
        /// Only active contracts expiring within N days.
        #[arg(long, value_name = "N")]
        expiring_days: Option<i64>,
        /// Only this partner's contracts.
        #[arg(long, value_name = "ID")]
        partner: Option<String>,
        /// Case-insensitive text over number and customer.
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        out: ListOutputArgs,
    },
    /// Show one contract with its notes.
    Show {
        id: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Change a contract's status.
    Status {
        id: String,
        status: String,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Add a note to a contract.
    Note {
        id: String,
        text: String,
        /// Mark the note internal.
        #[arg(long)]
        internal: bool,
        #[command(flatten)]
        out: OutputArgs,
    },
}

#[derive(Debug, Clone, Args, Default)]
pub struct LoginArgs {
    /// Username (default: the profile's, else asked).
    #[arg(long)]
    pub username: Option<String>,
    /// Read the password from standard input (for scripts).
    #[arg(long, conflicts_with = "api_key_stdin")]
    pub password_stdin: bool,
    /// Read an API key (`tnt_…`) from standard input instead of a password.
    #[arg(long)]
    pub api_key_stdin: bool,
}

#[derive(Debug, Clone, Args, Default)]
pub struct OutputArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// A list's output: a table, or JSON, or CSV for a spreadsheet.
#[derive(Debug, Clone, Args, Default)]
pub struct ListOutputArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Print CSV instead of a table.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

#[derive(Debug, Subcommand)]
pub enum LeadsCommand {
    /// List leads.
    List {
        /// Only this status (new, contacted, qualified, proposal, negotiation, won, lost).
        #[arg(long)]
        status: Option<String>,
        /// Case-insensitive text filter over title, organization, contact, email.
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        out: ListOutputArgs,
    },
    /// Show one lead with its notes, activities and history.
    Show {
        id: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Create a lead (you become its owner).
    Create {
        #[arg(long)]
        title: String,
        #[arg(long)]
        organization: String,
        #[arg(long)]
        contact: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// Estimated value (exact decimal, e.g. 12500.00).
        #[arg(long)]
        value: Option<String>,
        /// Win probability 0–100.
        #[arg(long)]
        probability: Option<i32>,
        /// Expected close date, YYYY-MM-DD.
        #[arg(long)]
        close: Option<String>,
        #[arg(long, value_name = "ID")]
        partner: Option<String>,
        #[arg(long, value_name = "ID")]
        distributor: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Add a note to a lead.
    Note {
        id: String,
        text: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Move a lead to another status.
    Move {
        id: String,
        status: String,
        /// Why (kept in the status history).
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
}
