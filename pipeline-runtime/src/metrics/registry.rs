//! The registry of one run's gauges: every stage task gets its gauge here as it is spawned,
//! with the channels it reads and writes, so that a snapshot can tell each stage's numbers,
//! the fill of its input queue, and which stages sit up- and downstream of it.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use super::gauge::{Activity, Gauge, WorkerGauge};
use super::snapshot::{QueueFill, Snapshot, StageStats, WorkerStats};
use crate::id::StageName;
use crate::sync::{Arc, Mutex, Weak};

/// How full a channel is, read at snapshot time (under the channel's lock, briefly).
pub(crate) trait QueueProbe: Send + Sync {
    /// Items queued, and the capacity.
    fn fill(&self) -> (usize, usize);
}

/// A channel a stage reads: its identity, and a probe of its fill while it lives.
#[derive(Clone)]
pub(crate) struct Tap {
    pub(crate) channel: usize,
    pub(crate) probe: Weak<dyn QueueProbe>,
}

impl Tap {
    /// The link `link` between two fused stages ([`fused_link`]): it orders them, and has no
    /// queue to probe.
    pub(crate) fn fused(link: usize) -> Self {
        Self {
            channel: link,
            probe: Weak::<NoQueue>::new(),
        }
    }
}

/// A new identity for the link between two fused stages, where a channel would be. Never a
/// channel's: channels are known by their address, and these have the top bit set.
pub(crate) fn fused_link() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    (1 << (usize::BITS - 1)) | NEXT.fetch_add(1, Relaxed)
}

/// What a fused link probes: nothing, ever.
struct NoQueue;

impl QueueProbe for NoQueue {
    fn fill(&self) -> (usize, usize) {
        (0, 0)
    }
}

/// One run's gauges, by stage, in the order the stages were wired.
pub(crate) struct Registry {
    epoch: Instant,
    enabled: bool,
    stages: Mutex<Vec<Entry>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("enabled", &self.enabled)
            .field("stages", &self.stages.lock().len())
            .finish()
    }
}

struct Entry {
    name: StageName,
    workers: Vec<Arc<WorkerGauge>>,
    inputs: Vec<Tap>,
    outputs: Vec<usize>,
}

impl Registry {
    pub(crate) fn new(enabled: bool) -> Self {
        Self {
            epoch: Instant::now(),
            enabled,
            stages: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// A gauge for a new worker of `stage` (a worker's name counts as its stage's), which
    /// reads `inputs` and writes to the channels `outputs`; none when metrics are off.
    pub(crate) fn gauge(
        &self,
        stage: &StageName,
        inputs: impl IntoIterator<Item = Tap>,
        outputs: impl IntoIterator<Item = usize>,
    ) -> Gauge {
        if !self.enabled {
            return Gauge::off();
        }
        let worker = Arc::new(WorkerGauge::new());
        let mut stages = self.stages.lock();
        let at = match stages
            .iter()
            .position(|entry| entry.name.name() == stage.name())
        {
            Some(at) => at,
            None => {
                stages.push(Entry {
                    name: StageName::new(stage.name()),
                    workers: Vec::new(),
                    inputs: Vec::new(),
                    outputs: Vec::new(),
                });
                stages.len() - 1
            }
        };
        let entry = &mut stages[at];
        entry.workers.push(worker.clone());
        for tap in inputs {
            if !entry
                .inputs
                .iter()
                .any(|known| known.channel == tap.channel)
            {
                entry.inputs.push(tap);
            }
        }
        for channel in outputs {
            if !entry.outputs.contains(&channel) {
                entry.outputs.push(channel);
            }
        }
        Gauge::new(Some(worker))
    }

    /// Every started worker now, by name (`stage (worker i)` when the stage fans out): what
    /// it does and its items in and out. For the stall watcher.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    pub(crate) fn workers(&self) -> Vec<(StageName, Activity, (u64, u64))> {
        let stages = self.stages.lock();
        let mut workers = Vec::new();
        for entry in stages.iter() {
            let fans_out = entry.workers.len() > 1;
            for (index, worker) in entry.workers.iter().enumerate() {
                if let Some((activity, counts)) = worker.state() {
                    let name = if fans_out {
                        entry.name.worker(index)
                    } else {
                        entry.name.clone()
                    };
                    workers.push((name, activity, counts));
                }
            }
        }
        workers
    }

    /// Stage `stage` sends into `channel` too (a fused group's last stage, once its group
    /// gets a task and a channel of its own).
    pub(crate) fn connect(&self, stage: &StageName, channel: usize) {
        if let Some(entry) = self
            .stages
            .lock()
            .iter_mut()
            .find(|entry| entry.name.name() == stage.name())
            && !entry.outputs.contains(&channel)
        {
            entry.outputs.push(channel);
        }
    }

    /// Every stage's numbers now.
    pub(crate) fn snapshot(&self) -> Snapshot {
        let stages = self.stages.lock();
        let mut stats: Vec<StageStats> = stages
            .iter()
            .map(|entry| {
                let queue = entry
                    .inputs
                    .iter()
                    .filter_map(|tap| tap.probe.upgrade())
                    .map(|probe| probe.fill())
                    .reduce(|(len, capacity), (more, room)| (len + more, capacity + room))
                    .map(|(len, capacity)| QueueFill { len, capacity });
                StageStats::new(
                    entry.name.name(),
                    entry
                        .workers
                        .iter()
                        .map(|worker| WorkerStats::from(worker.read()))
                        .collect(),
                    queue,
                )
            })
            .collect();
        for (at, entry) in stages.iter().enumerate() {
            for (other, upstream) in stages.iter().enumerate() {
                let feeds = upstream
                    .outputs
                    .iter()
                    .any(|channel| entry.inputs.iter().any(|tap| tap.channel == *channel));
                if feeds && other != at {
                    stats[at].upstream.push(other);
                    stats[other].downstream.push(at);
                }
            }
        }
        Snapshot::new(self.epoch.elapsed(), stats)
    }
}
