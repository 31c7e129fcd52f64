use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64)
            -> then(|n| async move {
                let shared = Rc::new(n);
                tokio::task::yield_now().await;
                *shared
            })
            -> collect::<Vec<_>>()
    };
}
