use gopipe::pipeline;

fn main() {
    // An async stage has a task of its own already: `boundary` is for the stages that fuse.
    let _ = pipeline! {
        from_iter(0..3u64) -> then(|n| async move { n + 1 }) [boundary] -> count()
    };
}
