use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(1..=5u64) -> scan(0u64, |total, n| { *total += n; *total }) -> collect::<Vec<_>>()
    };
}
