//! The stall watcher: every quarter of the threshold it reads each worker's activity and
//! counts; a worker still busy in user code (holding an item) or still waiting to send, with
//! no item in or out since it was first seen so, for longer than the threshold, is warned of
//! once, until it moves again.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::id::StageName;
use crate::metrics::{Activity, Registry};
use crate::sync::Arc;

/// One worker as last seen: what it did, its counts then, since when, and whether it was
/// warned of.
struct Seen {
    activity: Activity,
    counts: (u64, u64),
    since: Instant,
    warned: bool,
}

/// Watches the run's workers until the run ends (the helper is stopped then).
pub(crate) async fn watch(registry: Arc<Registry>, pipeline: u64, threshold: Duration) {
    // Keyed by the worker's name, not its place in the list: the list leaves out workers not
    // yet polled, so a late start would shift every place after it onto another worker.
    let mut seen: HashMap<StageName, Seen> = HashMap::new();
    let mut ticks = tokio::time::interval((threshold / 4).max(Duration::from_millis(1)));
    // After the thread was held up, scan once and go on: a burst of scans back to back would
    // give the stages no turn in between, so they would look stalled when only this was late.
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let now = Instant::now();
        for (worker, activity, counts) in registry.workers() {
            if !matches!(activity, Activity::Busy | Activity::Blocked) {
                seen.remove(&worker);
                continue;
            }
            let last = seen.entry(worker.clone()).or_insert(Seen {
                activity,
                counts,
                since: now,
                warned: false,
            });
            if last.activity != activity || last.counts != counts {
                // It moved, or turned from one wait to the other: a new stall, if any, starts now.
                *last = Seen {
                    activity,
                    counts,
                    since: now,
                    warned: false,
                };
                continue;
            }
            let held = now - last.since;
            if held >= threshold && !last.warned {
                last.warned = true;
                let what = if activity == Activity::Busy {
                    "held an item in user code"
                } else {
                    "waited to send to its downstream"
                };
                // The same `stage` and `worker` fields as the stage's span, so a filter on
                // either catches the stage's own events and its stall.
                tracing::warn!(
                    pipeline,
                    stage = %worker.name(),
                    worker = worker.worker_index(),
                    waited_ms = held.as_millis() as u64,
                    "stage stalled: it {what} for {held:.1?}"
                );
            }
        }
    }
}
