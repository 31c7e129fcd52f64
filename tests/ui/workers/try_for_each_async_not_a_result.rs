use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u32) -> try_for_each_async(|n| async move { println!("{n}") })
    };
}
