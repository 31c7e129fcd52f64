use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let _ = pipeline! {
        from_iter(1..=5u64) -> scan(Rc::new(0u64), |total, n| Some(**total + n)) -> count()
    };
}
