//! Unsaved work kept across a hang-up, a kill or a quit: the order being
//! built and every form with typed text go to a drafts file (owner-only,
//! in the platform state dir, one per server or database and user); the
//! next start says so and offers each one back, to restore or discard.
//! Passwords are never kept.

use super::builder::{Line, OrderBuilder};
use super::form::{Form, FormPurpose};
use super::{App, Overlay, PickPurpose, PickValue, Picker};
use crate::domain::{Id, Timestamp};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftLine {
    pub product_id: Id,
    pub duration_id: Option<Id>,
    pub quantity: String,
}

/// One piece of unsaved work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Draft {
    Order {
        partner_id: Option<Id>,
        distributor_id: Option<Id>,
        lead_id: Option<Id>,
        lines: Vec<DraftLine>,
    },
    Form {
        title: String,
        purpose: FormPurpose,
        values: Vec<(String, String)>,
    },
}

/// What the drafts picker does with a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftChoice {
    Restore(usize),
    Discard(usize),
    DiscardAll,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct DraftFile {
    pub saved_at: Option<Timestamp>,
    pub drafts: Vec<Draft>,
}

impl Draft {
    pub fn describe(&self, app: &App) -> String {
        match self {
            Draft::Order {
                partner_id, lines, ..
            } => {
                let partner = app.names.partner(*partner_id);
                let who = if partner.is_empty() {
                    String::new()
                } else {
                    format!(" for {partner}")
                };
                format!(
                    "Order{who} ({})",
                    super::messages::count(lines.len(), "line")
                )
            }
            Draft::Form { title, values, .. } => {
                let typed = values
                    .iter()
                    .map(|(_, v)| v.trim())
                    .find(|v| !v.is_empty())
                    .unwrap_or("");
                let typed: String = typed.chars().take(40).collect();
                format!("{title}: “{typed}”")
            }
        }
    }
}

/// `dir/<server or database>--<user>.json`, with everything but letters,
/// digits, `.` and `-` replaced (no path tricks from a server name).
pub fn file_for(dir: &Path, location: &str, user: &str) -> PathBuf {
    let slug = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .take(80)
            .collect()
    };
    dir.join(format!("{}--{}.json", slug(location), slug(user)))
}

/// Reads a drafts file; a missing one is empty.
pub fn load(path: &Path) -> Result<DraftFile, String> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| format!("the drafts file {} is damaged: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(DraftFile::default()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Writes the drafts atomically, 0600 in a 0700 directory; no drafts
/// removes the file.
pub fn store(path: &Path, file: &DraftFile) -> Result<(), String> {
    if file.drafts.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(format!("cannot remove {}: {e}", path.display()))
            }
            _ => Ok(()),
        };
    }
    let dir = path.parent().ok_or("no directory for the drafts")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    let text = serde_json::to_vec_pretty(file).map_err(|e| e.to_string())?;
    // tempfile creates the file 0600; rename makes the write atomic.
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    tmp.write_all(&text)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write the drafts: {e}"))?;
    tmp.persist(path)
        .map_err(|e| format!("cannot save {}: {e}", path.display()))?;
    Ok(())
}

impl App {
    /// This session's drafts file (None in tests without a drafts dir, or
    /// before we know who is signed in).
    pub fn drafts_file(&self) -> Option<PathBuf> {
        let dir = self.prefs.drafts_dir.as_ref()?;
        let me = self.session.me.as_ref()?;
        let user = me.username.clone().unwrap_or_else(|| me.id.to_string());
        Some(file_for(dir, &self.session.location, &user))
    }

    /// The work that would be lost if the app stopped now.
    pub fn unsaved_work(&self) -> Vec<Draft> {
        let mut out = Vec::new();
        if let Some(b) = self.orders.builder.as_ref().filter(|b| !b.is_empty()) {
            out.push(Draft::Order {
                partner_id: b.partner_id,
                distributor_id: b.distributor_id,
                lead_id: b.lead_id,
                lines: b
                    .lines
                    .iter()
                    .map(|l| DraftLine {
                        product_id: l.product_id,
                        duration_id: l.duration_id,
                        quantity: l.quantity.clone(),
                    })
                    .collect(),
            });
        }
        for o in &self.overlays {
            if let Overlay::Form(f) = o {
                if f.is_dirty() {
                    out.push(Draft::Form {
                        title: f.title.clone(),
                        purpose: f.purpose.clone(),
                        values: f.values(),
                    });
                }
            }
        }
        out
    }

    /// Adds the unsaved work to the drafts file; says how many were kept.
    pub fn keep_drafts(&mut self) -> Result<usize, String> {
        let work = self.unsaved_work();
        if work.is_empty() {
            return Ok(0);
        }
        let path = self
            .drafts_file()
            .ok_or("nowhere to keep drafts (no state directory, or not signed in)")?;
        let mut file = load(&path).unwrap_or_default();
        let n = work.len();
        for d in work {
            if !file.drafts.contains(&d) {
                file.drafts.push(d);
            }
        }
        file.saved_at = Some(chrono::Utc::now());
        store(&path, &file)?;
        tracing::info!(drafts = n, "unsaved work kept as drafts");
        Ok(n)
    }

    /// Offers the drafts kept last time (once we know who is signed in).
    pub fn offer_drafts(&mut self, quiet_when_none: bool) {
        let Some(path) = self.drafts_file() else {
            return;
        };
        let file = match load(&path) {
            Ok(f) => f,
            Err(e) => return self.error(e),
        };
        if file.drafts.is_empty() {
            if !quiet_when_none {
                self.notice("No drafts kept");
            }
            return;
        }
        let mut options = Vec::new();
        for (i, d) in file.drafts.iter().enumerate() {
            options.push((
                format!("Restore  {}", d.describe(self)),
                PickValue::Draft(DraftChoice::Restore(i)),
            ));
        }
        for (i, d) in file.drafts.iter().enumerate() {
            options.push((
                format!("Discard  {}", d.describe(self)),
                PickValue::Draft(DraftChoice::Discard(i)),
            ));
        }
        options.push((
            "Discard every draft".into(),
            PickValue::Draft(DraftChoice::DiscardAll),
        ));
        let when = file
            .saved_at
            .map(|t| format!(" from {}", t.format("%Y-%m-%d %H:%M")))
            .unwrap_or_default();
        let title = format!(
            "Unsaved work kept{when}: {}",
            super::messages::count(file.drafts.len(), "draft")
        );
        self.overlays.push(Overlay::Picker(Picker::new(
            title,
            options,
            PickPurpose::Drafts,
        )));
    }

    /// Carries out a choice in the drafts picker.
    pub(super) fn draft_chosen(&mut self, choice: DraftChoice) {
        let Some(path) = self.drafts_file() else {
            return;
        };
        let mut file = match load(&path) {
            Ok(f) => f,
            Err(e) => return self.error(e),
        };
        let taken = match choice {
            DraftChoice::DiscardAll => {
                file.drafts.clear();
                None
            }
            DraftChoice::Restore(i) | DraftChoice::Discard(i) if i < file.drafts.len() => {
                let d = file.drafts.remove(i);
                matches!(choice, DraftChoice::Restore(_)).then_some(d)
            }
            _ => return,
        };
        if let Err(e) = store(&path, &file) {
            return self.error(e);
        }
        let left = file.drafts.len();
        let more = if left > 0 {
            format!("; {left} more kept (Ctrl-O shows them)")
        } else {
            String::new()
        };
        match taken {
            Some(d) => {
                let what = d.describe(self);
                self.restore_draft(d);
                self.notice(format!("Restored {what}{more}"));
            }
            None => self.notice(format!("Discarded{more}")),
        }
    }

    fn restore_draft(&mut self, d: Draft) {
        match d {
            Draft::Order {
                partner_id,
                distributor_id,
                lead_id,
                lines,
            } => {
                if self.orders.builder.as_ref().is_some_and(|b| !b.is_empty()) {
                    // Never overwrite the order on screen: keep the draft.
                    let _ = self.keep_drafts();
                }
                let mut b = OrderBuilder::new(partner_id, distributor_id, lead_id);
                b.lines = lines
                    .into_iter()
                    .map(|l| Line {
                        product_id: l.product_id,
                        duration_id: l.duration_id,
                        quantity: l.quantity,
                    })
                    .collect();
                self.orders.builder = Some(b);
                self.open_builder();
                self.check_prices();
            }
            Draft::Form {
                title,
                purpose,
                values,
            } => {
                if let Some(mut form) = Form::restore(&title, purpose, &values) {
                    if matches!(
                        form.purpose,
                        FormPurpose::NewLead | FormPurpose::EditLead { .. }
                    ) {
                        self.attach_lead_lists(&mut form);
                    }
                    self.overlays.push(Overlay::Form(Box::new(form)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_owner_only_and_vanish_when_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_for(&dir.path().join("drafts"), "https://x/../y", "al/ice");
        assert!(path.starts_with(dir.path().join("drafts")));
        let file = DraftFile {
            saved_at: None,
            drafts: vec![Draft::Form {
                title: "Note".into(),
                purpose: FormPurpose::LeadNote { id: Id::nil() },
                values: vec![("content".into(), "called".into())],
            }],
        };
        store(&path, &file).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let dmode = std::fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(dmode, 0o700);
        }
        assert_eq!(load(&path).unwrap().drafts, file.drafts);
        store(&path, &DraftFile::default()).unwrap();
        assert!(!path.exists());
        assert!(load(&path).unwrap().drafts.is_empty());
        std::fs::write(&path, b"{not json").unwrap();
        assert!(load(&path).unwrap_err().contains("damaged"));
    }
}
