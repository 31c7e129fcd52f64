use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter([1u32]) -> recurse() -> count()
    };
}
