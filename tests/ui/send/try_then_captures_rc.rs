// several errors: the closure and the future it returns both hold the `Rc`, and each must be `Send`
use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let base = Rc::new(10u64);
    let _ = pipeline! {
        from_iter(0..3u64)
            -> try_then(move |n| { let base = base.clone(); async move { Ok::<u64, String>(n + *base) } })
            -> collect::<Vec<_>>()
    };
}
