use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter([1u32]) -> recurse(|n: u32| async move { (n, vec![n + 1]) }) [max_pending = 0] -> count()
    };
}
