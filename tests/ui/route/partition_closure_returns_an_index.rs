use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let [even, odd] = from_iter(0..100u32) -> partition(|n: &u32| *n % 2);
        let evens = even -> count();
        let odds = odd -> count();
        (evens, odds)
    };
}
