use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(0..3) -> map(|n: i32| n) [workers 4] -> collect() };
}
