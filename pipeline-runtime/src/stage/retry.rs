//! Retry with backoff (`[retry = R]` on `try_map` and `try_then`): [`Retry`], the policy,
//! and its schedule of waits. The loop that applies it to an item is in `retrying.rs`.
//!
//! Guarantees of the schedule:
//! - Before retry `k` (`k = 1` after the first failure) the wait is
//!   `min(initial × 2^(k−1), max_delay)`, saturating (no overflow for any `k` or duration);
//!   with jitter (the default), a duration drawn uniformly between zero and that ("full
//!   jitter"), so that workers and runs that failed together do not all retry at once.
//! - Only errors that `when` calls transient are retried (by default, every error).

use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::time::Duration;

/// The first wait of `[retry = n]` and of [`Retry::attempts`] unless
/// [`backoff`](Retry::backoff) says otherwise.
const DEFAULT_BACKOFF: Duration = Duration::from_millis(100);

/// The longest wait of `[retry = n]` and of [`Retry::attempts`] unless
/// [`max_delay`](Retry::max_delay) says otherwise.
const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(10);

/// How a fallible transform (`try_map`, `try_then`) retries an item whose closure failed:
/// the value of its `[retry = ..]` option.
///
/// `[retry = 3]` is `Retry::attempts(3)`: at most 3 attempts in all, waiting 100 ms before
/// the second and 200 ms before the third (doubling, at most 10 s), each wait drawn at random
/// between zero and that (full jitter), and every error retried. The builder changes each of
/// these:
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use std::sync::atomic::{AtomicU32, Ordering};
/// use std::time::Duration;
///
/// use gopipe_runtime::{pipeline, Retry};
///
/// #[derive(Debug)]
/// enum Error { Unavailable, NotFound }
///
/// let calls = AtomicU32::new(0);
/// let fetched: Vec<String> = pipeline! {
///     from_iter(["a", "b"])
///         -> try_map(move |key: &str| match calls.fetch_add(1, Ordering::Relaxed) {
///             0 | 1 => Err(Error::Unavailable), // the first two calls fail
///             _ => Ok(key.to_uppercase()),
///         }) [retry = Retry::attempts(5)
///                 .backoff(Duration::from_millis(1)) // 1 ms, 2 ms, 4 ms, ..
///                 .max_delay(Duration::from_millis(50))
///                 .jitter(false)
///                 .when(|error: &Error| matches!(error, Error::Unavailable))]
///         -> collect()
/// }
/// .await
/// .unwrap();
/// assert_eq!(fetched, ["A", "B"]); // "a" took three attempts, "b" one
/// # let _ = Error::NotFound;
/// # }
/// ```
///
/// An error that `when` does not call transient fails at once; the last attempt's error is
/// the stage's error. Either is handled in the run's error style, as an error without retry
/// is, and says how many attempts were made: "stage `fetch` failed after 5 attempts: ..".
/// ([`StageError::attempts`](crate::StageError::attempts),
/// [`PipelineError::attempts`](crate::PipelineError::attempts)).
///
/// With a per-item `[timeout = d]` on the same stage, `d` bounds each attempt, not all of
/// them: an attempt that takes longer fails with the run's timeout error (made from
/// [`Elapsed`](crate::Elapsed)), which is retried if `when` says so.
///
/// Every wait watches the run: cancelling it, its deadline, or its consumer leaving ends the
/// wait, and the stage, at once. With `workers = N`, each worker retries its own items.
///
/// `Retry::attempts(0)` is an invalid argument of the stage: the run fails with
/// [`PipelineError::InvalidArgument`](crate::PipelineError::InvalidArgument) before anything
/// runs.
pub struct Retry<E> {
    attempts: usize,
    initial: Duration,
    max_delay: Duration,
    jitter: bool,
    /// `None`: every error is transient.
    when: Option<Transient<E>>,
}

/// `when`'s predicate, shared by the copies of a policy (one per worker).
type Transient<E> = Arc<dyn Fn(&E) -> bool + Send + Sync>;

impl<E> Retry<E> {
    /// At most `attempts` attempts at each item, the first included; with the default
    /// backoff (100 ms, doubling, at most 10 s, with jitter), retrying every error.
    pub fn attempts(attempts: usize) -> Self {
        Self {
            attempts,
            initial: DEFAULT_BACKOFF,
            max_delay: DEFAULT_MAX_DELAY,
            jitter: true,
            when: None,
        }
    }

    /// Waits `initial` before the first retry, and twice as long before each next one
    /// (exponential backoff, up to [`max_delay`](Self::max_delay)). Zero retries at once.
    #[must_use]
    pub fn backoff(mut self, initial: Duration) -> Self {
        self.initial = initial;
        self
    }

    /// No wait is longer than `cap`.
    #[must_use]
    pub fn max_delay(mut self, cap: Duration) -> Self {
        self.max_delay = cap;
        self
    }

    /// With `true` (the default), each wait is drawn uniformly between zero and its backoff
    /// (full jitter); with `false`, it is the backoff exactly.
    #[must_use]
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Retries only the errors `transient` returns `true` for; any other fails the item at
    /// once. By default every error is retried.
    #[must_use]
    pub fn when(mut self, transient: impl Fn(&E) -> bool + Send + Sync + 'static) -> Self {
        self.when = Some(Arc::new(transient));
        self
    }

    /// At most how many attempts at each item.
    pub(super) fn max_attempts(&self) -> usize {
        self.attempts
    }

    /// Whether the stage tries again after `error`.
    pub(super) fn is_transient(&self, error: &E) -> bool {
        self.when.as_ref().is_none_or(|transient| transient(error))
    }

    /// The backoff before retry `retry` (1: before the second attempt), without jitter:
    /// `initial × 2^(retry − 1)`, at most `max_delay`.
    fn backoff_before(&self, retry: usize) -> Duration {
        let cap = self.max_delay;
        let doublings = u32::try_from(retry.saturating_sub(1)).unwrap_or(u32::MAX);
        let Some(nanos) = 2u128
            .checked_pow(doublings)
            .and_then(|factor| self.initial.as_nanos().checked_mul(factor))
        else {
            return cap;
        };
        if nanos >= cap.as_nanos() {
            return cap;
        }
        // Below the cap, so it fits a `Duration`.
        const NANOS_PER_SEC: u128 = 1_000_000_000;
        Duration::new(
            u64::try_from(nanos / NANOS_PER_SEC).unwrap_or(u64::MAX),
            u32::try_from(nanos % NANOS_PER_SEC).unwrap_or(0),
        )
    }

    /// The wait before retry `retry`: its backoff, or with jitter a draw from `rng` between
    /// zero and it.
    pub(super) fn wait_before(&self, retry: usize, rng: &mut Rng) -> Duration {
        let backoff = self.backoff_before(retry);
        if !self.jitter {
            return backoff;
        }
        // A backoff of more than 584 years draws from the first 584.
        let nanos = u64::try_from(backoff.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(rng.up_to(nanos))
    }
}

impl<E> Clone for Retry<E> {
    fn clone(&self) -> Self {
        Self {
            attempts: self.attempts,
            initial: self.initial,
            max_delay: self.max_delay,
            jitter: self.jitter,
            when: self.when.clone(),
        }
    }
}

impl<E> fmt::Debug for Retry<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Retry")
            .field("attempts", &self.attempts)
            .field("backoff", &self.initial)
            .field("max_delay", &self.max_delay)
            .field("jitter", &self.jitter)
            .field("when", &self.when.as_ref().map(|_| ".."))
            .finish()
    }
}

/// xorshift64*, for jitter: a few instructions per draw. Jitter needs waits that differ
/// between workers and runs, not statistical quality, so the runtime takes no dependency for
/// it; each generator is seeded from std's per-process random hash keys.
#[derive(Clone, Debug)]
pub(super) struct Rng(u64);

impl Rng {
    /// A generator of its own: seeded from a fresh `RandomState`, whose keys differ for each
    /// one made.
    pub(super) fn new() -> Self {
        Self::seeded(RandomState::new().hash_one(0u8))
    }

    /// A generator whose draws follow from `seed` (for tests).
    fn seeded(seed: u64) -> Self {
        // xorshift never leaves zero: one seed is moved off it.
        Self(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A draw between 0 and `bound`, both included (the high half of a 128-bit product:
    /// no division, and no bias worth a thought for waits).
    fn up_to(&mut self, bound: u64) -> u64 {
        let scaled = u128::from(self.next()) * (u128::from(bound) + 1);
        u64::try_from(scaled >> 64).unwrap_or(bound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    fn schedule(retry: &Retry<()>, retries: usize) -> Vec<Duration> {
        (1..=retries).map(|k| retry.backoff_before(k)).collect()
    }

    #[test]
    fn the_backoff_doubles_from_its_initial_delay_up_to_the_cap() {
        let retry = Retry::attempts(8).backoff(100 * MS).max_delay(1000 * MS);
        assert_eq!(
            schedule(&retry, 6),
            [100 * MS, 200 * MS, 400 * MS, 800 * MS, 1000 * MS, 1000 * MS]
        );
        let default = Retry::<()>::attempts(3);
        assert_eq!(
            schedule(&default, 9),
            [100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000].map(|ms| ms * MS)
        );
    }

    #[test]
    fn extreme_schedules_saturate_at_the_cap() {
        let long = Retry::<()>::attempts(usize::MAX).max_delay(Duration::MAX);
        assert_eq!(long.backoff_before(200), Duration::MAX, "2^199 × 100 ms");
        assert_eq!(long.backoff_before(usize::MAX), Duration::MAX);
        let tiny = Retry::<()>::attempts(100)
            .backoff(Duration::from_nanos(1))
            .max_delay(Duration::MAX);
        assert_eq!(tiny.backoff_before(41), Duration::from_nanos(1 << 40));
        let immediate = Retry::<()>::attempts(5).backoff(Duration::ZERO);
        assert_eq!(schedule(&immediate, 4), [Duration::ZERO; 4]);
        let capped_below_initial = Retry::<()>::attempts(5).max_delay(10 * MS);
        assert_eq!(schedule(&capped_below_initial, 2), [10 * MS, 10 * MS]);
    }

    #[test]
    fn jitter_draws_between_zero_and_the_backoff() {
        let retry = Retry::<()>::attempts(10)
            .backoff(100 * MS)
            .max_delay(300 * MS);
        let mut rng = Rng::seeded(7);
        for k in 1..=6 {
            let backoff = retry.backoff_before(k);
            let waits: Vec<Duration> = (0..1000).map(|_| retry.wait_before(k, &mut rng)).collect();
            assert!(waits.iter().all(|wait| *wait <= backoff), "retry {k}");
            // Spread over the whole range, not stuck at one end.
            assert!(waits.iter().any(|wait| *wait < backoff / 10), "retry {k}");
            assert!(
                waits.iter().any(|wait| *wait > backoff * 9 / 10),
                "retry {k}"
            );
        }
        let exact = retry.jitter(false);
        assert_eq!(exact.wait_before(2, &mut rng), 200 * MS);
    }

    #[test]
    fn the_generator_follows_its_seed_and_fresh_ones_differ() {
        let draws = |mut rng: Rng| (0..4).map(|_| rng.next()).collect::<Vec<_>>();
        assert_eq!(draws(Rng::seeded(42)), draws(Rng::seeded(42)));
        assert_ne!(draws(Rng::seeded(42)), draws(Rng::seeded(43)));
        assert_ne!(
            draws(Rng::seeded(0)),
            [0; 4],
            "a zero seed does not stick at zero"
        );
        assert_ne!(draws(Rng::new()), draws(Rng::new()));
        let mut rng = Rng::seeded(1);
        assert!((0..100).all(|_| rng.up_to(0) == 0));
        assert!((0..100).all(|_| rng.up_to(3) <= 3));
        let _ = rng.up_to(u64::MAX);
    }

    #[test]
    fn when_decides_which_errors_are_retried() {
        let every = Retry::<u32>::attempts(3);
        assert!(every.is_transient(&1) && every.is_transient(&2));
        let odd = every.when(|n| n % 2 == 1);
        assert!(odd.is_transient(&1));
        assert!(!odd.is_transient(&2));
        assert!(!odd.clone().is_transient(&4), "a clone keeps its predicate");
    }
}
