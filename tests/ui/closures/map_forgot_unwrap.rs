use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> map(|s: &str| s.parse::<u32>())
            -> fold(0u32, |total, n| total + n)
    };
}
