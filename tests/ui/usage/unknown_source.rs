use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_vec(vec![1, 2, 3]) -> map(|n: i32| n * 2) -> collect::<Vec<_>>()
    };
}
