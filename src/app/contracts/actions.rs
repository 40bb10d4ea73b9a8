//! Contracts tab actions: marking, status changes limited to what the
//! server allows, and exporting the current view.

use crate::app::form::{Form, FormPurpose};
use crate::app::history::{Change, Direction, Step};
use crate::app::keymap::Action;
use crate::app::msg::Reload;
use crate::app::*;
use crate::domain::scope::Actor;
use crate::domain::transitions::allowed_contract_targets;
use crate::export::{to_csv, to_json, ContractRow};

impl App {
    /// The Contracts tab's own actions (the router handles the common ones).
    pub(in crate::app) fn contracts_act(&mut self, action: Action) {
        match action {
            Action::ToggleSelect => self.toggle_contract_mark(),
            Action::ChangeStatus => self.pick_contract_status(),
            Action::Export => self.pick_export(),
            Action::QuickView => {
                let i = ContractView::ALL
                    .iter()
                    .position(|v| *v == self.contracts.view)
                    .unwrap_or(0);
                self.contracts.view = ContractView::ALL[(i + 1) % ContractView::ALL.len()];
                self.rebuild_contracts();
            }
            Action::AddNote => {
                if let Some(c) = self.contracts.list.selected() {
                    let form = Form::text(
                        format!("Note on {}", c.contract_number),
                        FormPurpose::ContractNote { id: c.id },
                        "Note",
                        "content",
                    );
                    self.overlays.push(Overlay::Form(Box::new(form)));
                }
            }
            _ => {}
        }
    }

    pub(in crate::app) fn toggle_contract_mark(&mut self) {
        if let Some(id) = self.contracts.list.selected().map(|c| c.id) {
            if !self.contracts.marked.remove(&id) {
                self.contracts.marked.insert(id);
            }
            let len = self.contracts.list.len();
            self.contracts.list.cursor.step(1, len);
        }
    }

    /// The marked contracts, or the selected one.
    fn contract_targets(&self) -> Vec<&Contract> {
        if self.contracts.marked.is_empty() {
            self.contracts.list.selected().into_iter().collect()
        } else {
            self.contracts
                .list
                .all
                .iter()
                .filter(|c| self.contracts.marked.contains(&c.id))
                .collect()
        }
    }

    /// A picker of the statuses the server would accept from this user.
    pub(in crate::app) fn pick_contract_status(&mut self) {
        let Some(me) = self.session.me.as_ref() else {
            self.error("Still signing in; try again in a moment");
            return;
        };
        let actor = Actor::from_me(me);
        let targets = self.contract_targets();
        if targets.is_empty() {
            return;
        }
        let mut options: Vec<ContractStatus> = Vec::new();
        for c in &targets {
            for s in allowed_contract_targets(&actor, c.status) {
                if !options.contains(&s) {
                    options.push(s);
                }
            }
        }
        if options.is_empty() {
            let why = if actor.is_full_admin() {
                format!(
                    "{} is final: no status change is allowed",
                    targets[0].status.label()
                )
            } else {
                "Only admins can change contract status".to_string()
            };
            self.error(why);
            return;
        }
        options.sort_by_key(|s| s.index());
        let ids: Vec<Id> = targets.iter().map(|c| c.id).collect();
        let title = if ids.len() == 1 {
            format!("{} → …", targets[0].contract_number)
        } else {
            format!("{} contracts → …", ids.len())
        };
        self.overlays.push(Overlay::Picker(Picker::new(
            title,
            options
                .iter()
                .map(|s| (s.label().to_string(), PickValue::ContractStatus(*s)))
                .collect(),
            PickPurpose::ContractStatus(ids),
        )));
    }

    pub(in crate::app) fn pick_export(&mut self) {
        self.overlays.push(Overlay::Picker(Picker::new(
            format!("Export {} contracts as…", self.contracts.list.len()),
            vec![
                ("CSV".into(), PickValue::Export(ExportFormat::Csv)),
                ("JSON".into(), PickValue::Export(ExportFormat::Json)),
            ],
            PickPurpose::Export,
        )));
    }

    /// Writes the visible contracts to a file in the export directory
    /// (`TENTABO_EXPORT_DIR`, else the current directory), off the UI thread.
    pub(in crate::app) fn export_contracts(&mut self, format: ExportFormat) {
        let rows: Vec<ContractRow> = self
            .contracts
            .list
            .visible
            .iter()
            .map(|i| {
                let c = &self.contracts.list.all[*i];
                ContractRow::new(
                    c,
                    self.now,
                    self.names.partner(c.partner_id),
                    self.names.distributor(c.distributor_id),
                    self.names.user(c.user_id),
                )
            })
            .collect();
        let dir = self.prefs.export_dir.clone();

        let name = format!(
            "contracts-{}-{}.{}",
            self.contracts.view.label().replace(['≤', ' ', '/'], ""),
            chrono::Utc::now().format("%Y%m%d-%H%M%S"),
            format.extension()
        );
        let path = dir.join(name);
        let (n, json) = (rows.len(), format == ExportFormat::Json);
        let shown = path.display().to_string();
        self.write(
            format!(
                "Exported {} to {shown}",
                crate::app::messages::count(n, "contract")
            ),
            Reload::Nothing,
            async move {
                tokio::task::spawn_blocking(move || {
                    let text = if json { to_json(&rows) } else { to_csv(&rows) }.map_err(|e| {
                        crate::backend::BackendError::Unsupported(format!("cannot encode: {e}"))
                    })?;
                    std::fs::write(&path, text).map_err(|e| {
                        crate::backend::BackendError::Unsupported(format!(
                            "cannot write {}: {e}",
                            path.display()
                        ))
                    })
                })
                .await
                .map_err(|e| crate::backend::BackendError::Unsupported(e.to_string()))?
            },
        );
    }

    /// After a bulk change, forget the marks.
    pub(in crate::app) fn clear_contract_marks(&mut self) {
        self.contracts.marked.clear();
    }

    /// Sets the status of `ids`, one write each; what went through can be undone.
    pub(in crate::app) fn change_contract_statuses(
        &mut self,
        ids: Vec<Id>,
        status: ContractStatus,
        reason: Option<String>,
    ) {
        let steps = ids
            .iter()
            .filter_map(|id| self.contracts.list.all.iter().find(|c| c.id == *id))
            .map(|c| Step::ContractStatus {
                id: c.id,
                number: c.contract_number.clone(),
                from: c.status,
                to: status,
            })
            .collect();
        self.clear_contract_marks();
        self.run_change(Change::new(steps, reason), Direction::Forward);
    }
}
