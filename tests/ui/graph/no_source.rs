use gopipe::pipeline;

fn main() {
    let _ = pipeline! { map(|n: i32| n + 1) -> collect() };
}
