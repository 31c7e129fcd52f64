use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> flat_map(|n| vec![Rc::new(n), Rc::new(n + 1)]) -> count()
    };
}
