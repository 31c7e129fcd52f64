use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> map(|n| vec![n, n]) -> flatten() -> collect::<Vec<_>>()
    };
}
