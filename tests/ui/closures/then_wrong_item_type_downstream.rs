use gopipe::pipeline;

async fn lookup(id: u64) -> String {
    format!("user {id}")
}

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> then(lookup) -> map(|id: u64| id + 1) -> collect::<Vec<_>>()
    };
}
