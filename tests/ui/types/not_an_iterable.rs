use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(42u64) -> collect::<Vec<u64>>() };
}
