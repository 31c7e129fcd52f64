use gopipe::pipeline;
use std::sync::Mutex;

fn main() {
    let seen = Mutex::new(Vec::new());
    let _ = pipeline! {
        from_iter(0..3u64)
            -> map(move |n| { seen.lock().unwrap().push(n); n }) [workers = 2]
            -> collect::<Vec<_>>()
    };
}
