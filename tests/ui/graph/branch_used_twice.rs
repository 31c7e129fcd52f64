use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let numbers = from_iter(0..3);
        let doubled = numbers -> map(|n: i32| n * 2);
        merge(numbers, doubled) -> collect()
    };
}
