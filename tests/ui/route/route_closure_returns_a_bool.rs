use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let [small, large] = from_iter(0..100u32) -> route(|n: &u32| *n >= 10);
        let total = small -> fold(0, |total, n| total + n);
        let count = large -> count();
        (total, count)
    };
}
