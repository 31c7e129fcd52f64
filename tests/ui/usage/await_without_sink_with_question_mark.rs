use gopipe::pipeline;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lines = vec!["a".to_string(), "b".to_string()];
    pipeline! {
        from_iter(lines) -> inspect(|line| println!("{line}"))
    }
    .await?;
    Ok(())
}
