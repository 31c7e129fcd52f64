use gopipe::pipeline;

fn main() {
    let batch: u32 = 100;
    let _ = pipeline! {
        from_iter(0..1000u64) -> chunks(batch) -> count()
    };
}
