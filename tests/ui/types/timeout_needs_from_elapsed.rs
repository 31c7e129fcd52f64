use gopipe::pipeline;
use std::time::Duration;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_then(|s: &str| async move { s.parse::<u32>() }) [timeout = Duration::from_secs(1)]
            -> collect::<Vec<_>>()
    };
}
