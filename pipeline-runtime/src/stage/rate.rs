//! Rate limits (`[rate = R]` on a source, transform or sink): [`Rate`], the limit, and the
//! arithmetic of its token bucket. The limiter that applies it to a stage's items is in
//! `limiter.rs`.
//!
//! The bucket is kept as GCRA (the "generic cell rate algorithm") keeps it: as one time, the
//! theoretical arrival time ("TAT") of the next item if items came exactly at the rate. An
//! item asked for at `now` may go at `max(now, TAT − (burst − 1) × interval)`, and moves the
//! TAT to `max(TAT, now) + interval`. Guarantees of the arithmetic:
//! - After a quiet spell the bucket is full: `burst` items go at once, then one per interval.
//! - In any window of time `w`, at most `burst + ⌈w / interval⌉ − 1` items go; sustained,
//!   exactly the rate.
//! - Exact for any count and period: time is counted in units of `1 / count` ns, so the
//!   interval (`period / count`) is never rounded and `per_second(3)` does not drift. Every
//!   sum saturates: no count, period or burst overflows.
//! - Every item gets its time when it asks: one that must wait has reserved its slot, so no
//!   later asker overtakes it.

use std::fmt;
use std::time::Duration;

/// How fast a stage handles its items: the value of its `[rate = ..]` option, a token bucket
/// shared by all the stage's workers.
///
/// [`Rate::per_second(n)`](Rate::per_second) (what `[rate = n]` means) lets `n` items through
/// each second, evenly spaced: one every `1/n` s. [`burst(b)`](Rate::burst) lets up to `b`
/// through at once after a quiet spell, keeping the same rate over time. So
/// `Rate::per_second(10).burst(5)` lets 5 items through at once when the stage has been idle
/// for half a second or more, then one every 100 ms: at most 14 in any second (the 5, then 9
/// more), and 10 a second sustained. Each 100 ms in which the stage takes no token gives one
/// back, up to 5.
///
/// Each item takes its token before the stage's code for it runs: a transform or a sink right
/// after receiving the item, before calling its closure; a source before each send (for
/// `generate`, at each `emit.send(..)`, whichever clone of the emitter sends it). With
/// `workers = N`, the workers share the one bucket: the rate is the stage's, not each
/// worker's.
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)] async fn main() {
/// use gopipe_runtime::{pipeline, Rate};
/// use tokio::time::Instant;
///
/// let start = Instant::now();
/// let mut times: Vec<u128> = pipeline! {
///     from_iter(1..=6)
///         // When each item's closure ran, in ms: three workers, one bucket.
///         -> map(move |_: u32| start.elapsed().as_millis())
///             [workers = 3, rate = Rate::per_second(10).burst(3)]
///         -> collect()
/// }
/// .await
/// .unwrap();
/// times.sort_unstable();
/// assert_eq!(times, [0, 0, 0, 100, 200, 300]); // a burst of 3, then one every 100 ms
/// # }
/// ```
///
/// Waiting for a token watches the run like every wait of a stage: a cancel, the run's
/// deadline or the consumer leaving ends it, and the stage, at once. A stage that must wait
/// first delivers the outputs it holds, so none of them waits with it.
///
/// A count of 0, a period of zero or a burst of 0 is an invalid argument of the stage: the
/// run fails with [`PipelineError::InvalidArgument`](crate::PipelineError::InvalidArgument)
/// before anything runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Rate {
    count: u32,
    period: Duration,
    burst: u32,
}

impl Rate {
    /// `count` items a second, evenly spaced (burst 1); what `[rate = count]` means.
    pub fn per_second(count: u32) -> Self {
        Self::per(count, Duration::from_secs(1))
    }

    /// `count` items per `period`, evenly spaced (burst 1): `Rate::per(1, d)` is one item
    /// every `d`, `Rate::per(600, Duration::from_secs(60))` ten a second.
    pub fn per(count: u32, period: Duration) -> Self {
        Self {
            count,
            period,
            burst: 1,
        }
    }

    /// Lets up to `burst` items through at once after a quiet spell (the bucket's size), at
    /// the same rate over time. The default, 1, spaces every item evenly.
    #[must_use]
    pub fn burst(mut self, burst: u32) -> Self {
        self.burst = burst;
        self
    }

    /// What is wrong with it, if anything: what it is expected to be instead.
    pub(crate) fn invalid(&self) -> Option<&'static str> {
        if self.count == 0 {
            Some("at least 1 item per period")
        } else if self.period.is_zero() {
            Some("a period of more than zero")
        } else if self.burst == 0 {
            Some("a burst of at least 1")
        } else {
            None
        }
    }
}

/// `10 per 1s, burst 5`: how an invalid argument shows it.
impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} per {:?}, burst {}",
            self.count, self.period, self.burst
        )
    }
}

/// The token bucket of one [`Rate`], as one time: see the module docs. Times are
/// nanoseconds after the bucket's origin (the limiter's creation); its state is in units of
/// `1 / count` ns.
#[derive(Debug)]
pub(super) struct Bucket {
    /// Units per nanosecond: the rate's count.
    scale: u128,
    /// Between two items at the rate, in units: the period's nanoseconds.
    interval: u128,
    /// How far ahead of the rate an item may go, in units: `(burst − 1) × interval`.
    tolerance: u128,
    /// The theoretical arrival time of the next item, in units.
    tat: u128,
}

impl Bucket {
    /// A full bucket for `rate` (checked valid, or made so: every figure at least 1).
    pub(super) fn new(rate: Rate) -> Self {
        let scale = u128::from(rate.count.max(1));
        let interval = rate.period.as_nanos().max(1);
        let tolerance = interval.saturating_mul(u128::from(rate.burst.max(1) - 1));
        Self {
            scale,
            interval,
            tolerance,
            tat: 0,
        }
    }

    /// Takes the token of an item asked for at `now`: when it may go (`now`, or later).
    pub(super) fn take(&mut self, now: u128) -> u128 {
        let arrival = self.tat.max(now.saturating_mul(self.scale));
        let allowed = arrival.saturating_sub(self.tolerance);
        self.tat = arrival.saturating_add(self.interval);
        // Rounded up: an item never goes before its time.
        allowed.div_ceil(self.scale).max(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: u128 = 1_000_000;

    /// When each item goes if one is asked for at each of `asks` (ns), in order.
    fn times(rate: Rate, asks: &[u128]) -> Vec<u128> {
        let mut bucket = Bucket::new(rate);
        asks.iter().map(|&now| bucket.take(now)).collect()
    }

    #[test]
    fn items_asked_for_together_are_spaced_by_the_interval() {
        assert_eq!(
            times(Rate::per_second(10), &[0; 4]),
            [0, 100 * MS, 200 * MS, 300 * MS]
        );
        assert_eq!(
            times(Rate::per(1, Duration::from_millis(250)), &[0, 0]),
            [0, 250 * MS]
        );
    }

    #[test]
    fn a_burst_goes_at_once_then_the_rate_holds() {
        let rate = Rate::per_second(10).burst(3);
        assert_eq!(
            times(rate, &[0; 6]),
            [0, 0, 0, 100 * MS, 200 * MS, 300 * MS]
        );
    }

    #[test]
    fn the_example_of_the_docs_holds() {
        // per_second(10).burst(5): 5 at once, then one per 100 ms; 300 ms idle refill 3.
        let rate = Rate::per_second(10).burst(5);
        let mut bucket = Bucket::new(rate);
        let first: Vec<u128> = (0..7).map(|_| bucket.take(0)).collect();
        assert_eq!(first, [0, 0, 0, 0, 0, 100 * MS, 200 * MS]);
        // The last went at 200 ms; by 500 ms, 3 tokens are back.
        let later: Vec<u128> = (0..4).map(|_| bucket.take(500 * MS)).collect();
        assert_eq!(later, [500 * MS, 500 * MS, 500 * MS, 600 * MS]);
    }

    #[test]
    fn items_that_come_slower_than_the_rate_never_wait() {
        let asks: Vec<u128> = (0..10).map(|k| k * 150 * MS).collect();
        assert_eq!(times(Rate::per_second(10), &asks), asks);
    }

    #[test]
    fn a_quiet_spell_refills_the_bucket_only_up_to_the_burst() {
        let rate = Rate::per_second(10).burst(2);
        // Idle for 10 s: still only 2 at once.
        assert_eq!(
            times(rate, &[0, 10_000 * MS, 10_000 * MS, 10_000 * MS]),
            [0, 10_000 * MS, 10_000 * MS, 10_100 * MS]
        );
    }

    #[test]
    fn intervals_that_are_not_whole_nanoseconds_do_not_drift() {
        // 3 a second: 333_333_333.3.. ns apart, rounded up per item, never accumulated.
        let went = times(Rate::per_second(3), &[0; 7]);
        assert_eq!(
            went,
            [
                0,
                333_333_334,
                666_666_667,
                1_000_000_000,
                1_333_333_334,
                1_666_666_667,
                2_000_000_000
            ]
        );
    }

    /// In every window of length `w` starting at an item, at most `burst + ⌈w / T⌉ − 1`.
    #[test]
    fn no_window_holds_more_than_the_burst_and_the_rate() {
        let (burst, interval) = (4u128, 100 * MS);
        let rate = Rate::per_second(10).burst(4);
        // Bursty asks: clumps and gaps, from a fixed generator.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut now = 0u128;
        let mut asks = Vec::new();
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            now += u128::from(seed % 5) * 60 * MS * u128::from(seed.is_multiple_of(3));
            asks.push(now);
        }
        let went = times(rate, &asks);
        for (ask, at) in asks.iter().zip(&went) {
            assert!(at >= ask, "an item went before it was asked for");
        }
        assert!(went.windows(2).all(|pair| pair[0] <= pair[1]), "in order");
        for w in [1, 50 * MS, 100 * MS, 250 * MS, 1000 * MS, 5000 * MS] {
            let most = burst + w.div_ceil(interval) - 1;
            for (i, start) in went.iter().enumerate() {
                let within = went[i..].iter().take_while(|at| **at < start + w).count();
                assert!(
                    within as u128 <= most,
                    "{within} items in {w} ns from {start}; at most {most}"
                );
            }
        }
    }

    #[test]
    fn extreme_rates_saturate_instead_of_overflowing() {
        let slowest = Rate::per(1, Duration::MAX).burst(u32::MAX);
        let mut bucket = Bucket::new(slowest);
        assert_eq!(bucket.take(0), 0);
        assert_eq!(bucket.take(u128::from(u64::MAX)), u128::from(u64::MAX));
        let fastest = Rate::per(u32::MAX, Duration::from_nanos(1));
        let went = times(fastest, &[0; 100]);
        assert!(went.iter().all(|at| *at <= 1), "{went:?}");
        let mut stuck = Bucket::new(Rate::per(1, Duration::MAX));
        for _ in 0..1000 {
            assert_eq!(stuck.take(u128::MAX), u128::MAX);
        }
    }

    #[test]
    fn zero_figures_are_invalid_and_say_what_is_expected() {
        assert_eq!(Rate::per_second(10).burst(5).invalid(), None);
        assert_eq!(
            Rate::per_second(0).invalid(),
            Some("at least 1 item per period")
        );
        assert_eq!(
            Rate::per(1, Duration::ZERO).invalid(),
            Some("a period of more than zero")
        );
        assert_eq!(
            Rate::per_second(1).burst(0).invalid(),
            Some("a burst of at least 1")
        );
        assert_eq!(
            Rate::per_second(10).burst(5).to_string(),
            "10 per 1s, burst 5"
        );
    }
}
