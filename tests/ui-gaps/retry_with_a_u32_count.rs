use gopipe::pipeline;

fn main() {
    let attempts: u32 = 3;
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_map(|s: &str| s.parse::<u32>()) [retry = attempts]
            -> collect::<Vec<_>>()
    };
}
