use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> inspect(|n| n + 1) -> collect::<Vec<_>>()
    };
}
