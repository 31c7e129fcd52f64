use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "x"])
            -> try_map(|s: &str| {
                let n: u64 = s.parse()?;
                Ok::<u64, std::io::Error>(n)
            })
            -> collect::<Vec<_>>()
    };
}
