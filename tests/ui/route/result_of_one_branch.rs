use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let total = from_iter(0..100u32) -> fold(0, |total, n| total + n);
        (total)
    };
}
