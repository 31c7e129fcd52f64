//! The junctions of a `pipeline!` block: tee (broadcast), route (each item to one of several
//! branches), merge (fan-in) and zip (pairs), each spawned on the stage engine's junction
//! tasks.

use super::options::StageSpec;
use super::pipeline::{Link, Pipeline};
use super::typed::Chooser;
use crate::channel::{Receiver, Sender};
use crate::metrics::Gauge;
use crate::stage::{OnError, Style, junction, spawn_stage, spawn_workers};

impl<E: Send + 'static, S: Style, Errors> Pipeline<E, S, Errors> {
    /// Broadcasts every item of `input` to `N` outputs (each gets a clone). An output whose
    /// consumer left is skipped; the tee ends when all have left.
    pub fn tee<T, const N: usize>(
        &self,
        spec: StageSpec,
        input: Link<T, E, S>,
    ) -> [Link<T, E, S>; N]
    where
        S::Item<T, E>: Send + 'static,
        S::Item<T, E>: Clone,
    {
        let input = self.receiver(input);
        let mut senders = Vec::with_capacity(N);
        let links = std::array::from_fn(|_| {
            let (tx, rx) = self.channel(&spec);
            senders.push(tx);
            Link::channel(rx)
        });
        let gauge = self.junction_gauge(&spec, &input, &senders);
        self.spawn(
            spec.name,
            gauge.clone(),
            junction::tee(input, senders, gauge),
        );
        links
    }

    /// Sends each item of `input` to the one of `N` outputs that `choose` picks (its index;
    /// `route(f)`, and `partition(p)` as a route of two). An output whose consumer left takes
    /// no more items; an index of `N` or more fails the run
    /// ([`PipelineError::RouteOutOfRange`](crate::PipelineError::RouteOutOfRange)). See the
    /// stage engine's route for the rest.
    pub fn route<T, const N: usize>(
        &self,
        spec: StageSpec,
        input: Link<T, E, S>,
        choose: Chooser<T>,
    ) -> [Link<T, E, S>; N]
    where
        T: 'static,
        S::Item<T, E>: Send + 'static,
    {
        let input = self.receiver(input);
        let mut senders = Vec::with_capacity(N);
        let links = std::array::from_fn(|_| {
            let (tx, rx) = self.channel(&spec);
            senders.push(tx);
            Link::channel(rx)
        });
        let (failer, stage) = (self.scope.failer(), spec.name.clone());
        let misrouted = move |index| failer.route_out_of_range(&stage, index, N);
        let gauge = self.junction_gauge(&spec, &input, &senders);
        self.spawn(
            spec.name,
            gauge.clone(),
            junction::route::<T, E, S>(input, senders, choose, misrouted, gauge),
        );
        links
    }

    /// The metrics gauge of a tee's or a route's task, which reads `input` and sends to
    /// every one of `senders`.
    fn junction_gauge<T>(
        &self,
        spec: &StageSpec,
        input: &Receiver<S::Item<T, E>>,
        senders: &[Sender<S::Item<T, E>>],
    ) -> Gauge {
        self.scope.gauge(
            &spec.name,
            [input.tap()],
            senders.iter().map(Sender::channel_id),
        )
    }

    /// Merges `inputs` into one link (fan-in), with a forwarding task per input.
    pub fn merge<T, const N: usize>(
        &self,
        spec: StageSpec,
        inputs: [Link<T, E, S>; N],
    ) -> Link<T, E, S>
    where
        // The forwarder holds an item across its send.
        T: Send + 'static,
        S::Item<T, E>: Send + 'static,
    {
        let (tx, rx) = self.channel(&spec);
        spawn_workers(
            &self.scope,
            &spec.name,
            inputs.map(|input| self.receiver(input)),
            &tx,
            None,
            &OnError::FailFast,
            junction::forward::<T, E, S>,
        );
        Link::channel(rx)
    }

    /// Pairs the items of `first` and `second` in order (`zip(a, b)`), in one task; ends when
    /// either ends, which stops the other's upstream.
    pub fn zip<A, B>(
        &self,
        spec: StageSpec,
        first: Link<A, E, S>,
        second: Link<B, E, S>,
    ) -> Link<(A, B), E, S>
    where
        // Held across the waits for the items that pair with them.
        A: Send + 'static,
        B: Send + 'static,
        S::Item<A, E>: Send + 'static,
        S::Item<B, E>: Send + 'static,
        S::Item<(A, B), E>: Send + 'static,
    {
        let (first, second) = (self.receiver(first), self.receiver(second));
        let (tx, rx) = self.channel(&spec);
        spawn_stage(
            &self.scope,
            spec.name,
            first,
            tx,
            self.on_error.clone(),
            |io| junction::zip::<A, B, E, S>(io, second),
        );
        Link::channel(rx)
    }
}
