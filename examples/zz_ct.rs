//! scratch
use gopipe::pipeline;
use std::time::Duration;

#[tokio::main]
async fn main() {
    let chunks = pipeline! {
        generate(|emit| async move {
            for n in 0..10u32 {
                emit.send(n).await;
                if n % 4 == 3 { tokio::time::sleep(Duration::from_millis(50)).await; }
            }
        })
        -> chunks_timeout(3, Duration::from_millis(20))
        -> collect::<Vec<_>>()
    }
    .await
    .unwrap();
    println!("{chunks:?}");
}
