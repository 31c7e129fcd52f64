use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> then(|n: u64| n * 2) -> collect::<Vec<_>>()
    };
}
