use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_stream(vec![1, 2, 3]) -> collect::<Vec<_>>()
    };
}
