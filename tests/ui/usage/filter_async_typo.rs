use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> filtr(|n| *n > 2) -> count()
    };
}
