//! A snapshot of a run's metrics: typed numbers per stage and per worker, and a `Display`
//! that renders them as a table.

use std::fmt;
use std::time::Duration;

use super::bottleneck::Bottleneck;
use super::gauge::Reading;

/// Every stage's metrics at one moment of a run (or after it). See [`Metrics`](super::Metrics).
///
/// `Display` renders a table, one row per stage:
///
/// ```text
/// stage        workers   in  out errors  busy starved blocked paused queue
/// from_iter#1        1    0  100      0   1%      0%     99%     0%     -
/// map#2              1  100  100      0  99%      0%      1%     0%  8/64
/// ```
#[derive(Clone, Debug)]
pub struct Snapshot {
    taken_after: Duration,
    stages: Vec<StageStats>,
}

impl Snapshot {
    pub(crate) fn new(taken_after: Duration, stages: Vec<StageStats>) -> Self {
        Self {
            taken_after,
            stages,
        }
    }

    /// The stages, in the order their block wires them.
    pub fn stages(&self) -> &[StageStats] {
        &self.stages
    }

    /// The stage called `name` (as errors name it), if the run has one.
    pub fn stage(&self, name: &str) -> Option<&StageStats> {
        self.stages.iter().find(|stage| stage.name == name)
    }

    /// How long after the run was created this snapshot was taken.
    pub fn taken_after(&self) -> Duration {
        self.taken_after
    }

    /// A line about stage `name`: its items (out, or for a sink in) and its share of time
    /// busy, e.g. `1000 items, busy 98%`; `None` for a stage the run does not have. Made to
    /// draw a run's metrics on its picture:
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! { from_iter(0..1000u32) -> map(|n| n + 1) [name = "inc"] -> count() };
    /// let (graph, metrics) = (run.graph(), run.metrics());
    /// run.await.unwrap();
    /// let snapshot = metrics.snapshot();
    /// let picture = graph.to_mermaid_with(&|stage| snapshot.summary(stage));
    /// assert!(picture.contains("inc<br/>map<br/>1000 items, busy "), "{picture}");
    /// # }
    /// ```
    pub fn summary(&self, name: &str) -> Option<String> {
        let stage = self.stage(name)?;
        let total = stage.total();
        let items = if stage.downstream.is_empty() && !stage.upstream.is_empty() {
            total.items_in
        } else {
            total.items_out
        };
        Some(format!(
            "{items} items, busy {}",
            percent(total.share(total.busy))
        ))
    }

    /// Which stage limits the run's throughput, and why; see [`Bottleneck`].
    pub fn bottleneck(&self) -> Bottleneck {
        Bottleneck::find(self)
    }
}

/// One stage's metrics: each worker's, their sum, its input queue, and its neighbours.
#[derive(Clone, Debug)]
pub struct StageStats {
    name: String,
    workers: Vec<WorkerStats>,
    queue: Option<QueueFill>,
    pub(crate) upstream: Vec<usize>,
    pub(crate) downstream: Vec<usize>,
}

impl StageStats {
    pub(crate) fn new(name: &str, workers: Vec<WorkerStats>, queue: Option<QueueFill>) -> Self {
        Self {
            name: name.to_owned(),
            workers,
            queue,
            upstream: Vec::new(),
            downstream: Vec::new(),
        }
    }

    /// The stage's name, as errors and diagnostics give it (`map#2`, or its `name = ".."`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Each worker's metrics (one for a stage that runs as one task).
    pub fn workers(&self) -> &[WorkerStats] {
        &self.workers
    }

    /// The workers' metrics added up.
    pub fn total(&self) -> WorkerStats {
        self.workers
            .iter()
            .fold(WorkerStats::default(), |total, worker| total.plus(worker))
    }

    /// Its input queue now: items waiting and capacity (summed over its inputs); `None` for a
    /// source, and once the run is over.
    pub fn queue(&self) -> Option<QueueFill> {
        self.queue
    }

    /// The indexes (in [`Snapshot::stages`]) of the stages that send to this one.
    pub fn upstream(&self) -> &[usize] {
        &self.upstream
    }

    /// The indexes (in [`Snapshot::stages`]) of the stages this one sends to.
    pub fn downstream(&self) -> &[usize] {
        &self.downstream
    }
}

/// A worker's metrics (or, from [`StageStats::total`], a stage's).
///
/// Its time is split into `busy` (in the stage's code, or awaiting its user code), `starved`
/// (waiting for input), `blocked` (waiting for room downstream), `paused` and `throttled`
/// (waiting for a `rate` token); they add up to its [`elapsed`](Self::elapsed) time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkerStats {
    /// Items taken from the input.
    pub items_in: u64,
    /// Items sent downstream.
    pub items_out: u64,
    /// Errors its user code raised.
    pub errors: u64,
    /// Time running, or awaiting user code.
    pub busy: Duration,
    /// Time waiting for input.
    pub starved: Duration,
    /// Time waiting for room downstream.
    pub blocked: Duration,
    /// Time waiting while the run was paused.
    pub paused: Duration,
    /// Time waiting for a `rate` limit's token.
    pub throttled: Duration,
    /// Workers still running (0 or 1 for a worker; a count in a total).
    pub running: usize,
}

impl WorkerStats {
    /// All the time counted: from its first poll to its end, or to the snapshot.
    pub fn elapsed(&self) -> Duration {
        self.busy + self.starved + self.blocked + self.paused + self.throttled
    }

    /// `part`'s share of [`elapsed`](Self::elapsed), from 0 to 1 (0 before it ran).
    pub fn share(&self, part: Duration) -> f64 {
        let elapsed = self.elapsed().as_secs_f64();
        if elapsed == 0.0 {
            0.0
        } else {
            part.as_secs_f64() / elapsed
        }
    }

    fn plus(self, other: &WorkerStats) -> WorkerStats {
        WorkerStats {
            items_in: self.items_in + other.items_in,
            items_out: self.items_out + other.items_out,
            errors: self.errors + other.errors,
            busy: self.busy + other.busy,
            starved: self.starved + other.starved,
            blocked: self.blocked + other.blocked,
            paused: self.paused + other.paused,
            throttled: self.throttled + other.throttled,
            running: self.running + other.running,
        }
    }
}

impl From<Reading> for WorkerStats {
    fn from(reading: Reading) -> Self {
        let [busy, starved, blocked, paused, throttled] = reading.time;
        WorkerStats {
            items_in: reading.items_in,
            items_out: reading.items_out,
            errors: reading.errors,
            busy,
            starved,
            blocked,
            paused,
            throttled,
            running: usize::from(reading.running),
        }
    }
}

/// How full a stage's input queue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct QueueFill {
    /// Items waiting in it.
    pub len: usize,
    /// How many it holds at most.
    pub capacity: usize,
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

impl fmt::Display for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = [
            "stage", "workers", "in", "out", "errors", "busy", "starved", "blocked", "paused",
            "queue",
        ];
        let rows: Vec<[String; 10]> = self
            .stages
            .iter()
            .map(|stage| {
                let total = stage.total();
                [
                    stage.name.clone(),
                    stage.workers.len().to_string(),
                    total.items_in.to_string(),
                    total.items_out.to_string(),
                    total.errors.to_string(),
                    percent(total.share(total.busy)),
                    percent(total.share(total.starved)),
                    percent(total.share(total.blocked)),
                    percent(total.share(total.paused)),
                    stage.queue.map_or_else(
                        || "-".to_owned(),
                        |queue| format!("{}/{}", queue.len, queue.capacity),
                    ),
                ]
            })
            .collect();
        let mut widths = header.map(str::len);
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: &[&str]| -> fmt::Result {
            for (column, (cell, width)) in cells.iter().zip(widths).enumerate() {
                if column == 0 {
                    write!(f, "{cell:<width$}")?;
                } else {
                    write!(f, "  {cell:>width$}")?;
                }
            }
            writeln!(f)
        };
        line(f, &header)?;
        for row in &rows {
            line(f, &row.each_ref().map(String::as_str))?;
        }
        Ok(())
    }
}
