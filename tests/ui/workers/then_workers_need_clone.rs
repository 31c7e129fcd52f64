use gopipe::pipeline;
use std::sync::Mutex;

fn main() {
    let calls = Mutex::new(0u64);
    let _ = pipeline! {
        from_iter(0..3u64)
            -> then(move |n| { *calls.lock().unwrap() += 1; async move { n } }) [workers = 4]
            -> collect::<Vec<_>>()
    };
}
