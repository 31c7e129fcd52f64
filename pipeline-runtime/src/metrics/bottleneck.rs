//! Which stage limits a run's throughput, and why: read from the busy / starved / blocked
//! split of a [`Snapshot`], which throughput alone cannot give under backpressure (every
//! stage of a backpressured pipeline moves items at the same rate).
//!
//! The rule: the bottleneck is the busiest stage (by its workers' share of the run's time
//! spent busy), provided it is busy most of the time. Its upstream stages then wait to send to it
//! (blocked) and its downstream stages wait for it (starved); the report gives both as the
//! evidence. A stage that fans out and whose every worker is busy would go faster with more
//! workers; one whose workers are often idle would not.

use std::fmt;

use super::snapshot::{Snapshot, StageStats, WorkerStats};

/// Busy at least this share of the time to be called the bottleneck.
const BUSY_ENOUGH: f64 = 0.5;
/// Workers busy at least this share: more of them would help.
const SATURATED: f64 = 0.85;
/// A neighbour blocked or starved less than this share is no evidence: not worth saying.
const EVIDENCE: f64 = 0.1;

/// The stage that limits a run's throughput, and the evidence; from
/// [`Snapshot::bottleneck`]. `Display` says it in a sentence:
///
/// ```text
/// `parse` is the bottleneck: busy 98%, while its upstream `read` is blocked 90% and its
/// downstream `count` is starved 85%; it runs as one task: `[workers = N]` would help,
/// where its kind allows
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Bottleneck {
    /// One stage limits the run.
    Stage(Limiting),
    /// No stage is busy most of the time: the run waits on something outside it (or has
    /// not run long enough to tell). Gives the busiest stage, if any ran.
    None {
        /// The busiest stage and its busy share.
        busiest: Option<(String, f64)>,
    },
}

/// The stage that limits a run, and the evidence.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Limiting {
    /// Its name.
    pub stage: String,
    /// Where it sits.
    pub position: Position,
    /// Its workers' share of the run's time busy, 0 to 1.
    pub busy: f64,
    /// Its workers.
    pub workers: usize,
    /// The upstream stage most blocked sending to it, and that share (if 10% or more).
    pub upstream_blocked: Option<(String, f64)>,
    /// The downstream stage most starved waiting for it, and that share (if 10% or more).
    pub downstream_starved: Option<(String, f64)>,
    /// Whether more workers would help: its every worker is busy.
    pub more_workers_would_help: bool,
}

/// Where the limiting stage sits in the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// It has no input: the source.
    Source,
    /// Between a source and a sink.
    Middle,
    /// It has no output: the sink.
    Sink,
}

impl Bottleneck {
    pub(crate) fn find(snapshot: &Snapshot) -> Bottleneck {
        let stages = snapshot.stages();
        // Busy is weighed over the run's span, not each stage's own life: a source that sent
        // its few items and ended was busy all its short life, and limits nothing.
        let span = stages
            .iter()
            .flat_map(StageStats::workers)
            .map(WorkerStats::elapsed)
            .max()
            .unwrap_or_default()
            .as_secs_f64();
        if span == 0.0 {
            return Bottleneck::None { busiest: None };
        }
        let busy_over_span = |stage: &StageStats| {
            stage.total().busy.as_secs_f64() / (span * stage.workers().len().max(1) as f64)
        };
        let busiest = stages
            .iter()
            .max_by(|a, b| busy_over_span(a).total_cmp(&busy_over_span(b)));
        let Some(stage) = busiest else {
            return Bottleneck::None { busiest: None };
        };
        let busy = busy_over_span(stage);
        if busy < BUSY_ENOUGH {
            return Bottleneck::None {
                busiest: Some((stage.name().to_owned(), busy)),
            };
        }
        let most = |indexes: &[usize], part: fn(&WorkerStats) -> std::time::Duration| {
            indexes
                .iter()
                .map(|&at| {
                    let total = stages[at].total();
                    (stages[at].name().to_owned(), total.share(part(&total)))
                })
                .max_by(|(_, a), (_, b)| a.total_cmp(b))
                .filter(|(_, share)| *share >= EVIDENCE)
        };
        let position = match (stage.upstream().is_empty(), stage.downstream().is_empty()) {
            (true, _) => Position::Source,
            (false, true) => Position::Sink,
            (false, false) => Position::Middle,
        };
        Bottleneck::Stage(Limiting {
            stage: stage.name().to_owned(),
            position,
            busy,
            workers: stage.workers().len(),
            upstream_blocked: most(stage.upstream(), |total| total.blocked),
            downstream_starved: most(stage.downstream(), |total| total.starved),
            more_workers_would_help: position != Position::Source && saturated(stage),
        })
    }

    /// The limiting stage's name, if one limits the run.
    pub fn stage(&self) -> Option<&str> {
        match self {
            Bottleneck::Stage(limiting) => Some(&limiting.stage),
            Bottleneck::None { .. } => None,
        }
    }
}

/// Whether every worker of `stage` is busy nearly all the time.
fn saturated(stage: &StageStats) -> bool {
    stage
        .workers()
        .iter()
        .all(|worker| worker.share(worker.busy) >= SATURATED)
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

impl fmt::Display for Bottleneck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limiting = match self {
            Bottleneck::None { busiest: None } => {
                return write!(f, "no stage has run yet");
            }
            Bottleneck::None {
                busiest: Some((stage, busy)),
            } => {
                return write!(
                    f,
                    "no stage is the bottleneck: the busiest, `{stage}`, is busy {}; the run waits \
                     on something outside it",
                    percent(*busy)
                );
            }
            Bottleneck::Stage(limiting) => limiting,
        };
        let what = match limiting.position {
            Position::Source => "the source ",
            Position::Sink => "the sink ",
            Position::Middle => "",
        };
        write!(
            f,
            "{what}`{}` is the bottleneck: busy {}",
            limiting.stage,
            percent(limiting.busy)
        )?;
        match (&limiting.upstream_blocked, &limiting.downstream_starved) {
            (Some((up, blocked)), Some((down, starved))) => write!(
                f,
                ", while its upstream `{up}` is blocked {} and its downstream `{down}` is starved {}",
                percent(*blocked),
                percent(*starved)
            )?,
            (Some((up, blocked)), None) => write!(
                f,
                ", while its upstream `{up}` is blocked {}",
                percent(*blocked)
            )?,
            (None, Some((down, starved))) => write!(
                f,
                ", while its downstream `{down}` is starved {}",
                percent(*starved)
            )?,
            (None, None) => {}
        }
        if limiting.position != Position::Source {
            match (limiting.workers, limiting.more_workers_would_help) {
                (1, true) => write!(
                    f,
                    "; it runs as one task: `[workers = N]` would help, where its kind allows"
                )?,
                (n, true) => write!(f, "; all {n} workers are busy: more workers would help")?,
                (n, false) if n > 1 => write!(
                    f,
                    "; its {n} workers are not all busy: more workers would not help"
                )?,
                _ => {}
            }
        }
        Ok(())
    }
}
