//! What a progress display says about each stage: its items, its rate since the last draw,
//! and the bottleneck. Shared by the live display and the plain lines.

use std::time::Duration;

use crate::metrics::Snapshot;

/// Items per second of each stage, from the difference between two snapshots.
#[derive(Debug, Default)]
pub struct Rates {
    last: Vec<(String, u64)>,
    last_at: Duration,
}

/// One stage as a display shows it.
pub(super) struct StageLine {
    pub(super) name: String,
    /// Its items: sent downstream, or for a sink taken in.
    pub(super) items: u64,
    pub(super) per_second: f64,
    pub(super) busy: f64,
}

impl Rates {
    /// No draw yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Each stage's line from `snapshot`, with its rate since the previous call.
    pub(super) fn update(&mut self, snapshot: &Snapshot) -> Vec<StageLine> {
        let at = snapshot.taken_after();
        let seconds = at.saturating_sub(self.last_at).as_secs_f64();
        let lines: Vec<StageLine> = snapshot
            .stages()
            .iter()
            .map(|stage| {
                let total = stage.total();
                let items = if stage.downstream().is_empty() {
                    total.items_in
                } else {
                    total.items_out
                };
                let before = self
                    .last
                    .iter()
                    .find(|(name, _)| name == stage.name())
                    .map_or(0, |(_, items)| *items);
                let per_second = if seconds > 0.0 {
                    items.saturating_sub(before) as f64 / seconds
                } else {
                    0.0
                };
                StageLine {
                    name: stage.name().to_owned(),
                    items,
                    per_second,
                    busy: total.share(total.busy),
                }
            })
            .collect();
        self.last = lines
            .iter()
            .map(|line| (line.name.clone(), line.items))
            .collect();
        self.last_at = at;
        lines
    }
}
