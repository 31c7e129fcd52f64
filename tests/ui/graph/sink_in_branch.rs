use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let total = from_iter(0..3) -> count();
        total -> collect()
    };
}
