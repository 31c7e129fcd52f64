use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(0..3) -> take(2.5) -> collect() };
}
