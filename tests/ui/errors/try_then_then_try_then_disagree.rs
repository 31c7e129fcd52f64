use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_then(|s: &str| async move { s.parse::<u64>() })
            -> try_then(|n: u64| async move { if n > 0 { Ok(n) } else { Err(format!("{n} is zero")) } })
            -> collect::<Vec<_>>()
    };
}
