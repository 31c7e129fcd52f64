//! [`Ack`]: one holder's share of a broker entry, and how the entry is settled.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use crate::context::current_stage;
use crate::id::StageName;

/// How an entry ended, once every holder of its token has let go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every holder acked it: everything derived from the entry was consumed.
    Done,
    /// A holder failed it or was dropped without settling: the entry is left for redelivery.
    Failed(Failure),
}

impl Outcome {
    /// Whether every holder acked the entry.
    pub fn is_done(&self) -> bool {
        matches!(self, Outcome::Done)
    }
}

/// Why an entry was not done: the first error a holder failed it with, or a holder dropped
/// without settling; and the stage it happened in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    stage: Option<StageName>,
    error: String,
    dropped: bool,
}

impl Failure {
    /// The stage the failure happened in (`None` outside any stage).
    pub fn stage(&self) -> Option<&StageName> {
        self.stage.as_ref()
    }

    /// The error, as text (for a dropped holder, what was dropped and how).
    pub fn error(&self) -> &str {
        &self.error
    }

    /// Whether a holder was dropped without settling, rather than failed with an error.
    pub fn is_dropped(&self) -> bool {
        self.dropped
    }

    fn here(error: String, dropped: bool) -> Self {
        Self {
            stage: current_stage(),
            error,
            dropped,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.stage {
            Some(stage) => write!(f, "stage `{stage}`: {}", self.error),
            None => f.write_str(&self.error),
        }
    }
}

type Settle = Box<dyn FnOnce(Outcome) + Send + Sync>;

/// The entry all holders share: settled when the last one lets go.
struct Entry {
    settle: Option<Settle>,
    failure: Mutex<Option<Failure>>,
}

impl Entry {
    /// Records `failure` unless one is recorded already; an error replaces a drop.
    fn record(&self, failure: Failure) {
        let mut slot = self.failure.lock().unwrap_or_else(PoisonError::into_inner);
        match &*slot {
            Some(kept) if !kept.dropped || failure.dropped => {}
            _ => *slot = Some(failure),
        }
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        let failure = self
            .failure
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(settle) = self.settle.take() {
            settle(failure.map_or(Outcome::Done, Outcome::Failed));
        }
    }
}

/// One holder's share of a broker entry: [`ack`](Ack::ack) it when the work it stands for is
/// done, [`fail`](Ack::fail) it when that work failed. Dropping it unsettled fails the entry
/// (see the [module docs](crate::ack)).
///
/// A clone is another holder of the same entry, which is then done only when both are acked.
#[must_use = "an Ack dropped without `ack()` leaves its entry unacknowledged"]
pub struct Ack {
    entry: Arc<Entry>,
    settled: bool,
}

impl Ack {
    /// A token for a new entry; `settle` is called once with its [`Outcome`], on the thread
    /// where its last holder lets go (so it should hand the outcome on, not block).
    pub fn new(settle: impl FnOnce(Outcome) + Send + Sync + 'static) -> Self {
        Self {
            entry: Arc::new(Entry {
                settle: Some(Box::new(settle)),
                failure: Mutex::new(None),
            }),
            settled: false,
        }
    }

    /// This holder's work is done.
    pub fn ack(mut self) {
        self.settled = true;
    }

    /// This holder's work failed with `error`: the entry is not done, and `error` (with the
    /// stage this runs in) is what a dead letter will say.
    pub fn fail(mut self, error: impl fmt::Display) {
        self.entry.record(Failure::here(error.to_string(), false));
        self.settled = true;
    }

    /// How many holders the entry has now (this one included).
    pub fn holders(&self) -> usize {
        Arc::strong_count(&self.entry)
    }
}

impl Clone for Ack {
    fn clone(&self) -> Self {
        Self {
            entry: Arc::clone(&self.entry),
            settled: false,
        }
    }
}

impl Drop for Ack {
    fn drop(&mut self) {
        if !self.settled {
            let how = if std::thread::panicking() {
                "dropped unacknowledged by a panic"
            } else {
                "dropped unacknowledged"
            };
            self.entry.record(Failure::here(how.to_owned(), true));
        }
    }
}

impl fmt::Debug for Ack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ack")
            .field("holders", &self.holders())
            .finish_non_exhaustive()
    }
}

/// The tokens of several messages (a chunk's), settled together.
#[derive(Debug, Default)]
#[must_use = "Acks dropped without `ack()` leave their entries unacknowledged"]
pub struct Acks(Vec<Ack>);

impl Acks {
    /// All their work is done.
    pub fn ack(self) {
        self.0.into_iter().for_each(Ack::ack);
    }

    /// All their work failed with `error`.
    pub fn fail(self, error: impl fmt::Display) {
        let error = error.to_string();
        for ack in self.0 {
            ack.fail(&error);
        }
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<Ack> for Acks {
    fn from_iter<I: IntoIterator<Item = Ack>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl Extend<Ack> for Acks {
    fn extend<I: IntoIterator<Item = Ack>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded() -> (Ack, Arc<Mutex<Option<Outcome>>>) {
        let slot = Arc::new(Mutex::new(None));
        let seen = Arc::clone(&slot);
        (Ack::new(move |o| *seen.lock().unwrap() = Some(o)), slot)
    }

    #[test]
    fn an_entry_is_settled_once_its_last_holder_lets_go() {
        let (ack, outcome) = recorded();
        let other = ack.clone();
        ack.ack();
        assert_eq!(*outcome.lock().unwrap(), None);
        other.ack();
        assert_eq!(*outcome.lock().unwrap(), Some(Outcome::Done));
    }

    #[test]
    fn a_drop_without_settling_fails_the_entry() {
        let (ack, outcome) = recorded();
        let other = ack.clone();
        ack.ack();
        drop(other);
        let Some(Outcome::Failed(failure)) = outcome.lock().unwrap().clone() else {
            panic!("not failed");
        };
        assert!(failure.is_dropped());
        assert_eq!(failure.stage(), None);
    }

    #[test]
    fn an_error_is_kept_over_a_drop_and_the_first_error_over_later_ones() {
        let (ack, outcome) = recorded();
        let (b, c) = (ack.clone(), ack.clone());
        drop(ack);
        b.fail("first");
        c.fail("second");
        let Some(Outcome::Failed(failure)) = outcome.lock().unwrap().clone() else {
            panic!("not failed");
        };
        assert_eq!((failure.error(), failure.is_dropped()), ("first", false));
    }

    #[test]
    fn acks_settle_every_member() {
        let (a, first) = recorded();
        let (b, second) = recorded();
        let acks: Acks = [a, b].into_iter().collect();
        assert_eq!(acks.len(), 2);
        acks.fail("batch write failed");
        for outcome in [first, second] {
            assert!(
                matches!(&*outcome.lock().unwrap(), Some(Outcome::Failed(f)) if f.error() == "batch write failed")
            );
        }
    }
}
