use gopipe::pipeline;

fn main() {
    let allowed = vec![1u64, 2];
    let _ = pipeline! {
        from_iter(0..3u64) -> filter(|n| allowed.contains(n)) -> collect::<Vec<_>>()
    };
}
