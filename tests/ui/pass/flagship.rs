// The README's flagship block compiles and computes the right sum.
use gopipe::pipeline;

#[tokio::main]
async fn main() -> Result<(), gopipe::PipelineError<std::convert::Infallible>> {
    let total: u64 = pipeline! {
        from_iter(1..=1_000u64)
            -> map(|n| n * n) [workers = 4]
            -> fold(0, |acc, n| acc + n)
    }
    .await?;
    assert_eq!(total, 333_833_500);
    Ok(())
}
