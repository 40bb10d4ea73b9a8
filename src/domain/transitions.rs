//! The status changes the server allows, with its role checks.
//!
//! * Orders: created → sent → in_fulfillment → fulfilled; cancel from the
//!   first three (`OrderService.STATE_TRANSITIONS`). Fulfilling needs an admin
//!   or fulfiller, cancelling an admin (admin accounts may do both).
//! * Contracts: active → upgraded | downgraded | expired | cancelled;
//!   upgraded, downgraded, expired → cancelled; cancelled and lost are final
//!   (`ContractService.STATE_TRANSITIONS`). Only admins change contract status.
//! * Leads: the server checks no rule (any status to any status); the client
//!   only refuses a move to the status the lead already has.

use super::scope::Actor;
use super::{ContractStatus, LeadStatus, OrderStatus};

pub fn order_targets(from: OrderStatus) -> &'static [OrderStatus] {
    use OrderStatus::*;
    match from {
        Created => &[Sent, Cancelled],
        Sent => &[InFulfillment, Cancelled],
        InFulfillment => &[Fulfilled, Cancelled],
        Fulfilled | Cancelled => &[],
    }
}

pub fn contract_targets(from: ContractStatus) -> &'static [ContractStatus] {
    use ContractStatus::*;
    match from {
        Active => &[Upgraded, Downgraded, Expired, Cancelled],
        Upgraded | Downgraded | Expired => &[Cancelled],
        Cancelled | Lost => &[],
    }
}

pub fn lead_targets(from: LeadStatus) -> Vec<LeadStatus> {
    LeadStatus::ALL
        .iter()
        .copied()
        .filter(|s| *s != from)
        .collect()
}

/// Why a change is refused: a rule (the server's 400) or a permission (403).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Rule(String),
    Forbidden(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Refusal::Rule(m) | Refusal::Forbidden(m) => f.write_str(m),
        }
    }
}

pub fn check_order_transition(
    actor: &Actor,
    from: OrderStatus,
    to: OrderStatus,
) -> Result<(), Refusal> {
    if !order_targets(from).contains(&to) {
        return Err(Refusal::Rule(format!(
            "Cannot transition from {from} to {to}"
        )));
    }
    if to == OrderStatus::Fulfilled && !actor.can_fulfill() {
        return Err(Refusal::Forbidden(
            "Only admins and fulfillers can mark orders as fulfilled".into(),
        ));
    }
    if to == OrderStatus::Cancelled && !actor.is_full_admin() {
        return Err(Refusal::Forbidden("Only admins can cancel orders".into()));
    }
    Ok(())
}

/// The targets this actor may actually pick (the UI offers only these).
pub fn allowed_order_targets(actor: &Actor, from: OrderStatus) -> Vec<OrderStatus> {
    order_targets(from)
        .iter()
        .copied()
        .filter(|to| check_order_transition(actor, from, *to).is_ok())
        .collect()
}

pub fn check_contract_transition(
    actor: &Actor,
    from: ContractStatus,
    to: ContractStatus,
) -> Result<(), Refusal> {
    if !contract_targets(from).contains(&to) {
        return Err(Refusal::Rule(format!(
            "Cannot transition from {from} to {to}"
        )));
    }
    if !actor.is_full_admin() {
        return Err(Refusal::Forbidden(
            "Only admins can change contract status".into(),
        ));
    }
    Ok(())
}

pub fn allowed_contract_targets(actor: &Actor, from: ContractStatus) -> Vec<ContractStatus> {
    contract_targets(from)
        .iter()
        .copied()
        .filter(|to| check_contract_transition(actor, from, *to).is_ok())
        .collect()
}

pub fn check_lead_transition(from: LeadStatus, to: LeadStatus) -> Result<(), Refusal> {
    if from == to {
        return Err(Refusal::Rule(format!("Lead is already {to}")));
    }
    Ok(())
}

/// `OrderService.can_activate_order` plus the activation role check.
pub fn check_activation(
    actor: &Actor,
    status: OrderStatus,
    has_contract: bool,
    has_partner: bool,
) -> Result<(), Refusal> {
    if !actor.can_fulfill() {
        return Err(Refusal::Forbidden(
            "Only admins and fulfillers can activate contracts".into(),
        ));
    }
    let reason = if status != OrderStatus::Fulfilled {
        Some(format!(
            "Order must be fulfilled (current status: {status})"
        ))
    } else if has_contract {
        Some("Order already has an active contract".into())
    } else if !has_partner {
        Some("Order must have a partner to create a contract".into())
    } else {
        None
    };
    match reason {
        Some(r) => Err(Refusal::Rule(format!("Cannot activate order: {r}"))),
        None => Ok(()),
    }
}

/// The internal note the server writes when a status change carries a reason.
pub fn status_change_note(from: &str, to: &str, reason: &str) -> String {
    format!("Status changed from {from} to {to}\nReason: {reason}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{UserRole, UserType};
    use uuid::Uuid;

    fn user(role: UserRole) -> Actor {
        Actor {
            id: Uuid::new_v4(),
            user_type: UserType::User,
            role: Some(role),
            partner_id: None,
            distributor_id: None,
        }
    }

    #[test]
    fn order_state_machine_matches_the_server() {
        use OrderStatus::*;
        let admin = user(UserRole::Admin);
        let allowed = [
            (Created, Sent),
            (Created, Cancelled),
            (Sent, InFulfillment),
            (Sent, Cancelled),
            (InFulfillment, Fulfilled),
            (InFulfillment, Cancelled),
        ];
        for from in OrderStatus::ALL {
            for to in OrderStatus::ALL {
                let ok = check_order_transition(&admin, *from, *to).is_ok();
                assert_eq!(ok, allowed.contains(&(*from, *to)), "{from} -> {to}");
            }
        }
    }

    #[test]
    fn order_role_checks() {
        use OrderStatus::*;
        let partner = user(UserRole::Partner);
        assert!(check_order_transition(&partner, Created, Sent).is_ok());
        assert!(matches!(
            check_order_transition(&partner, InFulfillment, Fulfilled),
            Err(Refusal::Forbidden(_))
        ));
        assert!(matches!(
            check_order_transition(&partner, Created, Cancelled),
            Err(Refusal::Forbidden(_))
        ));
        let fulfiller = user(UserRole::Fulfiller);
        assert!(check_order_transition(&fulfiller, InFulfillment, Fulfilled).is_ok());
        assert_eq!(
            allowed_order_targets(&fulfiller, InFulfillment),
            vec![Fulfilled]
        );
        assert_eq!(
            check_order_transition(&fulfiller, Fulfilled, Sent)
                .unwrap_err()
                .to_string(),
            "Cannot transition from fulfilled to sent"
        );
    }

    #[test]
    fn contract_state_machine_matches_the_server() {
        use ContractStatus::*;
        let admin = user(UserRole::Admin);
        assert_eq!(
            allowed_contract_targets(&admin, Active),
            vec![Upgraded, Downgraded, Expired, Cancelled]
        );
        assert_eq!(allowed_contract_targets(&admin, Expired), vec![Cancelled]);
        assert!(allowed_contract_targets(&admin, Lost).is_empty());
        assert!(allowed_contract_targets(&admin, Cancelled).is_empty());
        assert!(check_contract_transition(&admin, Active, Lost).is_err());
        let fulfiller = user(UserRole::Fulfiller);
        assert!(matches!(
            check_contract_transition(&fulfiller, Active, Expired),
            Err(Refusal::Forbidden(_))
        ));
    }

    #[test]
    fn leads_move_anywhere_but_in_place() {
        assert!(check_lead_transition(LeadStatus::New, LeadStatus::Won).is_ok());
        assert!(check_lead_transition(LeadStatus::Lost, LeadStatus::New).is_ok());
        assert!(check_lead_transition(LeadStatus::New, LeadStatus::New).is_err());
        assert_eq!(lead_targets(LeadStatus::New).len(), 6);
    }

    #[test]
    fn activation_rules() {
        let admin = user(UserRole::Admin);
        assert!(check_activation(&admin, OrderStatus::Fulfilled, false, true).is_ok());
        let e = check_activation(&admin, OrderStatus::Sent, false, true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Cannot activate order: Order must be fulfilled (current status: sent)"
        );
        assert!(check_activation(&admin, OrderStatus::Fulfilled, true, true).is_err());
        assert!(check_activation(&admin, OrderStatus::Fulfilled, false, false).is_err());
        assert!(matches!(
            check_activation(
                &user(UserRole::Partner),
                OrderStatus::Fulfilled,
                false,
                true
            ),
            Err(Refusal::Forbidden(_))
        ));
    }
}
