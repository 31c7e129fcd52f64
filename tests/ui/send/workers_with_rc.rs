use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let factor = Rc::new(3u64);
    let _ = pipeline! {
        from_iter(0..3u64) -> map(move |n| n * *factor) [workers = 4] -> collect::<Vec<_>>()
    };
}
