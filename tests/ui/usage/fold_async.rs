use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> fold_async(0, |total, n| async move { total + n })
    };
}
