use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let words = Rc::new(vec!["a", "b"]);
    let _ = pipeline! {
        from_iter(0..3u64)
            -> flat_map(move |n| words.iter().map(|w| format!("{w}{n}")).collect::<Vec<_>>())
            -> count()
    };
}
