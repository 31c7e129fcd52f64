use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(0..3) -> map::<i32>(|n: i32| n) -> collect() };
}
