use gopipe::pipeline;
use std::cell::RefCell;
use std::rc::Rc;

fn main() {
    let total = Rc::new(RefCell::new(0u64));
    let _ = pipeline! {
        from_iter(0..3u64) -> for_each(move |n| *total.borrow_mut() += n)
    };
}
