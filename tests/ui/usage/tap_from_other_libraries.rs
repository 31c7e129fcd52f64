use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> tap(|n| println!("{n}")) -> count()
    };
}
