use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_then(|s: &str| async move { s.parse::<u64>() })
            -> try_for_each(|n: u64| if n > 0 { Ok(()) } else { Err(format!("{n} is zero")) })
    };
}
