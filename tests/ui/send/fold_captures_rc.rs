use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let weight = Rc::new(2u64);
    let _ = pipeline! {
        from_iter(0..3u64) -> fold(0, move |total, n| total + n * *weight)
    };
}
