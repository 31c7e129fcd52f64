use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> map_err(|e: String| e.len()) -> collect::<Vec<_>>()
    };
}
