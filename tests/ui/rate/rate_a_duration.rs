use gopipe::pipeline;
use std::time::Duration;

fn main() {
    // One item every 100 ms is `Rate::per(1, Duration::from_millis(100))`.
    let _ = pipeline! {
        from_iter([1u32, 2]) -> map(|n| n * 2) [rate = Duration::from_millis(100)] -> collect::<Vec<_>>()
    };
}
