//! The limits of a recursive stage, as its block gives them (`unique_by`, `max_depth`,
//! `max_pending`): what its [`Frontier`](super::Frontier) is built with.

use std::collections::HashSet;
use std::hash::Hash;

use crate::sync::Mutex;

/// How many fed-back items may wait when `max_pending` is not given.
pub const DEFAULT_MAX_PENDING: usize = 1 << 20;

/// The keys `unique_by` has seen, with the function that gives an item's key.
pub struct Seen<T, K> {
    key: Box<dyn Fn(&T) -> K + Send + Sync>,
    keys: Mutex<HashSet<K>>,
}

impl<T, K: Hash + Eq> Seen<T, K> {
    /// No key seen yet; `key` gives an item's.
    pub fn new(key: impl Fn(&T) -> K + Send + Sync + 'static) -> Self {
        Self {
            key: Box::new(key),
            keys: Mutex::new(HashSet::new()),
        }
    }
}

/// [`Seen`] with its key type erased: what a [`Recursion`] holds, so that nothing after the
/// check of the user's key function proves its bounds again.
pub trait SeenKeys<T>: Send + Sync {
    /// Records `item`'s key; `true` the first time it is seen.
    fn first_time(&self, item: &T) -> bool;
}

impl<T, K> SeenKeys<T> for Seen<T, K>
where
    K: Hash + Eq + Send,
{
    fn first_time(&self, item: &T) -> bool {
        // The key is user code: worked out before the lock is taken.
        let key = (self.key)(item);
        self.keys.lock().insert(key)
    }
}

/// The limits of a recursive stage, as the block gives them.
#[doc(hidden)]
pub struct Recursion<T> {
    pub(crate) unique_by: Option<Box<dyn SeenKeys<T>>>,
    pub(crate) max_depth: Option<usize>,
    pub(crate) max_pending: usize,
}

impl<T> Recursion<T> {
    /// No key, no depth limit, the default backlog limit.
    pub fn new() -> Self {
        Self {
            unique_by: None,
            max_depth: None,
            max_pending: DEFAULT_MAX_PENDING,
        }
    }

    /// `[unique_by = key]`: each key is worked on once.
    #[must_use]
    pub fn unique_by(mut self, seen: Box<dyn SeenKeys<T>>) -> Self {
        self.unique_by = Some(seen);
        self
    }

    /// `[max_depth = depth]`: children deeper than `depth` are dropped.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = Some(depth);
        self
    }

    /// `[max_pending = limit]`: more fed-back items waiting fails the run.
    pub fn max_pending(mut self, limit: usize) -> Self {
        self.max_pending = limit;
        self
    }
}

impl<T> Default for Recursion<T> {
    fn default() -> Self {
        Self::new()
    }
}
