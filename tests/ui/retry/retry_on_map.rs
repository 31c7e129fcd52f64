use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"]) -> map(|s: &str| s.len()) [retry = 3] -> collect::<Vec<_>>()
    };
}
