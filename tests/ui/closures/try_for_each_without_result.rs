use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u64) -> try_for_each(|n: u64| println!("{n}"))
    };
}
