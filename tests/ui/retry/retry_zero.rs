use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"]) -> try_map(|s: &str| s.parse::<u32>()) [retry = 0] -> collect::<Vec<_>>()
    };
}
