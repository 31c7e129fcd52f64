use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        #![fusion = 1]
        from_iter(0..3u64) -> map(|n| n + 1) -> count()
    };
}
