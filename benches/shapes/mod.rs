//! The benchmark shapes, each written every way we compare: as a `pipeline!` block, by hand
//! with the runtime's `Stage` API, by hand with tokio mpsc (plain, and with a `select!` on a
//! `CancellationToken` around every send and receive, as Go's done channel translates), with
//! futures stream combinators, and as a sequential iterator.
//!
//! `benchmarks/go/main.go` implements the same shapes, with the same arithmetic, in Go.
//!
//! - `sq`: gen -> sq -> sum; sq runs `workers` tasks (1 without work, else 2: the cores).
//! - `fan`: gen -> map(+1) -> map(*3) -> fan-out of 4 sq workers -> fan-in -> sum.
//! - `log`: read lines -> parse -> filter -> count by key, one `String` per line (`log.rs`);
//!   only `pipeline!` (fused and not), futures and the sequential loop are written for it.
//!
//! Every channel has the config's capacity. Every variant computes the same wrapping sum,
//! checked against the sequential one before timing.

#![allow(dead_code)] // Each bench binary uses part of the module.

pub mod log;

use std::hint::black_box;
use std::sync::Arc;

use futures::StreamExt;
use gopipe::stage::{Stage, then};
use gopipe::{Scope, pipeline};
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// Rounds of [`work`] that take about 300 ns and 5 µs on the benchmark machine.
pub const WORK_300NS: u32 = 180;
pub const WORK_5US: u32 = 3_000;

/// CPU work per item: a chain of dependent multiply-xorshift rounds the optimizer cannot skip.
#[inline]
pub fn work(x: u64, rounds: u32) -> u64 {
    let mut h = x;
    for _ in 0..rounds {
        h = (h ^ (h >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    h
}

/// The sq stage: n² plus one bit of the work's result, so the work must be done.
#[inline]
pub fn sq(n: u64, rounds: u32) -> u64 {
    n.wrapping_mul(n).wrapping_add(work(n, rounds) & 1)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Sq,
    Fan,
    Log,
}

#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub shape: Shape,
    /// Rounds of [`work`] per item in the sq stage.
    pub rounds: u32,
    pub capacity: usize,
    pub items: u64,
}

impl Config {
    /// The configs every comparison runs, at full size (`scale` 1) or divided.
    pub fn all(scale: u64) -> Vec<Config> {
        let config = |shape, rounds, capacity, items: u64| Config {
            shape,
            rounds,
            capacity,
            items: (items / scale).max(1),
        };
        vec![
            config(Shape::Sq, 0, 1, 200_000),
            config(Shape::Sq, 0, 64, 1_000_000),
            config(Shape::Sq, 0, 1024, 1_000_000),
            config(Shape::Sq, WORK_300NS, 64, 200_000),
            config(Shape::Sq, WORK_5US, 64, 20_000),
            config(Shape::Fan, 0, 64, 1_000_000),
            config(Shape::Fan, WORK_300NS, 64, 200_000),
            config(Shape::Fan, WORK_5US, 64, 20_000),
            config(Shape::Log, 0, 64, 1_000_000),
        ]
    }

    pub fn shape_name(&self) -> &'static str {
        match self.shape {
            Shape::Sq => "sq",
            Shape::Fan => "fan",
            Shape::Log => "log",
        }
    }

    pub fn work_name(&self) -> &'static str {
        match self.rounds {
            0 => "0",
            WORK_300NS => "300ns",
            WORK_5US => "5us",
            _ => "custom",
        }
    }

    /// `sq/0/cap64`: a name for reports.
    pub fn name(&self) -> String {
        format!(
            "{}/{}/cap{}",
            self.shape_name(),
            self.work_name(),
            self.capacity
        )
    }

    /// Workers of the sq stage.
    pub fn workers(&self) -> usize {
        match (self.shape, self.rounds) {
            (Shape::Sq, 0) | (Shape::Log, _) => 1,
            (Shape::Sq, _) => 2,
            (Shape::Fan, _) => 4,
        }
    }
}

/// The ways a shape is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    PipelineMacro,
    /// The same block with `#![fusion = false]`: every stage a task of its own.
    PipelineUnfused,
    PipelineByHand,
    TokioMpscPlain,
    TokioSelectPerItem,
    FuturesStreams,
    Sequential,
}

impl Variant {
    pub const ALL: [Variant; 7] = [
        Variant::PipelineMacro,
        Variant::PipelineUnfused,
        Variant::PipelineByHand,
        Variant::TokioMpscPlain,
        Variant::TokioSelectPerItem,
        Variant::FuturesStreams,
        Variant::Sequential,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Variant::PipelineMacro => "pipeline_macro",
            Variant::PipelineUnfused => "pipeline_unfused",
            Variant::PipelineByHand => "pipeline_by_hand",
            Variant::TokioMpscPlain => "tokio_mpsc_plain",
            Variant::TokioSelectPerItem => "tokio_select_per_item",
            Variant::FuturesStreams => "futures_streams",
            Variant::Sequential => "sequential",
        }
    }

    /// Whether `config`'s shape is written this way.
    pub fn supports(self, config: Config) -> bool {
        config.shape != Shape::Log
            || matches!(
                self,
                Variant::PipelineMacro
                    | Variant::PipelineUnfused
                    | Variant::FuturesStreams
                    | Variant::Sequential
            )
    }

    /// Runs `config` this way (one it [`supports`](Self::supports)); returns the sum.
    pub async fn run(self, config: Config) -> u64 {
        if config.shape == Shape::Log {
            return match self {
                Variant::PipelineMacro => {
                    log::pipeline_macro(config.items, config.capacity, true).await
                }
                Variant::PipelineUnfused => {
                    log::pipeline_macro(config.items, config.capacity, false).await
                }
                Variant::FuturesStreams => log::futures_streams(config.items).await,
                _ => log::sequential(config.items),
            };
        }
        match self {
            Variant::PipelineMacro => pipeline_macro(config, true).await,
            Variant::PipelineUnfused => pipeline_macro(config, false).await,
            Variant::PipelineByHand => pipeline_by_hand(config).await,
            Variant::TokioMpscPlain => tokio_mpsc(config, false).await,
            Variant::TokioSelectPerItem => tokio_mpsc(config, true).await,
            Variant::FuturesStreams => futures_streams(config).await,
            Variant::Sequential => sequential(config),
        }
    }
}

/// The shape as a user writes it: sq without `workers` when it has one (so that it fuses);
/// `fusion: false` gives every stage a task of its own, as before fusion.
pub async fn pipeline_macro(c: Config, fusion: bool) -> u64 {
    let (n, rounds, workers) = (c.items, c.rounds, c.workers());
    let run = match c.shape {
        Shape::Sq if workers == 1 => pipeline! {
            #![capacity = c.capacity, fusion = fusion]
            from_iter(1..=n)
                -> map(move |x| sq(x, rounds))
                -> fold(0u64, u64::wrapping_add)
        },
        Shape::Sq => pipeline! {
            #![capacity = c.capacity, fusion = fusion]
            from_iter(1..=n)
                -> map(move |x| sq(x, rounds)) [workers = workers]
                -> fold(0u64, u64::wrapping_add)
        },
        Shape::Fan => pipeline! {
            #![capacity = c.capacity, fusion = fusion]
            from_iter(1..=n)
                -> map(|x| x + 1)
                -> map(|x| x.wrapping_mul(3))
                -> map(move |x| sq(x, rounds)) [workers = workers]
                -> fold(0u64, u64::wrapping_add)
        },
        Shape::Log => return log::pipeline_macro(n, c.capacity, fusion).await,
    };
    run.await.expect("the benchmark pipeline does not fail")
}

pub async fn pipeline_by_hand(c: Config) -> u64 {
    let scope: Scope<std::convert::Infallible> = Scope::new();
    let rounds = c.rounds;
    let numbers = Stage::new("gen")
        .capacity(c.capacity)
        .spawn_source(&scope, 1..=c.items);
    let input = match c.shape {
        Shape::Sq | Shape::Log => numbers,
        Shape::Fan => {
            let plus = Stage::new("plus").capacity(c.capacity).spawn(
                &scope,
                numbers,
                then(|n: u64| async move { Ok(n + 1) }),
            );
            Stage::new("times").capacity(c.capacity).spawn(
                &scope,
                plus,
                then(|n: u64| async move { Ok(n.wrapping_mul(3)) }),
            )
        }
    };
    let mut squares = Stage::new("sq")
        .capacity(c.capacity)
        .workers(c.workers())
        .spawn(
            &scope,
            input,
            then(move |n: u64| async move { Ok(sq(n, rounds)) }),
        );
    let mut total = 0u64;
    while let Some(n) = squares.recv().await {
        total = total.wrapping_add(n);
    }
    scope
        .join()
        .await
        .expect("the benchmark pipeline does not fail");
    total
}

/// Sends `item`, or gives up on cancel (`select`) or when the receiver is gone.
async fn send(tx: &mpsc::Sender<u64>, item: u64, done: Option<&CancellationToken>) -> bool {
    match done {
        None => tx.send(item).await.is_ok(),
        Some(done) => tokio::select! {
            sent = tx.send(item) => sent.is_ok(),
            () = done.cancelled() => false,
        },
    }
}

/// Receives, or gives up on cancel (`select`).
async fn recv(rx: &mut mpsc::Receiver<u64>, done: Option<&CancellationToken>) -> Option<u64> {
    match done {
        None => rx.recv().await,
        Some(done) => tokio::select! {
            item = rx.recv() => item,
            () = done.cancelled() => None,
        },
    }
}

/// A forwarding stage task: `f` on every item, from `rx` to a new channel.
fn spawn_map(
    tasks: &mut JoinSet<()>,
    mut rx: mpsc::Receiver<u64>,
    capacity: usize,
    done: Option<CancellationToken>,
    f: impl Fn(u64) -> u64 + Send + 'static,
) -> mpsc::Receiver<u64> {
    let (tx, out) = mpsc::channel(capacity);
    tasks.spawn(async move {
        while let Some(item) = recv(&mut rx, done.as_ref()).await {
            if !send(&tx, f(item), done.as_ref()).await {
                return;
            }
        }
    });
    out
}

/// The shapes with tokio mpsc; `select` adds Go's done channel (a `CancellationToken`)
/// around every send and receive. Fan-out workers share their input behind a tokio `Mutex`
/// (mpsc has one receiver) and fan in through clones of one sender.
pub async fn tokio_mpsc(c: Config, select: bool) -> u64 {
    let done = select.then(CancellationToken::new);
    let capacity = c.capacity.max(1);
    let mut tasks = JoinSet::new();
    let (gen_tx, numbers) = mpsc::channel(capacity);
    let gen_done = done.clone();
    let n = c.items;
    tasks.spawn(async move {
        for item in 1..=n {
            if !send(&gen_tx, item, gen_done.as_ref()).await {
                return;
            }
        }
    });
    let input = match c.shape {
        Shape::Sq | Shape::Log => numbers,
        Shape::Fan => {
            let plus = spawn_map(&mut tasks, numbers, capacity, done.clone(), |n| n + 1);
            spawn_map(&mut tasks, plus, capacity, done.clone(), |n| {
                n.wrapping_mul(3)
            })
        }
    };
    let mut squares = if c.workers() == 1 {
        let rounds = c.rounds;
        spawn_map(&mut tasks, input, capacity, done.clone(), move |n| {
            sq(n, rounds)
        })
    } else {
        let shared = Arc::new(Mutex::new(input));
        let (tx, out) = mpsc::channel(capacity);
        for _ in 0..c.workers() {
            let (shared, tx, done, rounds) = (shared.clone(), tx.clone(), done.clone(), c.rounds);
            tasks.spawn(async move {
                loop {
                    let item = {
                        let mut input = shared.lock().await;
                        recv(&mut input, done.as_ref()).await
                    };
                    let Some(item) = item else { return };
                    if !send(&tx, sq(item, rounds), done.as_ref()).await {
                        return;
                    }
                }
            });
        }
        out
    };
    let mut total = 0u64;
    while let Some(item) = recv(&mut squares, done.as_ref()).await {
        total = total.wrapping_add(item);
    }
    while tasks.join_next().await.is_some() {}
    total
}

/// The shapes as stream combinators in the caller's task: `buffer_unordered` runs the sq
/// workers concurrently (not in parallel: one task). Channels play no part, so capacity does
/// not apply.
pub async fn futures_streams(c: Config) -> u64 {
    let rounds = c.rounds;
    let numbers = futures::stream::iter(1..=c.items);
    let input = match c.shape {
        Shape::Sq | Shape::Log => numbers.boxed(),
        Shape::Fan => numbers.map(|n| n + 1).map(|n| n.wrapping_mul(3)).boxed(),
    };
    input
        .map(|n| async move { sq(n, rounds) })
        .buffer_unordered(c.workers())
        .fold(0u64, |total, n| async move { total.wrapping_add(n) })
        .await
}

/// The floor: one thread, no channels.
pub fn sequential(c: Config) -> u64 {
    let rounds = c.rounds;
    let numbers = 1..=black_box(c.items);
    match c.shape {
        Shape::Log => log::sequential(c.items),
        Shape::Sq => numbers.map(|n| sq(n, rounds)).fold(0, u64::wrapping_add),
        Shape::Fan => numbers
            .map(|n| sq((n + 1).wrapping_mul(3), rounds))
            .fold(0, u64::wrapping_add),
    }
}
