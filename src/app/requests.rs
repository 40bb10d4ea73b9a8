//! Requests with identity. Every backend call gets an id; its answer comes
//! back as a [`Reply`] carrying that id, so it lands where it was asked for:
//!
//! - a **load** names its [`Target`] (a list, a detail); only the latest load
//!   of a target is applied, a superseded answer is dropped (latest wins);
//! - a **write** is remembered by whoever sent it (a form keeps the id); its
//!   answer goes back to that sender, or to the status bar when the sender is
//!   gone, and never to another form;
//! - answers from a backend that was replaced (a new sign-in) are dropped
//!   when they are loads: they describe what another session could see.

use super::msg::Msg;
use crate::domain::{CompanyKind, Id};
use std::collections::HashMap;
use std::future::Future;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

/// Identifies one backend call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReqId(pub u64);

/// What a load fills; one answer per target is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Me,
    Leads,
    Orders,
    Contracts,
    Companies(CompanyKind),
    Users,
    Links,
    Catalogue,
    /// One lead in the lists.
    Lead(Id),
    LeadDetail(Id),
    OrderDetail(Id),
    ContractDetail(Id),
    Invoices(Id),
    ContractOrder(Id),
}

/// What a request in flight is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Fills a target; the latest one wins.
    Load(Target),
    /// Reads for whoever asked (a quote, a price check, a sign-in).
    Read,
    /// Changes data: quitting waits for it.
    Write,
}

/// An answer on its way back to the update loop.
pub struct Reply {
    pub id: ReqId,
    /// The backend generation that answered (see [`Requests::new_epoch`]).
    pub epoch: u64,
    pub msg: Msg,
}

/// The requests in flight and which load of each target is the latest.
pub struct Requests {
    tx: UnboundedSender<Reply>,
    next: u64,
    epoch: u64,
    /// In flight: id → what it is.
    in_flight: HashMap<ReqId, Job>,
    latest: HashMap<Target, ReqId>,
    /// Animation frame of the header's spinner.
    pub spinner: usize,
}

impl Requests {
    pub fn new() -> (Requests, UnboundedReceiver<Reply>) {
        let (tx, rx) = unbounded_channel();
        let requests = Requests {
            tx,
            next: 0,
            epoch: 0,
            in_flight: HashMap::new(),
            latest: HashMap::new(),
            spinner: 0,
        };
        (requests, rx)
    }

    /// How many calls are still running.
    pub fn pending(&self) -> usize {
        self.in_flight.len()
    }

    /// How many writes are still running (quitting waits for them).
    pub fn writes_in_flight(&self) -> usize {
        self.in_flight
            .values()
            .filter(|j| **j == Job::Write)
            .count()
    }

    /// Whether a load of `target` is still running.
    pub fn is_loading(&self, target: Target) -> bool {
        self.latest
            .get(&target)
            .is_some_and(|id| self.in_flight.contains_key(id))
    }

    /// Runs `fut` on a task; a load of a target supersedes any earlier one.
    pub fn start<F>(&mut self, job: Job, fut: F) -> ReqId
    where
        F: Future<Output = Msg> + Send + 'static,
    {
        self.next += 1;
        let id = ReqId(self.next);
        self.in_flight.insert(id, job);
        if let Job::Load(t) = job {
            self.latest.insert(t, id);
        }
        let tx = self.tx.clone();
        let epoch = self.epoch;
        tokio::spawn(async move {
            let msg = fut.await;
            // The receiver only disappears when the app is closing.
            let _ = tx.send(Reply { id, epoch, msg });
        });
        id
    }

    /// Takes an answer off the books; false when it must be dropped (a
    /// superseded load, or a load from a replaced backend).
    pub fn finish(&mut self, reply: &Reply) -> bool {
        let target = match self.in_flight.remove(&reply.id) {
            Some(Job::Load(t)) => Some(t),
            _ => None,
        };
        let is_load = target.is_some() || reply.msg.is_load();
        if reply.epoch != self.epoch {
            return !is_load;
        }
        match target {
            Some(t) => self.latest.get(&t) == Some(&reply.id),
            None => true,
        }
    }

    /// A new backend (a new sign-in): whatever the old one still answers
    /// to a load is dropped, and nothing waits for it.
    pub fn new_epoch(&mut self) {
        self.epoch += 1;
        self.in_flight.retain(|_, j| *j == Job::Write);
        self.latest.clear();
    }
}
