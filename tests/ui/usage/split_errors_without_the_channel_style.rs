use gopipe::pipeline;

#[tokio::main]
async fn main() {
    // Only `errors = channel` blocks have an error stream to take.
    let (run, _errors) = pipeline! {
        from_iter(["1", "x"]) -> try_map(|s: &str| s.parse::<u32>()) -> collect::<Vec<_>>()
    }
    .split_errors();
    let _ = run.await;
}
