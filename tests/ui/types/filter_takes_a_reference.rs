use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> filter(|n: u64| n > 1) -> collect::<Vec<_>>()
    };
}
