// Literal checks see through the fragments of a user's macro: `workers = 0` is still caught.
use gopipe::pipeline;

macro_rules! square {
    ($workers:literal) => {
        pipeline! { from_iter(0..3u64) -> map(|n: u64| n * n) [workers = $workers] -> collect::<Vec<_>>() }
    };
}

fn main() {
    let _ = square!(0);
}
