use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let names = futures::stream::iter(vec![Rc::new(1u64), Rc::new(2)]);
    let _ = pipeline! {
        from_stream(names) -> collect::<Vec<_>>()
    };
}
