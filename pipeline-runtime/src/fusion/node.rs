//! One fused stage: a [`Step`] with everything around it that a stage task would do.

use std::collections::VecDeque;
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::task::{Context, Poll};

use super::{Batch, FusedContext, Identity, Pull, Pulled, Step, Stepped};
use crate::context::as_fused_stage;
use crate::id::StageName;
use crate::metrics::{Gauge, Sampler};
use crate::pipeline_error::StageError;
use crate::stage::Style;
use crate::trace::StageSpan;

/// A fused stage: pulls a batch from the stage before it, runs its step over it under a
/// panic guard of its own, and hands its outputs on.
///
/// Per item it checks done and pause, counts the item in (and out of the stage before), and
/// in the result style passes an earlier `Err` on untouched. Its step's error is handled in
/// the run's style under the stage's own name. An early end drops the stages before it.
pub(crate) struct StepNode<In, E, S: Style, St: Step<In, E>> {
    upstream: Option<Box<dyn Pull<S::Item<In, E>>>>,
    /// The upstream's gauge: its items count as out once this stage takes them.
    upstream_gauge: Gauge,
    /// The items taken and not yet worked on (see [`Batch`] for why it is boxed).
    input: Box<dyn Batch<S::Item<In, E>>>,
    /// `flat_map`'s outputs of its last item, still to be handed on.
    rest: Option<St::Rest>,
    step: St,
    name: StageName,
    gauge: Gauge,
    sampler: Sampler,
    span: StageSpan,
    context: FusedContext<E>,
    over: bool,
    item: PhantomData<fn(In)>,
}

impl<In, E, S: Style, St: Step<In, E>> StepNode<In, E, S, St> {
    pub(crate) fn new(
        upstream: Box<dyn Pull<S::Item<In, E>>>,
        input: Box<dyn Batch<S::Item<In, E>>>,
        upstream_gauge: Gauge,
        step: St,
        identity: Identity,
        context: FusedContext<E>,
    ) -> Self {
        let Identity { name, gauge, span } = identity;
        Self {
            upstream: Some(upstream),
            upstream_gauge,
            input,
            rest: None,
            step,
            name,
            gauge,
            sampler: Sampler::default(),
            span,
            context,
            over: false,
            item: PhantomData,
        }
    }

    /// The stage is over: what is before it goes (stopping its input), and it stops counting
    /// as running.
    fn end(&mut self) {
        self.over = true;
        self.upstream = None;
        self.input.items().clear();
        self.rest = None;
        self.gauge.end_fused();
    }
}

impl<In, E, S, St> StepNode<In, E, S, St>
where
    E: Send + 'static,
    S: Style,
    St: Step<In, E>,
{
    /// Hands on what is left of `flat_map`'s last item, as far as the batch has room.
    fn hand_on_rest(&mut self, out: &mut VecDeque<S::Item<St::Out, E>>) -> bool {
        let Some(rest) = self.rest.as_mut() else {
            return true;
        };
        while out.len() < self.context.batch {
            match rest.next() {
                Some(value) => out.push_back(S::ok(value)),
                None => {
                    self.rest = None;
                    return true;
                }
            }
        }
        false
    }

    /// Runs the step over the items in hand (see [`Pull::pull`]).
    fn process(&mut self, out: &mut VecDeque<S::Item<St::Out, E>>) -> Pulled {
        // Out of its box for the loop: one call to reach it per batch, not per item.
        let mut input = std::mem::take(self.input.items());
        let before = input.len();
        let pulled = self.work(&mut input, out);
        // Counted per batch: what this stage took is what the one before handed on.
        let taken = before - input.len();
        self.upstream_gauge.items_out(taken);
        self.gauge.items_in(taken);
        *self.input.items() = input;
        pulled
    }

    fn work(
        &mut self,
        input: &mut VecDeque<S::Item<In, E>>,
        out: &mut VecDeque<S::Item<St::Out, E>>,
    ) -> Pulled {
        if !self.hand_on_rest(out) {
            return Pulled::More;
        }
        while let Some(item) = input.pop_front() {
            if let Some(interrupted) = self.context.interrupted() {
                input.push_front(item);
                return interrupted;
            }
            let value = match S::split(item) {
                Ok(value) => value,
                Err(upstream) => {
                    // Result style: an earlier stage's error passes this one untouched.
                    if let Ok(item) = S::error_item(upstream) {
                        out.push_back(item);
                    }
                    continue;
                }
            };
            match self.step.step(value) {
                Stepped::One(value) => out.push_back(S::ok(value)),
                Stepped::Skip => {}
                Stepped::Many(rest) => {
                    self.rest = Some(rest);
                    if !self.hand_on_rest(out) {
                        return Pulled::More;
                    }
                }
                Stepped::Last(value) => {
                    out.push_back(S::ok(value));
                    return Pulled::End;
                }
                Stepped::End => return Pulled::End,
                Stepped::Failed(error) => {
                    self.gauge.error();
                    let error = StageError::new(self.name.clone(), error);
                    match S::error_item::<St::Out, E>(error) {
                        Ok(item) => out.push_back(item),
                        Err(error) => {
                            if let Err(unreported) = self.context.on_error.handle(error) {
                                self.context
                                    .failer
                                    .error(&self.name, unreported.into_error());
                                return Pulled::Stopped;
                            }
                        }
                    }
                }
            }
        }
        if self.upstream.is_none() && self.rest.is_none() {
            Pulled::End
        } else {
            Pulled::More
        }
    }
}

impl<In, E, S, St> Pull<S::Item<St::Out, E>> for StepNode<In, E, S, St>
where
    E: Send + 'static,
    S: Style,
    St: Step<In, E>,
{
    fn pull(
        &mut self,
        cx: &mut Context<'_>,
        out: &mut VecDeque<S::Item<St::Out, E>>,
    ) -> Poll<Pulled> {
        if self.over {
            return Poll::Ready(Pulled::End);
        }
        if self.input.items().is_empty() && self.rest.is_none() {
            if self.step.is_done() {
                self.end();
                return Poll::Ready(Pulled::End);
            }
            let Some(upstream) = self.upstream.as_mut() else {
                self.end();
                return Poll::Ready(Pulled::End);
            };
            match upstream.pull(cx, self.input.items()) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Pulled::More) => {}
                Poll::Ready(Pulled::Paused) => return Poll::Ready(Pulled::Paused),
                // What came with the end is still to be worked on.
                Poll::Ready(Pulled::End) => self.upstream = None,
                Poll::Ready(Pulled::Stopped) => {
                    self.end();
                    return Poll::Ready(Pulled::Stopped);
                }
            }
        }
        let (gauge, span, name) = (self.gauge.clone(), self.span.clone(), self.name.clone());
        let mut sampler = std::mem::take(&mut self.sampler);
        let pulled = span
            .in_scope(|| {
                as_fused_stage(name, || {
                    gauge.time_fused(&mut sampler, || {
                        catch_unwind(AssertUnwindSafe(|| self.process(out)))
                    })
                })
            })
            .unwrap_or_else(|payload| {
                self.context.failer.panic(&self.name, payload);
                Pulled::Stopped
            });
        self.sampler = sampler;
        if matches!(pulled, Pulled::End | Pulled::Stopped) {
            self.end();
        }
        Poll::Ready(pulled)
    }
}
