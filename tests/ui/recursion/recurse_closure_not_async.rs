use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter([1u32]) -> recurse(|n: u32| (n, vec![n + 1])) -> count()
    };
}
