//! "Preventing goroutine leaks", part 2: `newRandStream` produces forever; the consumer
//! wants three numbers.
//!
//! `cargo run --example rand_stream`
//!
//! In Go, after the third receive the generator blocks on its next send, forever, and its
//! `defer fmt.Println("newRandStream closure exited.")` never runs. Here `take(3)` stops the
//! generator: its next send never returns, and the runtime drops it right there.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, PipelineError, pipeline};

/// Whether the generator has exited (its future was dropped), like Go's deferred print.
#[derive(Clone, Default)]
pub struct Exited(Arc<Mutex<bool>>);

impl Exited {
    /// Whether the generator has exited.
    pub fn get(&self) -> bool {
        *self.0.lock().unwrap()
    }
}

struct OnExit(Exited);

impl Drop for OnExit {
    fn drop(&mut self) {
        println!("newRandStream closure exited.");
        *self.0.0.lock().unwrap() = true;
    }
}

/// A xorshift generator: random enough for a demo, no dependency.
fn random_numbers(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed | 1;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

/// The numbers taken, and what the run left behind.
#[derive(Debug)]
pub struct Three {
    /// The three numbers.
    pub numbers: Vec<u64>,
    /// Stage tasks still alive afterwards: always 0.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

/// Three numbers of an endless random stream; then the stream stops.
pub async fn three_random_ints(
    exited: &Exited,
) -> Result<Three, PipelineError<std::convert::Infallible>> {
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64);
    let on_exit = OnExit(exited.clone());
    let run = pipeline! {
        generate(move |emit| async move {
            let _on_exit = on_exit;
            let mut next = random_numbers(seed);
            loop {
                emit.send(next()).await;
            }
        }) [name = "newRandStream"]
            -> take(3)
            -> collect()
    };
    let (id, graph) = (run.id(), run.graph());
    let numbers = run.await?;
    Ok(Three {
        numbers,
        live_tasks: live_tasks_of(id).len(),
        graph,
    })
}

#[tokio::main]
async fn main() -> Result<(), PipelineError<std::convert::Infallible>> {
    let exited = Exited::default();
    let three = three_random_ints(&exited).await?;
    println!("3 random ints:");
    for (i, n) in three.numbers.iter().enumerate() {
        println!("{}: {n}", i + 1);
    }
    println!("stage tasks still alive: {}", three.live_tasks);
    Ok(())
}
