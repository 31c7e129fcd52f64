use gopipe::pipeline;
use std::error::Error;

async fn fetch(url: String) -> Result<usize, Box<dyn Error>> {
    Ok(url.len())
}

fn main() {
    let _ = pipeline! {
        from_iter(vec!["a".to_string()]) -> try_then(fetch) -> collect::<Vec<_>>()
    };
}
