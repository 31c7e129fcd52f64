use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> map(|n| async move { n * 2 }) -> buffer_unordered(4) -> collect::<Vec<_>>()
    };
}
