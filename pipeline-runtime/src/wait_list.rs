//! Parked tasks and the objects that must hear about a signal.
//!
//! [`WaitList`] is the set of tasks parked on one condition (an item, a free slot, a resume).
//! It always lives inside the mutex that guards the condition, so "check, then park" is atomic
//! and no wakeup can be lost between the two. Wakers are taken out under the lock and woken
//! after it is released ([`Wakers::wake`]); everyone parked is woken and re-checks, so a waiter
//! that goes away after being woken never strands the others.
//!
//! [`Listeners`] is a list of weak references to objects (channels, child tokens) that a
//! signal such as cancellation must reach. Dead entries are pruned as the list grows, so a
//! long-lived signal does not accumulate the channels of finished runs.

use std::task::Waker;

use crate::sync::Weak;

/// A waiting future's key into a [`WaitList`]: `None` until it first parks. 32 bits: a key
/// is in every stage task, several times.
pub(crate) type WaitKey = Option<u32>;

/// Tasks parked on one condition. Each waiting future owns a key into it.
#[derive(Debug, Default)]
pub(crate) struct WaitList {
    slots: Vec<Slot>,
    /// Head of the free-slot chain; `NONE` when empty.
    free: usize,
    /// How many slots hold a waker.
    waiting: usize,
}

#[derive(Debug)]
enum Slot {
    /// Free; the index of the next free slot.
    Vacant(usize),
    /// Owned by a future that is not parked right now (never parked yet, or already woken).
    Idle,
    Parked(Waker),
}

const NONE: usize = usize::MAX;

impl WaitList {
    pub(crate) const fn new() -> Self {
        Self {
            slots: Vec::new(),
            free: NONE,
            waiting: 0,
        }
    }

    /// Parks the future that owns `key`, allocating the key on first use.
    pub(crate) fn park(&mut self, key: &mut WaitKey, waker: &Waker) {
        let index = *key.get_or_insert_with(|| self.allocate());
        match &mut self.slots[index as usize] {
            Slot::Parked(current) => {
                if !current.will_wake(waker) {
                    current.clone_from(waker);
                }
            }
            slot => {
                *slot = Slot::Parked(waker.clone());
                self.waiting += 1;
            }
        }
    }

    /// Releases `key`; the future that owned it is finished or gone.
    pub(crate) fn remove(&mut self, key: &mut WaitKey) {
        let Some(index) = key.take() else { return };
        let index = index as usize;
        if matches!(self.slots[index], Slot::Parked(_)) {
            self.waiting -= 1;
        }
        self.slots[index] = Slot::Vacant(self.free);
        self.free = index;
    }

    pub(crate) fn has_waiting(&self) -> bool {
        self.waiting > 0
    }

    /// Takes every parked waker; call [`Wakers::wake`] after releasing the lock.
    pub(crate) fn take_all(&mut self) -> Wakers {
        if self.waiting == 0 {
            return Wakers::none();
        }
        let mut wakers = Vec::with_capacity(self.waiting);
        for slot in &mut self.slots {
            if matches!(slot, Slot::Parked(_))
                && let Slot::Parked(waker) = std::mem::replace(slot, Slot::Idle)
            {
                wakers.push(waker);
            }
        }
        self.waiting = 0;
        Wakers(wakers)
    }

    fn allocate(&mut self) -> u32 {
        let index = self.allocate_slot();
        u32::try_from(index).expect("fewer than 2^32 futures wait on one condition")
    }

    fn allocate_slot(&mut self) -> usize {
        if self.free == NONE {
            self.slots.push(Slot::Idle);
            return self.slots.len() - 1;
        }
        let index = self.free;
        let Slot::Vacant(next) = self.slots[index] else {
            unreachable!("the free chain only links vacant slots")
        };
        self.free = next;
        self.slots[index] = Slot::Idle;
        index
    }
}

/// Wakers taken out of a [`WaitList`], to be woken once the lock is released.
#[must_use = "the tasks stay parked until `wake` is called"]
#[derive(Debug)]
pub(crate) struct Wakers(Vec<Waker>);

impl Wakers {
    pub(crate) const fn none() -> Self {
        Wakers(Vec::new())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn wake(self) {
        self.0.into_iter().for_each(Waker::wake);
    }
}

/// Something a signal must reach: it wakes its own parked tasks so they re-check the signal.
pub(crate) trait Listener: Send + Sync {
    fn notify(&self);
}

/// Weak references to [`Listener`]s, pruned of dead entries as the list grows.
#[derive(Default)]
pub(crate) struct Listeners<L: ?Sized = dyn Listener> {
    list: Vec<Weak<L>>,
    prune_at: usize,
}

const PRUNE_MIN: usize = 16;

impl<L: ?Sized> Listeners<L> {
    pub(crate) const fn new() -> Self {
        Self {
            list: Vec::new(),
            prune_at: PRUNE_MIN,
        }
    }

    pub(crate) fn push(&mut self, listener: Weak<L>) {
        if self.list.len() >= self.prune_at {
            self.list.retain(|weak| weak.strong_count() > 0);
            // Amortized O(1): the next prune waits until the live part has doubled.
            self.prune_at = (self.list.len() * 2).max(PRUNE_MIN);
        }
        self.list.push(listener);
    }

    /// Empties the list, for a signal that fires once.
    pub(crate) fn take(&mut self) -> Vec<Weak<L>> {
        self.prune_at = PRUNE_MIN;
        std::mem::take(&mut self.list)
    }

    /// The live listeners, for a signal that fires repeatedly.
    pub(crate) fn snapshot(&self) -> Vec<Weak<L>> {
        self.list.clone()
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    struct CountingWaker(AtomicUsize);
    impl Wake for CountingWaker {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counting_waker() -> (Arc<CountingWaker>, Waker) {
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        (counter.clone(), Waker::from(counter))
    }

    #[test]
    fn take_all_wakes_each_parked_task_once_and_keeps_keys() {
        let mut list = WaitList::new();
        let (a_count, a) = counting_waker();
        let (b_count, b) = counting_waker();
        let (mut ka, mut kb) = (None, None);
        list.park(&mut ka, &a);
        list.park(&mut ka, &a); // re-park with the same waker: still one entry
        list.park(&mut kb, &b);
        assert!(list.has_waiting());
        list.take_all().wake();
        assert!(!list.has_waiting());
        assert_eq!(a_count.0.load(Ordering::SeqCst), 1);
        assert_eq!(b_count.0.load(Ordering::SeqCst), 1);
        // Woken keys stay allocated until removed, and a second take wakes nobody.
        list.take_all().wake();
        assert_eq!(a_count.0.load(Ordering::SeqCst), 1);
        list.remove(&mut ka);
        list.remove(&mut kb);
        assert_eq!(ka, None);
    }

    #[test]
    fn removed_slots_are_reused() {
        let mut list = WaitList::new();
        let (_, w) = counting_waker();
        let mut keys: Vec<WaitKey> = vec![None; 4];
        for key in &mut keys {
            list.park(key, &w);
        }
        for key in &mut keys {
            list.remove(key);
        }
        assert!(!list.has_waiting());
        let mut again = None;
        list.park(&mut again, &w);
        assert_eq!(
            list.slots.len(),
            4,
            "a freed slot is reused instead of growing"
        );
    }

    struct Nobody;
    impl Listener for Nobody {
        fn notify(&self) {}
    }

    #[test]
    fn listeners_prune_dead_entries_as_they_grow() {
        let mut listeners: Listeners = Listeners::new();
        let alive: Arc<dyn Listener> = Arc::new(Nobody);
        listeners.push(Arc::downgrade(&alive));
        for _ in 0..10_000 {
            let dead: Arc<dyn Listener> = Arc::new(Nobody);
            listeners.push(Arc::downgrade(&dead));
        }
        assert!(listeners.len() <= 2 * PRUNE_MIN, "len {}", listeners.len());
        let live = listeners
            .take()
            .iter()
            .filter(|w| w.strong_count() > 0)
            .count();
        assert_eq!(live, 1);
    }
}
