use gopipe::pipeline;
use std::cell::RefCell;
use std::rc::Rc;

fn main() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let _ = pipeline! {
        from_iter(0..3u64) -> inspect(move |n| log.borrow_mut().push(*n)) -> count()
    };
}
