use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> map(|total, n| total + n) -> collect::<Vec<_>>()
    };
}
