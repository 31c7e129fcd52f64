use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> inspect(|n: u64| println!("{n}")) -> collect::<Vec<_>>()
    };
}
