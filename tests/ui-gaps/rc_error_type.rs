use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64)
            -> try_for_each(|n: u64| if n < 2 { Ok(()) } else { Err(Rc::new(format!("{n} failed"))) })
    };
}
