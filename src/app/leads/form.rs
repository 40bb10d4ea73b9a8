//! The lead form's lists: the statuses, and the partners and distributors
//! this user may put a lead under (what the backend lists for them, active
//! ones first; a partner or distributor user's own company is fixed).

use crate::app::choice::{Choice, FieldValue};
use crate::app::form::{Form, FormPurpose};
use crate::app::pick::PickItem;
use crate::app::*;

impl App {
    /// `n`: a new lead in the focused column, under the user's company.
    pub(in crate::app) fn new_lead_form(&self) -> Form {
        let (partner_id, distributor_id) = self.lead_channel();
        let draft = LeadDraft {
            currency: "EUR".into(),
            status: Some(LeadStatus::ALL[self.leads.col]),
            partner_id,
            distributor_id,
            ..Default::default()
        };
        let mut form = Form::lead(FormPurpose::NewLead, &draft);
        self.attach_lead_lists(&mut form);
        form
    }

    /// `e`: the lead as it is, with the same lists.
    pub(in crate::app) fn edit_lead_form(&self, l: &Lead) -> Form {
        let purpose = FormPurpose::EditLead {
            id: l.id,
            updated_at: l.updated_at,
        };
        let mut form = Form::lead(purpose, &LeadDraft::from_lead(l));
        self.attach_lead_lists(&mut form);
        form
    }

    /// The partner and distributor a new lead defaults to: the user's own;
    /// a partner user's distributor when only one is linked to it.
    fn lead_channel(&self) -> (Option<Id>, Option<Id>) {
        let (partner, distributor) = self.own_channel();
        let role = self.session.me.as_ref().and_then(|m| m.role);
        let distributor = distributor.or_else(|| {
            let mut linked = self
                .partners
                .distributors
                .all
                .iter()
                .filter(|c| c.is_active);
            match (role, linked.next(), linked.next()) {
                (Some(UserRole::Partner), Some(d), None) => Some(d.id),
                _ => None,
            }
        });
        (partner, distributor)
    }

    /// Gives a lead form (new, edited or restored) its lists.
    pub(in crate::app) fn attach_lead_lists(&self, form: &mut Form) {
        let mut status = Choice::lead_statuses();
        if matches!(form.purpose, FormPurpose::EditLead { .. }) {
            status.fixed = Some("m moves the card (the move is kept in its history)".into());
        }
        form.set_choice("status", status);
        let role = self.session.me.as_ref().and_then(|m| m.role);
        let (own_partner, own_distributor) = self.own_channel();
        let partner = match own_partner.filter(|_| role == Some(UserRole::Partner)) {
            Some(p) => fixed(p, self.names.partner(Some(p)), "your partner"),
            None => companies(&self.partners.partners.all),
        };
        let distributor = match own_distributor.filter(|_| role == Some(UserRole::Distributor)) {
            Some(d) => fixed(d, self.names.distributor(Some(d)), "your distributor"),
            None => companies(&self.partners.distributors.all),
        };
        for (name, mut choice) in [("partner_id", partner), ("distributor_id", distributor)] {
            // A company the lead already has stays offered, by name.
            let key = form.value(name).to_string();
            if choice.item(&key).is_none() {
                if let Ok(id) = key.parse::<Id>() {
                    let label = match name {
                        "partner_id" => self.names.partners.get(&id),
                        _ => self.names.distributors.get(&id),
                    };
                    choice.items.push(item(
                        label.cloned().unwrap_or_else(|| "another company".into()),
                        Some(id),
                        None,
                    ));
                }
            }
            form.set_choice(name, choice);
        }
    }
}

fn item(label: String, id: Option<Id>, disabled: Option<String>) -> PickItem<FieldValue> {
    PickItem {
        label,
        value: FieldValue::Company(id),
        disabled,
        search: None,
    }
}

/// The user's own company: shown, not changeable.
fn fixed(id: Id, name: String, whose: &str) -> Choice {
    Choice {
        items: vec![item(name, Some(id), None)],
        fixed: Some(format!("Your leads are always {whose}'s")),
    }
}

/// None, then the active companies by name, then the inactive ones dimmed.
fn companies(list: &[Company]) -> Choice {
    let mut sorted: Vec<&Company> = list.iter().collect();
    sorted.sort_by(|a, b| (!a.is_active, &a.name).cmp(&(!b.is_active, &b.name)));
    let mut items = vec![item("(none)".into(), None, None)];
    items.extend(sorted.into_iter().map(|c| {
        let why = (!c.is_active).then(|| format!("{} is inactive", c.name));
        let label = if c.is_active {
            c.name.clone()
        } else {
            format!("{} (inactive)", c.name)
        };
        item(label, Some(c.id), why)
    }));
    Choice { items, fixed: None }
}
