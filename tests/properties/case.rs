//! One case: a shape, its settings and a fault; how to run it; what the contract allows.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use gopipe::Style as ItemStyle;
use gopipe::diagnostics::live_tasks_of;
use gopipe::{Handle, PipelineError, PipelineId, Run, StageError};
use proptest::prelude::*;
use tokio_util::sync::CancellationToken;

use crate::fault::{Ctx, Fault, Injected, Observe, Observed, panic_message};
use crate::shapes::{self, SHAPES, Shape};
use crate::tally;

/// Longer than any case may take: reaching it is a hang.
const HANG: Duration = Duration::from_secs(20);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    FailFast,
    Channel,
    Result,
}

/// What the shape's stages are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stages {
    /// `try_then`, with the case's workers and capacities.
    Async,
    /// `try_map`, single-worker: fused into shared tasks (the default).
    Fused,
    /// The same `try_map` stages with `#![fusion = false]`: a task each.
    Unfused,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub shape: Shape,
    pub stages: Stages,
    pub style: Style,
    pub ordered: bool,
    /// With a sink (`Run`), or as a stream (`Handle`).
    pub sink: bool,
    pub sizes: [u64; 3],
    pub workers: [usize; 8],
    pub capacity: [usize; 8],
    pub fault: Fault,
}

const BASES: [u64; 3] = [0, 100_000, 200_000];

pub fn strategy() -> impl Strategy<Value = Case> {
    let settings = (
        proptest::sample::select(SHAPES.to_vec()),
        proptest::sample::select(vec![Style::FailFast, Style::Channel, Style::Result]),
        any::<bool>(),
        any::<bool>(),
        [0u64..40, 0u64..40, 0u64..40],
        [
            1usize..=8,
            1usize..=8,
            1usize..=8,
            1usize..=8,
            1usize..=8,
            1usize..=8,
            1usize..=8,
            1usize..=8,
        ],
        proptest::array::uniform8(proptest::sample::select(vec![0usize, 1, 64])),
    );
    let stages = proptest::sample::select(vec![Stages::Async, Stages::Fused, Stages::Unfused]);
    (settings, stages).prop_flat_map(|((shape, style, ordered, sink, sizes, workers, capacity), stages)| {
        // Synchronous stages have one worker each (more would not fuse), so order is kept.
        let (ordered, workers) = match stages {
            Stages::Async => (ordered, workers),
            Stages::Fused | Stages::Unfused => (false, [1; 8]),
        };
        let stage = 0..shape.stages();
        let item = proptest::sample::select(vec![0u64, 1, 5, 17, 39, 100_000, 100_003, 200_001]);
        let consumer_faults = if sink { 0 } else { 1 };
        let fault = prop_oneof![
            3 => Just(Fault::None),
            3 => (stage.clone(), item.clone()).prop_map(|(stage, item)| Fault::Fail { stage, item }),
            2 => (stage.clone(), item).prop_map(|(stage, item)| Fault::Panic { stage, item }),
            1 => (stage, 1u64..300).prop_map(|(stage, micros)| Fault::Slow { stage, micros }),
            consumer_faults => (0usize..60).prop_map(|after| Fault::StopAfter { after }),
            consumer_faults => (0usize..60).prop_map(|after| Fault::DropAfter { after }),
            2 => (0u64..3000).prop_map(|micros| Fault::CancelAfter { micros }),
            // A zero deadline is an invalid argument, not a deadline.
            2 => (1u64..3000).prop_map(|micros| Fault::Deadline { micros }),
        ];
        fault.prop_map(move |fault| Case { shape, stages, style, ordered, sink, sizes, workers, capacity, fault })
    })
}

/// What a run did.
struct Ran {
    id: PipelineId,
    /// `None` when the consumer dropped the handle.
    outcome: Option<Result<(), PipelineError<Injected>>>,
    items: Vec<Observed>,
    errors: Vec<StageError<Injected>>,
    /// Tasks alive right after the run said it was over (after a drop: once they all exited).
    live_tasks: usize,
}

impl Case {
    fn ctx(&self) -> Arc<Ctx> {
        let items = |source: usize| (BASES[source]..BASES[source] + self.sizes[source]).collect();
        let deadline = match self.fault {
            Fault::Deadline { micros } => Duration::from_micros(micros),
            _ => Duration::from_secs(3600),
        };
        Arc::new(Ctx {
            fault: self.fault,
            workers: self.workers,
            capacity: self.capacity,
            token: CancellationToken::new(),
            fusion: self.stages != Stages::Unfused,
            deadline,
            left: items(0),
            right: items(1),
            third: items(2),
            seen: Mutex::new(Vec::new()),
        })
    }

    /// Runs the case; `None` if the contract held, else what broke.
    pub async fn check(self) -> Option<String> {
        tally(format!("fault {}", self.fault.kind()));
        tally(format!("shape {:?}", self.shape));
        tally(format!("stages {:?}", self.stages));
        tally(format!(
            "style {:?}{}",
            self.style,
            if self.ordered { " ordered" } else { "" }
        ));
        tally(format!(
            "form {}",
            if self.sink { "sink" } else { "stream" }
        ));
        let ctx = self.ctx();
        let ran = match tokio::time::timeout(HANG, self.run(&ctx)).await {
            Ok(ran) => ran,
            Err(_) => return Some(format!("the run hung (no end within {HANG:?})")),
        };
        self.judge(&ctx, ran).err()
    }

    async fn run(&self, c: &Arc<Ctx>) -> Ran {
        let canceller = async {
            if let Fault::CancelAfter { micros } = self.fault {
                tokio::time::sleep(Duration::from_micros(micros)).await;
                c.token.cancel();
            }
        };
        let run = async {
            use shapes::*;
            let shape = self.shape;
            match (self.stages, self.style, self.ordered, self.sink) {
                (Stages::Async, Style::FailFast, false, false) => {
                    self.stream(fail_fast::stream(shape, c)).await
                }
                (Stages::Async, Style::FailFast, true, false) => {
                    self.stream(fail_fast_ordered::stream(shape, c)).await
                }
                (Stages::Async, Style::Channel, false, false) => {
                    self.stream(channel::stream(shape, c)).await
                }
                (Stages::Async, Style::Channel, true, false) => {
                    self.stream(channel_ordered::stream(shape, c)).await
                }
                (Stages::Async, Style::Result, false, false) => {
                    self.stream(result::stream(shape, c)).await
                }
                (Stages::Async, Style::Result, true, false) => {
                    self.stream(result_ordered::stream(shape, c)).await
                }
                (Stages::Async, Style::FailFast, false, true) => {
                    self.sink(fail_fast::sink(shape, c), c).await
                }
                (Stages::Async, Style::FailFast, true, true) => {
                    self.sink(fail_fast_ordered::sink(shape, c), c).await
                }
                (Stages::Async, Style::Channel, false, true) => {
                    self.sink(channel::sink(shape, c), c).await
                }
                (Stages::Async, Style::Channel, true, true) => {
                    self.sink(channel_ordered::sink(shape, c), c).await
                }
                (Stages::Async, Style::Result, false, true) => {
                    self.sink(result::sink(shape, c), c).await
                }
                (Stages::Async, Style::Result, true, true) => {
                    self.sink(result_ordered::sink(shape, c), c).await
                }
                // Synchronous stages, fused or not (the block's `fusion` is the context's).
                (_, Style::FailFast, _, false) => {
                    self.stream(fail_fast_sync::stream(shape, c)).await
                }
                (_, Style::Channel, _, false) => self.stream(channel_sync::stream(shape, c)).await,
                (_, Style::Result, _, false) => self.stream(result_sync::stream(shape, c)).await,
                (_, Style::FailFast, _, true) => self.sink(fail_fast_sync::sink(shape, c), c).await,
                (_, Style::Channel, _, true) => self.sink(channel_sync::sink(shape, c), c).await,
                (_, Style::Result, _, true) => self.sink(result_sync::sink(shape, c), c).await,
            }
        };
        let (ran, ()) = tokio::join!(run, canceller);
        ran
    }

    /// The stream form: the consumer reads items (and errors), maybe stopping early.
    async fn stream<S: ItemStyle>(
        &self,
        (mut handle, mut error_stream): (Handle<u64, Injected, S>, shapes::Errors),
    ) -> Ran
    where
        S::Item<u64, Injected>: Observe,
    {
        let id = handle.id();
        let (mut items, mut errors) = (Vec::new(), Vec::new());
        let stop_after = match self.fault {
            Fault::StopAfter { after } | Fault::DropAfter { after } => Some(after),
            _ => None,
        };
        loop {
            if stop_after == Some(items.len()) {
                break;
            }
            tokio::select! {
                item = handle.next() => match item {
                    Some(item) => items.push(item.observe()),
                    None => break,
                },
                Some(error) = async { match &mut error_stream { Some(stream) => stream.recv().await, None => None } } => {
                    errors.push(error);
                }
            }
        }
        if let (Fault::DropAfter { .. }, Some(_)) = (self.fault, stop_after) {
            drop(handle);
            drop(error_stream);
            return Ran {
                id,
                outcome: None,
                items,
                errors,
                live_tasks: wait_for_exit(id).await,
            };
        }
        let drain = async {
            if let Some(stream) = &mut error_stream {
                while let Some(error) = stream.recv().await {
                    errors.push(error);
                }
            }
        };
        let (outcome, ()) = tokio::join!(handle.join(), drain);
        Ran {
            id,
            outcome: Some(outcome),
            items,
            errors,
            live_tasks: live_tasks_of(id).len(),
        }
    }

    /// The sink form: the sink records what it sees; errors are read alongside.
    async fn sink(
        &self,
        (run, error_stream): (Run<(), Injected>, shapes::Errors),
        c: &Arc<Ctx>,
    ) -> Ran {
        let id = run.id();
        let mut errors = Vec::new();
        let drain = async {
            if let Some(mut stream) = error_stream {
                while let Some(error) = stream.recv().await {
                    errors.push(error);
                }
            }
        };
        let (outcome, ()) = tokio::join!(run, drain);
        let items = c.seen.lock().unwrap().clone();
        Ran {
            id,
            outcome: Some(outcome),
            items,
            errors,
            live_tasks: live_tasks_of(id).len(),
        }
    }

    /// Compares what ran with what the contract allows.
    fn judge(&self, c: &Ctx, ran: Ran) -> Result<(), String> {
        let _ = ran.id;
        if ran.live_tasks != 0 {
            return Err(format!("{} stage tasks outlived the run", ran.live_tasks));
        }
        let sources = [&c.left, &c.right, &c.third];
        let routes = self.shape.routes();
        // What a fault-free run delivers, minus what the injected error (if it triggers) takes.
        let mut expected: BTreeMap<Observed, usize> = BTreeMap::new();
        let mut failing_prefixes: Vec<Vec<usize>> = Vec::new();
        let (fault_stage, fault_item) = match self.fault {
            Fault::Fail { stage, item } | Fault::Panic { stage, item } => (Some(stage), item),
            _ => (None, 0),
        };
        let mut in_order: Vec<Observed> = Vec::new();
        for (source, items) in sources.iter().enumerate() {
            for &item in items.iter() {
                for route in &routes[source] {
                    let position = fault_stage.and_then(|s| route.iter().position(|&r| r == s));
                    let observed = match position {
                        Some(position) if item == fault_item => {
                            let prefix = route[..=position].to_vec();
                            if !failing_prefixes.contains(&prefix) {
                                failing_prefixes.push(prefix);
                            }
                            match self.style {
                                Style::Result => Observed::Err {
                                    stage: format!("s{}", route[position]),
                                    error: Injected {
                                        stage: route[position],
                                        item,
                                    }
                                    .to_string(),
                                },
                                _ => continue,
                            }
                        }
                        _ => Observed::Ok(item),
                    };
                    in_order.push(observed.clone());
                    *expected.entry(observed).or_default() += 1;
                }
            }
        }
        let triggered = !failing_prefixes.is_empty();

        // Never a duplicate, never something that was not produced.
        let mut delivered: BTreeMap<Observed, usize> = BTreeMap::new();
        for item in &ran.items {
            *delivered.entry(item.clone()).or_default() += 1;
        }
        for (item, count) in &delivered {
            let allowed = expected.get(item).copied().unwrap_or(0);
            if *count > allowed {
                return Err(format!(
                    "{item:?} delivered {count} times, {allowed} allowed"
                ));
            }
        }
        let exact = || -> Result<(), String> {
            if delivered != expected {
                return Err(format!(
                    "delivered {} items, expected exactly {}",
                    ran.items.len(),
                    in_order.len()
                ));
            }
            let sequential = self.shape.keeps_order()
                && (self.ordered || self.workers[..self.shape.stages()].iter().all(|&w| w == 1));
            if sequential && ran.items != in_order {
                return Err("items arrived out of input order".to_owned());
            }
            Ok(())
        };

        let stage_of = |error: &PipelineError<Injected>| error.stage().map(|s| s.name().to_owned());
        match (self.fault, &ran.outcome) {
            (Fault::Panic { stage, item }, Some(Err(error))) if triggered => {
                let message = panic_message(stage, item);
                if error.panic_message() != Some(message.as_str())
                    || stage_of(error) != Some(format!("s{stage}"))
                {
                    return Err(format!("expected the injected panic, got {error:?}"));
                }
                Ok(())
            }
            (Fault::Fail { stage, item }, Some(outcome)) if triggered => {
                match (self.style, outcome) {
                    (
                        Style::FailFast,
                        Err(PipelineError::Failed {
                            stage: at, error, ..
                        }),
                    ) => {
                        if at.name() != format!("s{stage}") || *error != (Injected { stage, item })
                        {
                            return Err(format!(
                                "expected the injected error, got {error:?} at {at}"
                            ));
                        }
                        Ok(())
                    }
                    (Style::Channel, Ok(())) => {
                        exact()?;
                        let named = ran.errors.iter().all(|e| {
                            e.stage().name() == format!("s{stage}")
                                && *e.error() == Injected { stage, item }
                        });
                        if ran.errors.len() != failing_prefixes.len() || !named {
                            return Err(format!(
                                "expected {} injected errors on the error stream, got {:?}",
                                failing_prefixes.len(),
                                ran.errors
                            ));
                        }
                        Ok(())
                    }
                    (Style::Result, Ok(())) => exact(),
                    (_, other) => Err(format!("the injected error ended the run as {other:?}")),
                }
            }
            (Fault::CancelAfter { .. }, Some(Err(PipelineError::Cancelled)))
            | (Fault::Deadline { .. }, Some(Err(PipelineError::TimedOut)))
            | (Fault::DropAfter { .. }, None) => Ok(()),
            (Fault::StopAfter { after }, Some(Ok(()))) => {
                if ran.items.len() < after.min(in_order.len()) {
                    return Err(format!(
                        "stopped after {} items, before {after}",
                        ran.items.len()
                    ));
                }
                Ok(())
            }
            (_, Some(Ok(()))) => {
                if !ran.errors.is_empty() {
                    return Err(format!("errors with no fault: {:?}", ran.errors));
                }
                exact()
            }
            (_, outcome) => Err(format!("the run ended as {outcome:?}")),
        }
    }
}

/// After a drop: waits until every task of `id` has exited (the runtime drops aborted tasks
/// shortly); returns how many are left after a generous wait.
async fn wait_for_exit(id: PipelineId) -> usize {
    for _ in 0..5000 {
        if live_tasks_of(id).is_empty() {
            return 0;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    live_tasks_of(id).len()
}
