use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let [small, large] = from_iter(0..100u32) -> map(|n| n * 2);
        let total = small -> fold(0, |total, n| total + n);
        let count = large -> count();
        (total, count)
    };
}
