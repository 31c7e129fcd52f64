use gopipe::pipeline;

fn main() {
    let _ = pipeline! { from_iter(0..3) -> mapp(|n: i32| n + 1) -> collect() };
}
