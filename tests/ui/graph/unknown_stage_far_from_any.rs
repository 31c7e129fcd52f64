use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(0..3) -> frobnicate(|n: i32| n) -> collect() };
}
