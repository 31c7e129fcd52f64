use gopipe::pipeline;

async fn load(id: u64) -> Result<String, std::io::Error> {
    Ok(id.to_string())
}

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64)
            -> try_then(load)
            -> try_map(|text: String| text.parse::<u64>())
            -> collect::<Vec<_>>()
    };
}
