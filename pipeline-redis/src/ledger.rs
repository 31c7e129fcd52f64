//! [`Ledger`]: what a consumer owes the server, shared by its source and its entries' tokens.
//!
//! An entry is *unsettled* from the moment the source emits it until its [`Ack`] settles; then
//! it is owed: an `XACK` if it is done, a dead letter if it failed on its last delivery, or
//! nothing if it failed earlier (it stays pending for redelivery). The source reads no more
//! while unsettled and owed entries fill its window, which bounds the work a killed worker
//! leaves to be redone.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use gopipe_runtime::ack::{Ack, Outcome};
use tokio::sync::Notify;

/// An entry to move to the dead-letter stream, and why.
#[derive(Debug, Clone)]
pub(crate) struct DeadLetter {
    pub(crate) id: String,
    pub(crate) deliveries: u64,
    pub(crate) stage: String,
    pub(crate) error: String,
}

/// What is owed the server, taken by one flush.
#[derive(Debug, Default)]
pub(crate) struct Owed {
    pub(crate) acks: Vec<String>,
    pub(crate) dead: Vec<DeadLetter>,
    /// When the oldest of them was settled.
    pub(crate) since: Option<Instant>,
}

impl Owed {
    pub(crate) fn len(&self) -> usize {
        self.acks.len() + self.dead.len()
    }
}

/// The ids of the entries a consumer holds: unsettled, or settled and owed. A claim that
/// returns one of them (idle on the server while the pipeline works on it, or while its ack
/// waits for a flush) must not emit it twice; nor one whose ack was sent while the claim was
/// on its way, which is why those are remembered for the claim's length.
#[derive(Debug, Default)]
struct Held {
    ids: HashSet<String>,
    claiming: bool,
    acked_while_claiming: HashSet<String>,
}

impl Held {
    /// `id`'s ack or dead letter is sent: it is no longer held.
    fn release(&mut self, id: String) {
        self.ids.remove(&id);
        if self.claiming {
            self.acked_while_claiming.insert(id);
        }
    }
}

/// Counts of what a consumer did, for [`Consumer::stats`](crate::Consumer::stats).
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub(crate) read: AtomicU64,
    pub(crate) reclaimed: AtomicU64,
    pub(crate) acked: AtomicU64,
    pub(crate) left_pending: AtomicU64,
    pub(crate) dead_lettered: AtomicU64,
}

/// The shared account of one consumer.
#[derive(Debug)]
pub(crate) struct Ledger {
    owed: Mutex<Owed>,
    unsettled: AtomicUsize,
    /// The ids of the entries held here (see [`Held`]).
    held: Mutex<Held>,
    /// Woken when an entry settles: the flusher and a source waiting for room look again.
    pub(crate) changed: Notify,
    pub(crate) counts: Counts,
    max_deliveries: u64,
}

impl Ledger {
    pub(crate) fn new(max_deliveries: u64) -> Arc<Self> {
        Arc::new(Self {
            owed: Mutex::new(Owed::default()),
            unsettled: AtomicUsize::new(0),
            held: Mutex::new(Held::default()),
            changed: Notify::new(),
            counts: Counts::default(),
            max_deliveries,
        })
    }

    /// The token of entry `id`, on its `deliveries`-th delivery, now unsettled.
    pub(crate) fn token(self: &Arc<Self>, id: String, deliveries: u64) -> Ack {
        self.unsettled.fetch_add(1, Ordering::AcqRel);
        self.held_ids().ids.insert(id.clone());
        let ledger = Arc::clone(self);
        Ack::new(move |outcome| ledger.settle(id, deliveries, outcome))
    }

    fn settle(&self, id: String, deliveries: u64, outcome: Outcome) {
        match outcome {
            Outcome::Done => self.owe(|owed| owed.acks.push(id)),
            Outcome::Failed(failure) if deliveries >= self.max_deliveries => {
                self.owe(|owed| {
                    owed.dead.push(DeadLetter {
                        id,
                        deliveries,
                        stage: failure.stage().map(ToString::to_string).unwrap_or_default(),
                        error: failure.error().to_owned(),
                    })
                });
            }
            Outcome::Failed(_) => {
                // Left for redelivery: a claim may take it again, here or elsewhere.
                self.held_ids().ids.remove(&id);
                self.counts.left_pending.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.unsettled.fetch_sub(1, Ordering::AcqRel);
        self.changed.notify_waiters();
        self.changed.notify_one();
    }

    fn held_ids(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A claim begins: from now until [`end_claim`](Self::end_claim), entries whose acks are
    /// sent are remembered, since the claim may return them.
    pub(crate) fn begin_claim(&self) {
        let mut held = self.held_ids();
        held.claiming = true;
        held.acked_while_claiming.clear();
    }

    /// The claim is over.
    pub(crate) fn end_claim(&self) {
        let mut held = self.held_ids();
        held.claiming = false;
        held.acked_while_claiming.clear();
    }

    /// Whether entry `id`, just returned by a claim, is this consumer's already: held here,
    /// or acknowledged since the claim began (the claim took it before its ack landed).
    pub(crate) fn is_held(&self, id: &str) -> bool {
        let held = self.held_ids();
        held.ids.contains(id) || held.acked_while_claiming.contains(id)
    }

    /// Owes the server a dead letter for an entry that never became unsettled (one that
    /// could not be decoded, or was delivered too often before this consumer claimed it).
    pub(crate) fn dead_letter(&self, dead: DeadLetter) {
        self.held_ids().ids.insert(dead.id.clone());
        self.owe(|owed| owed.dead.push(dead));
        self.changed.notify_one();
    }

    fn owe(&self, add: impl FnOnce(&mut Owed)) {
        let mut owed = self.owed.lock().unwrap_or_else(PoisonError::into_inner);
        add(&mut owed);
        owed.since.get_or_insert_with(Instant::now);
    }

    /// A copy of everything owed, for a flush. It stays owed until the flush has sent it
    /// ([`sent`](Self::sent)): a flush dropped mid-way (its run cancelled) loses nothing.
    pub(crate) fn to_send(&self) -> (Vec<String>, Vec<DeadLetter>) {
        let owed = self.owed.lock().unwrap_or_else(PoisonError::into_inner);
        (owed.acks.clone(), owed.dead.clone())
    }

    /// The first `acks` acknowledgements and `dead` dead letters owed have been sent. Only
    /// one flush runs at a time, and new debts are appended, so they are the ones copied.
    pub(crate) fn sent(&self, acks: usize, dead: usize) {
        let mut owed = self.owed.lock().unwrap_or_else(PoisonError::into_inner);
        let owed = &mut *owed;
        let (acks, dead) = (acks.min(owed.acks.len()), dead.min(owed.dead.len()));
        let mut held = self.held_ids();
        for id in owed.acks.drain(..acks) {
            held.release(id);
        }
        for letter in owed.dead.drain(..dead) {
            held.release(letter.id);
        }
        drop(held);
        owed.since = if owed.len() == 0 {
            None
        } else {
            Some(Instant::now())
        };
    }

    /// How many are owed, and since when.
    pub(crate) fn owed(&self) -> (usize, Option<Instant>) {
        let owed = self.owed.lock().unwrap_or_else(PoisonError::into_inner);
        (owed.len(), owed.since)
    }

    /// Entries emitted and not yet settled.
    pub(crate) fn unsettled(&self) -> usize {
        self.unsettled.load(Ordering::Acquire)
    }

    /// Entries this consumer holds: unsettled, or settled and not yet flushed.
    pub(crate) fn held(&self) -> usize {
        self.unsettled() + self.owed().0
    }
}
