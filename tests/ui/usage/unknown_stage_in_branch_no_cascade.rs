use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let evens = from_iter(0..10u64) -> fliter(|n| *n % 2 == 0);
        let odds = from_iter(0..10u64) -> filter(|n| *n % 2 == 1);
        merge(evens, odds) -> collect::<Vec<_>>()
    };
}
