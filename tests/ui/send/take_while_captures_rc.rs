use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let limit = Rc::new(2u64);
    let _ = pipeline! {
        from_iter(0..10u64) -> take_while(move |n| *n < *limit) -> count()
    };
}
