use gopipe::pipeline;


fn main() {
    let _ = pipeline! {
        from_iter(0..10u32) -> chunks_timeout(0, std::time::Duration::from_millis(10)) -> count()
    };
}
