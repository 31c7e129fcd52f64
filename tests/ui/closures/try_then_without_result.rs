use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> try_then(|n: u64| async move { n + 1 }) -> collect::<Vec<_>>()
    };
}
