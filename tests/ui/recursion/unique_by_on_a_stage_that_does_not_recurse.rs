use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter([1u32]) -> then(|n: u32| async move { n }) [unique_by = |n: &u32| *n] -> count()
    };
}
