//! Progress as plain lines, for a stderr that is not a terminal (or any writer): one line
//! per draw, nothing redrawn, no escape codes.

use std::io::Write;

use super::render::StageLine;
use crate::metrics::Snapshot;

pub(super) struct Lines {
    out: Box<dyn Write + Send>,
}

impl Lines {
    pub(super) fn new(out: Box<dyn Write + Send>) -> Self {
        Self { out }
    }

    pub(super) fn draw(&mut self, snapshot: &Snapshot, stages: &[StageLine]) {
        let line = line(snapshot, stages);
        // Progress is best effort: a closed stderr must not fail the run.
        let _ = writeln!(self.out, "{line}");
        let _ = self.out.flush();
    }
}

/// `progress 1.0s: read 1200 (1198/s) > parse 1150 (1149/s) | <bottleneck>`.
pub(super) fn line(snapshot: &Snapshot, stages: &[StageLine]) -> String {
    let stages: Vec<String> = stages
        .iter()
        .map(|stage| format!("{} {} ({:.0}/s)", stage.name, stage.items, stage.per_second))
        .collect();
    format!(
        "progress {:.1}s: {} | {}",
        snapshot.taken_after().as_secs_f64(),
        stages.join(" > "),
        snapshot.bottleneck()
    )
}
