use gopipe::pipeline;
use std::collections::HashMap;
use std::rc::Rc;

fn main() {
    let names = Rc::new(HashMap::from([(1u64, "one")]));
    let _ = pipeline! {
        from_iter(0..3u64) -> filter_map(move |n| names.get(&n).map(|s| s.len())) -> count()
    };
}
