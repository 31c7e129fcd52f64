use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let (_tx, rx) = tokio::sync::mpsc::channel::<Rc<u64>>(8);
    let _ = pipeline! {
        from_channel(rx) -> count()
    };
}
