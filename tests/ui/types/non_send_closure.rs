use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let factor = Rc::new(2u64);
    let _ = pipeline! {
        from_iter(0..3u64) -> map(move |n| n * *factor) -> collect::<Vec<_>>()
    };
}
