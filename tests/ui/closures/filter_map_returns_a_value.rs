use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "x"]) -> filter_map(|s: &str| s.parse::<u32>()) -> collect::<Vec<_>>()
    };
}
