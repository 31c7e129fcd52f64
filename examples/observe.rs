//! Observing a pipeline: its metrics, the bottleneck named from them, its progress, and its
//! picture with the metrics drawn on it.
//!
//! `cargo run --example observe` (progress lines go to stderr, the rest to stdout)
//!
//! The pipeline reads 200 lines, parses each (a slow stage: 2 ms a line, as a call to a
//! service would be), keeps the even ones and counts them. The README's samples of the
//! table, the bottleneck report, the progress lines and the picture are this program's.

use std::convert::Infallible;
use std::time::Duration;

use gopipe::metrics::Snapshot;
use gopipe::progress::Progress;
use gopipe::{Graph, PipelineError, pipeline};

/// Parses a line: 2 ms each.
async fn parse(line: String) -> u64 {
    tokio::time::sleep(Duration::from_millis(2)).await;
    line.trim_start_matches("line ").parse().unwrap_or(0)
}

/// Runs the pipeline, showing its progress as `progress` says; its result, its picture and
/// its metrics at the end.
pub async fn observed(
    progress: Progress,
) -> Result<(u64, Graph, Snapshot), PipelineError<Infallible>> {
    let run = pipeline! {
        #![capacity = 16, progress = progress]
        from_iter((0..200).map(|n| format!("line {n}"))) [name = "read"]
            -> then(parse) [name = "parse"]
            -> filter(|n| n % 2 == 0) [name = "even"]
            -> count()
    };
    let (graph, metrics) = (run.graph(), run.metrics());
    let count = run.await?;
    Ok((count as u64, graph, metrics.snapshot()))
}

#[tokio::main]
async fn main() -> Result<(), PipelineError<Infallible>> {
    let progress = Progress::every(Duration::from_millis(100)).to_writer(std::io::stderr());
    let (count, graph, snapshot) = observed(progress).await?;
    println!("{count} even lines\n");
    println!("{snapshot}");
    println!("{}\n", snapshot.bottleneck());
    println!(
        "{}",
        graph.to_mermaid_with(&|stage| snapshot.summary(stage))
    );
    Ok(())
}
