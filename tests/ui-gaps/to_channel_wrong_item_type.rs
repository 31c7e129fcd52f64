use gopipe::pipeline;

fn main() {
    let (tx, _rx) = tokio::sync::mpsc::channel::<String>(8);
    let _ = pipeline! {
        from_iter(0..3u64) -> to_channel(tx)
    };
}
