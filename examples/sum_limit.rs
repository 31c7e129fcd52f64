//! "Go channels and memory leaks", example 1: several producers send numbers to several
//! consumers; when one consumer's running sum passes 10, every producer and consumer stops.
//!
//! `cargo run --example sum_limit`
//!
//! In Go this takes a context, a WaitGroup, a `select` in every loop and care not to close the
//! shared channel from a sender. Here: three producers merged, three consumer workers each
//! keeping its own running sum, and `first()` — the first sum past 10 ends the run, which
//! stops every producer and consumer.

use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, PipelineError, pipeline};

/// What stopped the run.
#[derive(Debug)]
pub struct Limit {
    /// The running sum that passed 10.
    pub sum: u32,
    /// Stage tasks still alive after the run returned: always 0.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

/// One producer: 1, 2, 3, 1, 2, 3, ... with a short pause between sends.
async fn produce(emit: gopipe::Emitter<u32>) {
    for n in [1, 2, 3].into_iter().cycle() {
        emit.send(n).await;
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// Runs the producers and consumers until a consumer's sum passes 10.
pub async fn sum_until_past_ten() -> Result<Limit, PipelineError<std::convert::Infallible>> {
    let run = pipeline! {
        #![capacity = 3]
        let a = generate(produce) [name = "sender-a"];
        let b = generate(produce) [name = "sender-b"];
        let c = generate(produce) [name = "sender-c"];
        merge(a, b, c)
            -> filter_map({
                let mut sum = 0; // each worker gets its own copy of this closure: its own sum
                move |n| {
                    sum += n;
                    (sum > 10).then_some(sum)
                }
            }) [workers = 3, name = "receiver"]
            -> first()
    };
    let (id, graph) = (run.id(), run.graph());
    let sum = run.await?.unwrap_or_default();
    Ok(Limit {
        sum,
        live_tasks: live_tasks_of(id).len(),
        graph,
    })
}

#[tokio::main]
async fn main() -> Result<(), PipelineError<std::convert::Infallible>> {
    let limit = sum_until_past_ten().await?;
    println!(
        "a receiver's sum reached {}: every sender and receiver stopped",
        limit.sum
    );
    println!("stage tasks still alive: {}", limit.live_tasks);
    Ok(())
}
