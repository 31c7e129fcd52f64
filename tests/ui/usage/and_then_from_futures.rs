use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> and_then(|n| async move { Ok::<u64, String>(n) }) -> collect::<Vec<_>>()
    };
}
