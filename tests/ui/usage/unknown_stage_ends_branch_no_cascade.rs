use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let numbers = from_iter(0..10u64) -> broadcast();
        let squares = numbers -> map(|n| n * n);
        merge(squares, numbers) -> collect::<Vec<_>>()
    };
}
