//! The Go blog's pipeline — gen -> sq -> merge — as one `pipeline!` block.
//!
//! `cargo run --example squares`
//!
//! In Go, `sq` runs twice on the same input (fan-out) and `merge` joins the two outputs
//! (fan-in); here that is `map(..) [workers = 2]`. Then the consumer reads only the first
//! value of an endless generator and stops. In Go, the generator and both squarers would block
//! forever on their next send — a goroutine leak; here every stage exits, which the program
//! checks by listing the run's live tasks.
//!
//! `cargo expand --example squares` shows the code each stage becomes.

use std::convert::Infallible;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, PipelineError, Run, pipeline};

/// gen -> sq (2 workers, merged) -> sum.
pub async fn sum_of_squares(up_to: u64) -> Result<u64, PipelineError<Infallible>> {
    squares_summed(up_to).await
}

/// gen -> sq -> sum, started: the run to await, whose `graph()` is its picture.
pub fn squares_summed(up_to: u64) -> Run<u64, Infallible> {
    pipeline! {
        from_iter(1..=up_to) [name = "gen"]
            -> map(|n| n * n) [workers = 2, name = "sq"]
            -> fold(0, |total, square| total + square)
    }
}

/// What reading only the first square left behind.
#[derive(Debug)]
pub struct FirstSquare {
    /// The first square that came out.
    pub square: u64,
    /// Stage tasks of the run still alive after it returned: always 0.
    pub live_tasks: usize,
    /// The run's picture.
    pub graph: Graph,
}

/// An endless gen -> sq (2 workers); the consumer takes the first value and stops.
pub async fn first_square() -> Result<FirstSquare, PipelineError<Infallible>> {
    let run = pipeline! {
        from_iter(2u64..) [name = "gen"]
            -> map(|n| n * n) [workers = 2, name = "sq"]
            -> first()
    };
    let (id, graph) = (run.id(), run.graph());
    let square = run.await?.unwrap_or_default();
    Ok(FirstSquare {
        square,
        live_tasks: live_tasks_of(id).len(),
        graph,
    })
}

#[tokio::main]
async fn main() -> Result<(), PipelineError<Infallible>> {
    let total = sum_of_squares(1000).await?;
    println!("gen -> sq (2 workers) -> sum: the squares of 1..=1000 add up to {total}");

    let first = first_square().await?;
    println!(
        "endless gen -> sq: took the first square ({}) and stopped early",
        first.square
    );
    println!(
        "stage tasks still alive afterwards: {} (the Go version leaks 3 goroutines)",
        first.live_tasks
    );
    Ok(())
}
