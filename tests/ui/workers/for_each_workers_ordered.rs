use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> for_each(|n| println!("{n}")) [workers = 2, ordered]
    };
}
