use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> filter_map(|n| (n > 0).then(|| Rc::new(n))) -> count()
    };
}
