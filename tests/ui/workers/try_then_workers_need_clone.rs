use gopipe::pipeline;
use std::sync::Mutex;

fn main() {
    let client = Mutex::new(0u64);
    let _ = pipeline! {
        from_iter(0..3u64)
            -> try_then(move |n| {
                let id = *client.lock().unwrap() + n;
                async move { Ok::<u64, String>(id) }
            }) [workers = 8]
            -> collect::<Vec<_>>()
    };
}
