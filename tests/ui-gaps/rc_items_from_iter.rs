use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let names = vec![Rc::new("ann".to_string()), Rc::new("bob".to_string())];
    let _ = pipeline! {
        from_iter(names) -> map(|name| name.len()) -> collect::<Vec<_>>()
    };
}
