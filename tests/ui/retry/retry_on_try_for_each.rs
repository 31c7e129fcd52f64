use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_for_each(|s: &str| s.parse::<u32>().map(drop)) [retry = 3]
    };
}
