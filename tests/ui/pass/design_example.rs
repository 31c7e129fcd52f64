// The DESIGN's second example: fan-in of named branches, an external cancel token,
// errors on their own channel, per-item timeout and workers.
use std::time::Duration;

use futures::StreamExt;
use gopipe::{Elapsed, pipeline};
use tokio_util::sync::CancellationToken;

#[derive(Debug)]
enum Error {
    Timeout,
    Parse(String),
}

impl From<Elapsed> for Error {
    fn from(_: Elapsed) -> Self {
        Error::Timeout
    }
}

async fn fetch(url: String) -> Result<String, Error> {
    Ok(format!("{url}:body"))
}

fn parse(text: String) -> Result<usize, Error> {
    if text.contains("bad") { Err(Error::Parse(text)) } else { Ok(text.len()) }
}

#[tokio::main]
async fn main() {
    let token = CancellationToken::new();
    let local_files = futures::stream::iter(vec!["a".to_owned(), "bad".to_owned()]);
    let urls = vec!["x".to_owned(), "y".to_owned()];
    let stored = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let store = {
        let stored = stored.clone();
        move |n: usize| stored.lock().unwrap().push(n)
    };
    let (run, errors) = pipeline! {
        #![cancel = token.clone(), errors = channel, capacity = 128]
        let local = from_stream(local_files);
        let remote = from_iter(urls) -> try_then(fetch) [workers = 8, timeout = Duration::from_secs(5)];
        merge(local, remote) -> try_map(parse) -> for_each(store)
    }
    .split_errors();
    let (outcome, errors) = tokio::join!(run, errors.collect::<Vec<_>>());
    outcome.unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(stored.lock().unwrap().len(), 3);
    let _ = Error::Timeout;
}
