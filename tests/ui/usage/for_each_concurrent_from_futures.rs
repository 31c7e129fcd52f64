use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> for_each_concurrent(4, |n| async move { println!("{n}") })
    };
}
