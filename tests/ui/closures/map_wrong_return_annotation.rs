use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> map(|n: u64| -> String { n * 2 }) -> collect::<Vec<_>>()
    };
}
