use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let numbers = from_iter([1u32, 2]) -> tee() [rate = 10];
        let doubled = numbers -> map(|n| n * 2);
        merge(numbers, doubled) -> collect::<Vec<_>>()
    };
}
