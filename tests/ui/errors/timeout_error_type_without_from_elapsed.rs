use gopipe::pipeline;
use std::time::Duration;

#[derive(Debug)]
enum FetchError {
    NotFound,
}

async fn fetch(id: u64) -> Result<u64, FetchError> {
    if id == 0 { Err(FetchError::NotFound) } else { Ok(id) }
}

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64)
            -> try_then(fetch) [workers = 2, timeout = Duration::from_millis(100)]
            -> collect::<Vec<_>>()
    };
}
