use gopipe::pipeline;

#[tokio::main]
async fn main() {
    let _ = pipeline! {
        #![progress = 250]
        from_iter(0..3u8) -> count()
    }
    .await;
}
