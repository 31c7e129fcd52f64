//! A worker's gauge: what one stage task counts about itself (items in and out, errors) and
//! where its time goes (busy, starved, blocked, paused, throttled), written by the task alone
//! and read by snapshots from anywhere.
//!
//! Guarantees:
//! - **Nearly free.** A count is a relaxed load and store of the task's own counter (one
//!   writer, so no read-modify-write). The clock is read twice per poll of the task, and a
//!   poll ends only when the task waits: never per item while items are in hand.
//! - **Every moment is counted once.** Time inside a poll is busy. Time between polls goes
//!   to what the task said it waits on as the poll ended ([`waiting_on`]): input (starved),
//!   room downstream (blocked), the pause gate (paused), a rate limit's token (throttled), or,
//!   if it said nothing, user code it awaits (busy: a fetch in flight is the stage's work).
//! - **Readable mid-run.** A snapshot adds the time spent so far in the current activity, so
//!   a stage stuck in one long wait or one long poll shows it at once.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};
use std::time::Duration;

use pin_project_lite::pin_project;

use crate::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering::Relaxed};

/// What a worker is doing: the buckets its time goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Activity {
    /// Running, or awaiting user code.
    Busy = 0,
    /// Waiting for input.
    Starved = 1,
    /// Waiting for room downstream.
    Blocked = 2,
    /// Waiting at the pause gate.
    Paused = 3,
    /// Waiting for a rate limit's token.
    Throttled = 4,
    /// The task has ended.
    Done = 5,
}

const BUCKETS: usize = 5;

impl Activity {
    fn from_bits(bits: u64) -> Self {
        match bits {
            0 => Activity::Busy,
            1 => Activity::Starved,
            2 => Activity::Blocked,
            3 => Activity::Paused,
            4 => Activity::Throttled,
            _ => Activity::Done,
        }
    }
}

thread_local! {
    /// What the task being polled on this thread said it waits on, if its poll is pending.
    static WAITING_ON: Cell<Activity> = const { Cell::new(Activity::Busy) };
}

/// Says what the stage task being polled waits on, when it is about to return `Pending`:
/// the last word before the poll ends counts.
#[inline]
pub(crate) fn waiting_on(activity: Activity) {
    WAITING_ON.set(activity);
}

/// The clock of every gauge: the time-stamp counter where the CPU has a reliable one,
/// calibrated once per process (about a millisecond, at the first run).
fn clock() -> &'static quanta::Clock {
    static CLOCK: OnceLock<quanta::Clock> = OnceLock::new();
    CLOCK.get_or_init(quanta::Clock::new)
}

/// One worker's counters and clock. See the [module docs](self).
#[derive(Debug)]
pub(crate) struct WorkerGauge {
    /// The clock's reading at the first poll; 0 until then.
    started: AtomicU64,
    items_in: AtomicU64,
    items_out: AtomicU64,
    errors: AtomicU64,
    /// Nanoseconds finished in each activity but `Done`.
    time: [AtomicU64; BUCKETS],
    /// The current activity, and the clock's reading when it began (read apart: a snapshot
    /// may pair one with the other's neighbour, an error of one wait at most).
    activity: AtomicU8,
    since: AtomicU64,
}

/// Adds `by` to a counter only this worker writes.
#[inline]
fn bump(counter: &AtomicU64, by: u64) {
    counter.store(counter.load(Relaxed).wrapping_add(by), Relaxed);
}

impl WorkerGauge {
    pub(crate) fn new() -> Self {
        // Calibrated now, at wiring, rather than inside the first poll.
        let _ = clock();
        Self {
            started: AtomicU64::new(0),
            items_in: AtomicU64::new(0),
            items_out: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            time: Default::default(),
            activity: AtomicU8::new(Activity::Busy as u8),
            since: AtomicU64::new(0),
        }
    }

    /// A poll starts: the wait before it is counted to what it was.
    fn begin_poll(&self) {
        let now = clock().raw().max(1);
        if self.started.load(Relaxed) == 0 {
            self.started.store(now, Relaxed);
        } else {
            let activity = Activity::from_bits(self.activity.load(Relaxed).into());
            self.finish(activity, self.since.load(Relaxed), now);
        }
        self.activity.store(Activity::Busy as u8, Relaxed);
        self.since.store(now, Relaxed);
    }

    /// A poll ends: it was busy; what comes next is `next`.
    fn end_poll(&self, next: Activity) {
        let activity = Activity::from_bits(self.activity.load(Relaxed).into());
        if activity == Activity::Done {
            return;
        }
        let now = clock().raw();
        self.finish(activity, self.since.load(Relaxed), now);
        self.activity.store(next as u8, Relaxed);
        self.since.store(now, Relaxed);
    }

    fn finish(&self, activity: Activity, since: u64, now: u64) {
        if let Some(bucket) = self.time.get(activity as usize) {
            bump(bucket, clock().delta_as_nanos(since, now));
        }
    }

    /// What the worker is doing and its items in and out; `None` before its first poll.
    pub(crate) fn state(&self) -> Option<(Activity, (u64, u64))> {
        (self.started.load(Relaxed) != 0).then(|| {
            (
                Activity::from_bits(self.activity.load(Relaxed).into()),
                (self.items_in.load(Relaxed), self.items_out.load(Relaxed)),
            )
        })
    }

    /// What the worker has counted so far, up to now.
    pub(crate) fn read(&self) -> Reading {
        let mut time = [0u64; BUCKETS];
        for (slot, bucket) in time.iter_mut().zip(&self.time) {
            *slot = bucket.load(Relaxed);
        }
        let started = self.started.load(Relaxed) != 0;
        let activity = Activity::from_bits(self.activity.load(Relaxed).into());
        if started && let Some(slot) = time.get_mut(activity as usize) {
            let since = self.since.load(Relaxed);
            *slot += clock().delta_as_nanos(since, clock().raw().max(since));
        }
        Reading {
            running: started && activity != Activity::Done,
            items_in: self.items_in.load(Relaxed),
            items_out: self.items_out.load(Relaxed),
            errors: self.errors.load(Relaxed),
            time: time.map(Duration::from_nanos),
        }
    }
}

/// A worker's counts at one moment.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reading {
    pub(crate) running: bool,
    pub(crate) items_in: u64,
    pub(crate) items_out: u64,
    pub(crate) errors: u64,
    /// Busy, starved, blocked, paused, throttled.
    pub(crate) time: [Duration; BUCKETS],
}

/// A stage task's handle on its gauge; none when the run's metrics are off.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gauge(Option<Arc<WorkerGauge>>);

impl Gauge {
    pub(crate) fn new(gauge: Option<Arc<WorkerGauge>>) -> Self {
        Self(gauge)
    }

    /// No gauge: counts nothing.
    pub(crate) fn off() -> Self {
        Self(None)
    }

    /// An item taken from the input.
    #[inline]
    pub(crate) fn item_in(&self) {
        if let Some(gauge) = &self.0 {
            bump(&gauge.items_in, 1);
        }
    }

    /// An item sent downstream.
    #[inline]
    pub(crate) fn item_out(&self) {
        if let Some(gauge) = &self.0 {
            bump(&gauge.items_out, 1);
        }
    }

    /// An item sent downstream by one of several tasks (a generator's emitter clones).
    #[inline]
    pub(crate) fn item_out_shared(&self) {
        if let Some(gauge) = &self.0 {
            gauge.items_out.fetch_add(1, Relaxed);
        }
    }

    /// An error raised by the stage's user code.
    #[inline]
    pub(crate) fn error(&self) {
        if let Some(gauge) = &self.0 {
            bump(&gauge.errors, 1);
        }
    }
}

pin_project! {
    /// A stage task timed by its gauge (see the module docs).
    pub(crate) struct Timed<F> {
        ended: Ended,
        #[pin]
        task: F,
    }
}

impl<F> Timed<F> {
    pub(crate) fn new(gauge: Gauge, task: F) -> Self {
        Self {
            ended: Ended(gauge),
            task,
        }
    }
}

impl<F: Future> Future for Timed<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let Some(gauge) = &this.ended.0.0 else {
            return this.task.poll(cx);
        };
        gauge.begin_poll();
        WAITING_ON.set(Activity::Busy);
        let poll = this.task.poll(cx);
        let next = if poll.is_pending() {
            WAITING_ON.get()
        } else {
            Activity::Done
        };
        gauge.end_poll(next);
        poll
    }
}

/// Marks the task ended when it is dropped (finished, aborted or panicked).
struct Ended(Gauge);

impl Drop for Ended {
    fn drop(&mut self) {
        if let Some(gauge) = &self.0.0
            && gauge.started.load(Relaxed) != 0
        {
            gauge.end_poll(Activity::Done);
        }
    }
}

pin_project! {
    /// A wait of the stage engine's, saying what it waits on whenever it is pending.
    pub(crate) struct Marked<F> {
        activity: Activity,
        #[pin]
        inner: F,
    }
}

/// `inner`, which waits on `activity` whenever it is pending.
pub(crate) fn marked<F: Future>(activity: Activity, inner: F) -> Marked<F> {
    Marked { activity, inner }
}

impl<F: Future> Future for Marked<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let poll = this.inner.poll(cx);
        if poll.is_pending() {
            waiting_on(*this.activity);
        }
        poll
    }
}
