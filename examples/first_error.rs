//! "Error handling and releasing resources": N workers, one fails; the caller must get that
//! error at once, and no other worker may stay blocked.
//!
//! `cargo run --example first_error`
//!
//! The Go article's bug: the caller returns on the first error while the other workers are
//! still trying to send their results on an unbuffered channel nobody reads any more — they
//! leak. The same job is shown here three ways; in each, the caller has the error as soon as
//! it happens, and every worker is gone when the caller returns.
//!
//! - fail fast (errgroup): the first error cancels the rest and is the run's result;
//! - an error channel: errors arrive on their own stream; the caller stops the run on the first;
//! - result items: errors travel with the results; the caller stops at the first `Err`.

use std::time::Duration;

use futures::StreamExt;
use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, PipelineError, PipelineId, pipeline};

/// Worker `n`'s job: worker 0 fails right away, the others take an hour.
pub async fn do_something(n: usize) -> Result<usize, String> {
    if n == 0 {
        return Err(format!("worker {n}: the disk is full"));
    }
    tokio::time::sleep(Duration::from_secs(3600)).await;
    Ok(n)
}

/// How a style ended: the error the caller got, and the run's stage tasks still alive after
/// the caller returned (always 0).
#[derive(Debug)]
pub struct Outcome {
    /// The error the caller got.
    pub error: String,
    /// Stage tasks still alive after the caller returned.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

fn outcome(error: String, id: PipelineId, graph: Graph) -> Outcome {
    Outcome {
        error,
        live_tasks: live_tasks_of(id).len(),
        graph,
    }
}

/// Fail fast: the run's result is the first error.
pub async fn fail_fast(workers: usize) -> Outcome {
    let run = pipeline! {
        from_iter(0..workers) -> try_then(do_something) [workers = workers] -> drain()
    };
    let (id, graph) = (run.id(), run.graph());
    match run.await {
        Err(PipelineError::Failed { error, .. }) => outcome(error, id, graph),
        other => outcome(format!("unexpected: {other:?}"), id, graph),
    }
}

/// An error channel: the caller reads the errors and stops the run at the first.
pub async fn error_channel(workers: usize) -> Outcome {
    let (run, mut errors) = pipeline! {
        #![errors = channel]
        from_iter(0..workers) -> try_then(do_something) [workers = workers] -> drain()
    }
    .split_errors();
    let (id, graph) = (run.id(), run.graph());
    // Reading the errors starts the run, as awaiting it would.
    let first = errors.recv().await.map(|error| error.into_error());
    run.cancel(); // we have what we need: stop everyone
    let _ = run.await;
    outcome(first.unwrap_or_default(), id, graph)
}

/// Result items: the caller reads results and errors together, returns at the first `Err`.
pub async fn result_items(workers: usize) -> Outcome {
    let mut results = pipeline! {
        #![errors = result]
        from_iter(0..workers) -> try_then(do_something) [workers = workers]
    };
    let (id, graph) = (results.id(), results.graph());
    let mut first = String::new();
    while let Some(result) = results.next().await {
        if let Err(error) = result {
            first = error.into_error();
            break;
        }
    }
    drop(results); // returning early: dropping the handle stops every worker
    tokio::task::yield_now().await;
    let mut outcome = outcome(first, id, graph);
    // Dropped workers are aborted by the runtime a moment later; wait for that.
    let mut waited = 0;
    while outcome.live_tasks > 0 && waited < 1000 {
        tokio::time::sleep(Duration::from_millis(1)).await;
        outcome.live_tasks = live_tasks_of(id).len();
        waited += 1;
    }
    outcome
}

#[tokio::main]
async fn main() {
    let workers = 8;
    for (style, run) in [
        ("fail fast    ", fail_fast(workers).await),
        ("error channel", error_channel(workers).await),
        ("result items ", result_items(workers).await),
    ] {
        println!(
            "{style}: got \"{}\" at once; workers still alive: {}",
            run.error, run.live_tasks
        );
    }
}
