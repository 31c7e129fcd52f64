//! The stall watcher: every quarter of the threshold it reads each worker's activity and
//! counts; a worker still busy in user code (holding an item) or still waiting to send, with
//! no item in or out since it was first seen so, for longer than the threshold, is warned of
//! once, until it moves again.

use std::time::{Duration, Instant};

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
    let mut seen: Vec<Option<Seen>> = Vec::new();
    let mut ticks = tokio::time::interval((threshold / 4).max(Duration::from_millis(1)));
    loop {
        ticks.tick().await;
        let now = Instant::now();
        for (at, (stage, activity, counts)) in registry.workers().into_iter().enumerate() {
            if seen.len() <= at {
                seen.resize_with(at + 1, || None);
            }
            let stuck = matches!(activity, Activity::Busy | Activity::Blocked);
            let slot = &mut seen[at];
            match slot {
                Some(last) if stuck && last.activity == activity && last.counts == counts => {
                    let held = now - last.since;
                    if held >= threshold && !last.warned {
                        last.warned = true;
                        let what = if activity == Activity::Busy {
                            "held an item in user code"
                        } else {
                            "waited to send to its downstream"
                        };
                        tracing::warn!(
                            pipeline,
                            stage = %stage,
                            waited_ms = held.as_millis() as u64,
                            "stage stalled: it {what} for {held:.1?}"
                        );
                    }
                }
                _ => {
                    *slot = stuck.then_some(Seen {
                        activity,
                        counts,
                        since: now,
                        warned: false,
                    });
                }
            }
        }
    }
}
