use gopipe::pipeline;
use std::sync::Mutex;

fn main() {
    let seen = Mutex::new(0u64);
    let _ = pipeline! {
        from_iter(0..3u64)
            -> inspect(move |_| *seen.lock().unwrap() += 1) [workers = 2]
            -> count()
    };
}
