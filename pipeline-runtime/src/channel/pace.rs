//! Pace: how many items to move at once, from how fast a stage goes.
//!
//! Moving items in batches saves locks and wakeups, but an item in a batch waits for the
//! items before it. A pace reads the clock every few items to learn how long its stage takes
//! per item, and sizes batches so that an item waits about [`LATENCY_BUDGET`] at most: a fast
//! stage moves hundreds at once, a stage that takes microseconds per item moves a few, and a
//! slow one (a network call per item) moves them one by one. Until it knows, it moves one.

use std::time::{Duration, Instant};

/// How long an item may wait behind the others of its batch.
pub const LATENCY_BUDGET: Duration = Duration::from_micros(20);

/// The pace reads the clock once per this many items.
const SAMPLE_EVERY: u32 = 32;

/// 32-bit counts: a pace is in every receiver and outlet, and a batch is far smaller.
#[derive(Debug)]
pub(crate) struct Pace {
    items: u32,
    batch: u32,
    max: u32,
    sampled_at: Option<Instant>,
}

impl Pace {
    /// A pace whose batches never exceed `max` (at least 1).
    pub(crate) fn new(max: usize) -> Self {
        Self {
            items: 0,
            batch: 1,
            max: u32::try_from(max).unwrap_or(u32::MAX).max(1),
            sampled_at: None,
        }
    }

    /// Counts one item handled by the stage.
    #[inline]
    pub(crate) fn tick(&mut self) {
        self.items += 1;
        if self.items >= SAMPLE_EVERY {
            self.sample();
        }
    }

    fn sample(&mut self) {
        self.items = 0;
        let now = Instant::now();
        if let Some(then) = self.sampled_at.replace(now) {
            let per_item = (now - then).as_nanos() / u128::from(SAMPLE_EVERY);
            let fits = LATENCY_BUDGET.as_nanos() / per_item.max(1);
            self.batch = u32::try_from(fits).unwrap_or(u32::MAX).clamp(1, self.max);
        }
    }

    /// The batch size for the stage's current pace.
    #[inline]
    pub(crate) fn batch(&self) -> usize {
        self.batch as usize
    }
}
