use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let [small, large] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 10));
        let doubled = small -> map(|n| n * 2);
        merge(small, large, doubled) -> count()
    };
}
