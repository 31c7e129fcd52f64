use gopipe::pipeline;
use std::time::Duration;

async fn slow(n: u64) -> u64 {
    n
}

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_map(|s: &str| s.parse::<u64>().map_err(|e| e.to_string()))
            -> then(slow) [timeout = Duration::from_secs(1)]
            -> collect::<Vec<_>>()
    };
}
