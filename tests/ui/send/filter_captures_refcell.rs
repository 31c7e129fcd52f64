use gopipe::pipeline;
use std::cell::RefCell;
use std::rc::Rc;

fn main() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let _ = pipeline! {
        from_iter(0..3u64)
            -> filter(move |n| { seen.borrow_mut().push(*n); *n > 0 })
            -> collect::<Vec<_>>()
    };
}
