use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let offset = Rc::new(5u64);
    let _ = pipeline! {
        from_iter(0..3u64)
            -> then(move |n| { let offset = *offset; async move { n + offset } })
            -> collect::<Vec<_>>()
    };
}
