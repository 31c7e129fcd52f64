use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64)
            -> map(|n| n * 2)
            -> map(|s: String| s.len())
            -> collect::<Vec<_>>()
    };
}
