use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_map(|s: &str| s.parse::<u32>())
            -> try_map(|n: u32| if n > 1 { Ok(n) } else { Err(format!("{n} is too small")) })
            -> collect::<Vec<_>>()
    };
}
