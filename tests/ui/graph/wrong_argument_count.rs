use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(0..3) -> fold(|acc: i32, n: i32| acc + n) };
}
