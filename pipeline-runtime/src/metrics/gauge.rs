//! A worker's gauge: what one stage task counts about itself (items in and out, errors) and
//! where its time goes (busy, starved, blocked, paused, throttled), written by the task alone
//! and read by snapshots from anywhere.
//!
//! Guarantees:
//! - **Nearly free.** A count is a relaxed load and store of the task's own counter (one
//!   writer, so no read-modify-write). The clock is read twice per poll of the task, and a
//!   poll ends only when the task waits: never per item while items are in hand. A fused
//!   stage reads it around a batch, and while its batches are cheap around one in 16
//!   ([`Sampler`]).
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

use super::Sampler;

use crate::sync::{Arc, Weak};
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
    /// A fused stage between its batches: it runs inside another stage's task, whose gauge
    /// counts the waits. Only its busy time is its own.
    Fused = 6,
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
            6 => Activity::Fused,
            _ => Activity::Done,
        }
    }
}

thread_local! {
    /// What the task being polled on this thread said it waits on, if its poll is pending.
    static WAITING_ON: Cell<Activity> = const { Cell::new(Activity::Busy) };
    /// Nanoseconds of the current poll that fused stages counted as their own busy time: the
    /// task's own gauge leaves them out.
    static LENT: Cell<u64> = const { Cell::new(0) };
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
    /// Set when the worker is a stage of a fused group (or the task that runs one): the
    /// gauges its waits are read from. Boxed: a gauge of every fan-out worker would carry it.
    group: OnceLock<Box<Group>>,
}

/// Where a fused stage's waits are: its group's task waits for all of its stages, and while
/// one stage works, those before it wait for it as their downstream (blocked) and those after
/// it as their upstream (starved). Weak: the run's registry holds every gauge.
#[derive(Debug)]
struct Group {
    task: Weak<WorkerGauge>,
    before: Vec<Weak<WorkerGauge>>,
    after: Vec<Weak<WorkerGauge>>,
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
            group: OnceLock::new(),
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

    /// A poll ends: it was busy, but for what fused stages counted as theirs (`lent`);
    /// what comes next is `next`.
    fn end_poll(&self, next: Activity, lent: u64) {
        let activity = Activity::from_bits(self.activity.load(Relaxed).into());
        if activity == Activity::Done {
            return;
        }
        let now = clock().raw();
        let since = self.since.load(Relaxed);
        if activity == Activity::Busy {
            let spent = clock().delta_as_nanos(since, now).saturating_sub(lent);
            bump(&self.time[Activity::Busy as usize], spent);
        } else {
            self.finish(activity, since, now);
        }
        self.activity.store(next as u8, Relaxed);
        self.since.store(now, Relaxed);
    }

    fn finish(&self, activity: Activity, since: u64, now: u64) {
        if let Some(bucket) = self.time.get(activity as usize) {
            bump(bucket, clock().delta_as_nanos(since, now));
        }
    }

    /// A fused stage ran a batch for `nanos`: busy time of its own. Its first batch starts
    /// it; between batches it is [`Activity::Fused`] (which counts no time).
    fn fused_batch(&self, nanos: u64) {
        if self.started.load(Relaxed) == 0 {
            self.started.store(clock().raw().max(1), Relaxed);
            self.activity.store(Activity::Fused as u8, Relaxed);
        }
        bump(&self.time[Activity::Busy as usize], nanos);
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

    /// What the worker has counted so far, up to now: its own counts, and for a stage of a
    /// fused group, the waits of its group (see [`Group`]).
    pub(crate) fn read(&self) -> Reading {
        let mut reading = self.read_own();
        let Some(group) = self.group.get() else {
            return reading;
        };
        let busy = |gauges: &[Weak<WorkerGauge>]| -> Duration {
            gauges
                .iter()
                .filter_map(Weak::upgrade)
                .map(|gauge| gauge.read_own().time[Activity::Busy as usize])
                .sum()
        };
        let (starved, blocked) = (Activity::Starved as usize, Activity::Blocked as usize);
        if let Some(task) = group.task.upgrade()
            && !std::ptr::eq(Arc::as_ptr(&task), self)
        {
            let task = task.read_own();
            for bucket in [
                starved,
                blocked,
                Activity::Paused as usize,
                Activity::Throttled as usize,
            ] {
                reading.time[bucket] += task.time[bucket];
            }
        }
        reading.time[starved] += busy(&group.before);
        reading.time[blocked] += busy(&group.after);
        reading
    }

    /// This worker's own counts, up to now.
    fn read_own(&self) -> Reading {
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

    /// `n` items taken at once (a fused stage counts each batch).
    #[inline]
    pub(crate) fn items_in(&self, n: usize) {
        if let Some(gauge) = &self.0 {
            bump(&gauge.items_in, n as u64);
        }
    }

    /// `n` items handed on at once (to a fused stage, which counts each batch).
    #[inline]
    pub(crate) fn items_out(&self, n: usize) {
        if let Some(gauge) = &self.0 {
            bump(&gauge.items_out, n as u64);
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

    /// Times one batch of a fused stage's work, as `sampler` says (see [`Sampler`]): `work`'s
    /// time is the stage's busy time, and the task running it does not count it again. No
    /// clock is read when metrics are off.
    #[inline]
    pub(crate) fn time_fused<R>(&self, sampler: &mut Sampler, work: impl FnOnce() -> R) -> R {
        let Some(gauge) = &self.0 else {
            return work();
        };
        if !sampler.times_next() {
            return work();
        }
        let start = clock().raw();
        let result = work();
        let counted = sampler.timed(clock().delta_as_nanos(start, clock().raw()));
        gauge.fused_batch(counted);
        LENT.set(LENT.get() + counted);
        result
    }

    /// Makes `stages`, in order, a fused group run by the task `task` times (which may be
    /// the last of them): see [`Group`].
    pub(crate) fn join_group(stages: &[Gauge], task: &Gauge) {
        let Some(task) = &task.0 else { return };
        let mut members: Vec<&Arc<WorkerGauge>> =
            stages.iter().filter_map(|g| g.0.as_ref()).collect();
        if !members.iter().any(|member| Arc::ptr_eq(member, task)) {
            members.push(task);
        }
        for (at, member) in members.iter().enumerate() {
            let _ = member.group.set(Box::new(Group {
                task: Arc::downgrade(task),
                before: members[..at]
                    .iter()
                    .map(|gauge| Arc::downgrade(gauge))
                    .collect(),
                after: members[at + 1..]
                    .iter()
                    .map(|gauge| Arc::downgrade(gauge))
                    .collect(),
            }));
        }
    }

    /// A fused stage is over: it stops counting as running.
    pub(crate) fn end_fused(&self) {
        if let Some(gauge) = &self.0
            && gauge.started.load(Relaxed) != 0
            && Activity::from_bits(gauge.activity.load(Relaxed).into()) == Activity::Fused
        {
            gauge.activity.store(Activity::Done as u8, Relaxed);
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
        let lent_before = LENT.replace(0);
        let poll = this.task.poll(cx);
        let next = if poll.is_pending() {
            WAITING_ON.get()
        } else {
            Activity::Done
        };
        // Restored: a task polled inside this one (none today) would not lose its own.
        gauge.end_poll(next, LENT.replace(lent_before));
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
            gauge.end_poll(Activity::Done, 0);
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
