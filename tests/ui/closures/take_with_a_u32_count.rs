use gopipe::pipeline;

fn main() {
    let limit: u32 = 3;
    let _ = pipeline! {
        from_iter(0..10u64) -> take(limit) -> collect::<Vec<_>>()
    };
}
