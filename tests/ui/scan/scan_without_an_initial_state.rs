use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(1..=5u64) -> scan(|total: &mut u64, n| { *total += n; Some(*total) }) -> count()
    };
}
