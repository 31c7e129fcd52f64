use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> flat_map(|n: u64| n * 2) -> collect::<Vec<_>>()
    };
}
