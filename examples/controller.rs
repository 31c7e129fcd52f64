//! "Go channels and memory leaks", example 2: a controller starts, pauses, resumes and stops
//! a pool of workers, printing each state change.
//!
//! `cargo run --example controller`
//!
//! In Go every worker polls a status channel in a busy loop. Here the pool is a pipeline
//! without a sink — a stream of results — and the controller holds its handle: `pause()`
//! stops the workers at their next item, `resume()` lets them go on, `cancel()` stops them for
//! good. A paused pool still stops promptly.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::StreamExt;
use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, Handle, pipeline};

/// What the controller saw in each state.
#[derive(Debug, Default)]
pub struct Report {
    /// Items processed by the workers while running, while paused, after resuming (each
    /// counted from the state's change on).
    pub processed: [u64; 3],
    /// Results the controller received in each of those states.
    pub received: [u64; 3],
    /// Stage tasks still alive after stopping: always 0.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

/// Reads results for `period`; returns how many arrived.
async fn receive_for(results: &mut Handle<u64>, period: Duration) -> u64 {
    let mut received = 0;
    let deadline = tokio::time::sleep(period);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            result = results.next() => match result {
                Some(_) => received += 1,
                None => return received,
            },
            () = &mut deadline => return received,
        }
    }
}

/// Runs a pool of `workers`, each state lasting `period`.
pub async fn control(workers: usize, period: Duration) -> Report {
    let processed = Arc::new(AtomicU64::new(0));
    let counter = processed.clone();
    let mut pool = pipeline! {
        from_iter(0u64..) [name = "jobs"]
            -> then(move |job| {
                let counter = counter.clone();
                async move {
                    tokio::time::sleep(Duration::from_micros(200)).await; // the work
                    counter.fetch_add(1, Ordering::SeqCst);
                    job
                }
            }) [workers = workers, name = "worker"]
    };
    let id = pool.id();
    let mut report = Report {
        graph: pool.graph(),
        ..Report::default()
    };
    for (state, label) in ["Running", "Paused", "Running"].into_iter().enumerate() {
        match label {
            "Paused" => pool.pause(),
            _ => pool.resume(),
        }
        // Counted from the change on, so that what finishes while paused is only what the
        // workers had in hand when it came (counted from the end of the last period, an
        // item finished and a new one taken between the two would count as well).
        let start = processed.load(Ordering::SeqCst);
        println!("Controller: {label}");
        report.received[state] = receive_for(&mut pool, period).await;
        report.processed[state] = processed.load(Ordering::SeqCst) - start;
        println!(
            "  workers processed {} items, the controller received {}",
            report.processed[state], report.received[state]
        );
    }
    pool.cancel();
    println!("Controller: Stopped ({:?})", pool.join().await.unwrap_err());
    report.live_tasks = live_tasks_of(id).len();
    report
}

#[tokio::main]
async fn main() {
    let report = control(4, Duration::from_millis(300)).await;
    println!("stage tasks still alive: {}", report.live_tasks);
}
