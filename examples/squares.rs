//! The Go blog's pipeline (gen -> sq -> merge) on the runtime, by hand.
//!
//! `cargo run --example squares`
//!
//! 1. Sums the squares of 1..=1000 with `sq` fanned out to 2 workers.
//! 2. Reads only the first square of an endless generator and stops: in Go, the generator and
//!    the squarers would block forever on their next send (a goroutine leak); here every stage
//!    exits, which the program checks by listing the pipeline's live tasks.

use std::convert::Infallible;

use pipeline::diagnostics::live_tasks_of;
use pipeline::stage::Stage;
use pipeline::{PipelineError, Scope, fan_out};

async fn sum_of_squares(up_to: u64) -> Result<u64, PipelineError<Infallible>> {
    let scope = Scope::new();
    let numbers = Stage::new("gen").spawn_source(&scope, 1..=up_to);
    let mut squares = fan_out(&scope, "sq", 2, numbers, |n: u64| async move { Ok(n * n) });
    let mut total = 0;
    while let Some(square) = squares.recv().await {
        total += square;
    }
    scope.join().await?;
    Ok(total)
}

async fn first_square_of_endless_numbers() -> Result<(u64, usize), PipelineError<Infallible>> {
    let scope = Scope::new();
    let id = scope.id();
    let numbers = Stage::new("gen").spawn_source(&scope, 2u64..); // never ends by itself
    let mut squares = fan_out(&scope, "sq", 2, numbers, |n: u64| async move { Ok(n * n) });
    let first = squares.recv().await.unwrap_or_default();
    scope.stop(); // the consumer has what it needs: stop early, not an error
    scope.join().await?;
    Ok((first, live_tasks_of(id).len()))
}

#[tokio::main]
async fn main() -> Result<(), PipelineError<Infallible>> {
    let total = sum_of_squares(1000).await?;
    println!("gen -> sq (2 workers) -> sum: the squares of 1..=1000 add up to {total}");

    let (first, live) = first_square_of_endless_numbers().await?;
    println!("endless gen -> sq: took the first square ({first}) and stopped early");
    println!("stage tasks still alive afterwards: {live} (a Go version would leak 3 goroutines)");
    Ok(())
}
