use gopipe::pipeline;
use std::cell::RefCell;
use std::rc::Rc;

fn main() {
    let stored = Rc::new(RefCell::new(Vec::new()));
    let _ = pipeline! {
        from_iter(0..3u64)
            -> try_for_each(move |n| { stored.borrow_mut().push(n); Ok::<(), String>(()) })
    };
}
