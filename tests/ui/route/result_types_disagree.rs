use gopipe::pipeline;

async fn run() -> Result<(), gopipe::PipelineError<std::convert::Infallible>> {
    let (total, count): (u32, u32) = pipeline! {
        let [small, large] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 10));
        let total = small -> fold(0, |total, n| total + n);
        let count = large -> count();
        (total, count)
    }
    .await?;
    let _ = (total, count);
    Ok(())
}

fn main() {
    let _ = run();
}
