use gopipe::pipeline;


fn main() {
    let _ = pipeline! {
        from_iter(0..10u32) -> chunks_timeout(100, std::time::Duration::from_millis(50)) [workers = 2] -> count()
    };
}
