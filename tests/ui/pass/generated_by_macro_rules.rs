// A `pipeline!` block written by the user's own `macro_rules!`: fragments arrive wrapped in
// invisible groups (`$name:literal`, `$workers:expr`), and must read as what they are.
use gopipe::pipeline;

macro_rules! squares {
    ($name:literal, $workers:expr, $branch:ident, $items:expr) => {
        pipeline! {
            let $branch = from_iter($items);
            $branch -> map(|n: u64| n * n) [name = $name, workers = $workers, ordered] -> collect::<Vec<_>>()
        }
    };
}

#[tokio::main]
async fn main() {
    let squares = squares!("square", 2 + 1, numbers, 1..=4u64).await.unwrap();
    assert_eq!(squares, [1, 4, 9, 16]);
}
