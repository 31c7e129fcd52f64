use gopipe::pipeline;

fn main() {
    let factor = 3u64;
    let _ = pipeline! {
        from_iter(0..3u64) -> map(|n| n * factor) -> collect::<Vec<_>>()
    };
}
