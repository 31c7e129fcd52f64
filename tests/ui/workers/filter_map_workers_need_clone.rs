use gopipe::pipeline;
use std::sync::Mutex;

fn main() {
    let cache = Mutex::new(std::collections::HashMap::<u64, String>::new());
    let _ = pipeline! {
        from_iter(0..3u64)
            -> filter_map(move |n| cache.lock().unwrap().get(&n).cloned()) [workers = 2]
            -> count()
    };
}
