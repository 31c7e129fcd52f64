use gopipe::pipeline;

#[tokio::main]
async fn main() {
    let doubled = pipeline! {
        from_iter(0..3u64) -> map(|n| n * 2)
    }
    .await;
}
