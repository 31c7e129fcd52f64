//! Recursive work (`recurse`, `try_recurse`): a stage whose items can produce more items of
//! the same kind, which are fed back into it, with the run ending by itself once nothing is
//! left anywhere in the loop.
//!
//! Every worker of the stage shares one [`Frontier`]: the items fed back and not yet taken,
//! how many items are being worked on, and how many workers still read the stage's input.
//! A worker takes fed-back items before new input (so the backlog drains before it grows),
//! and waits for either at once.
//!
//! Guarantees:
//! - **It ends by itself.** The stage ends once its input is exhausted, nothing fed back is
//!   waiting, and no worker is working on an item: nothing is left that could produce more.
//!   Nobody keeps a counter by hand.
//! - **The loop never blocks its workers.** Feeding children back never waits: they go to
//!   the frontier, which has no capacity to fill. Its bound is `max_pending` items waiting
//!   (default [`DEFAULT_MAX_PENDING`]); more fails the run with
//!   [`PipelineError::TooManyPending`](crate::PipelineError::TooManyPending) naming the stage,
//!   rather than let memory grow without bound. Only sending outputs downstream waits, as in
//!   any stage.
//! - **Each key once** (`unique_by`): an item whose key was seen before, from the input or
//!   fed back, is dropped. **Depth limit** (`max_depth`): items from the input are at depth 0,
//!   the children of an item at depth `d` at `d + 1`; children deeper than the limit are
//!   dropped before their key is recorded, so a shorter path found later still reaches them.
//! - **Breadth first.** Fed-back items are taken before new input, in the order they were
//!   fed, so one worker walks the graph from an input item level by level and reaches each
//!   key by its shortest path from it. With several workers the order, and so which path
//!   reaches a key first, depends on timing. A worker takes its next waiting item as it
//!   finishes one, under the same lock (one lock per item): while it sends the finished
//!   item's output, that next item waits for it, not for another worker.
//! - **Pause, cancellation and early stop** apply as to any stage: no fed-back item is taken
//!   while the run is paused, and every wait gives up when the run is cancelled or nobody
//!   consumes the output.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::Context;

use tokio::sync::Notify;
use tokio::sync::futures::Notified;

use super::exit::Exit;
use super::io::{InputTimer, Next, StageIo};
use super::retrying::Failed;
use super::style::Style;
use crate::done::Done;
use crate::id::StageName;
use crate::metrics::{Activity, marked};
use crate::pause::Pause;
use crate::scope::Failer;
use crate::sync::{Arc, Mutex};

mod limits;

pub use limits::{DEFAULT_MAX_PENDING, Recursion, Seen, SeenKeys};

/// What the workers of one recursive stage share.
pub(crate) struct Frontier<T, E> {
    state: Mutex<State<T>>,
    /// Woken when items are fed back, and when the stage is finished.
    fed: Notify,
    unique_by: Option<Box<dyn SeenKeys<T>>>,
    max_depth: Option<usize>,
    max_pending: usize,
    stage: StageName,
    failer: Failer<E>,
    pause: Pause,
    done: Done,
}

struct State<T> {
    /// Fed-back items not taken yet, with their depth, oldest first.
    waiting: VecDeque<(T, usize)>,
    /// Items taken by a worker and not finished.
    busy: usize,
    /// Workers that have not seen the input end.
    reading: usize,
    /// Workers waiting for an item to be fed back (or for the input).
    idle: usize,
    /// Nothing is left anywhere in the loop, or the backlog limit was passed.
    finished: bool,
}

impl<T, E> Frontier<T, E> {
    pub(crate) fn new(
        recursion: Recursion<T>,
        workers: usize,
        stage: StageName,
        failer: Failer<E>,
        pause: Pause,
        done: Done,
    ) -> Self {
        Frontier {
            state: Mutex::new(State {
                waiting: VecDeque::new(),
                busy: 0,
                reading: workers,
                idle: 0,
                finished: false,
            }),
            fed: Notify::new(),
            unique_by: recursion.unique_by,
            max_depth: recursion.max_depth,
            max_pending: recursion.max_pending,
            stage,
            failer,
            pause,
            done,
        }
    }
}

impl<T, E> Frontier<T, E> {
    /// A waiting item, now counted busy (`Some(Some(..))`); `Some(None)` when the stage is
    /// finished; `None` when there is nothing to take (then counted idle, if `idle`).
    fn take(&self, idle: bool) -> Option<Option<(T, usize)>> {
        let mut state = self.state.lock();
        if let Some(taken) = state.waiting.pop_front() {
            state.busy += 1;
            return Some(Some(taken));
        }
        if state.finished {
            return Some(None);
        }
        state.idle += usize::from(idle);
        None
    }

    /// Whether `item` is to be worked on: always without `unique_by`, else the first time
    /// its key is seen.
    fn first_time(&self, item: &T) -> bool {
        self.unique_by
            .as_ref()
            .is_none_or(|seen| seen.first_time(item))
    }

    /// Ends the stage once nothing is left that could produce more items.
    fn finish_if_idle(&self, state: &mut State<T>) {
        if state.reading == 0 && state.busy == 0 && state.waiting.is_empty() && !state.finished {
            state.finished = true;
            self.fed.notify_waiters();
        }
    }
}

/// One worker's view of its stage's [`Frontier`].
#[doc(hidden)]
pub struct RecursionWorker<T, E> {
    frontier: Arc<Frontier<T, E>>,
    input_ended: bool,
    /// The waiting item taken, counted busy, under the lock that finished the last one (so
    /// that each item costs one lock): the next to work on.
    taken_ahead: Option<(T, usize)>,
}

impl<T, E> RecursionWorker<T, E> {
    pub(crate) fn new(frontier: Arc<Frontier<T, E>>) -> Self {
        Self {
            frontier,
            input_ended: false,
            taken_ahead: None,
        }
    }
}

impl<T, E> Drop for RecursionWorker<T, E> {
    fn drop(&mut self) {
        // The worker stopped (cancel, early stop, a failure) with an item taken ahead: it
        // is finished too, unworked, so that the count of items in flight still ends at 0.
        if self.taken_ahead.take().is_some() {
            let frontier = &*self.frontier;
            let mut state = frontier.state.lock();
            state.busy -= 1;
            frontier.finish_if_idle(&mut state);
        }
    }
}

impl<T, E> RecursionWorker<T, E> {
    /// The next item to work on: a fed-back one if any is waiting, else the next input.
    /// `None` once the stage is finished, the run is cancelled, or nobody consumes its output.
    pub async fn next<Out, S: Style>(
        &mut self,
        io: &mut StageIo<T, Out, E, S>,
    ) -> Option<(T, Visit<'_, T, E>)> {
        let (item, depth) = self.take_next(io).await?;
        Some((item, Visit::new(self, depth)))
    }

    async fn take_next<Out, S: Style>(
        &mut self,
        io: &mut StageIo<T, Out, E, S>,
    ) -> Option<(T, usize)> {
        let Self {
            frontier,
            input_ended,
            taken_ahead,
        } = self;
        loop {
            if frontier.pause.is_paused() && !wait_for_resume(frontier, io).await {
                return None;
            }
            // The common case: taken as the last item finished, no lock at all.
            if let Some(taken) = taken_ahead.take() {
                io.count_in();
                return Some(taken);
            }
            // Then an item waiting: one lock and no wake-up registration.
            if let Some(taken) = frontier.take(false) {
                io.count_in();
                return taken;
            }
            // Registered before looking again, so that an item fed in between still wakes it;
            // counted idle meanwhile, so that feeders know to wake someone.
            let mut fed = pin!(frontier.fed.notified());
            fed.as_mut().enable();
            if let Some(taken) = frontier.take(true) {
                io.count_in();
                return taken;
            }
            let _idle = Idle(frontier);
            if *input_ended {
                // Only fed-back items can come now; ours must not wait with us.
                if io.flush().await.is_err()
                    || io.run(marked(Activity::Starved, fed)).await.is_err()
                {
                    return None;
                }
                continue;
            }
            match io.next_input(WakeOnFeed(fed)).await {
                Next::Item(item) => {
                    if !frontier.first_time(&item) {
                        continue;
                    }
                    frontier.state.lock().busy += 1;
                    return Some((item, 0));
                }
                Next::Elapsed => {}
                Next::Exhausted => {
                    *input_ended = true;
                    let mut state = frontier.state.lock();
                    state.reading -= 1;
                    frontier.finish_if_idle(&mut state);
                }
                Next::Ended => return None,
            }
        }
    }
}

/// A worker counted idle until dropped (however its wait ends).
struct Idle<'a, T, E>(&'a Frontier<T, E>);

impl<T, E> Drop for Idle<'_, T, E> {
    fn drop(&mut self) {
        self.0.state.lock().idle -= 1;
    }
}

/// Waits while the run is paused; `false` if it was cancelled or lost its consumer.
async fn wait_for_resume<T, E, Out, S: Style>(
    frontier: &Frontier<T, E>,
    io: &mut StageIo<T, Out, E, S>,
) -> bool {
    io.flush().await.is_ok()
        && matches!(
            io.run(frontier.pause.resumed(&frontier.done)).await,
            Ok(Ok(()))
        )
}

/// Ends a wait for input when an item is fed back (or the stage finishes).
struct WakeOnFeed<'a, 'b>(Pin<&'a mut Notified<'b>>);

impl InputTimer for WakeOnFeed<'_, '_> {
    fn poll_fired(&mut self, cx: &mut Context<'_>) -> bool {
        self.0.as_mut().poll(cx).is_ready()
    }

    fn has_run_out(&self) -> bool {
        false
    }
}

/// An item being worked on. Dropping it (however the work ends) counts it finished.
#[doc(hidden)]
pub struct Visit<'a, T, E> {
    worker: &'a mut RecursionWorker<T, E>,
    depth: usize,
    /// Counted finished already (by `finish`).
    finished: bool,
}

impl<'a, T, E> Visit<'a, T, E> {
    fn new(worker: &'a mut RecursionWorker<T, E>, depth: usize) -> Self {
        Self {
            worker,
            depth,
            finished: false,
        }
    }

    /// Feeds `children` back and sends `output` downstream.
    pub async fn deliver<Out, S: Style>(
        self,
        io: &mut StageIo<T, Out, E, S>,
        (output, children): (Out, Vec<T>),
    ) -> Result<(), Exit<E>> {
        self.finish(children)?;
        io.send(output).await
    }

    /// [`deliver`](Self::deliver) for `try_recurse`: an error is handled in the run's style,
    /// and the item has no children.
    pub async fn deliver_result<Out, S: Style>(
        self,
        io: &mut StageIo<T, Out, E, S>,
        result: Result<(Out, Vec<T>), E>,
    ) -> Result<(), Exit<E>> {
        match result {
            Ok(delivered) => self.deliver(io, delivered).await,
            Err(error) => {
                drop(self);
                io.fail(error).await
            }
        }
    }

    /// [`deliver_result`](Self::deliver_result) for `try_recurse(f) [retry = ..]`: the
    /// outcome of the item's attempts; the error that ended them is handled in the run's
    /// style, saying how many were made, and the item has no children.
    pub async fn deliver_attempted<Out, S: Style>(
        self,
        io: &mut StageIo<T, Out, E, S>,
        outcome: Result<(Out, Vec<T>), Failed<E>>,
    ) -> Result<(), Exit<E>> {
        match outcome {
            Ok(delivered) => self.deliver(io, delivered).await,
            Err(Failed { error, attempts }) => {
                drop(self);
                io.fail_after(error, attempts).await
            }
        }
    }

    /// Puts the children within the depth limit and not seen before in the frontier, counts
    /// this item finished, and takes the worker's next item ahead if one waits: one lock for
    /// all three.
    fn finish(mut self, mut children: Vec<T>) -> Result<(), Exit<E>> {
        let RecursionWorker {
            frontier,
            taken_ahead,
            ..
        } = &mut *self.worker;
        let frontier = &**frontier;
        let depth = self.depth + 1;
        if frontier.max_depth.is_none_or(|max| depth <= max) {
            // Keys are user code: worked out before the lock is taken.
            children.retain(|child| frontier.first_time(child));
        } else {
            children.clear();
        }
        let added = children.len();
        let mut state = frontier.state.lock();
        state
            .waiting
            .extend(children.into_iter().map(|child| (child, depth)));
        if state.waiting.len() > frontier.max_pending {
            // Failing the run cancels it: every worker stops at its next wait.
            drop(state);
            frontier
                .failer
                .too_many_pending(&frontier.stage, frontier.max_pending);
            return Err(Exit::Stop);
        }
        self.finished = true;
        // While paused, nothing is taken: the next `take` waits for the resume.
        let next = if frontier.pause.is_paused() {
            None
        } else {
            state.waiting.pop_front()
        };
        match next {
            // This item's place in the busy count goes to the one taken ahead.
            Some(next) => *taken_ahead = Some(next),
            None => state.busy -= 1,
        }
        frontier.finish_if_idle(&mut state);
        // One wake-up per item left waiting, for as many workers as wait for one.
        let wake = added.min(state.waiting.len()).min(state.idle);
        drop(state);
        for _ in 0..wake {
            frontier.fed.notify_one();
        }
        Ok(())
    }
}

impl<T, E> Drop for Visit<'_, T, E> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let frontier = &*self.worker.frontier;
        let mut state = frontier.state.lock();
        state.busy -= 1;
        frontier.finish_if_idle(&mut state);
    }
}

impl<T, E> fmt::Debug for Visit<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Visit")
            .field("depth", &self.depth)
            .finish_non_exhaustive()
    }
}

impl<T, E> fmt::Debug for RecursionWorker<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecursionWorker")
            .field("stage", &self.frontier.stage)
            .finish_non_exhaustive()
    }
}
