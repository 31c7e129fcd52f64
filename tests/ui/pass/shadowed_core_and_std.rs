// A user module called `core` (or `std`) does not capture the generated code's paths.
#[allow(dead_code)]
mod core {
    pub struct Option;
}
#[allow(dead_code)]
mod std {}

use gopipe::pipeline;

#[tokio::main]
async fn main() {
    let out: Vec<u8> = pipeline! { from_iter(0..3u8) -> map(|n| n + 1) -> collect() }.await.unwrap();
    ::std::assert_eq!(out, [1, 2, 3]);
}
