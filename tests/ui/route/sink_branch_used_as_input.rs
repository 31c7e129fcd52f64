use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let [small, large] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 10));
        let total = small -> fold(0, |total, n| total + n);
        let count = large -> count();
        let again = total -> map(|n| n * 2) -> collect::<Vec<_>>();
        (count, again)
    };
}
