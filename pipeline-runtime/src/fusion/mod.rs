//! Fusion: adjacent synchronous single-worker stages (`map`, `filter`, `filter_map`,
//! `flat_map`, `inspect`, `take`, `skip`, `take_while`, `scan`, `try_map`, and a `from_iter`
//! source before them) run inside one task, as a plain loop over each batch, instead of one
//! task each with a channel between them.
//!
//! A fused group is a chain of [`Pull`]s built at wiring time: each stage pulls a batch from
//! the one before it (the first from its input channel or its iterator), runs its user code
//! over the batch, and hands its outputs on. Whatever consumes the group drives it: a sink
//! runs it inside its own task (`Inlet`), and any other consumer gets a channel fed by a task
//! of the group's own ([`forward`]). A stage with `[boundary]`, or a block with
//! `#![fusion = false]`, runs in a task of its own.
//!
//! Guarantees: fusion is invisible to the contract.
//! - **Same results.** Each stage sees the same items in the same order, and an early end
//!   (`take`, `take_while`, `scan`) drops the stages before it, which stops its input, as a
//!   closed channel would.
//! - **Errors and panics name their stage.** A fused stage fails the run under its own name
//!   ([`Failer`]), and its user code runs under a panic guard of its own.
//! - **Metrics per stage.** Each fused stage has its own gauge: items in and out (an item is
//!   out once the next stage takes it), errors, and its busy time, which the group's task
//!   does not count again. Waiting is the task's: its last stage's gauge (or the sink's)
//!   counts it.
//! - **Cancel and pause are seen at every item**: each stage checks both (two atomic loads)
//!   before each item, so a batch never runs on past either.
//! - **Bounded.** A batch is at most [`BATCH`] items at every stage, and no more than the
//!   run's capacity (`flat_map` keeps the rest of an item's outputs for the next pull), so a
//!   fused source runs no further ahead than the channel after it would have let it.

mod drive;
mod node;
mod roots;
mod sendable;
mod steps;

pub(crate) use drive::{Inlet, forward};
pub(crate) use node::StepNode;
pub(crate) use roots::{ChannelRoot, IterRoot};
pub(crate) use sendable::{Batch, Sendable};
pub use steps::{FilterMap, FlatMap, Map, Skip, Step, Stepped, Take, TakeWhile, TryMap};

use std::collections::VecDeque;
use std::task::{Context, Poll};

use crate::done::Done;
use crate::id::StageName;
use crate::metrics::Gauge;
use crate::pause::Pause;
use crate::scope::Failer;
use crate::stage::OnError;
use crate::trace::StageSpan;

/// The most items one stage of a fused group handles per pull (fewer with a smaller
/// capacity: see [`FusedContext::batch`]).
pub(crate) const BATCH: usize = 128;

/// What a pull gave, besides the items it appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pulled {
    /// Pull again: there may be more.
    More,
    /// The run is paused: hand on what was appended, wait for the resume, then pull again.
    Paused,
    /// Nothing more will come after what was appended.
    End,
    /// The run is cancelled or failed: drop everything.
    Stopped,
}

/// One stage of a fused group, as the next one sees it.
pub(crate) trait Pull<T>: Send {
    /// Appends the next items to `out` (at most [`BATCH`] per stage). `Pending` (having
    /// appended nothing, and registered `cx` for a wake-up) only when its input has nothing
    /// in hand.
    fn pull(&mut self, cx: &mut Context<'_>, out: &mut VecDeque<T>) -> Poll<Pulled>;
}

/// Which stage a fused node is: the name its errors and panics carry, its gauge, and the
/// span its user code runs in.
pub(crate) struct Identity {
    pub(crate) name: StageName,
    pub(crate) gauge: Gauge,
    pub(crate) span: StageSpan,
}

/// What every stage of a fused group checks and reports to: the run's done and pause, its
/// failure report, and its error style.
pub(crate) struct FusedContext<E> {
    pub(crate) done: Done,
    pub(crate) gate: Pause,
    pub(crate) failer: Failer<E>,
    pub(crate) on_error: OnError<E>,
    /// The most items a stage takes per pull: [`BATCH`], or the run's capacity if smaller,
    /// so that a fused source runs no further ahead than a channel of it would let it.
    pub(crate) batch: usize,
}

impl<E> FusedContext<E> {
    /// Whether the stage must stop before its next item: `Some(Stopped)` when cancelled,
    /// `Some(Paused)` when paused.
    #[inline]
    pub(crate) fn interrupted(&self) -> Option<Pulled> {
        if self.done.is_cancelled() {
            Some(Pulled::Stopped)
        } else if self.gate.is_paused() {
            Some(Pulled::Paused)
        } else {
            None
        }
    }
}

/// A fused group not yet running: what a [`Link`](crate::__private::Link) holds until its
/// consumer is known.
pub(crate) struct Fused<T> {
    /// The group's last stage, which pulls from the ones before it.
    pub(crate) chain: Box<dyn Pull<T>>,
    /// Its stages, in order.
    pub(crate) stages: Vec<StageName>,
    /// The last stage's gauge: whoever takes its outputs counts them out.
    pub(crate) gauge: Gauge,
    /// Every stage's gauge, in order.
    pub(crate) gauges: Vec<Gauge>,
    /// The last stage's output, as the metrics know it ([`fused_link`](crate::metrics::fused_link)).
    pub(crate) link: usize,
}

impl<T> Fused<T> {
    /// The name the group's task is listed under: its stages, in order.
    pub(crate) fn listed(&self) -> StageName {
        if let [only] = self.stages.as_slice() {
            return only.clone();
        }
        let names: Vec<&str> = self.stages.iter().map(StageName::name).collect();
        StageName::new(format!("fused({})", names.join(", ")))
    }

    /// Its last stage, whose task the group's is.
    pub(crate) fn last(&self) -> StageName {
        self.stages
            .last()
            .cloned()
            .unwrap_or_else(|| StageName::new("(an empty fused group)"))
    }
}
