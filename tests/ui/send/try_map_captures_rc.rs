use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let limit = Rc::new(10u64);
    let _ = pipeline! {
        from_iter(0..3u64)
            -> try_map(move |n| if n < *limit { Ok(n) } else { Err(format!("{n} is too big")) })
            -> collect::<Vec<_>>()
    };
}
