//! Fusion in the wiring: the calls that add a synchronous stage to a fused group
//! ([`Pipeline::fuse`], [`Pipeline::from_iter`]), and what a group's consumer does with it:
//! a sink runs it in its own task ([`Pipeline::inlet`]), any other consumer reads a channel
//! fed by a task of the group's own ([`Pipeline::receiver`]). See [`crate::fusion`].

use super::options::StageSpec;
use super::pipeline::{Flow, Link, Pipeline};
use crate::channel::Receiver;
use crate::fusion::{
    BATCH, Fused, FusedContext, Identity, Inlet, IterRoot, Pull, Step, StepNode, forward,
};
use crate::id::StageName;
use crate::metrics::{Gauge, Tap, fused_link};
use crate::scope::Scope;
use crate::stage::{Outbox, Output, StageBody, Style};
use crate::trace::StageSpan;

impl<E: Send + 'static, S: Style, Errors> Pipeline<E, S, Errors> {
    /// Adds a synchronous stage doing `step` to the fused group of `input` (or starts one on
    /// `input`'s channel). It runs in a task of its own instead with `[boundary]`, in a run
    /// without fusion, and it ends its group with `[capacity = n]`.
    ///
    /// Only its outputs are asked to be `Send`: its input's writer asked already.
    pub fn fuse<In: 'static, St>(
        &self,
        spec: StageSpec,
        input: Link<In, E, S>,
        step: St,
    ) -> Link<St::Out, E, S>
    where
        St: Step<In, E>,
        S::Item<St::Out, E>: Send + 'static,
    {
        let alone = spec.boundary || !self.fusion;
        let sendable = input.sendable;
        let input = match alone {
            true => Flow::Channel(self.receiver(input)),
            false => input.flow,
        };
        let context = self.fused_context();
        let (upstream, upstream_gauge, mut stages, mut gauges, tap): (
            Box<dyn Pull<_>>,
            _,
            _,
            _,
            _,
        ) = match input {
            Flow::Channel(rx) => {
                let tap = rx.tap();
                let root = (sendable.root)(rx, context.batch);
                (root, Gauge::off(), Vec::new(), Vec::new(), Some(tap))
            }
            Flow::Fused(group) => {
                let tap = Tap::fused(group.link);
                (
                    group.chain,
                    group.gauge,
                    group.stages,
                    group.gauges,
                    Some(tap),
                )
            }
        };
        let link = fused_link();
        let gauge = self.scope.gauge(&spec.name, tap, [link]);
        let node = StepNode::<In, E, S, St>::new(
            upstream,
            (sendable.batch)(),
            upstream_gauge,
            step,
            self.identity(&spec, &gauge),
            context,
        );
        stages.push(spec.name.clone());
        gauges.push(gauge.clone());
        let group = Fused {
            chain: Box::new(node),
            stages,
            gauges,
            gauge,
            link,
        };
        self.ended_if(alone, &spec, group)
    }

    /// A `from_iter` source: the first stage of a fused group, or (with `[boundary]`, a
    /// capacity of its own, or no fusion) a task of its own.
    pub fn from_iter<I>(&self, spec: StageSpec, items: I) -> Link<I::Item, E, S>
    where
        I: Iterator + Send + 'static,
        S::Item<I::Item, E>: Send + 'static,
    {
        let link = fused_link();
        let gauge = self.scope.gauge(&spec.name, [], [link]);
        let root =
            IterRoot::<I, E, S>::new(items, self.identity(&spec, &gauge), self.fused_context());
        let group = Fused {
            chain: Box::new(root),
            stages: vec![spec.name.clone()],
            gauges: vec![gauge.clone()],
            gauge,
            link,
        };
        self.ended_if(spec.boundary || !self.fusion, &spec, group)
    }

    /// `group` as a link: still open to the stages after it, or (`alone`, or with a
    /// capacity of its last stage's own) running now, into a channel of that capacity.
    fn ended_if<T>(
        &self,
        alone: bool,
        spec: &StageSpec,
        group: Fused<S::Item<T, E>>,
    ) -> Link<T, E, S>
    where
        S::Item<T, E>: Send + 'static,
    {
        if alone || spec.capacity.is_some() {
            let capacity = spec.capacity.unwrap_or(self.capacity);
            return Link::channel(spawn_group::<_, E>(&self.scope, group, capacity));
        }
        Link::new(Flow::Fused(group))
    }

    /// `link` as a channel, for a consumer that reads one (a fan-out, a junction, an async
    /// stage, the stream of a block without a sink): a fused group gets a task of its own,
    /// feeding a channel of the run's capacity.
    pub(crate) fn receiver<T>(&self, link: Link<T, E, S>) -> Receiver<S::Item<T, E>> {
        match link.flow {
            Flow::Channel(rx) => rx,
            Flow::Fused(group) => (link.sendable.spawn)(&self.scope, group, self.capacity),
        }
    }

    /// What a single-worker sink reads from `link`, with its gauge and the name its task is
    /// listed under: its channel, or the fused group it runs itself (unless the sink is a
    /// `[boundary]` or the run has no fusion).
    pub(super) fn inlet<T>(
        &self,
        spec: &StageSpec,
        link: Link<T, E, S>,
    ) -> (Inlet<S::Item<T, E>>, Gauge, StageName) {
        let rx = match link.flow {
            Flow::Fused(mut group) if self.fusion && !spec.boundary => {
                let gauge = self.scope.gauge(&spec.name, [Tap::fused(group.link)], []);
                Gauge::join_group(&group.gauges, &gauge);
                group.stages.push(spec.name.clone());
                let listed = group.listed();
                let done = self.scope.done().clone();
                let inlet = Inlet::fused(group, self.scope.pause_gate().clone(), done);
                return (inlet, gauge, listed);
            }
            flow => self.receiver(Link {
                flow,
                sendable: link.sendable,
            }),
        };
        let gauge = self.scope.gauge(&spec.name, [rx.tap()], []);
        (Inlet::Channel(rx), gauge, spec.name.clone())
    }

    fn identity(&self, spec: &StageSpec, gauge: &Gauge) -> Identity {
        Identity {
            name: spec.name.clone(),
            gauge: gauge.clone(),
            span: StageSpan::new(self.scope.id(), &spec.name),
        }
    }

    fn fused_context(&self) -> FusedContext<E> {
        FusedContext {
            done: self.scope.done().clone(),
            gate: self.scope.pause_gate().clone(),
            failer: self.scope.failer(),
            on_error: self.on_error.clone(),
            batch: self.capacity.clamp(1, BATCH),
        }
    }
}

/// Spawns `group` as a task of its own sending into a new channel of `capacity`, timed by its
/// last stage's gauge; returns the channel.
pub(crate) fn spawn_group<T, E>(scope: &Scope<E>, group: Fused<T>, capacity: usize) -> Receiver<T>
where
    T: Send + 'static,
    E: Send + 'static,
{
    let (tx, rx) = scope.channel(capacity);
    let (listed, stage) = (group.listed(), group.last());
    Gauge::join_group(&group.gauges, &group.gauge);
    scope.connect(&stage, tx.channel_id());
    let done = scope.done().clone();
    let output = Output::new(Outbox::batched(tx), done.clone(), group.gauge.clone());
    let body = forward::<T, E>(group.chain, output, scope.pause_gate().clone(), done);
    scope.spawn_fused_loop(listed, stage, group.gauge, StageBody { body });
    rx
}
