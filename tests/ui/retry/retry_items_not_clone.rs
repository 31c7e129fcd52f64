use gopipe::pipeline;

struct Request {
    url: String,
}

async fn fetch(request: Request) -> Result<usize, std::io::Error> {
    Ok(request.url.len())
}

fn main() {
    let requests = vec![Request { url: "a".into() }];
    let _ = pipeline! {
        from_iter(requests) -> try_then(fetch) [retry = 3] -> collect::<Vec<_>>()
    };
}
