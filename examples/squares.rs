//! The Go blog's pipeline — gen -> sq -> merge — as one `pipeline!` block.
//!
//! `cargo run --example squares`
//!
//! 1. Sums the squares of 1..=1000 with `sq` fanned out to 2 workers, merged back.
//! 2. Reads only the first square of an endless generator and stops. In Go, the generator and
//!    the squarers would block forever on their next send (a goroutine leak); here every stage
//!    exits, which the program checks by listing the run's live tasks.
//!
//! `cargo expand --example squares` shows the code each stage becomes.

use std::convert::Infallible;

use pipeline::diagnostics::live_tasks_of;
use pipeline::{PipelineError, pipeline};

#[tokio::main]
async fn main() -> Result<(), PipelineError<Infallible>> {
    let total = pipeline! {
        from_iter(1..=1000u64)
            -> map(|n| n * n) [workers = 2, name = "sq"]
            -> fold(0, |total, square| total + square)
    }
    .await?;
    println!("gen -> sq (2 workers) -> sum: the squares of 1..=1000 add up to {total}");

    let run = pipeline! {
        from_iter(2u64..) [name = "gen"]
            -> map(|n| n * n) [workers = 2, name = "sq"]
            -> first()
    };
    let id = run.id();
    let first = run.await?.unwrap_or_default();
    println!("endless gen -> sq: took the first square ({first}) and stopped early");
    println!(
        "stage tasks still alive afterwards: {} (a Go version would leak 3 goroutines)",
        live_tasks_of(id).len()
    );
    Ok(())
}
