use gopipe::pipeline;

fn main() {
    let per_second: u64 = 10;
    let _ = pipeline! {
        from_iter([1u32, 2]) -> map(|n| n * 2) [rate = per_second] -> collect::<Vec<_>>()
    };
}
