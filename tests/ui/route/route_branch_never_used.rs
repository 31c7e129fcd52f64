use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let [small, large] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 10));
        small -> count()
    };
}
