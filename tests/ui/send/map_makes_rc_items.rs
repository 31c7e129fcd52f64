use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> map(|n| Rc::new(n)) -> map(|n| *n + 1) -> collect::<Vec<_>>()
    };
}
