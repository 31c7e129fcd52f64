use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(0..3) -> collect() [capacity = 4] };
}
