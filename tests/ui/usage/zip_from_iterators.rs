use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> zip(0..10u64) -> collect::<Vec<_>>()
    };
}
