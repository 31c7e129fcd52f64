use gopipe::pipeline;

#[tokio::main]
async fn main() {
    let _ = pipeline! {
        #![metrics = "off"]
        from_iter(0..3u8) -> count()
    }
    .await;
}
