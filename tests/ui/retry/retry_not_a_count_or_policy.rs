use gopipe::pipeline;
use std::time::Duration;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_map(|s: &str| s.parse::<u32>()) [retry = Duration::from_secs(1)]
            -> collect::<Vec<_>>()
    };
}
