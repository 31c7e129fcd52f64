use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(0..3) -> take(2) [workers = 2] -> collect() };
}
