use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> filter(|n: &u64| *n % 2) -> collect::<Vec<_>>()
    };
}
