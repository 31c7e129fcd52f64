use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let numbers = from_iter(0..3);
        merge(numbers, nmubers) -> collect()
    };
}
