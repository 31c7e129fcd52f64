use gopipe::pipeline;

fn main() {
    let lines = vec!["a", "b"];
    let _ = pipeline! {
        from_channel(lines) -> collect::<Vec<_>>()
    };
}
