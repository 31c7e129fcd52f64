use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter([1u32]) -> try_recurse(|n: u32| async move { (n, vec![n + 1]) }) -> count()
    };
}
