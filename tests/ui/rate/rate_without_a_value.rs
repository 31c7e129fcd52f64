use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter([1u32, 2]) -> map(|n| n * 2) [rate] -> collect::<Vec<_>>()
    };
}
