//! Which batches of a fused stage have their time read.
//!
//! Two clock reads cost about 20 ns on the development VM: as much as a batch of one cheap
//! item, and at capacity 1 every batch is one item. So while a stage's batches are cheap
//! (under [`Sampler::CHEAP_NANOS`]), only one in [`Sampler::EVERY`] is timed, and its time
//! counts for the batches not timed as well.
//!
//! Guarantees:
//! - **A slow stage is timed exactly**: the first batch is always timed, and so is every
//!   batch after one that took longer than the threshold.
//! - **A cheap stage is timed on average**: its busy time is off by at most what the untimed
//!   batches of one sample differ from the timed one, a few µs at most.

/// See the [module docs](self). One per fused stage, kept by the stage itself.
#[derive(Debug, Default)]
pub(crate) struct Sampler {
    /// Batches run untimed since the last one timed.
    untimed: u32,
    /// Whether the last batch timed was cheap.
    cheap: bool,
}

impl Sampler {
    /// One batch in this many is timed while batches are cheap.
    pub(crate) const EVERY: u32 = 16;
    /// A batch under this is cheap.
    pub(crate) const CHEAP_NANOS: u64 = 2_000;

    /// Whether the next batch is to be timed; if not, it is counted as untimed.
    #[inline]
    pub(crate) fn times_next(&mut self) -> bool {
        if self.cheap && self.untimed + 1 < Self::EVERY {
            self.untimed += 1;
            return false;
        }
        true
    }

    /// The batch timed took `nanos`: the busy time to count for it and for the batches run
    /// untimed before it.
    #[inline]
    pub(crate) fn timed(&mut self, nanos: u64) -> u64 {
        self.cheap = nanos < Self::CHEAP_NANOS;
        nanos.saturating_mul(u64::from(std::mem::take(&mut self.untimed) + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `batches` batches of `nanos` each through `sampler`: how many were timed, and the
    /// busy time counted.
    fn run(sampler: &mut Sampler, batches: u32, nanos: u64) -> (u32, u64) {
        let (mut timed, mut counted) = (0, 0);
        for _ in 0..batches {
            if sampler.times_next() {
                timed += 1;
                counted += sampler.timed(nanos);
            }
        }
        (timed, counted)
    }

    #[test]
    fn slow_batches_are_each_timed() {
        let mut sampler = Sampler::default();
        assert_eq!(run(&mut sampler, 100, 5_000), (100, 500_000));
    }

    #[test]
    fn cheap_batches_are_timed_one_in_every_and_counted_for_all() {
        let mut sampler = Sampler::default();
        // The first is timed; then one in 16, each counting for the 15 before it.
        let (timed, counted) = run(&mut sampler, 1 + 16 * 10, 100);
        assert_eq!(timed, 11);
        assert_eq!(counted, 100 * (1 + 16 * 10));
    }

    #[test]
    fn a_slow_batch_after_cheap_ones_makes_the_next_timed() {
        let mut sampler = Sampler::default();
        run(&mut sampler, 16, 100);
        // The sample that comes due is slow: from then on every batch is timed again.
        assert_eq!(run(&mut sampler, 16, 100).0, 1);
        assert!(sampler.times_next());
        sampler.timed(50_000);
        assert_eq!(run(&mut sampler, 3, 50_000), (3, 150_000));
    }
}
