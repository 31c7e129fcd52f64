use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let numbers = from_iter(0..3u64) -> tee();
        let again = numbers;
        merge(numbers, again) -> collect::<Vec<_>>()
    };
}
